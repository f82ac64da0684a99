"""Sending to a channel-layer group from synchronous code (after a commit, from a view or a
task). Every app's live updates go through ``send_to_group``."""

import asyncio
import functools
import logging

from asgiref.sync import async_to_sync
from channels.exceptions import ChannelFull
from channels.layers import get_channel_layer
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What a channel layer raises when it cannot deliver: Redis away or slow, a full channel.
UNDELIVERABLE = (RedisError, OSError, ChannelFull)

# Sends handed to a running loop, kept until done: the loop holds only weak references.
_pending = set()


def send_to_group(group, message):
    """Send ``message`` to ``group``; nothing happens without a channel layer.

    Synchronous code normally runs in a thread without an event loop, and waits for the send.
    Where a loop already runs in this thread (synchronous ORM calls made inside async code, as
    the browser tests do beside Playwright), waiting would block that loop, so the send is
    handed to it instead.

    A live update is sent after what it reports was saved: when the layer cannot deliver it
    the save stands, the failure is logged, and readers see the change on their next catch-up
    (every socket catches up when it reconnects)."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        try:
            async_to_sync(layer.group_send)(group, message)
        except UNDELIVERABLE as error:
            _log_undelivered(group, error)
    else:
        task = loop.create_task(layer.group_send(group, message))
        _pending.add(task)
        task.add_done_callback(functools.partial(_sent, group))


def _sent(group, task):
    _pending.discard(task)
    error = None if task.cancelled() else task.exception()
    if isinstance(error, UNDELIVERABLE):
        _log_undelivered(group, error)


def _log_undelivered(group, error):
    logger.warning("live update to %s could not be delivered", group, exc_info=error)
