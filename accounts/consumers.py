"""Websocket consumers that speak JSON frames, and the per-person live channel at /ws/me/.

Every frame is a JSON object with a "type". A frame that is not one (binary, too large, not
JSON, no type, an unknown type) is answered with an error frame; the connection stays open.

/ws/me/ frames:
  client -> server  {"type": "ping"}
  server -> client  {"type": "hello", "user": {"display_name", "role"} | null}  on connect
                    {"type": "pong", "user": ... }
                    {"type": "notification", "unread": n, "notification"?: {...}}
                    {"type": "error", "code": ..., "message": ...}
A signed-in person also joins the group ``person_group_name(user_id)``; anything sent there
with type "person.event" is relayed (accounts.notifications does so).
"""

import json

from channels.generic.websocket import AsyncWebsocketConsumer

MAX_FRAME_BYTES = 4096


def person_group_name(user_id):
    return f"person.{user_id}"


def user_summary(user):
    if not user.is_authenticated:
        return None
    return {"display_name": user.display_name, "role": user.role}


class JsonFrameConsumer(AsyncWebsocketConsumer):
    """Parses and checks incoming frames, then calls ``frame_<type>(frame)``."""

    max_frame_bytes = MAX_FRAME_BYTES

    async def receive(self, text_data=None, bytes_data=None):
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

    async def send_json(self, payload):
        await self.send(text_data=json.dumps(payload))

    async def send_error(self, code, message, **extra):
        await self.send_json({"type": "error", "code": code, "message": message, **extra})


class PersonConsumer(JsonFrameConsumer):
    async def connect(self):
        self.user = self.scope["user"]
        self.group = None
        await self.accept()
        if self.user.is_authenticated:
            self.group = person_group_name(self.user.pk)
            await self.channel_layer.group_add(self.group, self.channel_name)
        await self.send_json({"type": "hello", "user": user_summary(self.user)})

    async def disconnect(self, code):
        if self.group:
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def frame_ping(self, frame):
        await self.send_json({"type": "pong", "user": user_summary(self.user)})

    async def person_event(self, event):
        await self.send_json(event["payload"])
