"""Sending to a channel-layer group from synchronous code (after a commit, from a view or a
task). Every app's live updates go through ``send_to_group``."""

import asyncio

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

# Sends handed to a running loop, kept until done: the loop holds only weak references.
_pending = set()


def send_to_group(group, message):
    """Send ``message`` to ``group``; nothing happens without a channel layer.

    Synchronous code normally runs in a thread without an event loop, and waits for the send.
    Where a loop already runs in this thread (synchronous ORM calls made inside async code, as
    the browser tests do beside Playwright), waiting would block that loop, so the send is
    handed to it instead."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        async_to_sync(layer.group_send)(group, message)
    else:
        task = loop.create_task(layer.group_send(group, message))
        _pending.add(task)
        task.add_done_callback(_pending.discard)
