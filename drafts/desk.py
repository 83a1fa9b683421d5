"""The policy's items on the staff desk (abramos/staff_desk.py): adoptions to confirm and
renditions that failed."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from abramos.staff_desk import DeskItem
from drafts.models import Adoption, Rendition


def desk(user) -> list[DeskItem]:
    found = []
    if user.has_perm("drafts.change_adoption"):
        found.append(
            DeskItem(
                title=_("Adoptions to confirm"),
                count=Adoption.objects.filter(status=Adoption.Status.PENDING).count(),
                url=reverse("admin:drafts_adoption_changelist") + "?status__exact=pending",
                order=30,
            )
        )
    if user.has_perm("drafts.view_rendition"):
        failed = Rendition.objects.filter(status=Rendition.Status.FAILED).count()
        found.append(
            DeskItem(
                title=_("Downloads that failed to render"),
                count=failed,
                url=reverse("admin:drafts_rendition_changelist") + "?status__exact=failed",
                order=60,
                urgent=bool(failed),
            )
        )
    return found
