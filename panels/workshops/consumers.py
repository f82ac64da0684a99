"""A workshop board live at /ws/workshops/boards/<board id>/, on the live foundation's protocol
(live.discussion: hello, presence, ping, catch-up, post, rate limits, access rechecked), with
the board's own frames. Every change goes through panels.workshops.services, as from the
structured view's forms: the same rules, one transaction, the change log, the broadcast after
the commit (panels.workshops.live).

Client -> server frames, besides live.discussion's "ping":
  {"type": "catch_up", "after": change id}
      every change after it, as panels.workshops.live frames, then "caught_up" (its
      "last_id" and "resume_after" are change ids; "since" is not used here)
  {"type": "post", "body": str, "parent": note id, "client_id": str, "confirm_personal": bool}
      a comment on the note ``parent`` (required) -> "posted" {client_id, id}; everyone gets
      the note again, with its comments
  {"type": "note_add", "region": key, "colour": key | null, "text": str, "client_id": str,
   "card": card board id | null, "confirm_personal": bool}
      the same client_id adds the note once, however often it is sent; with "card" the note
      shows the card's name and "text" is not needed
  {"type": "note_edit", "note": id, "text": str?, "colour": key?, "base_version": n,
   "confirm_personal": bool?}
      base_version: the note's "version" when the person began editing
  {"type": "note_move", "note": id, "region": key, "position": n | null}   null: at the end
  {"type": "note_remove", "note": id}
  {"type": "link_add", "source": note id, "target": note id, "label": str?}
      an arrow; the same two notes again change its label
  {"type": "link_remove", "link": id}
  {"type": "vote" | "unvote", "note": id}           put one of one's dots on it, take one back
 for those who run the workshop (workshops.run_workshop):
  {"type": "note_hide", "note": id, "reason": str}
  {"type": "note_restore", "note": id, "reason": str?}
  {"type": "board_lock", "locked": bool}
  {"type": "timer", "minutes": 0..180, "label": str?}   0 stops it
  {"type": "focus", "board": board id | null}           null: free to roam
Every board frame may carry "client_id" (text, at most 64 characters); its answer repeats it.

Server -> client frames, besides live.discussion's:
  {"type": "hello", "board": id, "workshop": id, "user": person, "can_post": bool,
   "can_run": bool, "snapshot": {...}, "resume_after": change id, "my_votes": {note id: n},
   "votes_left": n}
      snapshot: the whole board (panels.workshops.live.snapshot, current to its "change");
      catch up from resume_after, which is at or below it, to miss nothing committed late
  {"type": "note" | "note_removed" | "link" | "link_removed" | "board" | "workshop",
   ..., "change": id, "at": iso}
      to everyone, for every change (panels.workshops.live); keep the highest "change" of
      each thing
  {"type": "workshop_presence" | "workshop_presence_changed", ...}
      as live.hub's "presence" and "presence_changed", for the whole workshop: who is on
      which of its boards, each person with the "board" they are on (WorkshopSeat)
  {"type": "done", "action": frame type, "client_id": str | null, ...}
      the sender's frame was carried out; with the ids concerned ("note", "link", "board"),
      a note's new "version", and after a vote or unvote the dots the person has left
      ("votes_left") and has on the note ("my_votes")
  {"type": "overwritten", "note": id, "client_id": str | null, "replaced": person,
   "message": str}
      after "done" for a note_edit whose base_version was stale: last write wins, and the
      editor's change replaced what ``replaced`` had written in between; everyone sees the
      note "changed by" the editor
  {"type": "error", "code": str, "message": str, "action": frame type, "client_id": ...}
      codes: "malformed" (a field missing or of the wrong type), "invalid" (a value the board
      does not take: too long, an unknown region or colour, no dots left), "not_found" (no
      such note, link or board here: another board's ids are not found either), "forbidden",
      "locked" (the board is read-only), "finished" (the workshop is over), "rate_limited"
      (with retry_after), "personal_details" (live.discussion; with "field": "text" or
      "body", the text the matches are in)

A socket is closed with 4404 for someone who may not see the workshop; with "forbidden" and
4403 when access ends while it is open (a guest removed, a membership ended, a logout).
"""

import json

import rules
from channels.db import database_sync_to_async
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from live import hub
from live.catch_up import person_data
from live.discussion import LiveDiscussionConsumer, rate_limited_frame

from . import live, services
from .models import Board, Note, NoteLink, Vote

CLIENT_ID_MAX_LENGTH = 64
TIMER_LABEL_MAX_LENGTH = 120


def personal_details_frame(error, field, sent_text):
    """live.discussion's answer to a text that looks like personal details, for the frame's
    ``field`` ("text" of a note, "body" of a comment): where they are in ``sent_text``, which
    the service saw with the surrounding whitespace stripped."""
    offset = len(sent_text) - len(sent_text.lstrip())
    return {
        "type": "error",
        "code": "personal_details",
        "field": field,
        "message": error.message,
        "can_confirm": not error.refused,
        "matches": [match.as_frame(offset) for match in error.matches(field)],
    }


# --- Reading a frame ------------------------------------------------------------------------


class Malformed(Exception):
    pass


class Refused(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code, self.message = code, str(message)


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


# What a field must be: its description for the error message, and the test.
ID = ("an id (a positive whole number)", lambda value: _is_int(value) and value > 0)
COUNT = ("a whole number, 0 or more", lambda value: _is_int(value) and value >= 0)
TEXT = ("text", lambda value: isinstance(value, str))
KEY = ("a key (text)", lambda value: isinstance(value, str) and 0 < len(value) <= 64)
FLAG = ("true or false", lambda value: isinstance(value, bool))


def read(frame, required=(), **fields):
    """The fields of ``frame`` by ``fields`` (name=kind); a missing or null field is None,
    unless it is ``required``. Raises Malformed with a message that names the field."""
    values = {}
    for name, (description, test) in fields.items():
        value = frame.get(name)
        if value is None:
            if name in required:
                raise Malformed(f'"{name}" is missing: it is {description}.')
        elif not test(value):
            raise Malformed(f'"{name}" is {description}.')
        values[name] = value
    return values


class WorkshopSeat:
    """A board socket's seat in its workshop's presence room (live.hub), beside its own room
    for the board: who is on which board of the workshop. The hub treats it as a socket; the
    presence frames it gets reach the board socket renamed "workshop_presence" and
    "workshop_presence_changed", each person with the "board" they are on. A workshop's
    room carries nothing else: board frames stay in the boards' own rooms."""

    RENAMED = {"presence": "workshop_presence", "presence_changed": "workshop_presence_changed"}

    def __init__(self, socket):
        self.socket = socket

    async def deliver(self, text, comment_id=None):
        frame = json.loads(text)
        if frame.get("type") in self.RENAMED:
            frame["type"] = self.RENAMED[frame["type"]]
            await self.socket.deliver(json.dumps(frame))

    async def dispatch(self, message):
        """Rechecks reach the board socket through its own groups, not through here."""

    async def room_lost(self):
        # The board's own room is lost with the same channel layer and closes the socket.
        self.socket.workshop_room = None


class WorkshopBoardConsumer(LiveDiscussionConsumer):
    """/ws/workshops/boards/<board id>/: everyone who sees the workshop watches
    (workshops.see_workshop: the panel's inner circle and the workshop's guests), those who
    take part change the board while it is open, those who run the workshop also moderate,
    lock, time and focus. Every frame is asked of the rules again, from fresh rows, by the
    service that carries it out; whether the person may still watch is asked on every
    catch-up, post and change, and whenever live.access or panels.access says it may have
    changed (a guest or facilitator taken off: panels.workshops.access; a membership ended)."""

    login_to_post = gettext_lazy("Log in to take part.")
    access_ended_message = gettext_lazy("You no longer have access to this workshop.")

    def _board_id(self):
        return self.scope["url_route"]["kwargs"]["board_id"]

    # --- Who is on which board of the workshop --------------------------------------------

    workshop_room = None

    async def connect(self):
        await super().connect()
        if getattr(self, "room", None) is None or self.access_ended:
            return  # refused
        board = self.discussion
        self.workshop_seat = WorkshopSeat(self)
        self.workshop_room = await hub.join(
            self.channel_layer,
            live.workshop_group_name(board.workshop_id),
            self.workshop_seat,
            {**person_data(self.user), "board": board.pk},
        )

    async def _leave_workshop(self):
        if self.workshop_room is not None:
            room, self.workshop_room = self.workshop_room, None
            await hub.leave(room, self.workshop_seat)

    async def disconnect(self, code):
        await self._leave_workshop()
        await super().disconnect(code)

    async def confirm_access(self):
        allowed = await super().confirm_access()
        if not allowed:
            await self._leave_workshop()
        return allowed

    def _fresh_board(self):
        """The board as it is now, if the person may see it. The rules remember their answers
        on the workshop instance, so a re-check needs a newly loaded one."""
        board = (
            Board.objects.select_related("workshop__panel", "workshop__focus_board")
            .filter(pk=self._board_id())
            .first()
        )
        if board is None or not rules.has_perm("workshops.see_workshop", self.user, board):
            return None
        return board

    # --- The live foundation's questions, answered for a board ---------------------------

    def load_discussion(self):
        return self._fresh_board()

    def still_allowed(self):
        return self._fresh_board() is not None

    def group_name(self):
        return live.group_name(self._board_id())

    def hello_fields(self):
        board = self.discussion
        mine = live.votes_of(board, self.user)
        return {
            "board": board.pk,
            "workshop": board.workshop_id,
            "can_run": rules.has_perm("workshops.run_workshop", self.user, board),
            "snapshot": live.snapshot(board),
            "resume_after": live.resume_point(board),
            "my_votes": {str(note_id): n for note_id, n in mine.items()},
            "votes_left": max(0, board.vote_budget - sum(mine.values())),
        }

    def can_post(self):
        return rules.has_perm("workshops.take_part", self.user, self.discussion)

    def catch_up(self, after_id, since):
        return live.frames_after(self.discussion, after_id)

    def resume_point(self, after_id):
        return live.resume_point(self.discussion, after_id)

    def frame_id(self, frame):
        return frame["change"]

    # --- Comments on notes: live.discussion's "post", with the note as its parent ----------

    def save_post(self, body, parent, client_id, confirm_personal):
        answer = self._carry_out(
            self._comment,
            {"body": body, "note": parent, "confirm_personal": confirm_personal},
            client_id,
            runs=False,
        )[0]
        return answer if answer.get("type") == "error" else answer["comment"]

    def _comment(self, board, values, client_id):
        if values["note"] is None:
            raise Malformed('"parent" is missing: a comment here is on a note (its id).')
        saved = services.comment(
            self._note(board, values["note"]),
            self.user,
            body=values["body"],
            token=client_id,
            confirm_personal=values["confirm_personal"],
        )
        return [{"type": "posted", "comment": saved}]

    # --- Frames from the client: the board ----------------------------------------------

    async def frame_note_add(self, frame):
        await self._act(
            frame,
            self._note_add,
            read_fields={
                "region": KEY,
                "colour": KEY,
                "text": TEXT,
                "card": ID,
                "confirm_personal": FLAG,
            },
            required=("region",),
        )

    async def frame_note_edit(self, frame):
        await self._act(
            frame,
            self._note_edit,
            read_fields={
                "note": ID,
                "text": TEXT,
                "colour": KEY,
                "base_version": ID,
                "confirm_personal": FLAG,
            },
            required=("note", "base_version"),
        )

    async def frame_note_move(self, frame):
        await self._act(
            frame,
            self._note_move,
            read_fields={"note": ID, "region": KEY, "position": COUNT},
            required=("note", "region"),
        )

    async def frame_note_remove(self, frame):
        await self._act(frame, self._note_remove, read_fields={"note": ID}, required=("note",))

    async def frame_link_add(self, frame):
        await self._act(
            frame,
            self._link_add,
            read_fields={"source": ID, "target": ID, "label": TEXT},
            required=("source", "target"),
        )

    async def frame_link_remove(self, frame):
        await self._act(frame, self._link_remove, read_fields={"link": ID}, required=("link",))

    async def frame_vote(self, frame):
        await self._act(frame, self._vote, read_fields={"note": ID}, required=("note",))

    async def frame_unvote(self, frame):
        await self._act(frame, self._unvote, read_fields={"note": ID}, required=("note",))

    # For those who run the workshop.

    async def frame_note_hide(self, frame):
        await self._act(
            frame,
            self._note_hide,
            read_fields={"note": ID, "reason": TEXT},
            required=("note", "reason"),
            runs=True,
        )

    async def frame_note_restore(self, frame):
        await self._act(
            frame,
            self._note_restore,
            read_fields={"note": ID, "reason": TEXT},
            required=("note",),
            runs=True,
        )

    async def frame_board_lock(self, frame):
        await self._act(
            frame, self._board_lock, read_fields={"locked": FLAG}, required=("locked",), runs=True
        )

    async def frame_timer(self, frame):
        await self._act(
            frame,
            self._timer,
            read_fields={"minutes": COUNT, "label": TEXT},
            required=("minutes",),
            runs=True,
        )

    async def frame_focus(self, frame):
        if "board" not in frame:
            # Null asks nobody to go anywhere; a missing field is more likely a mistake.
            return await self.send_error(
                "malformed",
                '"board" is missing: it is a board id, or null to let everyone roam.',
                action="focus",
                client_id=None,
            )
        await self._act(frame, self._focus, read_fields={"board": ID}, runs=True)

    # --- Carrying a frame out -----------------------------------------------------------

    async def _act(self, frame, action, *, read_fields, required=(), runs=False):
        """Read the frame, ask whether the person may still be here, carry it out in the
        database thread, and answer the sender (everyone else hears of the change from the
        broadcast after the commit)."""
        kind = frame["type"]
        client_id = frame.get("client_id")
        if client_id is not None and (
            not isinstance(client_id, str) or not 0 < len(client_id) <= CLIENT_ID_MAX_LENGTH
        ):
            return await self.send_error(
                "malformed",
                f'"client_id" is a text of at most {CLIENT_ID_MAX_LENGTH} characters.',
                action=kind,
                client_id=None,
            )
        try:
            values = read(frame, required=required, **read_fields)
        except Malformed as error:
            return await self.send_error("malformed", str(error), action=kind, client_id=client_id)
        if not self.user.is_authenticated:
            return await self.send_error(
                "forbidden", str(self.login_to_post), action=kind, client_id=client_id
            )
        if not await self.confirm_access():
            return
        answers = await database_sync_to_async(self._carry_out)(action, values, client_id, runs)
        for answer in answers:
            await self.send_json({**answer, "action": kind, "client_id": client_id})

    def _carry_out(self, action, values, client_id, runs):
        """Sync. The answers to the sender: "done" (and maybe "overwritten"), or an error."""
        board = None
        try:
            board = self._fresh_board()
            if board is None:
                raise services.NotAllowed("workshops.see_workshop")
            return action(board, values, client_id)
        except services.PersonalDetails as error:
            field = "body" if "body" in values else "text"
            return [personal_details_frame(error, field, values.get(field) or "")]
        except Exception as error:
            return [self._refusal(error, board, runs=runs)]

    def _refusal(self, error, board, runs=False):
        """The error frame for a refused action; anything unexpected is raised again."""
        if isinstance(error, Malformed):
            return {"type": "error", "code": "malformed", "message": str(error)}
        if isinstance(error, Refused):
            return {"type": "error", "code": error.code, "message": error.message}
        if isinstance(error, ObjectDoesNotExist):
            # Removed by someone else between the frame's check and its transaction.
            return {"type": "error", "code": "not_found", "message": _("It is no longer there.")}
        if isinstance(error, ValidationError):
            return {"type": "error", "code": "invalid", "message": " ".join(error.messages)}
        if isinstance(error, services.RateLimited):
            return rate_limited_frame(error)
        if isinstance(error, services.NotAllowed):
            # A locked board and a finished workshop say no to everyone who takes part:
            # say which, so the page can tell the person why.
            if board is not None and not runs:
                if board.workshop.is_finished:
                    return {
                        "type": "error",
                        "code": "finished",
                        "message": _("The workshop has finished: its boards can be read."),
                    }
                if board.is_locked:
                    return {
                        "type": "error",
                        "code": "locked",
                        "message": _("The board is locked: it can be read but not changed."),
                    }
            return {
                "type": "error",
                "code": "forbidden",
                "message": _("You cannot do that on this board."),
            }
        raise error

    def _note(self, board, note_id):
        note = (
            Note.objects.select_related("board__workshop__panel")
            .filter(pk=note_id, board=board)
            .first()
        )
        if note is None:
            raise Refused("not_found", _("There is no such note on this board."))
        return note

    @staticmethod
    def _done(**fields):
        return {"type": "done", **fields}

    # --- The actions (sync: each returns the answers to the sender) -----------------------

    def _note_add(self, board, values, client_id):
        card = None
        if values["card"] is not None:
            card = Board.objects.filter(pk=values["card"], workshop=board.workshop_id).first()
            if card is None or not card.is_card:
                raise Refused("not_found", _("There is no such card in this workshop."))
        elif values["text"] is None:
            raise Malformed('"text" is missing: it is the note\'s text.')
        note = services.add_note(
            board,
            self.user,
            region=values["region"],
            colour=values["colour"] or "",
            text=values["text"] or "",
            token=client_id,
            card=card,
            confirm_personal=bool(values["confirm_personal"]),
        )
        return [self._done(note=note.pk, version=note.version)]

    def _note_edit(self, board, values, client_id):
        if values["text"] is None and values["colour"] is None:
            raise Malformed('A note_edit changes "text", "colour" or both.')
        note, overwritten = services.edit_note(
            self._note(board, values["note"]),
            self.user,
            text=values["text"],
            colour=values["colour"],
            base_version=values["base_version"],
            confirm_personal=bool(values["confirm_personal"]),
        )
        answers = [self._done(note=note.pk, version=note.version)]
        if overwritten is not None:
            answers.append(
                {
                    "type": "overwritten",
                    "note": note.pk,
                    "replaced": person_data(overwritten),
                    "message": _(
                        "%(name)s changed this note while you were editing it. Your version "
                        "replaced theirs."
                    )
                    % {"name": overwritten.display_name},
                }
            )
        return answers

    def _note_move(self, board, values, client_id):
        note = services.move_note(
            self._note(board, values["note"]),
            self.user,
            region=values["region"],
            position=values["position"],
        )
        return [self._done(note=note.pk, version=note.version, region=note.region)]

    def _note_remove(self, board, values, client_id):
        note = self._note(board, values["note"])
        services.remove_note(note, self.user)
        return [self._done(note=values["note"])]

    def _link_add(self, board, values, client_id):
        link = services.link_notes(
            self._note(board, values["source"]),
            self._note(board, values["target"]),
            self.user,
            label=values["label"] or "",
        )
        return [self._done(link=link.pk)]

    def _link_remove(self, board, values, client_id):
        link = (
            NoteLink.objects.select_related("board__workshop__panel")
            .filter(pk=values["link"], board=board)
            .first()
        )
        if link is None:
            raise Refused("not_found", _("There is no such link on this board."))
        services.unlink(link, self.user)
        return [self._done(link=values["link"])]

    def _vote(self, board, values, client_id):
        note = self._note(board, values["note"])
        return [self._votes_done(note, services.vote(note, self.user))]

    def _unvote(self, board, values, client_id):
        note = self._note(board, values["note"])
        return [self._votes_done(note, services.unvote(note, self.user))]

    def _votes_done(self, note, left):
        mine = Vote.objects.filter(note=note, person=self.user).count()
        return self._done(note=note.pk, votes_left=left, my_votes=mine)

    def _note_hide(self, board, values, client_id):
        note = services.hide_note(
            self._note(board, values["note"]), self.user, reason=values["reason"]
        )
        return [self._done(note=note.pk)]

    def _note_restore(self, board, values, client_id):
        note = services.restore_note(
            self._note(board, values["note"]),
            self.user,
            reason=values["reason"] or _("Restored on the live board."),
        )
        return [self._done(note=note.pk)]

    def _board_lock(self, board, values, client_id):
        board = services.lock_board(board, self.user, locked=values["locked"])
        return [self._done(board=board.pk, locked=board.is_locked)]

    def _timer(self, board, values, client_id):
        label = (values["label"] or "").strip()
        if len(label) > TIMER_LABEL_MAX_LENGTH:
            raise ValidationError(
                _("A timer's label is at most %(max)s characters.")
                % {"max": TIMER_LABEL_MAX_LENGTH}
            )
        workshop = services.set_timer(
            board.workshop, self.user, minutes=values["minutes"], label=label
        )
        return [self._done(workshop=workshop.pk)]

    def _focus(self, board, values, client_id):
        focus = None
        if values["board"] is not None:
            focus = Board.objects.filter(pk=values["board"], workshop=board.workshop_id).first()
            if focus is None:
                raise Refused("not_found", _("There is no such board in this workshop."))
        workshop = services.set_focus(board.workshop, self.user, focus)
        return [self._done(workshop=workshop.pk, board=focus.pk if focus else None)]
