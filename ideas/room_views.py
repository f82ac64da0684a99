"""The pages of a panel meeting's live room. Thin: who may do what comes from
ideas.room_rules, every change from ideas.meeting_room (the same functions the websocket
uses). A room a person may not see answers 404, as every members-only page does."""

import uuid

import rules
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import live, meeting_room
from .models import RoomMessage
from .room_forms import ModerateMessageForm, RoomMessageForm


def _can(user, perm, obj):
    return rules.has_perm(f"ideas.{perm}", user, obj)


def _reverse_room(meeting_id):
    return reverse("ideas:meeting_room", args=[meeting_id])


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
    speaks = _can(user, "speak_in_meeting_room", room)
    return {
        "room": room,
        "meeting": room.meeting,
        "panel": room.meeting.panel,
        "room_messages": room_messages,
        "can_run": _can(user, "run_meeting_room", room),
        "can_speak": speaks,
        "form": (form or RoomMessageForm(initial={"token": uuid.uuid4()})) if speaks else None,
        # Where the live room resumes from (ideas.live) and when the page was drawn.
        "live_last_id": live.room_resume_point(room) if room_messages else 0,
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
    room = meeting_room.get_room_for(request.user, pk)
    return render(request, "ideas/meeting_room.html", _room_context(request, room))


@require_POST
def post(request, pk):
    # Only the panel's inner circle finds the room: anyone else, signed in or not, gets 404.
    room = meeting_room.get_room_for(request.user, pk)
    form = RoomMessageForm(request.POST)
    if form.is_valid():
        try:
            message = meeting_room.post_message(
                request.user,
                room,
                body=form.cleaned_data["body"],
                token=form.cleaned_data["token"] or None,
            )
        except meeting_room.RateLimited as limited:
            form.add_error(
                None,
                _("You are commenting very fast. Try again in %(seconds)s seconds.")
                % {"seconds": limited.retry_after},
            )
        except meeting_room.RoomClosed:
            form.add_error(None, _("The live room is not open: messages cannot be posted now."))
        except meeting_room.NotAllowed:
            raise Http404 from None
        else:
            messages.success(request, _("Your message was posted."))
            return redirect(f"{_reverse_room(pk)}#comment-{message.pk}")
    # What was typed stays on the page, with the reason it was not posted.
    return render(request, "ideas/meeting_room.html", _room_context(request, room, form))


@require_POST
def open_room(request, pk):
    room = meeting_room.get_room_for(request.user, pk)
    if not _can(request.user, "run_meeting_room", room):
        raise Http404
    meeting_room.open_room(request.user, room.meeting)
    messages.success(request, _("The live room is open."))
    return redirect(_reverse_room(pk))


@require_POST
def close_room(request, pk):
    room = meeting_room.get_room_for(request.user, pk)
    if not _can(request.user, "run_meeting_room", room):
        raise Http404
    meeting_room.close_room(request.user, room)
    messages.success(request, _("The live room is closed. Its messages stay readable here."))
    return redirect(_reverse_room(pk))


def _message_page(request, pk, perm, *, title, form_class=None, initial=None, act, done):
    """A page to confirm an action on one message (with a form where it needs one)."""
    message = meeting_room.get_message_for(request.user, pk)
    if not _can(request.user, perm, message):
        raise Http404
    form = None
    if form_class is not None:
        form = form_class(request.POST or None, initial=initial(message) if initial else None)
    if request.method == "POST" and (form is None or form.is_valid()):
        act(message, form.cleaned_data if form is not None else {})
        messages.success(request, done)
        return redirect(message.get_absolute_url())
    return render(
        request,
        "ideas/room_message_action.html",
        {"message": message, "meeting": message.room.meeting, "form": form, "title": title},
    )


def edit_message(request, pk):
    return _message_page(
        request,
        pk,
        "edit_room_message",
        title=_("Edit message"),
        form_class=RoomMessageForm,
        initial=lambda message: {"body": message.body},
        act=lambda message, data: meeting_room.edit_message(
            request.user, message, body=data["body"]
        ),
        done=_("Your changes were saved."),
    )


def remove_message(request, pk):
    return _message_page(
        request,
        pk,
        "remove_room_message",
        title=_("Remove message"),
        act=lambda message, data: meeting_room.remove_message(request.user, message),
        done=_("Your message was removed."),
    )


def hide_message(request, pk):
    return _message_page(
        request,
        pk,
        "hide_room_message",
        title=_("Hide message"),
        form_class=ModerateMessageForm,
        act=lambda message, data: meeting_room.hide_message(
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
        act=lambda message, data: meeting_room.restore_message(
            request.user, message, reason=data["reason"]
        ),
        done=_("Restored. The author was told the reason."),
    )
