"""The signed-in person of each request, from the cache when the cache holds them as they are.

Django reads the person from the database on every request of someone signed in: one query,
and a tenth of a comment post's time in the soak. Here the row is kept in the cache (Redis in
production) with a *generation* of the person: a random token, renewed when their row is saved
or deleted (at once, and again once the transaction commits). A copy is used only while its
generation is the current one, and both are read in one round trip; a copy read from the
database before a change is tagged with the generation before it, so it is never used after it.
A changed password, an account deactivated or deleted: the next request sees it, as without
the cache.

The session is verified as Django verifies it (`django.contrib.auth.get_user`): a copy is used
only for a session whose backend reads people with ModelBackend.get_user, for an active person
whose session hash matches; anything else (no copy, another generation, a hash to check against
SECRET_KEY_FALLBACKS, an inactive person) is left to Django's own code, which reads the
database. With the cache down, every request reads the database, as Django does.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from functools import cache as memoise

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthentication
from django.core.cache import cache
from django.db import transaction
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from abramos import cache as page_cache
from abramos import reader_pages

logger = logging.getLogger(__name__)

SECONDS = 60  # a copy lives a minute at most, whatever happens to the generation
# A generation expires too (nothing piles up in Redis for each person ever signed in): a copy
# never outlives its generation, and without one the next request reads the database.
GENERATION_SECONDS = 24 * 3600
# Backends whose get_user is ModelBackend's (a lookup by key, then `is_active`).
_BACKENDS = frozenset({
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
})  # fmt: skip


@memoise
def _shape() -> str:
    """The user model's columns: a release that changes them never reads an older copy."""
    model = auth.get_user_model()
    names = ",".join(field.attname for field in model._meta.concrete_fields)
    return hashlib.blake2b(f"{model._meta.label}:{names}".encode(), digest_size=6).hexdigest()


def _keys(pk) -> tuple[str, str]:
    base = f"{page_cache.namespace()}:person:{pk}"
    return f"{base}:{_shape()}", f"{base}:generation"


def _person(request):
    """request.user (what django.contrib.auth.middleware.get_user gives, remembered the same
    way for the request)."""
    if not hasattr(request, "_cached_user"):
        request._cached_user = _signed_in(request)
    return request._cached_user


def _signed_in(request):
    session = request.session
    try:
        pk = auth.get_user_model()._meta.pk.to_python(session[auth.SESSION_KEY])
        backend = session[auth.BACKEND_SESSION_KEY]
    except KeyError:
        return auth.get_user(request)  # nobody signed in: Django decides
    if backend not in _BACKENDS or backend not in settings.AUTHENTICATION_BACKENDS:
        return auth.get_user(request)
    copy_key, generation_key = _keys(pk)
    # And, in the same round trip, whether they have a verified address (what the rules ask
    # before a comment or a reply: a round trip of its own otherwise).
    verified_key = reader_pages.verified_key(pk)
    try:
        found = cache.get_many([copy_key, generation_key, verified_key])
    except Exception:
        logger.warning("signed-in person: cache unavailable", exc_info=True)
        return auth.get_user(request)
    generation = found.get(generation_key)
    user = _verified_copy(found.get(copy_key), generation, pk, session)
    if user is not None:
        reader_pages.knows_verified(user, found.get(verified_key))
        return user
    if generation is None:
        generation = uuid.uuid4().hex
        try:
            if not cache.add(generation_key, generation, timeout=GENERATION_SECONDS):
                return auth.get_user(request)  # renewed meanwhile: keep nothing this time
        except Exception:
            return auth.get_user(request)
    user = auth.get_user(request)
    if user.is_authenticated and user.pk == pk:
        try:
            cache.set(copy_key, (generation, user), timeout=SECONDS)
        except Exception:
            logger.warning("signed-in person: could not keep %s", pk, exc_info=True)
    return user


def _verified_copy(entry, generation, pk, session):
    """The kept copy when it is current and verifies this session as Django would, else None."""
    model = auth.get_user_model()
    if not (isinstance(entry, tuple) and len(entry) == 2) or generation is None:
        return None
    kept_generation, user = entry
    if kept_generation != generation or not isinstance(user, model) or user.pk != pk:
        return None
    if not user.is_active:  # ModelBackend.user_can_authenticate
        return None
    session_hash = session.get(auth.HASH_SESSION_KEY)
    if not session_hash or not constant_time_compare(session_hash, user.get_session_auth_hash()):
        return None  # Django flushes the session, or accepts a fallback secret's hash
    return user


def forget(pk) -> None:
    """A new generation for the person `pk`: every copy kept before is no longer used."""
    _, generation_key = _keys(pk)
    try:
        cache.set(generation_key, uuid.uuid4().hex, timeout=GENERATION_SECONDS)
    except Exception:
        # The copies expire by themselves within SECONDS.
        logger.warning("signed-in person: could not renew %s", pk, exc_info=True)


def _changed(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):
        return  # fixtures
    pk = instance.pk
    forget(pk)
    # Again once the change commits: a request that read the row before the commit and kept
    # it after the first renewal kept it under a generation that this one ends.
    transaction.on_commit(lambda: forget(pk))


def connect_signals() -> None:
    """Called once from AccountsConfig.ready()."""
    from django.db.models.signals import post_delete, post_save

    model = auth.get_user_model()
    post_save.connect(_changed, sender=model, dispatch_uid="abramos.signed_in.save")
    post_delete.connect(_changed, sender=model, dispatch_uid="abramos.signed_in.delete")


class AuthenticationMiddleware(DjangoAuthentication):
    """Django's, with the person taken from the cache when it holds them as they are."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _person(request))
