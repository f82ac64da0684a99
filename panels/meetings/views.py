"""The pages of a panel meeting and of its live room. Thin: who may do what comes from
panels.rules (the meeting: its object is the panel) and panels.meetings.rules (the room),
every change from panels.meetings.services (the same functions the room's websocket uses).
A meeting or room a person may not see answers 404, as every members-only page does."""

import uuid

import rules
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from live.catch_up import catch_up_response
from live.ratelimit import refusal_message
from panels.views import (
    add_errors,
    can_in_panel,
    get_panel,
    panel_permissions,
    posted,
    require_in_panel,
)

from . import live, services
from .forms import (
    AttendanceRecordForm,
    AttendanceResponseForm,
    MeetingForm,
    ModerateMessageForm,
    RoomMessageEditForm,
    RoomMessageForm,
)
from .models import Attendance, Meeting, RoomMessage


def _meeting_for(user, pk):
    """The meeting, if ``user`` may see it at all."""
    return get_object_or_404(
        Meeting.objects.visible_to(user).select_related("panel__region", "municipality"), pk=pk
    )


# --- Meetings -----------------------------------------------------------------------------


def meeting_detail(request, pk):
    meeting = _meeting_for(request.user, pk)
    user = request.user
    panel = meeting.panel
    can = panel_permissions(user, panel)
    can["respond"] = not meeting.is_over() and can_in_panel(user, "respond_to_meeting", panel)
    my_response = None
    if can["respond"]:
        my_response = (
            Attendance.objects.filter(meeting=meeting, person=user)
            .values_list("response", flat=True)
            .first()
        )
    attendances = None
    if can["view_members"]:
        attendances = meeting.attendances.select_related("person").order_by("person__display_name")
    context = {
        "meeting": meeting,
        "panel": panel,
        "can": can,
        "response_form": AttendanceResponseForm(initial={"response": my_response}),
        "my_response": my_response,
        "attendances": attendances,
        # Whoever sees the meeting sees its attachments: one query for all of them.
        "attachments": meeting.attachments.select_related("document"),
        # The co-design workshops held in the meeting, to those who see them (the inner
        # circle, guests their own): Workshop.objects.seen_by through the reverse relation.
        "workshops": meeting.workshops.seen_by(user) if user.is_authenticated else (),
    }
    return render(request, "meetings/meeting_detail.html", context)


def _meeting_form_page(request, panel, meeting):
    form = MeetingForm(posted(request), instance=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.save_meeting(
                form.save(commit=False),
                by=request.user,
                publish_minutes=form.cleaned_data["publish_minutes"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The meeting was saved."))
            return redirect("panels:meeting", meeting.pk)
    return render(
        request, "meetings/meeting_form.html", {"panel": panel, "meeting": meeting, "form": form}
    )


@login_required
def meeting_create(request, slug):
    panel = get_panel(slug)
    require_in_panel(request.user, "edit_meeting", panel)
    return _meeting_form_page(request, panel, Meeting(panel=panel))


@login_required
def meeting_edit(request, pk):
    meeting = _meeting_for(request.user, pk)
    require_in_panel(request.user, "edit_meeting", meeting.panel)
    return _meeting_form_page(request, meeting.panel, meeting)


@login_required
@require_POST
def meeting_respond(request, pk):
    meeting = _meeting_for(request.user, pk)
    require_in_panel(request.user, "respond_to_meeting", meeting.panel)
    form = AttendanceResponseForm(request.POST)
    if form.is_valid():
        try:
            services.respond_to_meeting(meeting, request.user, form.cleaned_data["response"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Thank you, your answer was saved."))
    else:
        messages.error(request, _("Choose whether you are coming."))
    return redirect("panels:meeting", meeting.pk)


@login_required
def meeting_attendance(request, pk):
    meeting = _meeting_for(request.user, pk)
    require_in_panel(request.user, "record_attendance", meeting.panel)
    members = meeting.panel.memberships.active().values("person")
    people = get_user_model().objects.filter(pk__in=members).order_by("display_name")
    present = meeting.attendances.filter(attended=True).values_list("person", flat=True)
    form = AttendanceRecordForm(
        request.POST or None, members=people, initial={"present": list(present)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_attendance(meeting, present=form.cleaned_data["present"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Attendance was recorded."))
            return redirect("panels:meeting", meeting.pk)
    return render(
        request,
        "meetings/meeting_attendance.html",
        {"meeting": meeting, "panel": meeting.panel, "form": form},
    )


# --- The live room ------------------------------------------------------------------------


def _can(user, perm, obj):
    return rules.has_perm(f"meetings.{perm}", user, obj)


def _reverse_room(meeting_id):
    return reverse("panels:meeting_room", args=[meeting_id])


def _room_context(request, room, form=None):
    user = request.user
    now = timezone.now()
    room_messages = []
    if room.pk is not None:
        room_messages = list(room.messages.select_related("author").order_by("pk"))
        for message in room_messages:
            # The rules look at message.room.meeting.panel and remember their answers there:
            # one shared instance keeps the page's queries flat however long the transcript.
            message.room = room
    speaks = _can(user, "speak_in_room", room)
    return {
        "room": room,
        "meeting": room.meeting,
        "panel": room.meeting.panel,
        "room_messages": room_messages,
        "can_run": _can(user, "run_room", room),
        "can_speak": speaks,
        "form": (form or RoomMessageForm(initial={"token": uuid.uuid4()})) if speaks else None,
        # Where the live room resumes from (panels.meetings.live) and when the page was drawn.
        "live_last_id": live.resume_point(room) if room_messages else 0,
        "live_since": now.isoformat(),
        # Unsaved stand-ins (id 0) from which the page draws the actions this viewer may take
        # on messages that arrive live: someone else's, their own, and one hidden.
        "message_probe_other": RoomMessage(pk=0, room=room, author=None),
        "message_probe_own": RoomMessage(
            pk=0, room=room, author=user if user.is_authenticated else None
        ),
        "message_probe_hidden": RoomMessage(pk=0, room=room, author=None, hidden_at=now),
    }


def room(request, pk):
    room = services.get_room_for(request.user, pk)
    return render(request, "meetings/meeting_room.html", _room_context(request, room))


@require_POST
def post(request, pk):
    # Only the panel's inner circle finds the room: anyone else, signed in or not, gets 404.
    room = services.get_room_for(request.user, pk)
    form = RoomMessageForm(request.POST)
    if form.is_valid():
        try:
            message = services.post_message(
                request.user,
                room,
                body=form.cleaned_data["body"],
                token=form.cleaned_data["token"] or None,
                confirm_personal=form.cleaned_data["confirm_personal"],
            )
        except services.PersonalDetails as error:
            form.refuse_personal_details(error)
        except services.RateLimited as limited:
            form.add_error(None, refusal_message(limited))
        except services.RoomClosed:
            form.add_error(None, _("The live room is not open: messages cannot be posted now."))
        except services.NotAllowed:
            raise Http404 from None
        else:
            messages.success(request, _("Your message was posted."))
            return redirect(f"{_reverse_room(pk)}#comment-{message.pk}")
    # What was typed stays on the page, with the reason it was not posted.
    return render(request, "meetings/meeting_room.html", _room_context(request, room, form))


@require_POST
def open_room(request, pk):
    room = services.get_room_for(request.user, pk)
    if not _can(request.user, "run_room", room):
        raise Http404
    services.open_room(request.user, room.meeting)
    messages.success(request, _("The live room is open."))
    return redirect(_reverse_room(pk))


@require_POST
def close_room(request, pk):
    room = services.get_room_for(request.user, pk)
    if not _can(request.user, "run_room", room):
        raise Http404
    services.close_room(request.user, room)
    messages.success(request, _("The live room is closed. Its messages stay readable here."))
    return redirect(_reverse_room(pk))


def _message_page(request, pk, perm, *, title, form_class=None, initial=None, act, done):
    """A page to confirm an action on one message (with a form where it needs one)."""
    message = services.get_message_for(request.user, pk)
    if not _can(request.user, perm, message):
        raise Http404
    form = None
    if form_class is not None:
        form = form_class(request.POST or None, initial=initial(message) if initial else None)
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            act(message, form.cleaned_data if form is not None else {})
        except services.PersonalDetails as error:
            # Only an edit has text to look at: asked, with what was typed kept.
            form.refuse_personal_details(error)
        else:
            messages.success(request, done)
            return redirect(message.get_absolute_url())
    return render(
        request,
        "meetings/room_message_action.html",
        {"message": message, "meeting": message.room.meeting, "form": form, "title": title},
    )


def edit_message(request, pk):
    return _message_page(
        request,
        pk,
        "edit_room_message",
        title=_("Edit message"),
        form_class=RoomMessageEditForm,
        initial=lambda message: {"body": message.body},
        act=lambda message, data: services.edit_message(
            request.user, message, body=data["body"], confirm_personal=data["confirm_personal"]
        ),
        done=_("Your changes were saved."),
    )


def remove_message(request, pk):
    return _message_page(
        request,
        pk,
        "remove_room_message",
        title=_("Remove message"),
        act=lambda message, data: services.remove_message(request.user, message),
        done=_("Your message was removed."),
    )


def hide_message(request, pk):
    return _message_page(
        request,
        pk,
        "hide_room_message",
        title=_("Hide message"),
        form_class=ModerateMessageForm,
        act=lambda message, data: services.hide_message(
            request.user, message, reason=data["reason"]
        ),
        done=_("Hidden. The author was told the reason."),
    )


def restore_message(request, pk):
    return _message_page(
        request,
        pk,
        "restore_room_message",
        title=_("Restore message"),
        form_class=ModerateMessageForm,
        act=lambda message, data: services.restore_message(
            request.user, message, reason=data["reason"]
        ),
        done=_("Restored. The author was told the reason."),
    )


@never_cache
@require_GET
def room_catch_up(request, pk):
    """The room's catch-up over HTTP (live.catch_up); its answer also says whether the room is
    open ("room_state", as in the websocket's hello and "room" frames), so that a polling page
    learns when it opens or closes."""
    room = services.get_room_for(request.user, pk)  # 404 for outsiders
    return catch_up_response(
        request,
        lambda **kwargs: live.catch_up(room, **kwargs),
        lambda after: live.resume_point(room, after),
        room_state=room.state,
    )
