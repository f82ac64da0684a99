"""How often one person may post in live discussions: LIVE_COMMENT_RATE posts per
LIVE_COMMENT_WINDOW seconds, one budget for every form and socket (idea comments and meeting
room messages alike), so a flood cannot move from one surface to another.

Counted in the cache (Redis in production), so the limit holds across workers. A fixed
window is enough here: it stops a flood, not a determined attacker.
"""

import time

from django.conf import settings
from django.core.cache import cache


class RateLimited(Exception):
    def __init__(self, retry_after):
        super().__init__(f"Too many posts; try again in {retry_after} s.")
        self.retry_after = retry_after


def check_post_rate(user):
    """Count one post by ``user``; raise ``RateLimited`` past the limit."""
    limit = settings.LIVE_COMMENT_RATE
    window = settings.LIVE_COMMENT_WINDOW
    now = time.time()
    slot = int(now // window)
    key = f"live:post-rate:{user.pk}:{slot}"
    cache.add(key, 0, timeout=window + 1)
    if cache.incr(key) > limit:
        raise RateLimited(retry_after=max(1, int((slot + 1) * window - now)))
