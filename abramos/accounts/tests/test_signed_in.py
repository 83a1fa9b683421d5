"""The signed-in person comes from the cache while their row is unchanged
(abramos/accounts/signed_in.py): a request then reads no user row, and whatever changes the row
(a new password, deactivation, deletion) holds on the very next request, as without the cache."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from abramos import reader_pages
from abramos.accounts import signed_in
from abramos.accounts.models import User

pytestmark = pytest.mark.django_db

PAGE = "/cuenta/mis-datos/"  # "Mis datos": for the signed-in person only


def _signed_in(email: str) -> tuple[User, Client]:
    user = User.objects.create_user(email, "clave-de-prueba-larga-1", display_name=email[:4])
    client = Client()
    client.force_login(user)
    return user, client


def _user_rows(queries) -> list[str]:
    return [q["sql"] for q in queries if 'FROM "accounts_user"' in q["sql"]]


def _whoami(client: Client):
    response = client.get(PAGE)
    user = response.wsgi_request.user
    assert response.status_code == (200 if user.is_authenticated else 302)
    return user


def test_a_signed_in_request_reads_the_person_from_the_cache_once_kept():
    ana, client = _signed_in("ana@example.mx")
    assert _whoami(client) == ana  # read from the database, then kept
    with CaptureQueriesContext(connection) as queries:
        assert _whoami(client) == ana
    assert _user_rows(queries) == []


def test_two_people_each_get_themselves():
    ana, ana_client = _signed_in("ana@example.mx")
    beto, beto_client = _signed_in("beto@example.mx")
    for _ in range(2):
        assert _whoami(ana_client).pk == ana.pk
        assert _whoami(beto_client).pk == beto.pk


def test_a_new_password_signs_out_the_other_sessions_at_the_next_request():
    ana, client = _signed_in("ana@example.mx")
    assert _whoami(client) == ana
    ana.set_password("otra-clave-muy-distinta-2")
    ana.save()
    assert not _whoami(client).is_authenticated
    assert SESSION_KEY not in client.session


def test_a_deactivated_or_deleted_person_is_signed_out_at_the_next_request():
    ana, ana_client = _signed_in("ana@example.mx")
    beto, beto_client = _signed_in("beto@example.mx")
    assert _whoami(ana_client) == ana and _whoami(beto_client) == beto
    ana.is_active = False
    ana.save()
    assert not _whoami(ana_client).is_authenticated
    beto.delete()
    assert not _whoami(beto_client).is_authenticated


def test_a_copy_is_kept_a_minute_at_most_and_a_generation_a_day(monkeypatch):
    """`QuerySet.update()` sends no signal: a copy expires by itself (SECONDS); a person's
    generation expires too, so nothing piles up for everyone who ever signed in."""
    ana, client = _signed_in("ana@example.mx")
    kept = {}
    real_set, real_add = signed_in.cache.set, signed_in.cache.add

    def recording(real):
        def call(key, value, timeout=None, **kwargs):
            kept[key] = timeout
            return real(key, value, timeout=timeout, **kwargs)

        return call

    monkeypatch.setattr(signed_in.cache, "set", recording(real_set))
    monkeypatch.setattr(signed_in.cache, "add", recording(real_add))
    copy_key, generation_key = signed_in._keys(ana.pk)
    signed_in.cache.delete(generation_key)
    _whoami(client)
    assert kept[copy_key] == signed_in.SECONDS <= 60
    assert kept[generation_key] == signed_in.GENERATION_SECONDS
    ana.save()  # a new generation, which expires as well
    assert kept[generation_key] == signed_in.GENERATION_SECONDS
    assert _whoami(client) == ana


def test_a_copy_of_another_generation_or_person_is_never_used():
    ana, client = _signed_in("ana@example.mx")
    beto, _ = _signed_in("beto@example.mx")
    _whoami(client)
    copy_key, generation_key = signed_in._keys(ana.pk)
    generation = cache.get(generation_key)
    stale = User.objects.get(pk=ana.pk)
    stale.display_name = "Copia vieja"
    cache.set(copy_key, ("otra-generacion", stale))
    assert _whoami(client).display_name != "Copia vieja"  # read again from the database
    cache.set(copy_key, (generation, User.objects.get(pk=beto.pk)))
    assert _whoami(client).pk == ana.pk  # a copy must be of the person the session names


def test_whether_the_person_has_a_verified_address_comes_in_the_same_round_trip(monkeypatch):
    """The rules ask it before every comment: kept, it costs no round trip of its own; not kept,
    it is asked as before; and it is never kept inside the person's copy."""
    ana, client = _signed_in("ana@example.mx")
    EmailAddress.objects.create(user=ana, email=ana.email, verified=True, primary=True)
    _whoami(client)
    cache.set(reader_pages.verified_key(ana.pk), True)
    gets = []
    real_get = cache.get
    monkeypatch.setattr(
        reader_pages.page_cache.cache, "get", lambda key, *a, **k: gets.append(key) or real_get(key, *a, **k)
    )  # fmt: skip
    user = _whoami(client)
    assert user._reader_pages_verified is True
    assert reader_pages.verified_email(user) is True and gets == []
    copy_key, _ = signed_in._keys(ana.pk)
    assert not hasattr(cache.get(copy_key)[1], "_reader_pages_verified")
    cache.set(reader_pages.verified_key(ana.pk), False)  # as kept for someone unverified
    assert reader_pages.verified_email(_whoami(client)) is False
    cache.delete(reader_pages.verified_key(ana.pk))  # nothing kept: asked when needed
    user = _whoami(client)
    assert reader_pages.verified_email(user) is True
    assert reader_pages.verified_key(ana.pk) in gets


def test_with_the_cache_down_the_person_is_read_from_the_database(monkeypatch):
    ana, client = _signed_in("ana@example.mx")
    _whoami(client)

    def down(*args, **kwargs):
        raise ConnectionError("no answer")

    monkeypatch.setattr(signed_in.cache, "get_many", down)
    with CaptureQueriesContext(connection) as queries:
        assert _whoami(client) == ana
    assert len(_user_rows(queries)) == 1
