"""Writes of the transparency app: expenses, and the messages sent through the contact form.

Each validates, stores first, and leaves mail to the outbox (abramos.mail), which Celery delivers
after the transaction commits: a broker that is down never loses a message or its acknowledgement.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from abramos import ratelimit
from abramos.mail.services import message_queue
from abramos.ratelimit import AddressRateLimit
from strategy.models import Activity, Stage
from transparency.models import ContactMessage, Expense

# Messages per address and window: settings.CONTACT_RATE_LIMIT.
CONTACT_RATE_LIMIT = AddressRateLimit(
    "contact",
    setting="CONTACT_RATE_LIMIT",
    message=_lazy(
        "You have sent %(count)s messages in the last %(minutes)s minutes. Please wait a "
        "while and send it again: your text is kept in the form."
    ),
)
RateLimited = ratelimit.RateLimited


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


@transaction.atomic
def expense_save(*, actor, expense: Expense, created: bool) -> Expense:
    """Store an expense as staff entered or corrected it in the admin: validated, with a history
    entry naming the actor and saying which of the two it was."""
    expense.full_clean()
    expense._change_reason = _("Expense recorded") if created else _("Expense corrected")
    if actor is not None and getattr(actor, "pk", None):
        expense._history_user = actor
    expense.save()
    return expense


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
    CONTACT_RATE_LIMIT.reserve(client_ip)
    contact = ContactMessage(
        name=name, email=email, subject=subject, message=message, privacy_consent=True
    )
    contact.full_clean()
    contact.save()
    context = {"contact": contact, "contact_email": settings.CONTACT_EMAIL}
    message_queue(
        to=contact.email,
        # Nothing the sender typed goes into an e-mail to an address nobody has confirmed: the
        # portal would otherwise relay anyone's text (a phishing link) from its own address.
        subject=_("We received your message (reference %(number)s)") % {"number": contact.pk},
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
