"""Sessions are read from the cache first, and a cached copy never outlives five minutes."""

from django.contrib.sessions.backends.cached_db import KEY_PREFIX
from django.core.cache import cache

from abramos import sessions


def test_a_session_is_written_to_the_database_and_cached_for_five_minutes_at_most(db, monkeypatch):
    timeouts = []
    real_set = cache.set

    def noting(key, value, timeout=None, **kwargs):
        timeouts.append((key, timeout))
        return real_set(key, value, timeout, **kwargs)

    monkeypatch.setattr(cache, "set", noting)
    store = sessions.SessionStore()
    store["a"] = 1
    store.set_expiry(14 * 24 * 3600)
    store.save(must_create=True)
    assert timeouts
    assert set(timeouts) == {(KEY_PREFIX + store.session_key, sessions.CACHE_SECONDS)}
    from django.contrib.sessions.models import Session

    assert Session.objects.filter(session_key=store.session_key).exists()
    assert sessions.SessionStore(store.session_key)["a"] == 1


def test_with_the_cache_down_a_session_is_read_from_the_database(db, monkeypatch):
    store = sessions.SessionStore()
    store["a"] = 2
    store.save(must_create=True)

    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(cache, "get", down)
    assert sessions.SessionStore(store.session_key)["a"] == 2
