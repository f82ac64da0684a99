"""send_to_group works from plain synchronous code and from inside a running event loop."""

import asyncio

from channels.layers import get_channel_layer

from live.groups import send_to_group


def test_from_synchronous_code():
    async def scenario():
        layer = get_channel_layer()
        channel = await layer.new_channel()
        await layer.group_add("test-sync", channel)
        # The synchronous caller runs in a thread of its own, as a view or a task does.
        await asyncio.to_thread(send_to_group, "test-sync", {"type": "x", "n": 1})
        return await asyncio.wait_for(layer.receive(channel), 5)

    assert asyncio.run(scenario()) == {"type": "x", "n": 1}


def test_from_inside_a_running_loop():
    async def scenario():
        layer = get_channel_layer()
        channel = await layer.new_channel()
        await layer.group_add("test-loop", channel)
        send_to_group("test-loop", {"type": "x", "n": 2})  # does not block or raise
        return await asyncio.wait_for(layer.receive(channel), 5)

    assert asyncio.run(scenario()) == {"type": "x", "n": 2}
