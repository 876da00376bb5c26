"""Django's Redis cache that degrades instead of failing.

Everything the app keeps in Redis is a copy: sessions are in the database as well (the
`cached_db` engine), kept pages can be rendered again (plans.fragments), counts can be read from
the database again. So when Redis does not answer, a read is a miss and a write is skipped:
people sign in and work on, only a little slower. One warning is logged per outage and process,
not a traceback per request; for `PAUSE_SECONDS` after a failure Redis is not asked at all, so a
Redis that hangs costs one timeout, not one per request. Django's RedisCache has no option for
this (django-redis's `DJANGO_REDIS_IGNORE_EXCEPTIONS` does the same, but is another client).
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

PAUSE_SECONDS = 2.0


class TolerantRedisCache(RedisCache):
    """RedisCache whose failures read as misses and skipped writes (see the module)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._where = server.split("@")[-1]  # host and port, never a password
        self._paused_until = 0.0
        self._down = False

    def _call(self, method, fallback, *args, **kwargs):
        if self._paused_until > time.monotonic():
            return fallback
        try:
            result = getattr(super(), method)(*args, **kwargs)
        except (RedisError, OSError) as error:
            self._paused_until = time.monotonic() + PAUSE_SECONDS
            if not self._down:
                self._down = True
                logger.warning(
                    "Cache %s does not answer (%s: %s): working without it",
                    self._where,
                    type(error).__name__,
                    error,
                )
            return fallback
        if self._down:
            self._down = False
            logger.warning("Cache %s answers again", self._where)
        return result

    def ping(self) -> bool:
        """Whether Redis answers now (for /healthz/), asked even while paused."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except (RedisError, OSError):
            return False

    def add(self, *args, **kwargs):
        # As if the key was new and is now stored: allauth's rate limits take their lock with
        # `add`, and "already there" would refuse every sign-in while Redis is away. So while
        # Redis is away, the sign-in rate limits do not count (they cannot: nothing is shared).
        return self._call("add", True, *args, **kwargs)

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def set(self, *args, **kwargs):
        return self._call("set", None, *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", False, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", False, *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", {}, *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", False, *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", [], *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", None, *args, **kwargs)

    def clear(self):
        return self._call("clear", False)

    def incr(self, key, delta=1, version=None):
        result = self._call("incr", None, key, delta, version)
        if result is None:
            raise ValueError(f"Key '{key}' not found (the cache does not answer)")
        return result
