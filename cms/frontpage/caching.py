"""One generation number for everything the front page shows.

Every cached copy of the overview (and of the region list and the headline figures) has the
generation in its key. A change to anything the overview shows bumps the generation
(``signals``), so the next visitor builds a fresh copy; the old ones simply expire. Copies also
live for ``FRONT_PAGE_CACHE_SECONDS`` at most, because some changes happen with no save at all:
a meeting starts, a round's phase moves on its dates, a survey closes.

Only what everyone may see is cached: the anonymous overview, the region list and the
headline figures. A signed-in person's overview is built fresh for them (see ``overview``).
"""

import uuid

from django.conf import settings
from django.core.cache import cache

GENERATION_KEY = "frontpage:generation"
DEFAULT_SECONDS = 60


def seconds():
    return getattr(settings, "FRONT_PAGE_CACHE_SECONDS", DEFAULT_SECONDS)


def generation():
    """The current generation; one is made when the cache has none (after a restart or an
    eviction, which makes every older copy unreachable, as it should)."""
    current = cache.get(GENERATION_KEY)
    if current is None:
        current = uuid.uuid4().hex
        # Longer than any copy lives, so that the generation never expires under a copy.
        cache.set(GENERATION_KEY, current, timeout=None)
    return current


def bump():
    """Make every cached copy stale at once. A random value rather than a counter: ``incr``
    fails on a missing key, and two workers bumping at once both succeed."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def cached(name, build):
    """``build()``, or its copy of the current generation under ``name`` while it lasts. With
    ``FRONT_PAGE_CACHE_SECONDS`` at 0 nothing is cached."""
    timeout = seconds()
    if timeout <= 0:
        return build()
    key = f"frontpage:{generation()}:{name}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout=timeout)
    return value
