"""Writes of the strategy app: organisations' offers to collaborate, and the decision on them.

Each validates, stores first, and leaves mail to the outbox (abramos.mail), which Celery delivers
after the transaction commits: a broker that is down never loses an offer or its e-mails.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import gettext_noop

from abramos import ratelimit
from abramos.mail.services import message_queue
from abramos.ratelimit import AddressRateLimit
from strategy.models import CollaborationOffer

DECIDE_PERMISSION = "strategy.change_collaborationoffer"
# Offers per address and window: settings.COLLABORATION_RATE_LIMIT.
COLLABORATION_RATE_LIMIT = AddressRateLimit(
    "collaboration",
    setting="COLLABORATION_RATE_LIMIT",
    message=_lazy(
        "You have sent %(count)s offers in the last %(minutes)s minutes. Please wait a "
        "while and send it again: what you wrote is kept in the form."
    ),
)
RateLimited = ratelimit.RateLimited


# E-mails to the offerer ----------------------------------------------------------------------


def _email_offerer(offer: CollaborationOffer, *, template: str, subject: str) -> None:
    """Queue an e-mail to the offerer, in the language the offer was written in."""
    with translation.override(offer.language or settings.LANGUAGE_CODE):
        context = {
            "offer": offer,
            "contact_email": settings.CONTACT_EMAIL,
            "participants_url": settings.SITE_ROOT + reverse("strategy:participants"),
            "LANGUAGE_CODE": translation.get_language(),
        }
        message_queue(
            to=offer.contact_email,
            # Nothing the offerer typed goes into an e-mail to an address nobody has confirmed.
            subject=_(subject) % {"number": offer.pk},
            body_text=render_to_string(f"strategy/email/{template}.txt", context),
            body_html=render_to_string(f"strategy/email/{template}.html", context),
        )


# The subjects are marked here and translated in _email_offerer, in the offer's language.
_ACK_SUBJECT = gettext_noop("We received your offer to collaborate (reference %(number)s)")
_ACCEPTED_SUBJECT = gettext_noop("Your offer to collaborate was accepted (reference %(number)s)")
_DECLINED_SUBJECT = gettext_noop("About your offer to collaborate (reference %(number)s)")


# Services ------------------------------------------------------------------------------------


@transaction.atomic
def collaboration_offer_create(
    *,
    organisation_name: str,
    sector: str,
    country: str,
    state: str,
    contribution: str,
    description: str,
    contact_name: str,
    contact_email: str,
    privacy_consent: bool,
    language: str = "",
    client_ip: str = "",
) -> CollaborationOffer:
    """Store an organisation's offer and queue its acknowledgement by e-mail."""
    if not privacy_consent:
        raise ValidationError(
            {
                "privacy_consent": _(
                    "Accept the privacy notice so that we can store and answer your offer."
                )
            }
        )
    COLLABORATION_RATE_LIMIT.reserve(client_ip)
    offer = CollaborationOffer(
        organisation_name=organisation_name,
        sector=sector,
        country=country,
        state=state,
        contribution=contribution,
        description=description,
        contact_name=contact_name,
        contact_email=contact_email,
        privacy_consent=True,
        language=language or settings.LANGUAGE_CODE,
    )
    offer.full_clean()
    offer._change_reason = "Sent through /colabora/"
    offer.save()
    _email_offerer(offer, template="collaboration_acknowledgement", subject=_ACK_SUBJECT)
    offer.acknowledged_at = timezone.now()
    offer._change_reason = "Acknowledgement queued"
    offer.save(update_fields=["acknowledged_at"])
    return offer


@transaction.atomic
def collaboration_offer_decide(
    *, offer: CollaborationOffer, accept: bool, reason: str = "", actor
) -> CollaborationOffer:
    """Accept or decline a pending offer (declining needs a reason), record who and when, and
    queue the decision to the offerer. Only staff with DECIDE_PERMISSION may decide."""
    if actor is None or not actor.has_perm(DECIDE_PERMISSION):
        raise PermissionDenied("Deciding on collaboration offers needs " + DECIDE_PERMISSION)
    # Locked, so two staff members deciding at once cannot both send an e-mail.
    offer = CollaborationOffer.objects.select_for_update().get(pk=offer.pk)
    if not offer.is_pending:
        raise ValidationError(
            _("This offer was already %(status)s: a decision is taken only once.")
            % {"status": offer.get_status_display().lower()},
            code="decided",
        )
    reason = reason.strip()
    if not accept and not reason:
        raise ValidationError(
            {"reason": _("Write why the offer is declined: the organisation receives it.")},
            code="required",
        )
    Status = CollaborationOffer.Status
    offer.status = Status.ACCEPTED if accept else Status.DECLINED
    offer.decided_at = timezone.now()
    offer.decided_by = actor
    offer.decision_reason = reason
    offer.full_clean()
    offer._change_reason = "Accepted" if accept else "Declined"
    offer._history_user = actor
    offer.save()
    if accept:
        _email_offerer(offer, template="collaboration_accepted", subject=_ACCEPTED_SUBJECT)
    else:
        _email_offerer(offer, template="collaboration_declined", subject=_DECLINED_SUBJECT)
    return offer
