"""A meeting's live room at /ws/meetings/<meeting id>/room/, on the live foundation's
protocol (live.discussion), with these differences: posts have no parent; ``hello`` also
carries ``room_state`` (``not_open``, ``open``, ``closed``); a ``room`` frame says when the
room opens or closes; a post can be refused with ``closed``.

Posting here is the same action as the page's form: the same form validation, the same
service (rules checked, one transaction, broadcast after commit).
"""

import rules
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from live.discussion import (
    LiveDiscussionConsumer,
    invalid_frame,
    personal_details_frame,
    rate_limited_frame,
)

from . import live, services
from .forms import RoomMessageForm
from .models import MeetingRoom


class MeetingRoomConsumer(LiveDiscussionConsumer):
    """/ws/meetings/<meeting id>/room/: the panel's inner circle watches
    (panels.meetings.rules); members and those who run the room post while it is open.
    Whether the person may still post is asked again, from fresh rows, for every post:
    someone removed from the panel mid-session is refused (``forbidden``), and a closed room
    refuses everyone (``closed``).

    Whether they may still watch is asked again on every catch-up and post, and when
    panels.access says their place in the panel changed: if no more, the socket says so and
    closes (4403), and nothing more is sent on it (live.discussion)."""

    has_replies = False
    login_to_post = gettext_lazy("Log in to take part.")
    access_ended_message = gettext_lazy("You no longer have access to this live room.")

    def _meeting_id(self):
        return self.scope["url_route"]["kwargs"]["meeting_id"]

    def _fresh_room(self):
        """The room as it is now. The rules remember their answers on the panel instance, so a
        re-check needs a newly loaded one."""
        return services.get_room_for(self.user, self._meeting_id())

    def load_discussion(self):
        try:
            room = self._fresh_room()
        except Http404:
            return None
        self.panel_id = room.meeting.panel_id
        return room

    def still_allowed(self):
        try:
            self._fresh_room()
        except Http404:
            return False
        return True

    def group_name(self):
        return live.room_group_name(self._meeting_id())

    def hello_fields(self):
        return {"meeting": self.discussion.meeting_id, "room_state": self.discussion.state}

    def can_post(self):
        return rules.has_perm("meetings.post_in_room", self.user, self.discussion)

    def catch_up(self, after_id, since):
        return live.catch_up(self._saved_room(), after_id=after_id, since=since)

    def resume_point(self, after_id):
        return live.resume_point(self._saved_room(), after_id)

    def _saved_room(self):
        """The room may have been opened since this connection began."""
        if self.discussion.pk is None:
            self.discussion = (
                MeetingRoom.objects.filter(meeting_id=self._meeting_id()).first() or self.discussion
            )
        return self.discussion

    def save_post(self, body, parent, client_id, confirm_personal):
        form = RoomMessageForm({"body": body})
        if not form.is_valid():
            return invalid_frame(form)
        try:
            room = self._fresh_room()
        except Http404:
            room = None
        try:
            if room is None:
                raise services.NotAllowed("meetings.see_room")
            return services.post_message(
                self.user,
                room,
                body=form.cleaned_data["body"],
                token=client_id,
                confirm_personal=confirm_personal,
            )
        except services.PersonalDetails as error:
            return personal_details_frame(error, body)
        except services.RateLimited as limited:
            return rate_limited_frame(limited)
        except services.RoomClosed:
            return {
                "type": "error",
                "code": "closed",
                "message": _("The live room is not open: messages cannot be posted now."),
            }
        except services.NotAllowed:
            return {
                "type": "error",
                "code": "forbidden",
                "message": _("You cannot post in this live room."),
            }
