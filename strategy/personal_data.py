"""What the strategy app holds about one person, for "Mis datos": the offers to collaborate sent
with one of their e-mail addresses as the contact. Registered in StrategyConfig.ready()."""

from __future__ import annotations

from abramos.accounts import personal_data
from strategy.models import CollaborationOffer


def _offers(user) -> list[dict]:
    matching = personal_data.addresses_of(user)
    return [
        {
            "id": o.pk, "organisation": o.organisation_name, "sector": o.sector,
            "country": o.country, "state": o.state, "contribution": o.contribution,
            "description": o.description, "contact_name": o.contact_name,
            "contact_email": o.contact_email, "sent_at": o.created_at, "status": o.status,
            "decided_at": o.decided_at, "decision_reason": o.decision_reason,
        }
        for o in CollaborationOffer.objects.filter(matching("contact_email")).order_by("pk")
    ]  # fmt: skip


def register_all() -> None:
    personal_data.register("collaboration_offers", _offers)
