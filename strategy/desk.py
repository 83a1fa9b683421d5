"""The process's item on the staff desk (abramos/staff_desk.py): offers to collaborate waiting
for a decision."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from abramos.staff_desk import DeskItem
from strategy.models import CollaborationOffer


def desk(user) -> list[DeskItem]:
    if not user.has_perm("strategy.change_collaborationoffer"):
        return []
    return [
        DeskItem(
            title=_("Offers to collaborate without a decision"),
            count=CollaborationOffer.objects.pending().count(),
            url=reverse("admin:strategy_collaborationoffer_changelist") + "?status__exact=pending",
            order=40,
        )
    ]
