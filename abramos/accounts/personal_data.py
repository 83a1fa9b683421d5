"""Everything the site holds about one person, for the "Mis datos" download.

Each app that stores personal data registers a section, the way the admin collects `admin.py`:

    from abramos.accounts import personal_data

    personal_data.register("comments", lambda user: [...])  # in its AppConfig.ready()

so accounts never imports the apps that build on it. A section is a callable taking the user and
returning something JSON can hold (dates and times are written in ISO 8601).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

if TYPE_CHECKING:
    from abramos.accounts.models import User

Section = Callable[["User"], Any]

# Filled once at import time by each app (like admin.site._registry); never changed by requests.
_sections: dict[str, Section] = {}


def register(name: str, section: Section) -> None:
    """Add a section to the export. Registering the same callable twice is harmless."""
    current = _sections.get(name)
    if current is not None and current is not section:
        raise ImproperlyConfigured(f"personal data section {name!r} is already registered")
    _sections[name] = section


def sections() -> tuple[str, ...]:
    return tuple(_sections)


def export(user: User) -> dict[str, Any]:
    """Every registered section for this user, with when and where the export was made."""
    data: dict[str, Any] = {
        "site": settings.SITE_NAME,
        "site_url": settings.SITE_ROOT,
        "generated_at": timezone.now().isoformat(),
    }
    for name, section in _sections.items():
        data[name] = section(user)
    return data


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _account(user: User) -> dict[str, Any]:
    return {
        "id": user.pk,
        "email": user.email,
        "display_name": user.display_name,
        "sector": user.sector,
        "sector_name": str(user.get_sector_display()) if user.sector else "",
        "state": user.state,
        "state_name": user.get_state_display_name(),
        "organisation": user.organisation,
        "show_sector_beside_name": user.show_sector,
        "show_state_beside_name": user.show_state,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "privacy_notice_accepted_at": _iso(user.privacy_accepted_at),
        "privacy_notice_version": user.privacy_notice_version,
        "is_active": user.is_active,
        "anonymised_at": _iso(user.anonymised_at),
    }


def addresses_of(user: User):
    """A filter on `field` matching any verified e-mail address of the person (for what they sent
    through a public form without being signed in: contact, collaboration, adoption)."""
    from allauth.account.models import EmailAddress
    from django.db.models import Q

    # Only addresses the person proved are theirs: anyone can add someone else's address to an
    # account without confirming it, and would then download that person's messages.
    verified = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    emails = set(verified)

    def matching(field: str) -> Q:
        query = Q(pk__in=[])
        for email in emails:
            query |= Q(**{f"{field}__iexact": email})
        return query

    return matching


def _email_addresses(user: User) -> list[dict[str, Any]]:
    from allauth.account.models import EmailAddress

    return [
        {"email": address.email, "verified": address.verified, "primary": address.primary}
        for address in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
    ]


register("account", _account)
register("email_addresses", _email_addresses)
