"""Writes of the transparency app: expenses, and the messages sent through the contact form.

Each validates, stores first, and leaves mail to the outbox (abramos.mail), which Celery delivers
after the transaction commits: a broker that is down never loses a message or its acknowledgement.
"""

from __future__ import annotations

import datetime
import hashlib
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from abramos.mail.services import message_queue
from strategy.models import Activity, Stage
from transparency.models import ContactMessage, Expense

# Messages per address and window, unless settings.CONTACT_RATE_LIMIT says otherwise.
DEFAULT_CONTACT_RATE_LIMIT = (5, 3600)


class RateLimited(ValidationError):
    """Too many messages from the same address in a short time."""


@transaction.atomic
def expense_create(
    *,
    actor,
    date: datetime.date,
    concept: str,
    category: str,
    supplier: str,
    amount: Decimal,
    funding_source: str,
    stage: Stage,
    activity: Activity | None = None,
    receipt=None,
) -> Expense:
    """Record an expense (with its receipt, if any), with a history entry naming the actor."""
    expense = Expense(
        date=date,
        concept=concept.strip(),
        category=category,
        supplier=supplier.strip(),
        amount=amount,
        funding_source=funding_source.strip(),
        stage=stage,
        activity=activity,
    )
    if receipt is not None:
        expense.receipt = receipt
    expense.full_clean()
    expense._change_reason = _("Expense recorded")
    if actor is not None and getattr(actor, "pk", None):
        expense._history_user = actor
    expense.save()
    return expense


def _rate_key(client_ip: str) -> str:
    # Only a keyed hash of the address is kept, and only in the cache, for the window.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client_ip}".encode()).hexdigest()[:32]
    return f"transparency:contact-rate:{digest}"


def _rate_limit() -> tuple[int, int]:
    return getattr(settings, "CONTACT_RATE_LIMIT", DEFAULT_CONTACT_RATE_LIMIT)


def _check_rate(client_ip: str) -> None:
    count, seconds = _rate_limit()
    if (cache.get(_rate_key(client_ip)) or 0) >= count:
        raise RateLimited(
            _(
                "You have sent %(count)s messages in the last %(minutes)s minutes. Please wait a "
                "while and send it again: your text is kept in the form."
            )
            % {"count": count, "minutes": seconds // 60},
            code="rate_limited",
        )


def _count_rate(client_ip: str) -> None:
    _, seconds = _rate_limit()
    key = _rate_key(client_ip)
    if not cache.add(key, 1, timeout=seconds):
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, timeout=seconds)


@transaction.atomic
def contact_message_create(
    *,
    name: str,
    email: str,
    subject: str,
    message: str,
    privacy_consent: bool,
    client_ip: str = "",
) -> ContactMessage:
    """Store a message for the people responsible and queue its acknowledgement by e-mail."""
    if not privacy_consent:
        raise ValidationError(
            {"privacy_consent": _("Accept the privacy notice so that we can answer you.")}
        )
    _check_rate(client_ip)
    contact = ContactMessage(
        name=name, email=email, subject=subject, message=message, privacy_consent=True
    )
    contact.full_clean()
    contact.save()
    _count_rate(client_ip)
    context = {"contact": contact, "contact_email": settings.CONTACT_EMAIL}
    message_queue(
        to=contact.email,
        subject=_("We received your message: %(subject)s") % {"subject": contact.subject},
        body_text=render_to_string("transparency/email/contact_acknowledgement.txt", context),
        body_html=render_to_string("transparency/email/contact_acknowledgement.html", context),
    )
    contact.acknowledged_at = timezone.now()
    contact.save(update_fields=["acknowledged_at"])
    return contact


@transaction.atomic
def contact_message_mark_answered(
    *, message: ContactMessage, actor, at: datetime.datetime | None = None
) -> ContactMessage:
    """Mark a message answered by `actor`; a message answered already keeps its first answer."""
    if message.answered and message.answered_at:
        return message
    message.answered = True
    message.answered_at = at or timezone.now()
    message.answered_by = actor if getattr(actor, "pk", None) else None
    message.save(update_fields=["answered", "answered_at", "answered_by"])
    return message


@transaction.atomic
def contact_message_mark_unanswered(*, message: ContactMessage) -> ContactMessage:
    message.answered = False
    message.answered_at = None
    message.answered_by = None
    message.save(update_fields=["answered", "answered_at", "answered_by"])
    return message
