"""The consultation's items on the staff desk (abramos/staff_desk.py): comments waiting for an
answer, reported comments waiting for a decision, and the consultation window."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from abramos.staff_desk import DeskItem
from consultation import rules
from consultation.models import Consultation
from consultation.selectors import reported_comments, triage_comments
from consultation.staff_forms import TriageFilterForm


def desk(user) -> list[DeskItem]:
    found = []
    if rules.may_answer(user):
        # The same filter as the page the item links to, so the count is its number of rows.
        waiting = TriageFilterForm({"answered": "no"}).filter(triage_comments()).count()
        found.append(
            DeskItem(
                title=_("Comments without a published answer"),
                count=waiting,
                url=reverse("consultation:triage") + "?answered=no",
                order=10,
            )
        )
    if rules.may_moderate(user):
        reported = reported_comments().count()
        found.append(
            DeskItem(
                title=_("Reported comments without a decision"),
                count=reported,
                url=reverse("consultation:moderation-queue"),
                order=20,
            )
        )
    if user.has_perm("consultation.change_consultation"):
        found.append(_window())
    return found


def _window() -> DeskItem:
    now = timezone.now()
    current = Consultation.objects.newest_open(at=now)
    if current is not None:
        text = _("Open until %(day)s: “%(title)s”.") % {
            "day": date_format(timezone.localtime(current.closes_at), "DATETIME_FORMAT"),
            "title": current.title,
        }
        url = reverse("admin:consultation_consultation_change", args=[current.pk])
    else:
        upcoming = Consultation.objects.filter(opens_at__gt=now).order_by("opens_at").first()
        if upcoming is not None:
            text = _("No consultation is open; the next opens on %(day)s.") % {
                "day": date_format(timezone.localtime(upcoming.opens_at), "DATETIME_FORMAT")
            }
            url = reverse("admin:consultation_consultation_change", args=[upcoming.pk])
        else:
            text = _("No consultation is open. Publish a draft with a comment window to open one.")
            url = reverse("admin:consultation_consultation_changelist")
    return DeskItem(title=_("Consultation window"), url=url, text=text, order=5)
