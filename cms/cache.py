"""The Redis cache, as Kohtaamo uses it: a copy for reading, strict for counting.

Two kinds of callers share the default cache. Wagtail keeps copies there of what the database
already holds (the site root paths every page link is built from, image renditions, locale
names): when Redis is gone, a copy that cannot be read is a miss, and the page is built from
the database instead of failing. The abuse limits (``accounts.limits``) and allauth's log-in
limits count there with ``add`` and ``incr``: a count that cannot be kept must refuse the
action, never let it through uncounted, so those operations still raise and the caller (or
``cms.unavailable``) answers "try again in a moment".

``delete`` stays strict too: an invalidation that is silently lost would leave a stale copy
behind once Redis is back.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# What redis-py raises when the server cannot be reached or does not answer in time.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
# During an outage every page view would log the same thing; once in this many seconds will do.
WARN_INTERVAL_SECONDS = 30
_last_warned = 0.0


def _warn_unreachable(operation):
    global _last_warned
    now = time.monotonic()
    if now - _last_warned >= WARN_INTERVAL_SECONDS:
        _last_warned = now
        logger.warning("Redis cache unreachable: %s served without it", operation, exc_info=True)


class ResilientRedisCache(RedisCache):
    """Django's Redis cache whose reads miss and plain writes are skipped while Redis is
    unreachable; ``add``, ``incr``, ``decr``, ``touch`` and ``delete`` raise as before."""

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except UNREACHABLE:
            _warn_unreachable("get")
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except UNREACHABLE:
            _warn_unreachable("get_many")
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except UNREACHABLE:
            _warn_unreachable("has_key")
            return False

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except UNREACHABLE:
            _warn_unreachable("set")

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except UNREACHABLE:
            _warn_unreachable("set_many")
            return list(data)  # the keys that were not stored
