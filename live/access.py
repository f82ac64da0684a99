"""Asking open sockets to check their access again, when it may have ended while they are open.

A discussion's consumer (live.discussion) checks who may watch when it connects. Where that
can change mid-session (a person removed from a panel, say), the consumer also joins
*access groups* that the app names, one per person and scope; the app sends ``recheck`` to
those groups after the change is committed, and every socket in them, in every tab and on
every worker, asks its rules again and closes (4403) if the answer is now no.
"""

from django.db import transaction

from .groups import send_to_group

RECHECK = "live.recheck"  # handled by LiveDiscussionConsumer.live_recheck


def recheck_later(group_names):
    """After the commit, ask the sockets in each of ``group_names`` to check their access."""
    group_names = sorted(set(group_names))
    if group_names:
        transaction.on_commit(lambda: recheck_now(group_names))


def recheck_now(group_names):
    for name in group_names:
        send_to_group(name, {"type": RECHECK})
