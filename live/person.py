"""The per-person live channel at /ws/me/: the notification badge on every page a person has
open, in every tab and on every worker.

Frames:
  client -> server  {"type": "ping"}
  server -> client  {"type": "hello", "user": {"display_name", "role"} | null}  on connect
                    {"type": "pong", "user": ... }
                    {"type": "notification", "unread": n, "notification"?: {...}}
                    {"type": "error", "code": ..., "message": ...}
A signed-in person joins the group ``person_group_name(user_id)``; anything sent there with
type "person.event" is relayed. What accounts tells a person (accounts.signals.unread_changed)
is sent there.
"""

from django.dispatch import receiver

from accounts.signals import unread_changed

from .frames import MAX_FRAME_BYTES, JsonFrameConsumer  # noqa: F401 - the limit here
from .groups import send_to_group


def person_group_name(user_id):
    return f"person.{user_id}"


def user_summary(user):
    if not user.is_authenticated:
        return None
    return {"display_name": user.display_name, "role": user.role}


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


@receiver(unread_changed, dispatch_uid="live.person.unread_changed")
def relay_unread_count(sender, person, unread, notice=None, **kwargs):
    payload = {"type": "notification", "unread": unread}
    if notice is not None:
        payload["notification"] = {"id": notice.pk, "message": notice.message, "url": notice.url}
    send_to_group(person_group_name(person.pk), {"type": "person.event", "payload": payload})
