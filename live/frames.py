"""Websocket consumers that speak JSON frames.

Every frame is a JSON object with a "type". A frame that is not one (binary, too large, not
JSON, no type, an unknown type) is answered with an error frame; the connection stays open.
So is a frame past the connection's budget (``settings.RATE_LIMITS["socket_frames"]``: so
many frames per so many seconds, pings included), which is dropped unread.
"""

import json
import time

from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.utils.translation import gettext as _

MAX_FRAME_BYTES = 4096


class JsonFrameConsumer(AsyncWebsocketConsumer):
    """Parses and checks incoming frames, then calls ``frame_<type>(frame)``."""

    max_frame_bytes = MAX_FRAME_BYTES

    async def receive(self, text_data=None, bytes_data=None):
        retry_after = self._over_frame_budget()
        if retry_after:
            return await self.send_error(
                "rate_limited",
                _("Too many messages on this connection. Try again in %(seconds)s seconds.")
                % {"seconds": retry_after},
                retry_after=retry_after,
            )
        if text_data is None:
            return await self.send_error("binary_not_supported", "Send JSON text frames.")
        if len(text_data.encode()) > self.max_frame_bytes:
            return await self.send_error(
                "too_large", f"Frames are limited to {self.max_frame_bytes} bytes."
            )
        try:
            frame = json.loads(text_data)
        except ValueError:
            return await self.send_error("malformed", "The frame is not valid JSON.")
        if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
            return await self.send_error("malformed", 'A frame is a JSON object with a "type".')
        handler = (
            getattr(self, "frame_" + frame["type"], None) if frame["type"].isidentifier() else None
        )
        if handler is None:
            return await self.send_error("unknown_type", f"Unknown frame type {frame['type']!r}.")
        return await handler(frame)

    def _over_frame_budget(self):
        """Count this frame in the connection's window; seconds to wait when over budget, else
        0. Counted in memory: a connection lives on one worker."""
        times, window = settings.RATE_LIMITS["socket_frames"]
        now = time.monotonic()
        started, count = getattr(self, "_frame_window", (now, 0))
        if now - started >= window:
            started, count = now, 0
        self._frame_window = (started, count + 1)
        if count + 1 > times:
            return max(1, int(started + window - now + 0.999))
        return 0

    async def send_json(self, payload):
        await self.send(text_data=json.dumps(payload))

    async def send_error(self, code, message, **extra):
        await self.send_json({"type": "error", "code": code, "message": message, **extra})
