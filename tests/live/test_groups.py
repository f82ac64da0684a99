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


class UnreachableLayer:
    async def group_send(self, group, message):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


def test_an_undeliverable_update_is_logged_not_raised(monkeypatch, caplog):
    """The update follows a save that stands: a Redis outage must not turn it into an error
    page (the person would post again), and must leave a trace for the operator."""
    import redis.exceptions

    class RedisAway(UnreachableLayer):
        async def group_send(self, group, message):
            raise redis.exceptions.ConnectionError("Connection refused.")

    for layer in (UnreachableLayer(), RedisAway()):
        monkeypatch.setattr("live.groups.get_channel_layer", lambda layer=layer: layer)
        caplog.clear()
        send_to_group("idea-1", {"type": "x"})
        assert "live update to idea-1 could not be delivered" in caplog.text


def test_an_undeliverable_update_from_inside_a_loop_is_logged(monkeypatch, caplog):
    monkeypatch.setattr("live.groups.get_channel_layer", UnreachableLayer)

    async def scenario():
        send_to_group("idea-2", {"type": "x"})
        await asyncio.sleep(0.01)

    asyncio.run(scenario())
    assert "live update to idea-2 could not be delivered" in caplog.text


class SlowLayer:
    """A layer whose sends take a while, the later ones less: as Redis round trips can."""

    def __init__(self):
        self.sent = []

    async def group_send(self, group, message):
        await asyncio.sleep(0.05 - message["n"] * 0.002)
        self.sent.append((group, message["n"]))


def test_from_a_workers_database_thread_without_waiting_and_in_order(monkeypatch):
    """A consumer's database work (database_sync_to_async) hands its sends to the worker's
    loop and goes on: the next post does not wait for a busy loop. Each group's sends still
    leave in the order they were made."""
    from asgiref.sync import sync_to_async

    layer = SlowLayer()
    monkeypatch.setattr("live.groups.get_channel_layer", lambda: layer)

    def post_many():
        for n in range(20):
            send_to_group(f"idea-{n % 2}", {"type": "x", "n": n})
        return list(layer.sent)

    async def scenario():
        sent_while_posting = await sync_to_async(post_many)()
        for _ in range(200):
            if len(layer.sent) == 20:
                break
            await asyncio.sleep(0.02)
        return sent_while_posting

    assert asyncio.run(scenario()) == []
    for group in ("idea-0", "idea-1"):
        numbers = [n for sent_to, n in layer.sent if sent_to == group]
        assert numbers == sorted(numbers) and len(numbers) == 10
