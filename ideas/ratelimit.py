"""How often one person may comment: LIVE_COMMENT_RATE posts per LIVE_COMMENT_WINDOW seconds.

Counted in the cache (Redis in production), so the limit holds across workers. A fixed
window is enough here: it stops a flood, not a determined attacker.
"""

import time

from django.conf import settings
from django.core.cache import cache


class RateLimited(Exception):
    def __init__(self, retry_after):
        super().__init__(f"Too many comments; try again in {retry_after} s.")
        self.retry_after = retry_after


def check_comment_rate(user):
    limit = settings.LIVE_COMMENT_RATE
    window = settings.LIVE_COMMENT_WINDOW
    now = time.time()
    slot = int(now // window)
    key = f"ideas:comment-rate:{user.pk}:{slot}"
    cache.add(key, 0, timeout=window + 1)
    if cache.incr(key) > limit:
        raise RateLimited(retry_after=max(1, int((slot + 1) * window - now)))
