"""What the transparency app holds about one person, for "Mis datos": the messages written
through /contacto/ from one of their e-mail addresses. Registered in TransparencyConfig.ready()."""

from __future__ import annotations

from abramos.accounts import personal_data
from transparency.models import ContactMessage


def _messages(user) -> list[dict]:
    matching = personal_data.addresses_of(user)
    return [
        {
            "id": m.pk, "name": m.name, "email": m.email, "subject": m.subject,
            "message": m.message, "sent_at": m.created_at, "answered": m.answered,
            "answered_at": m.answered_at,
        }
        for m in ContactMessage.objects.filter(matching("email")).order_by("pk")
    ]  # fmt: skip


def register_all() -> None:
    personal_data.register("contact_messages", _messages)
