"""A board's live side, on the live foundation (live.catch_up, live.hub): what is broadcast
to the board's group when something changes, the board as a whole for a socket that joins,
and what a reconnecting or polling client is sent.

Each frame is the current state of what changed, not the change itself, so frames can be
applied in any order and twice: the last one for a thing is the truth. Every frame carries
the change log id (``change``) the client catches up from:

  {"type": "note", "note": {...}, "change": id, "at": iso}          added, edited, moved,
                                                                   voted on, commented on,
                                                                   hidden or restored
  {"type": "note_removed", "note": id, "change": id, "at": iso}
  {"type": "link", "link": {...}, "change": id, "at": iso}
  {"type": "link_removed", "link": id, "change": id, "at": iso}
  {"type": "board", "board": {...}, "change": id, "at": iso}        locked, dots, card fields
  {"type": "workshop", "workshop": {...}, "change": id, "at": iso}  timer, focus, finished

A hidden note is sent as ``"state": "hidden"`` with no text, to everyone: the board keeps its
shape, and nothing hidden goes over a shared channel. Its author and the facilitators read
it on the structured view.
"""

from datetime import timedelta

from django.db.models import Count, Max, Prefetch
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone

from live.catch_up import SETTLE_SECONDS, broadcast, message_data, person_data

from . import services
from .models import Board, BoardChange, ChangeKind, Note, NoteComment, NoteLink, Vote


def group_name(board_id):
    return f"workshop-board.{board_id}"


def workshop_group_name(workshop_id):
    """Presence only: who is on which of the workshop's boards (consumers.WorkshopSeat)."""
    return f"workshop-presence.{workshop_id}"


def _person(user):
    return person_data(user) if user is not None else None


def notes_of(board):
    """A board's notes with everything a frame or a page shows of them, in a fixed number of
    queries however many there are."""
    return (
        Note.objects.filter(board=board)
        .select_related("author", "edited_by")
        .annotate(vote_count=Count("votes", distinct=True))
        .prefetch_related(
            Prefetch(
                "comments",
                queryset=NoteComment.objects.select_related("author").order_by("pk"),
            )
        )
        .order_by("region", "position", "pk")
    )


def note_data(note):
    hidden = note.is_hidden
    return {
        "id": note.pk,
        "board": note.board_id,
        "region": note.region,
        "colour": note.colour,
        "position": note.position,
        "state": "hidden" if hidden else "public",
        "text": "" if hidden else note.text,
        "card": note.card_id,
        "author": None if hidden else _person(note.author),
        "votes": note.vote_count if hasattr(note, "vote_count") else note.votes.count(),
        "comments": [] if hidden else [message_data(item) for item in note.comments.all()],
        "version": note.version,
        "edited_by": None if hidden else _person(note.edited_by),
        "edited_at": note.edited_at.isoformat() if note.edited_at else None,
    }


def link_data(link):
    return {
        "id": link.pk,
        "source": link.source_id,
        "target": link.target_id,
        "label": link.label,
    }


def board_data(board):
    return {
        "id": board.pk,
        "workshop": board.workshop_id,
        "kind": board.kind,
        "title": board.title,
        "locked": board.is_locked,
        "vote_budget": board.vote_budget,
        "card": dict(board.card_values or {}) if board.is_card else None,
        "card_edited_by": _person(board.card_edited_by) if board.is_card else None,
    }


def workshop_data(workshop):
    focus = workshop.focus_board
    return {
        "id": workshop.pk,
        "title": workshop.title,
        "finished": workshop.is_finished,
        "timer_ends_at": workshop.timer_ends_at.isoformat() if workshop.timer_ends_at else None,
        "timer_label": workshop.timer_label,
        "focus_board": {
            "id": focus.pk,
            "title": focus.title,
            "url": reverse("panels:workshop_board", args=[focus.pk]),
        }
        if focus is not None
        else None,
    }


def _frame(kind, key, data, change_id, at=None):
    return {"type": kind, key: data, "change": change_id, "at": (at or timezone.now()).isoformat()}


def last_change_id(board):
    return BoardChange.objects.filter(board=board).aggregate(latest=Max("pk"))["latest"] or 0


def snapshot(board):
    """The whole board as it is now, for a socket that joins and for the HTTP fallback:
    ``change`` is the log id it is current to (catch up from there)."""
    change_id = last_change_id(board)
    board = Board.objects.select_related("card_edited_by", "workshop__focus_board").get(pk=board.pk)
    return {
        "change": change_id,
        "board": board_data(board),
        "workshop": workshop_data(board.workshop),
        "notes": [note_data(note) for note in notes_of(board)],
        "links": [link_data(link) for link in NoteLink.objects.filter(board=board)],
    }


def frames_after(board, after_id):
    """Frames for every change after ``after_id``: the current state of each thing the
    changes touched, once each, in log order of their last change."""
    return frames_for(board, BoardChange.objects.filter(board=board, pk__gt=after_id))


def frames_for(board, changes):
    changes = sorted(changes, key=lambda change: change.pk)
    if not changes:
        return []
    latest_for = {}
    for change in changes:
        if change.kind in (ChangeKind.NOTE, ChangeKind.NOTE_REMOVED):
            latest_for[("note", change.note_id)] = change
        elif change.kind in (ChangeKind.LINK, ChangeKind.LINK_REMOVED):
            latest_for[("link", change.link_id)] = change
        else:
            latest_for[(change.kind, None)] = change
    note_ids = [key[1] for key in latest_for if key[0] == "note"]
    link_ids = [key[1] for key in latest_for if key[0] == "link"]
    notes = {note.pk: note for note in notes_of(board).filter(pk__in=note_ids)}
    links = {link.pk: link for link in NoteLink.objects.filter(board=board, pk__in=link_ids)}
    needs_board = any(key[0] in (ChangeKind.BOARD, ChangeKind.WORKSHOP) for key in latest_for)
    fresh_board = (
        Board.objects.select_related("card_edited_by", "workshop__focus_board").get(pk=board.pk)
        if needs_board
        else None
    )
    frames = []
    for (what, object_id), change in sorted(latest_for.items(), key=lambda item: item[1].pk):
        if what == "note":
            if object_id in notes:
                frames.append(_frame("note", "note", note_data(notes[object_id]), change.pk))
            else:
                frames.append(_frame("note_removed", "note", object_id, change.pk))
        elif what == "link":
            if object_id in links:
                frames.append(_frame("link", "link", link_data(links[object_id]), change.pk))
            else:
                frames.append(_frame("link_removed", "link", object_id, change.pk))
        elif what == ChangeKind.BOARD:
            frames.append(_frame("board", "board", board_data(fresh_board), change.pk))
        else:
            frames.append(
                _frame("workshop", "workshop", workshop_data(fresh_board.workshop), change.pk)
            )
    return frames


@receiver(services.board_changed, dispatch_uid="workshops.live.board_changed")
def board_changed(sender, change, **kwargs):
    """Broadcast what one committed change made of the board. A later change to the same
    thing broadcasts again; the client keeps the frame with the highest ``change``."""
    try:
        board = Board.objects.get(pk=change.board_id)
    except Board.DoesNotExist:
        return
    for frame in frames_for(board, [change]):
        broadcast(group_name(board.pk), frame)


def resume_point(board, after_id=0):
    """The change id a client may next catch up from: every change of the board at or below
    it has long been committed (change ids are given out before their transactions commit,
    in any order; see live.catch_up)."""
    settled = BoardChange.objects.filter(
        board=board, at__lte=timezone.now() - timedelta(seconds=SETTLE_SECONDS)
    ).aggregate(latest=Max("pk"))["latest"]
    return max(after_id, settled or 0)


def catch_up_answer(board, after_id):
    """What a client that has seen the board up to change ``after_id`` is sent, over the
    socket or HTTP: the frames, the last change id among them, and where to resume."""
    frames = frames_after(board, after_id)
    return {
        "frames": frames,
        "last_id": max([after_id, *(frame["change"] for frame in frames)]),
        "resume_after": resume_point(board, after_id),
    }


def votes_of(board, person):
    """The person's dots on the board: {note id: n}."""
    return dict(
        Vote.objects.filter(note__board=board, person=person)
        .values_list("note")
        .annotate(n=Count("pk"))
        .values_list("note", "n")
    )
