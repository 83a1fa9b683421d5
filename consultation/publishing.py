"""The comment window, asked for on the page that publishes a version (drafts/publishing.py).

One source of truth for "open for comments": a version takes comments only inside the window
of its consultation, and the publish form opens that window with the publication, in one
transaction, so a draft is never announced for comments that nobody opened. Leaving both
dates empty publishes the draft without comments.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from drafts.publishing import PublishStep, register_publish_step, register_version_links

OPENS, CLOSES, TITLE = "consultation_opens_at", "consultation_closes_at", "consultation_title"
_DATETIME = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]


def _moment(label, help_text) -> forms.DateTimeField:
    """One end of the window: a date and time picker that also takes typed dates."""
    return forms.DateTimeField(
        label=label,
        required=False,
        input_formats=_DATETIME,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": _("Write a date and time, e.g. 04/03/2027 09:00.")},
        help_text=help_text,
    )


def _fields() -> dict[str, forms.Field]:
    return {
        OPENS: _moment(
            _("Comments open on"),
            _("Mexico City time. Leave both dates empty to publish without comments."),
        ),
        CLOSES: _moment(
            _("Comments close on"),
            _("Comments are accepted until this minute. Two months is usual."),
        ),
        TITLE: forms.CharField(
            label=_("Title of the consultation"),
            required=False,
            max_length=200,
            help_text=_("Optional: “Consulta pública del cuarto borrador”, for example."),
        ),
    }


def _clean(data) -> None:
    opens, closes = data.get(OPENS), data.get(CLOSES)
    if opens is None and closes is None:
        return
    if data.get("status") == "approved":
        raise ValidationError(
            {
                OPENS: gettext(
                    "An approved version is not put to consultation: leave the dates empty."
                )
            }
        )
    if opens is None or closes is None:
        missing = OPENS if opens is None else CLOSES
        raise ValidationError({missing: gettext("Give both dates of the window, or neither.")})
    if closes <= opens:
        raise ValidationError({CLOSES: gettext("The window must close after it opens.")})


def _run(*, version, data, actor) -> None:
    from consultation.services import consultation_open

    if data.get(OPENS) is None:
        return
    consultation_open(
        actor=actor, version=version, title=data.get(TITLE, ""),
        opens_at=data[OPENS], closes_at=data[CLOSES],
    )  # fmt: skip


def version_links(version) -> list[tuple[str, str]]:
    """On a version's admin page: open a consultation for it, or change its window (extend it,
    or close it by moving its end to now)."""
    from consultation.models import Consultation

    consultation = Consultation.objects.filter(version=version).first()
    if consultation is None:
        if version.status != version.Status.CONSULTATION:
            return []  # only the current draft is put to consultation
        url = reverse("admin:consultation_consultation_add") + f"?version={version.pk}"
        return [(gettext("Open a consultation on this version"), url)]
    url = reverse("admin:consultation_consultation_change", args=[consultation.pk])
    window = gettext(
        "Comments from %(opens)s to %(closes)s: change the window (extend or close it)"
    )
    when = {
        "opens": date_format(timezone.localtime(consultation.opens_at), "DATETIME_FORMAT"),
        "closes": date_format(timezone.localtime(consultation.closes_at), "DATETIME_FORMAT"),
    }
    return [(window % when, url)]


def register() -> None:
    register_version_links(version_links)
    register_publish_step(
        PublishStep(
            name="consultation",
            legend=_("Consultation: when the draft takes comments"),
            fields=_fields,
            clean=_clean,
            run=_run,
        )
    )
