"""How often one person (or, for people who are not signed in, one client address) may do a
thing: post an idea, report abuse, ask for a clarification, toggle a support, answer a public
survey, post in a live discussion.

Every limit is named in ``settings.RATE_LIMITS`` as ``name: (times, seconds)`` and counted in
the cache (Redis in production, so that every worker shares the count). A fixed window is
enough: it stops a flood, not a determined attacker with many accounts.

When the cache cannot be reached the action is refused with ``LimitUnavailable`` ("try again
in a moment") rather than let through uncounted or answered with a server error.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

logger = logging.getLogger(__name__)


class RateLimited(Exception):
    """Too many times within the window; ``retry_after`` seconds until the next window.
    ``status`` is the HTTP status a page answers with."""

    status = 429

    def __init__(self, retry_after):
        self.retry_after = retry_after
        super().__init__(self.message)

    @property
    def message(self):
        if self.retry_after < 120:
            return ngettext(
                "You have done this too many times in a row. Try again in %(count)d second.",
                "You have done this too many times in a row. Try again in %(count)d seconds.",
                self.retry_after,
            ) % {"count": self.retry_after}
        minutes = (self.retry_after + 59) // 60
        return ngettext(
            "You have done this too many times in a row. Try again in %(count)d minute.",
            "You have done this too many times in a row. Try again in %(count)d minutes.",
            minutes,
        ) % {"count": minutes}


class LimitUnavailable(RateLimited):
    """The count cannot be kept just now (the cache is down): refused, to be tried again."""

    status = 503

    def __init__(self, retry_after=5):
        super().__init__(retry_after)

    @property
    def message(self):
        return _("The service is busy just now. Try again in a moment.")


def client_address(request_or_scope):
    """The address the request came from: REMOTE_ADDR, which daphne sets from nginx's
    X-Forwarded-For (nginx overwrites that header with the real address; see
    platform/nginx.conf). Takes a request or an ASGI scope."""
    if isinstance(request_or_scope, dict):
        client = request_or_scope.get("client") or ("unknown", 0)
        return client[0]
    return request_or_scope.META.get("REMOTE_ADDR", "unknown")


def count(name, who, *, times=None, window=None):
    """Count one ``name`` action by ``who`` (a user id or a client address); raise
    ``RateLimited`` past the limit, ``LimitUnavailable`` when the count cannot be kept.
    ``times`` and ``window`` default to ``settings.RATE_LIMITS[name]``."""
    if times is None or window is None:
        times, window = settings.RATE_LIMITS[name]
    now = time.time()
    slot = int(now // window)
    key = f"limit:{name}:{who}:{slot}"
    try:
        cache.add(key, 0, timeout=window + 1)
        try:
            total = cache.incr(key)
        except ValueError:  # the key expired between add and incr: this is the first
            cache.add(key, 1, timeout=window + 1)
            total = 1
    except Exception:  # whatever the cache backend raises when its server is gone
        logger.warning("rate limit %s could not be counted", name, exc_info=True)
        raise LimitUnavailable() from None
    if total > times:
        raise RateLimited(retry_after=max(1, int((slot + 1) * window - now)))


def count_for(name, request, user=None):
    """Count for the signed-in ``user`` (default: the request's), else for the address."""
    user = user if user is not None else getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return count(name, f"user:{user.pk}")
    return count(name, f"address:{client_address(request)}")
