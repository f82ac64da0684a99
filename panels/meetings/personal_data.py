"""What panel meetings hold about a person, for their data export (accounts.privacy.export):
their attendance, what they said in meeting rooms, and, for facilitators and staff, the
meetings they planned, the rooms they opened and the room messages they moderated (the
reason only: the message is its author's)."""

from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from accounts.privacy.export import Field, Section, personal_data_requested
from live.models import ModerationKind

from .models import (
    Attendance,
    AttendanceResponse,
    Meeting,
    MeetingRoom,
    RoomMessage,
    RoomModerationAction,
)

MEETING = Field("meeting", _("meeting"), _("The meeting."))
PANEL = Field("panel", _("panel"), _("The meeting's panel."))


def attendance(person):
    rows = (
        Attendance.objects.filter(person=person)
        .select_related("meeting__panel")
        .order_by("meeting__starts_at", "pk")
    )
    return Section(
        key="meeting_attendance",
        title=_("Meeting attendance"),
        description=_("Whether you said you would come to a meeting, and whether you came."),
        fields=[
            MEETING,
            PANEL,
            Field("starts_at", _("starts"), _("When the meeting starts or started.")),
            Field(
                "response",
                _("your answer"),
                _("What you said beforehand."),
                AttendanceResponse.choices,
            ),
            Field(
                "attended",
                _("present"),
                _("Whether the facilitator recorded you as present (empty: not recorded)."),
            ),
        ],
        rows=[
            {
                "meeting": row.meeting.title,
                "panel": row.meeting.panel.name,
                "starts_at": row.meeting.starts_at,
                "response": row.response,
                "attended": row.attended,
            }
            for row in rows
        ],
    )


def room_messages(person):
    rows = (
        RoomMessage.objects.filter(author=person)
        .select_related("room__meeting__panel")
        .order_by("created_at", "pk")
    )
    return Section(
        key="room_messages",
        title=_("Messages in meeting rooms"),
        description=_("What you wrote in meetings' live rooms."),
        fields=[
            Field("id", _("number"), _("The message's number.")),
            MEETING,
            PANEL,
            Field("body", _("text"), _("What you wrote.")),
            Field("created_at", _("written"), _("When you wrote it.")),
            Field("edited_at", _("edited"), _("When you last edited it.")),
            Field("removed_at", _("removed by you"), _("When you removed it.")),
            Field("hidden_at", _("hidden"), _("When moderation hid it.")),
            Field("hidden_reason", _("reason for hiding"), _("Why moderation hid it.")),
        ],
        rows=[
            {
                "id": message.pk,
                "meeting": message.room.meeting.title,
                "panel": message.room.meeting.panel.name,
                "body": message.body,
                "created_at": message.created_at,
                "edited_at": message.edited_at,
                "removed_at": message.deleted_at,
                "hidden_at": message.hidden_at,
                "hidden_reason": message.hidden_reason,
            }
            for message in rows
        ],
    )


def facilitation(person):
    planned = Meeting.objects.filter(created_by=person).select_related("panel")
    opened = MeetingRoom.objects.filter(opened_by=person).select_related("meeting__panel")
    moderated = RoomModerationAction.objects.filter(moderator=person).select_related(
        "room_message__room__meeting__panel"
    )
    rows = [
        {
            "action": "planned_meeting",
            "meeting": meeting.title,
            "panel": meeting.panel.name,
            "reason": "",
            "at": meeting.created_at,
        }
        for meeting in planned.order_by("created_at", "pk")
    ]
    rows += [
        {
            "action": "opened_room",
            "meeting": room.meeting.title,
            "panel": room.meeting.panel.name,
            "reason": "",
            "at": room.opened_at,
        }
        for room in opened.order_by("opened_at", "pk")
    ]
    rows += [
        {
            "action": f"moderated_{action.kind}",
            "meeting": action.room_message.room.meeting.title,
            "panel": action.room_message.room.meeting.panel.name,
            "reason": action.reason,
            "at": action.created_at,
        }
        for action in moderated.order_by("created_at", "pk")
    ]
    return Section(
        key="meeting_facilitation",
        title=_("Meetings you ran"),
        description=_(
            "Meetings you planned, rooms you opened, and room messages you hid or restored."
        ),
        fields=[
            Field(
                "action",
                _("what you did"),
                _("What you did."),
                [
                    ("planned_meeting", _("planned the meeting")),
                    ("opened_room", _("opened the meeting's live room")),
                    *[
                        (f"moderated_{kind}", _("moderation: %s") % label)
                        for kind, label in ModerationKind.choices
                    ],
                ],
            ),
            MEETING,
            PANEL,
            Field("reason", _("reason"), _("The reason you gave, for moderation.")),
            Field("at", _("time"), _("When.")),
        ],
        rows=rows,
    )


@receiver(personal_data_requested, dispatch_uid="meetings.personal_data")
def meeting_sections(sender, person, **kwargs):
    return [attendance(person), room_messages(person), facilitation(person)]
