"""Where the limits that protect accounts and forms keep their counts: the database.

The Django cache is Redis in production, and a Redis that is down is answered as a miss
(django-redis's IGNORE_EXCEPTIONS, abramos/settings.py): right for pages, which can be rendered again, wrong for a count of
failed log-ins, which would start again from zero at every request. With Redis stopped, 8 wrong
passwords and then the right one signed in, 10 wrong second-factor codes and then the right one
too, and a sixth contact message passed a limit of five. So these counts live in the database
(`accounts.LimitEntry`), behind a small cache backend, the `limits` alias in settings.CACHES:

- allauth keeps its rate limits (log-in, failed log-ins per address and per account, second
  factor, password reset, sign-up) and the codes of an authenticator already used in `cache`;
  `use_for_allauth()` points both at this store;
- `abramos.ratelimit.AddressRateLimit` (contact, collaboration) reads and counts here;
- comments are counted from the comments themselves (consultation/services.py).

The store answers `get`, `set`, `add`, `incr`, `delete`, `touch`, `has_key` and `clear`, with
JSON values; `add` and `incr` are atomic, so the limits hold across processes and web nodes.
When the database does not answer, these operations raise: a log-in cannot go on without it
anyway, so limits fail closed.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.connection import ConnectionProxy

ALIAS = "limits"
# A count with no timeout lives this long at most (the limits all use minutes or hours).
_NEVER = datetime.timedelta(days=365)


class LimitStore(BaseCache):
    def __init__(self, location, params):
        super().__init__(params)

    @staticmethod
    def _model():
        from abramos.accounts.models import LimitEntry

        return LimitEntry

    def _expires(self, timeout) -> datetime.datetime:
        seconds = self.get_backend_timeout(timeout)
        if seconds is None:
            return timezone.now() + _NEVER
        return datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC)

    def _live(self, key: str):
        return self._model().objects.filter(key=key, expires__gt=timezone.now())

    def get(self, key, default=None, version=None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        values = list(self._live(key).values_list("value", flat=True)[:1])
        return values[0] if values else default

    def has_key(self, key, version=None) -> bool:
        return self._live(self.make_and_validate_key(key, version=version)).exists()

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        key = self.make_and_validate_key(key, version=version)
        self._model().objects.update_or_create(
            key=key, defaults={"value": value, "expires": self._expires(timeout)}
        )

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        model = self._model()
        with transaction.atomic():
            model.objects.filter(key=key, expires__lte=timezone.now()).delete()
            try:
                with transaction.atomic():
                    model.objects.create(key=key, value=value, expires=self._expires(timeout))
            except IntegrityError:  # someone holds it (or stored it a moment ago)
                return False
        return True

    def incr(self, key, delta=1, version=None) -> int:
        key = self.make_and_validate_key(key, version=version)
        with transaction.atomic():
            entry = self._live(key).select_for_update().first()
            if entry is None:
                raise ValueError(f"Key '{key}' not found")
            entry.value += delta
            entry.save(update_fields=["value"])
        return entry.value

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return bool(self._live(key).update(expires=self._expires(timeout)))

    def delete(self, key, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return bool(self._model().objects.filter(key=key).delete()[0])

    def clear(self) -> None:
        self._model().objects.all().delete()

    def purge_expired(self) -> int:
        return self._model().objects.filter(expires__lte=timezone.now()).delete()[0]


# The store as allauth sees `django.core.cache.cache`: resolved per thread, at each use.
store = ConnectionProxy(caches, ALIAS)


def use_for_allauth() -> None:
    """allauth reads `cache` from these two modules' globals for its rate limits and for the
    authenticator codes already used; point both at the database store. A test per limit
    (abramos/tests/test_limits_without_redis.py) fails if an allauth release moves them."""
    from allauth.core.internal import ratelimit
    from allauth.mfa.totp.internal import auth

    ratelimit.cache = store
    auth.cache = store
