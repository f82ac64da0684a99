"""The per-person live channel at /ws/me/.

Frames (JSON objects with a "type"):
  client -> server  {"type": "ping"}
  server -> client  {"type": "hello", "user": {"display_name", "role"} | null}  on connect
                    {"type": "pong", "user": ... }
                    {"type": "error", "code": ..., "message": ...}             bad frames
A signed-in person also joins the group ``person_group_name(user_id)``; the notification
system sends to it, and anything sent there with type "person.event" is relayed.
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


class PersonConsumer(AsyncWebsocketConsumer):
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

    async def receive(self, text_data=None, bytes_data=None):
        if text_data is None:
            return await self.send_error("binary_not_supported", "Send JSON text frames.")
        if len(text_data.encode()) > MAX_FRAME_BYTES:
            return await self.send_error(
                "too_large", f"Frames are limited to {MAX_FRAME_BYTES} bytes."
            )
        try:
            frame = json.loads(text_data)
        except ValueError:
            return await self.send_error("malformed", "The frame is not valid JSON.")
        if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
            return await self.send_error("malformed", 'A frame is a JSON object with a "type".')
        if frame["type"] == "ping":
            return await self.send_json({"type": "pong", "user": user_summary(self.user)})
        return await self.send_error("unknown_type", f"Unknown frame type {frame['type']!r}.")

    async def person_event(self, event):
        await self.send_json(event["payload"])

    async def send_json(self, payload):
        await self.send(text_data=json.dumps(payload))

    async def send_error(self, code, message):
        await self.send_json({"type": "error", "code": code, "message": message})
