"""Django's Redis cache, tolerant of a Redis that is down.

The cache only holds what the portal can compute again, so a Redis that is stopped or unreachable
must make pages slower, never fail them (DESIGN: a broker or cache that is down loses nothing and
breaks no request). Each operation that cannot reach Redis is logged and answered as a miss:
reads return the default, writes store nothing, `add` answers "stored" (so work guarded by it
still happens), `incr` starts again from zero. Other errors (a bad key, a value that cannot be
pickled) are bugs and still raise. It also keeps one Redis client per connection pool instead
of building one per operation (_ReusingClient).
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
_UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


def _log(operation: str, error: Exception) -> None:
    logger.warning("cache unreachable, %s answered as a miss: %r", operation, error)


class _ReusingClient(RedisCacheClient):
    """Django's client builds a new `redis.Redis` for every operation, 0.12 ms each: most of
    what serving a page from the cache cost (bench/RESULTS.md). A `redis.Redis` is safe to share
    between threads (each command takes a connection from the pool, which also notices a fork),
    so one is kept per connection pool."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusingClient

    def get(self, key, default=None, version=None) -> Any:
        try:
            return super().get(key, default, version)
        except _UNREACHABLE as error:
            _log("get", error)
            return default

    def get_many(self, keys, version=None) -> dict:
        try:
            return super().get_many(keys, version)
        except _UNREACHABLE as error:
            _log("get_many", error)
            return {}

    def has_key(self, key, version=None) -> bool:
        try:
            return super().has_key(key, version)
        except _UNREACHABLE as error:
            _log("has_key", error)
            return False

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        try:
            super().set(key, value, timeout, version)
        except _UNREACHABLE as error:
            _log("set", error)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None) -> list:
        try:
            return super().set_many(data, timeout, version)
        except _UNREACHABLE as error:
            _log("set_many", error)
            return list(data)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        try:
            return super().add(key, value, timeout, version)
        except _UNREACHABLE as error:
            _log("add", error)
            return True

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        try:
            return super().touch(key, timeout, version)
        except _UNREACHABLE as error:
            _log("touch", error)
            return False

    def incr(self, key, delta=1, version=None) -> int:
        try:
            return super().incr(key, delta, version)
        except _UNREACHABLE as error:
            _log("incr", error)
            return delta

    def delete(self, key, version=None) -> bool:
        try:
            return super().delete(key, version)
        except _UNREACHABLE as error:
            _log("delete", error)
            return False

    def delete_many(self, keys, version=None) -> None:
        try:
            super().delete_many(keys, version)
        except _UNREACHABLE as error:
            _log("delete_many", error)

    def clear(self) -> bool:
        try:
            return super().clear()
        except _UNREACHABLE as error:
            _log("clear", error)
            return False
