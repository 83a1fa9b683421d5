"""Writes on the approved policy: adoptions recorded through the public form and reviewed by
staff, and renditions sent to be rendered again."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from abramos.queue import enqueue_on_commit
from drafts.models import Adoption, Approval, Rendition, Version

REVIEW_PERMISSION = "drafts.change_adoption"
RENDER_PERMISSION = "drafts.change_rendition"
_STATE_ORDERS = {Adoption.Order.STATE, Adoption.Order.MUNICIPAL}


def approval_of(version: Version) -> Approval | None:
    """The version's approval record, if staff have entered it (None otherwise)."""
    try:
        return version.approval
    except Approval.DoesNotExist:
        return None


def adoption_opens_on(version: Version) -> datetime.date:
    """The first date an institution may have adopted `version`: the day it was approved."""
    approval = approval_of(version)
    if approval is not None:
        return approval.approved_on
    return timezone.localdate(version.published_at)


def adoption_errors(
    *, version: Version, order: str, state: str, adopted_on: datetime.date | None
) -> dict[str, list[str]]:
    """The rules an adoption follows, field by field (the form shows them all at once)."""
    errors: dict[str, list[str]] = {}
    if order in _STATE_ORDERS and not state:
        errors["state"] = [_("Choose the state of a state or municipal institution.")]
    if adopted_on is not None:
        opens_on = adoption_opens_on(version)
        if adopted_on > timezone.localdate():
            errors["adopted_on"] = [_("The date of adoption can’t be in the future.")]
        elif adopted_on < opens_on:
            errors["adopted_on"] = [
                _("The date of adoption can’t be before the policy was approved, on %(date)s.")
                % {"date": formats.date_format(opens_on, "DATE_FORMAT")}
            ]
    return errors


@transaction.atomic
def adoption_submit(
    *,
    version: Version,
    institution: str,
    order: str,
    branch: str,
    state: str,
    adopted_on: datetime.date,
    evidence_url: str = "",
    contact_name: str,
    contact_email: str,
) -> Adoption:
    """Record, pending confirmation by staff, that an institution adopted the approved policy."""
    if not version.is_approved:
        raise ValidationError(_("Adoptions can only be recorded for the approved policy."))
    if order == Adoption.Order.FEDERAL:
        state = ""  # a federal institution belongs to no state, whatever the form said
    errors = adoption_errors(version=version, order=order, state=state, adopted_on=adopted_on)
    if errors:
        raise ValidationError(errors)
    adoption = Adoption(
        version=version,
        institution=institution.strip(),
        order=order,
        branch=branch,
        state=state,
        adopted_on=adopted_on,
        evidence_url=evidence_url,
        contact_name=contact_name.strip(),
        contact_email=contact_email,
        status=Adoption.Status.PENDING,
    )
    adoption.full_clean()
    adoption._change_reason = "Submitted through the public form"
    adoption.save()
    return adoption


@transaction.atomic
def adoption_review(*, adoption: Adoption, actor, status: str) -> Adoption:
    """Confirm or reject an adoption: it shows in the public register only once confirmed."""
    if not actor.has_perm(REVIEW_PERMISSION):
        raise PermissionDenied(_("Only the Technical Group may review adoptions."))
    if status not in (Adoption.Status.CONFIRMED, Adoption.Status.REJECTED):
        raise ValueError(f"Not a review decision: {status!r}")
    adoption = Adoption.objects.select_for_update().get(pk=adoption.pk)
    adoption.status = status
    adoption.reviewed_at = timezone.now()
    adoption.reviewed_by = actor
    adoption.full_clean()
    adoption._change_reason = f"Reviewed: {status}"
    adoption._history_user = actor
    adoption.save()
    return adoption


def adoption_confirm(*, adoption: Adoption, actor) -> Adoption:
    return adoption_review(adoption=adoption, actor=actor, status=Adoption.Status.CONFIRMED)


def adoption_reject(*, adoption: Adoption, actor) -> Adoption:
    return adoption_review(adoption=adoption, actor=actor, status=Adoption.Status.REJECTED)


@transaction.atomic
def rendition_render_again(*, renditions, actor) -> int:
    """Send renditions that are not ready back to be rendered; returns how many were sent.

    A failed one starts again as pending with no attempts; a pending one (its task lost, e.g.
    while the broker was down) is simply sent again. Ready ones are left alone: their SHA-256 is
    published.
    """
    from drafts.tasks import render_rendition

    if not actor.has_perm(RENDER_PERMISSION):
        raise PermissionDenied(_("Only the Technical Group may render files again."))
    sent = 0
    for rendition in renditions:
        if rendition.is_ready:
            continue
        rendition.status = Rendition.Status.PENDING
        rendition.attempts = 0
        rendition.error = ""
        rendition.save(update_fields=["status", "attempts", "error"])
        enqueue_on_commit(render_rendition, rendition.pk)
        sent += 1
    return sent


def approval_recorded(*, version: Version) -> int:
    """The official files carry the approval and the Diario Oficial (drafts/renditions.py): once
    staff record, correct or remove them, the version's files are rendered again and their new
    SHA-256 is published. Returns how many files were sent."""
    from drafts.tasks import render_rendition

    renditions = list(Rendition.objects.filter(version=version))
    for rendition in renditions:
        rendition.status = Rendition.Status.PENDING
        rendition.attempts = 0
        rendition.error = ""
        rendition.save(update_fields=["status", "attempts", "error"])
        enqueue_on_commit(render_rendition, rendition.pk)
    return len(renditions)
