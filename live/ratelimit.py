"""How often one person may post in live discussions: LIVE_COMMENT_RATE posts per
LIVE_COMMENT_WINDOW seconds, one budget for every form and socket (idea comments and meeting
room messages alike), so a flood cannot move from one surface to another.

The counting is ``accounts.limits`` (the "live_post" limit); this module names it for the
live surfaces.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from accounts.limits import LimitUnavailable, RateLimited, count

__all__ = ["LimitUnavailable", "RateLimited", "check_post_rate", "refusal_message"]


def check_post_rate(user):
    """Count one post by ``user``; raise ``RateLimited`` past the limit."""
    count(
        "live_post",
        f"user:{user.pk}",
        times=settings.LIVE_COMMENT_RATE,
        window=settings.LIVE_COMMENT_WINDOW,
    )


def refusal_message(limited):
    """What a person who was refused a post is told: too fast, or (the cache is down) busy."""
    if isinstance(limited, LimitUnavailable):
        return limited.message
    return _("You are commenting very fast. Try again in %(seconds)s seconds.") % {
        "seconds": limited.retry_after
    }
