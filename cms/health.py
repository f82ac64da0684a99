"""/healthz: is this worker able to serve? Checks what a request needs, nothing more.

Anyone can ask, so the answer names only the checks and whether each passed; why one failed
(an exception's text can carry the database host and user) goes to the log.
"""

import asyncio
import logging
import uuid

from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

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


async def run_check(name, check):
    try:
        if asyncio.iscoroutinefunction(check):
            await asyncio.wait_for(check(), CHANNEL_LAYER_TIMEOUT_SECONDS)
        else:
            await sync_to_async(check, thread_sensitive=True)()
    except Exception:  # a health check reports every failure, whatever its kind
        logger.warning("health check %s failed", name, exc_info=True)
        return {"status": "error"}
    return {"status": "ok"}


@never_cache
async def healthz(request):
    checks = {"database": await run_check("database", check_database)}
    # The in-memory layer lives inside this process and cannot be down; Redis can.
    if settings.CHANNEL_LAYERS["default"]["BACKEND"] != "channels.layers.InMemoryChannelLayer":
        checks["channel_layer"] = await run_check("channel_layer", check_channel_layer)
    healthy = all(check["status"] == "ok" for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )
