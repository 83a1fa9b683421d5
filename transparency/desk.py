"""Transparency's item on the staff desk (abramos/staff_desk.py): contact messages without an
answer."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from abramos.staff_desk import DeskItem
from transparency.models import ContactMessage


def desk(user) -> list[DeskItem]:
    if not user.has_perm("transparency.change_contactmessage"):
        return []
    return [
        DeskItem(
            title=_("Contact messages without an answer"),
            count=ContactMessage.objects.unanswered().count(),
            url=reverse("admin:transparency_contactmessage_changelist") + "?answered__exact=0",
            order=45,
        )
    ]
