"""Sessions: written to the database, read from the cache first (Django's cached_db), with the
cached copy kept five minutes at most.

A signed-in page then costs one query less. The cap is for Redis that does not answer when
someone logs out: the database row goes, the cached copy cannot be deleted, and it would keep
the person signed in until their session expired once Redis answered again. With the cap, it
does for five minutes at most (and not at all if Redis lost its memory meanwhile). With Redis
down, sessions are read from the database.
"""

from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore

CACHE_SECONDS = 300


class _Capped:
    """The session cache, with no copy kept longer than CACHE_SECONDS."""

    def __init__(self, cache):
        self._cache = cache

    def set(self, key, value, timeout=None):
        seconds = CACHE_SECONDS if timeout is None else min(timeout, CACHE_SECONDS)
        return self._cache.set(key, value, seconds)

    async def aset(self, key, value, timeout=None):
        seconds = CACHE_SECONDS if timeout is None else min(timeout, CACHE_SECONDS)
        return await self._cache.aset(key, value, seconds)

    def __contains__(self, key):
        return key in self._cache

    def __getattr__(self, name):
        return getattr(self._cache, name)


class SessionStore(CachedDBStore):
    def __init__(self, session_key=None):
        super().__init__(session_key)
        self._cache = _Capped(self._cache)
