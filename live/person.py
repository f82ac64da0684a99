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

The socket belongs to the session it opened with: when that session ends (a logout, a new
password, a deactivation; live.access), it says "forbidden" and closes with 4403, so that a
tab left open after logging out is told nothing more.
"""

from channels.db import database_sync_to_async
from django.dispatch import receiver
from django.utils.translation import gettext as _

from accounts.signals import unread_changed

from .access import person_access_group, still_signed_in
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
        self.groups_joined = []
        self.session_ended = False
        await self.accept()
        if self.user.is_authenticated:
            self.groups_joined = [
                person_group_name(self.user.pk),
                person_access_group(self.user.pk),
            ]
            for name in self.groups_joined:
                await self.channel_layer.group_add(name, self.channel_name)
        await self.send_json({"type": "hello", "user": user_summary(self.user)})
        if self.user.is_authenticated:
            # The session may have ended between the handshake and joining the groups.
            await self.live_recheck({})

    async def disconnect(self, code):
        for name in self.groups_joined:
            await self.channel_layer.group_discard(name, self.channel_name)
        self.groups_joined = []

    async def receive(self, text_data=None, bytes_data=None):
        if not self.session_ended:
            await super().receive(text_data=text_data, bytes_data=bytes_data)

    async def frame_ping(self, frame):
        await self.send_json({"type": "pong", "user": user_summary(self.user)})

    async def person_event(self, event):
        if not self.session_ended:
            await self.send_json(event["payload"])

    async def live_recheck(self, event):
        """From live.access: is the session this socket opened with still signed in?"""
        if self.session_ended or await database_sync_to_async(still_signed_in)(self.scope):
            return
        self.session_ended = True
        await self.send_error(
            "forbidden", _("Your sign-in has ended or changed. Reload the page to go on.")
        )
        await self.disconnect(4403)
        await self.close(code=4403)


@receiver(unread_changed, dispatch_uid="live.person.unread_changed")
def relay_unread_count(sender, person, unread, notice=None, **kwargs):
    payload = {"type": "notification", "unread": unread}
    if notice is not None:
        payload["notification"] = {"id": notice.pk, "message": notice.message, "url": notice.url}
    send_to_group(person_group_name(person.pk), {"type": "person.event", "payload": payload})
