"""Sending to a channel-layer group from synchronous code (after a commit, from a view or a
task). Every app's live updates go through ``send_to_group``."""

import asyncio
import functools
import logging
import os

from asgiref.sync import SyncToAsync, async_to_sync
from channels.exceptions import ChannelFull
from channels.layers import get_channel_layer
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What a channel layer raises when it cannot deliver: Redis away or slow, a full channel.
UNDELIVERABLE = (RedisError, OSError, ChannelFull)

# Sends handed to a running loop, kept until done: the loop holds only weak references.
_pending = set()
# The latest send handed over for each (loop, group): the next one waits for it.
_last_send = {}


def send_to_group(group, message):
    """Send ``message`` to ``group``; nothing happens without a channel layer.

    The send is handed to an event loop and not waited for, wherever one can take it: the
    worker's own loop when this runs in one of its threads (a websocket consumer's database
    work, through database_sync_to_async: the thread is free for the next post at once
    rather than waiting for a busy loop), or the loop running in this very thread (synchronous
    ORM calls made inside async code, as the browser tests do beside Playwright). Sends to one
    group leave in the order they were made. Plain synchronous code (a view, a task, the
    shell) has no loop and waits for the send.

    A live update is sent after what it reports was saved: when the layer cannot deliver it
    the save stands, the failure is logged, and readers see the change on their next catch-up
    (every socket catches up when it reconnects)."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        running = asyncio.get_running_loop()
    except RuntimeError:
        running = None
    if running is not None:
        _hand_over(running, layer, group, message)
        return
    worker_loop = _worker_loop()
    if worker_loop is not None:
        try:
            worker_loop.call_soon_threadsafe(_hand_over, worker_loop, layer, group, message)
            return
        except RuntimeError:  # the loop closed while shutting down: send from here
            pass
    try:
        async_to_sync(layer.group_send)(group, message)
    except UNDELIVERABLE as error:
        _log_undelivered(group, error)


def _worker_loop():
    """The running event loop that started this thread through sync_to_async, if any."""
    loop = getattr(SyncToAsync.threadlocal, "main_event_loop", None)
    if loop is None or getattr(SyncToAsync.threadlocal, "main_event_loop_pid", None) != os.getpid():
        return None
    return loop if loop.is_running() and not loop.is_closed() else None


def _hand_over(loop, layer, group, message):
    """On ``loop``: send once whatever was handed over for the same group before has gone."""
    key = (loop, group)
    task = loop.create_task(_send_in_turn(_last_send.get(key), layer, group, message))
    _last_send[key] = task
    _pending.add(task)
    task.add_done_callback(functools.partial(_sent, group, key))


async def _send_in_turn(previous, layer, group, message):
    if previous is not None:
        await asyncio.wait([previous])  # its failure is its own, logged by _sent
    await layer.group_send(group, message)


def _sent(group, key, task):
    _pending.discard(task)
    if _last_send.get(key) is task:
        del _last_send[key]
    error = None if task.cancelled() else task.exception()
    if error is not None:
        _log_undelivered(group, error)


def _log_undelivered(group, error):
    logger.warning("live update to %s could not be delivered", group, exc_info=error)
