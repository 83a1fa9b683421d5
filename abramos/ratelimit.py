"""A limit on how many forms one address may send in a time window (contact, collaboration).

Only a keyed hash of the address is kept, for the window, in the database store of the limits
(abramos/limits.py), so the limit holds while Redis is down: no address is stored. The form view catches `RateLimited` and shows its message with everything the person
typed still in the form.

    CONTACT_LIMIT = AddressRateLimit(
        "contact", setting="CONTACT_RATE_LIMIT",
        message=_("You have sent %(count)s messages in the last %(minutes)s minutes. ..."),
    )
    CONTACT_LIMIT.reserve(ip)   # counts this one; raises RateLimited past the limit
    ...store...
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ValidationError

from abramos.limits import ALIAS

DEFAULT_LIMIT = (5, 3600)


class RateLimited(ValidationError):
    """Too many submissions from the same address in a short time."""


@dataclass(frozen=True)
class AddressRateLimit:
    scope: str
    setting: str
    message: str  # with %(count)s and %(minutes)s; gettext_lazy
    default: tuple[int, int] = DEFAULT_LIMIT

    def _key(self, client_ip: str) -> str:
        digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client_ip}".encode()).hexdigest()[:32]
        return f"ratelimit:{self.scope}:{digest}"

    def limit(self) -> tuple[int, int]:
        return getattr(settings, self.setting, self.default)

    def reserve(self, client_ip: str) -> None:
        """Count this submission, atomically, then refuse it if the window is already full:
        two forms sent at the same moment cannot both take the last place."""
        count, seconds = self.limit()
        key, store = self._key(client_ip), caches[ALIAS]
        if store.add(key, 1, timeout=seconds):
            used = 1
        else:
            try:
                used = store.incr(key)
            except ValueError:  # expired between add() and incr()
                store.add(key, 1, timeout=seconds)
                used = 1
        if used > count:
            raise RateLimited(
                str(self.message) % {"count": count, "minutes": seconds // 60},
                code="rate_limited",
            )
