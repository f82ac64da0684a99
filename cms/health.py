"""/healthz: is this worker able to serve? Checks what a request needs, nothing more."""

import asyncio
import uuid

from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

CHANNEL_LAYER_TIMEOUT_SECONDS = 2


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


async def check_channel_layer():
    """Send a message to a fresh channel and read it back through the layer."""
    layer = get_channel_layer()
    channel = await layer.new_channel(prefix="healthz.")
    token = uuid.uuid4().hex
    await layer.send(channel, {"type": "healthz.ping", "token": token})
    message = await layer.receive(channel)
    if message.get("token") != token:
        raise RuntimeError("the channel layer returned another message")


async def run_check(check):
    try:
        if asyncio.iscoroutinefunction(check):
            await asyncio.wait_for(check(), CHANNEL_LAYER_TIMEOUT_SECONDS)
        else:
            await sync_to_async(check, thread_sensitive=True)()
    except Exception as error:  # a health check reports every failure, whatever its kind
        return {"status": "error", "error": f"{type(error).__name__}: {error}"[:300]}
    return {"status": "ok"}


@never_cache
async def healthz(request):
    checks = {"database": await run_check(check_database)}
    # The in-memory layer lives inside this process and cannot be down; Redis can.
    if settings.CHANNEL_LAYERS["default"]["BACKEND"] != "channels.layers.InMemoryChannelLayer":
        checks["channel_layer"] = await run_check(check_channel_layer)
    healthy = all(check["status"] == "ok" for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )
