"""What the drafts app holds about one person, for "Mis datos": the adoptions of the policy
registered with one of their e-mail addresses as the contact. Registered in DraftsConfig.ready()."""

from __future__ import annotations

from abramos.accounts import personal_data
from drafts.models import Adoption


def _adoptions(user) -> list[dict]:
    matching = personal_data.addresses_of(user)
    return [
        {
            "id": a.pk, "institution": a.institution, "version": a.version.number,
            "adopted_on": a.adopted_on, "evidence_url": a.evidence_url,
            "contact_name": a.contact_name, "contact_email": a.contact_email,
            "submitted_at": a.submitted_at, "status": a.status,
        }
        for a in Adoption.objects.filter(matching("contact_email"))
        .select_related("version")
        .order_by("pk")
    ]  # fmt: skip


def register_all() -> None:
    personal_data.register("adoptions", _adoptions)
