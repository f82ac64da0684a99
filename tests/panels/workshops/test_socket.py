"""A workshop board's websocket through the real ASGI application (origin check, session auth):
who may join, every frame and what bad input gets, access ending mid-session, two people
editing one note at once, and a reconnecting client that catches up to exactly the board."""

import json

import pytest
from asgiref.sync import sync_to_async

from live.discussion import MAX_FRAME_BYTES
from panels.workshops import live, services
from panels.workshops.models import Board, Note, NoteComment, NoteLink, Vote, Workshop
from tests.sockets import join as join_path
from tests.sockets import next_of, presence_until

from .conftest import RUN, SEE, WORKSHOP_ROLES, build_workshop_world

db = sync_to_async

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _room_to_post(settings):
    # Most tests add many notes quickly; the limit itself is tested on its own.
    settings.LIVE_COMMENT_RATE = 1000


async def make_world():
    return await db(build_workshop_world)()


async def join(world, role, board=None):
    board = board or world.network
    person = None if role == "anonymous" else world.person(role)
    return await join_path(f"/ws/workshops/boards/{board.pk}/", person)


async def ask(socket, frame, answer="done"):
    """Send ``frame`` and read the answer of type ``answer`` (the broadcasts in between are
    skipped)."""
    await socket.send_json_to(frame)
    return await next_of(socket, answer)


async def add(socket, text="Lappu", region="own_circle", colour="plain", client_id=None, **extra):
    frame = {"type": "note_add", "region": region, "colour": colour, "text": text, **extra}
    frame["client_id"] = client_id or f"add-{text}"
    return await ask(socket, frame)


def note_row(pk):
    return Note.objects.get(pk=pk)


class Mirror:
    """What a page's script makes of the frames (workshops/board.js): the snapshot from the
    hello, then for each note and link the frame with the highest change; a removal keeps its
    change so that a late frame cannot bring the thing back."""

    def __init__(self, snapshot):
        self.notes, self.links, self.seen = {}, {}, {}
        self.board = self.workshop = None
        self.take_snapshot(snapshot)

    def take_snapshot(self, snapshot):
        change = snapshot["change"]
        self.notes = {note["id"]: note for note in snapshot["notes"]}
        self.links = {link["id"]: link for link in snapshot["links"]}
        self.board, self.workshop = snapshot["board"], snapshot["workshop"]
        self.seen = {("note", pk): change for pk in self.notes}
        self.seen.update({("link", pk): change for pk in self.links})
        self.seen["board"] = self.seen["workshop"] = change
        self.last = change

    def _newer(self, key, change):
        if self.seen.get(key, 0) > change:
            return False
        self.seen[key] = change
        self.last = max(self.last, change)
        return True

    def apply(self, frame):
        kind, change = frame["type"], frame["change"]
        if kind == "note" and self._newer(("note", frame["note"]["id"]), change):
            self.notes[frame["note"]["id"]] = frame["note"]
        elif kind == "note_removed" and self._newer(("note", frame["note"]), change):
            self.notes.pop(frame["note"], None)
        elif kind == "link" and self._newer(("link", frame["link"]["id"]), change):
            self.links[frame["link"]["id"]] = frame["link"]
        elif kind == "link_removed" and self._newer(("link", frame["link"]), change):
            self.links.pop(frame["link"], None)
        elif kind == "board" and self._newer("board", change):
            self.board = frame["board"]
        elif kind == "workshop" and self._newer("workshop", change):
            self.workshop = frame["workshop"]

    def state(self):
        notes = sorted(
            self.notes.values(), key=lambda note: (note["region"], note["position"], note["id"])
        )
        links = sorted(self.links.values(), key=lambda link: link["id"])
        return {"board": self.board, "workshop": self.workshop, "notes": notes, "links": links}


def board_now(board):
    snapshot = live.snapshot(Board.objects.get(pk=board.pk))
    snapshot.pop("change")
    return snapshot


BOARD_FRAMES = {"note", "note_removed", "link", "link_removed", "board", "workshop"}


async def catch_up(socket, mirror, after):
    """Ask for everything after ``after`` and apply it; returns the caught_up frame."""
    await socket.send_json_to({"type": "catch_up", "after": after})
    while True:
        frame = await socket.receive_json_from(timeout=3)
        if frame["type"] in BOARD_FRAMES:
            mirror.apply(frame)
        elif frame["type"] == "caught_up":
            return frame


# --- Who may join ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", WORKSHOP_ROLES)
async def test_who_may_join_and_what_the_hello_says(role):
    world = await make_world()
    await db(services.add_note)(
        world.network, world.person("member"), region="others", colour="gap", text="Kela"
    )
    socket, hello = await join(world, role)
    if role not in SEE:
        assert socket is None and hello == 4404
        return
    try:
        assert hello["board"] == world.network.pk and hello["workshop"] == world.workshop.pk
        assert hello["can_post"] is True
        assert hello["can_run"] is (role in RUN)
        assert hello["snapshot"]["notes"][0]["text"] == "Kela"
        snapshot = await db(live.snapshot)(world.network)
        assert hello["snapshot"] == snapshot
        assert hello["my_votes"] == {} and hello["votes_left"] == world.network.vote_budget
        assert hello["resume_after"] <= snapshot["change"]
        assert hello["user"]["id"] == world.person(role).pk
    finally:
        await socket.disconnect()


async def test_a_board_that_does_not_exist_is_not_found():
    world = await make_world()
    socket, code = await join_path("/ws/workshops/boards/99999/", world.person("member"))
    assert socket is None and code == 4404


async def test_presence_says_who_is_on_the_board():
    world = await make_world()
    member, _ = await join(world, "member")
    guest, _ = await join(world, "guest")
    try:
        await presence_until(member, ["Raatilainen", "Vieras"])
        await guest.disconnect()
        await presence_until(member, ["Raatilainen"])
    finally:
        await member.disconnect()


async def workshop_presence_until(socket, expected, timeout=3):
    """Read until the client would show ``expected`` ({display name: board id}) as the people
    on the workshop's boards; what it shows is kept on the socket, as the page keeps it."""
    shown = getattr(socket, "workshop_shown", {})
    while True:
        frame = await socket.receive_json_from(timeout=timeout)
        if frame["type"] == "workshop_presence":
            shown = {person["id"]: person for person in frame["people"]}
        elif frame["type"] == "workshop_presence_changed":
            for person_id in frame["left"]:
                shown.pop(person_id, None)
            shown.update({person["id"]: person for person in frame["joined"]})
        else:
            continue
        socket.workshop_shown = shown
        if {person["display_name"]: person["board"] for person in shown.values()} == expected:
            return


async def test_the_workshop_says_who_is_on_which_board():
    world = await make_world()
    member, _ = await join(world, "member")
    guest, _ = await join(world, "guest", board=world.card)
    try:
        # The board's own presence is only those on it; the workshop's, everyone and where.
        await presence_until(member, ["Raatilainen"])
        await workshop_presence_until(
            member, {"Raatilainen": world.network.pk, "Vieras": world.card.pk}
        )
        # Taken off the workshop, the guest is on no board of it any more.
        await db(services.remove_guest)(
            world.workshop, world.person("facilitator"), world.person("guest")
        )
        await workshop_presence_until(member, {"Raatilainen": world.network.pk})
    finally:
        await member.disconnect()
        await guest.disconnect()


# --- Every frame, happy path ------------------------------------------------------------------


async def test_a_note_is_added_once_and_everyone_sees_it():
    world = await make_world()
    member, _ = await join(world, "member")
    guest, _ = await join(world, "guest")
    try:
        done = await add(member, "Isovanhemmat", client_id="n1")
        assert done["action"] == "note_add" and done["client_id"] == "n1" and done["version"] == 1
        seen = await next_of(guest, "note")
        assert seen["note"]["id"] == done["note"] and seen["note"]["text"] == "Isovanhemmat"
        assert seen["note"]["author"]["display_name"] == "Raatilainen"
        assert seen["change"] > 0
        # Sent again after a lost connection: the same note, not a second one.
        again = await add(member, "Isovanhemmat", client_id="n1")
        assert again["note"] == done["note"]
        assert await db(Note.objects.count)() == 1
    finally:
        await member.disconnect()
        await guest.disconnect()


async def test_a_card_is_placed_as_a_note():
    world = await make_world()
    member, _ = await join(world, "member")
    try:
        await db(services.save_card)(world.card, world.person("member"), {"name": "Aino, 23"})
        done = await ask(
            member,
            {"type": "note_add", "region": "client_group", "card": world.card.pk, "client_id": "c"},
        )
        note = await db(note_row)(done["note"])
        assert note.card_id == world.card.pk and note.text == "Aino, 23"
    finally:
        await member.disconnect()


async def test_edit_move_remove_link_and_vote():
    world = await make_world()
    member, _ = await join(world, "member")
    guest, _ = await join(world, "guest")
    try:
        first = (await add(member, "Yksi"))["note"]
        second = (await add(member, "Kaksi", region="public_services"))["note"]

        done = await ask(
            guest,
            {
                "type": "note_edit",
                "note": first,
                "text": "Yksi!",
                "colour": "gap",
                "base_version": 1,
            },
        )
        assert done["version"] == 2
        frame = await next_of(member, "note")
        while frame["note"]["id"] != first or frame["note"]["version"] != 2:
            frame = await next_of(member, "note")
        assert frame["note"]["text"] == "Yksi!" and frame["note"]["colour"] == "gap"
        assert frame["note"]["edited_by"]["display_name"] == "Vieras"

        done = await ask(member, {"type": "note_move", "note": first, "region": "others"})
        assert done["region"] == "others"
        assert (await db(note_row)(first)).region == "others"
        done = await ask(
            member, {"type": "note_move", "note": second, "region": "others", "position": 0}
        )
        assert [n.pk for n in await db(list)(Note.objects.order_by("position"))] == [second, first]

        done = await ask(
            member, {"type": "link_add", "source": first, "target": second, "label": "viittaa"}
        )
        link = await db(NoteLink.objects.get)()
        assert done["link"] == link.pk and link.label == "viittaa"
        seen = await next_of(guest, "link")
        assert seen["link"] == {
            "id": link.pk,
            "source": first,
            "target": second,
            "label": "viittaa",
        }

        done = await ask(guest, {"type": "vote", "note": first})
        assert done["votes_left"] == world.network.vote_budget - 1 and done["my_votes"] == 1
        done = await ask(guest, {"type": "vote", "note": first})
        assert done["votes_left"] == world.network.vote_budget - 2 and done["my_votes"] == 2
        done = await ask(guest, {"type": "unvote", "note": first})
        assert done["votes_left"] == world.network.vote_budget - 1 and done["my_votes"] == 1
        assert await db(Vote.objects.filter(note_id=first).count)() == 1

        done = await ask(guest, {"type": "link_remove", "link": link.pk})
        assert done["link"] == link.pk
        assert (await next_of(member, "link_removed"))["link"] == link.pk

        done = await ask(member, {"type": "note_remove", "note": second})
        assert done["note"] == second
        assert (await next_of(guest, "note_removed"))["note"] == second
        assert not await db(Note.objects.filter(pk=second).exists)()
    finally:
        await member.disconnect()
        await guest.disconnect()


async def test_a_comment_on_a_note_is_a_post_with_the_note_as_parent():
    world = await make_world()
    member, _ = await join(world, "member")
    try:
        note = (await add(member, "Kommentoitava"))["note"]
        await member.send_json_to(
            {"type": "post", "body": "Totta", "parent": note, "client_id": "p1"}
        )
        posted = await next_of(member, "posted")
        comment = await db(NoteComment.objects.get)()
        assert posted == {"type": "posted", "client_id": "p1", "id": comment.pk}
        frame = await next_of(member, "note")
        while not frame["note"]["comments"]:
            frame = await next_of(member, "note")
        assert "Totta" in frame["note"]["comments"][0]["body_html"]

        await member.send_json_to({"type": "post", "body": "Ilman", "client_id": "p2"})
        error = await next_of(member, "error")
        assert error["code"] == "malformed" and error["client_id"] == "p2"
        await member.send_json_to({"type": "post", "body": "Väärä", "parent": 999999})
        assert (await next_of(member, "error"))["code"] == "not_found"
    finally:
        await member.disconnect()


async def test_the_facilitator_hides_restores_locks_times_and_focuses():
    world = await make_world()
    host, _ = await join(world, "workshop_facilitator")
    member, _ = await join(world, "member")
    try:
        note = (await add(member, "Asiaton"))["note"]
        await ask(host, {"type": "note_hide", "note": note, "reason": "Loukkaava"})
        seen = await next_of(member, "note")
        while seen["note"]["state"] != "hidden":
            seen = await next_of(member, "note")
        assert seen["note"]["text"] == "" and seen["note"]["author"] is None
        await ask(host, {"type": "note_restore", "note": note})
        assert (await db(note_row)(note)).hidden_at is None

        done = await ask(host, {"type": "board_lock", "locked": True})
        assert done["locked"] is True
        frame = await next_of(member, "board")
        assert frame["board"]["locked"] is True
        error = await ask(member, {"type": "vote", "note": note}, "error")
        assert error["code"] == "locked" and error["action"] == "vote"
        error = await ask(member, {"type": "note_add", "region": "others", "text": "x"}, "error")
        assert error["code"] == "locked"
        await ask(host, {"type": "board_lock", "locked": False})

        await ask(host, {"type": "timer", "minutes": 10, "label": "Pohdinta"})
        frame = await next_of(member, "workshop")
        assert frame["workshop"]["timer_label"] == "Pohdinta" and frame["workshop"]["timer_ends_at"]

        await ask(host, {"type": "focus", "board": world.card.pk})
        frame = await next_of(member, "workshop")
        while not frame["workshop"]["focus_board"]:
            frame = await next_of(member, "workshop")
        assert frame["workshop"]["focus_board"]["id"] == world.card.pk
        await ask(host, {"type": "focus", "board": None})
        assert (await db(Workshop.objects.get)(pk=world.workshop.pk)).focus_board_id is None
    finally:
        await host.disconnect()
        await member.disconnect()


@pytest.mark.parametrize(
    "frame",
    [
        {"type": "note_hide", "note": 0, "reason": "x"},
        {"type": "note_restore", "note": 0},
        {"type": "board_lock", "locked": True},
        {"type": "timer", "minutes": 5},
        {"type": "focus", "board": None},
    ],
    ids=lambda frame: frame["type"],
)
async def test_the_facilitators_frames_are_refused_to_members(frame):
    world = await make_world()
    member, _ = await join(world, "member")
    guest, _ = await join(world, "guest")
    try:
        note = (await add(member, "Oma"))["note"]
        frame = {**frame, "note": note} if "note" in frame else frame
        for socket in (member, guest):
            error = await ask(socket, {**frame, "client_id": "f"}, "error")
            assert error["code"] == "forbidden" and error["client_id"] == "f"
        assert (await db(note_row)(note)).hidden_at is None
        assert not (await db(Board.objects.get)(pk=world.network.pk)).is_locked
    finally:
        await member.disconnect()
        await guest.disconnect()


# --- Bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ({"type": "note_add", "text": "x"}, "malformed"),  # no region
        ({"type": "note_add", "region": 3, "text": "x"}, "malformed"),
        ({"type": "note_add", "region": "others", "text": 5}, "malformed"),
        ({"type": "note_add", "region": "others"}, "malformed"),  # no text, no card
        ({"type": "note_add", "region": "others", "text": "x", "client_id": 7}, "malformed"),
        ({"type": "note_add", "region": "others", "text": "x", "client_id": "c" * 65}, "malformed"),
        ({"type": "note_add", "region": "others", "text": "x" * 281}, "invalid"),
        ({"type": "note_add", "region": "others", "text": "   "}, "invalid"),
        ({"type": "note_add", "region": "the_moon", "text": "x"}, "invalid"),
        ({"type": "note_add", "region": "others", "colour": "pink", "text": "x"}, "invalid"),
        ({"type": "note_add", "region": "others", "card": 999999}, "not_found"),
        ({"type": "note_edit", "note": "1", "text": "x", "base_version": 1}, "malformed"),
        ({"type": "note_edit", "note": "NOTE", "text": "x"}, "malformed"),  # no base_version
        ({"type": "note_edit", "note": "NOTE", "base_version": 1}, "malformed"),  # no change
        ({"type": "note_edit", "note": "NOTE", "text": "x" * 281, "base_version": 1}, "invalid"),
        ({"type": "note_edit", "note": 999999, "text": "x", "base_version": 1}, "not_found"),
        ({"type": "note_move", "note": "NOTE", "region": "nowhere"}, "invalid"),
        ({"type": "note_move", "note": "NOTE", "region": "others", "position": -1}, "malformed"),
        ({"type": "note_move", "note": True, "region": "others"}, "malformed"),
        ({"type": "note_move", "note": "OTHER", "region": "others"}, "not_found"),
        ({"type": "note_remove", "note": "OTHER"}, "not_found"),
        ({"type": "link_add", "source": "NOTE", "target": "NOTE"}, "invalid"),
        ({"type": "link_add", "source": "NOTE", "target": "OTHER"}, "not_found"),
        ({"type": "link_add", "source": "NOTE", "target": "NOTE2", "label": "x" * 81}, "invalid"),
        ({"type": "link_add", "source": "NOTE", "target": "NOTE2", "label": 4}, "malformed"),
        ({"type": "link_remove", "link": 999999}, "not_found"),
        ({"type": "vote", "note": "OTHER"}, "not_found"),
        ({"type": "unvote", "note": "NOTE"}, "invalid"),  # no dot on it
        ({"type": "vote"}, "malformed"),
    ],
)
async def test_bad_frames_get_an_error_and_change_nothing(frame, code):
    world = await make_world()
    member, _ = await join(world, "member")
    try:
        note = (await add(member, "Oma"))["note"]
        note2 = (await add(member, "Toinen"))["note"]
        # A note of another workshop's board is not found here.
        other_board = await db(services.add_board)(
            world.workshop, world.person("facilitator"), kind="blank"
        )
        other = await db(services.add_note)(
            other_board, world.person("member"), region="board", colour="plain", text="Muualla"
        )
        names = {"NOTE": note, "NOTE2": note2, "OTHER": other.pk}
        frame = {key: names.get(value, value) for key, value in frame.items()}
        before = await db(board_now)(world.network)
        await member.send_json_to(frame)
        error = await next_of(member, "error")
        assert error["code"] == code, error
        assert error["message"] and error["action"] == frame["type"]
        assert error["client_id"] == (
            frame.get("client_id")
            if isinstance(frame.get("client_id"), str) and len(frame["client_id"]) <= 64
            else None
        )
        assert await db(board_now)(world.network) == before
    finally:
        await member.disconnect()


async def test_frames_that_are_not_json_or_too_large_get_an_error():
    world = await make_world()
    member, _ = await join(world, "member")
    try:
        await member.send_to(text_data="{not json")
        assert (await next_of(member, "error"))["code"] == "malformed"
        await member.send_to(
            text_data=json.dumps({"type": "note_add", "text": "x" * MAX_FRAME_BYTES})
        )
        assert (await next_of(member, "error"))["code"] == "too_large"
        await member.send_json_to({"type": "fly_away"})
        assert (await next_of(member, "error"))["code"] == "unknown_type"
        await member.send_json_to({"type": "focus"})
        assert (await next_of(member, "error"))["code"] == "malformed"
        await member.send_json_to({"type": "catch_up", "after": "yesterday"})
        assert (await next_of(member, "error"))["code"] == "malformed"
        # Still open.
        await member.send_json_to({"type": "ping"})
        await next_of(member, "pong")
    finally:
        await member.disconnect()


async def test_the_timer_label_and_minutes_are_checked():
    world = await make_world()
    host, _ = await join(world, "facilitator")
    try:
        assert (await ask(host, {"type": "timer", "minutes": 181}, "error"))["code"] == "invalid"
        error = await ask(host, {"type": "timer", "minutes": 5, "label": "x" * 121}, "error")
        assert error["code"] == "invalid"
        assert (await ask(host, {"type": "timer", "minutes": "5"}, "error"))["code"] == "malformed"
        error = await ask(host, {"type": "focus", "board": 999999}, "error")
        assert error["code"] == "not_found"
    finally:
        await host.disconnect()


async def test_a_finished_workshop_says_so():
    world = await make_world()
    member, _ = await join(world, "member")
    try:
        await db(services.finish_workshop)(world.workshop, world.person("facilitator"))
        error = await ask(
            member, {"type": "note_add", "region": "others", "text": "Myöhässä"}, "error"
        )
        assert error["code"] == "finished"
    finally:
        await member.disconnect()


async def test_notes_count_against_the_post_rate(settings):
    settings.LIVE_COMMENT_RATE = 2
    settings.LIVE_COMMENT_WINDOW = 60
    world = await make_world()
    member, _ = await join(world, "member")
    try:
        await add(member, "Yksi")
        await add(member, "Kaksi")
        error = await ask(
            member,
            {"type": "note_add", "region": "others", "text": "Kolme", "client_id": "k"},
            "error",
        )
        assert error["code"] == "rate_limited" and error["retry_after"] > 0
        assert error["client_id"] == "k"
    finally:
        await member.disconnect()


async def test_personal_details_are_asked_about_first():
    world = await make_world()
    member, _ = await join(world, "member")
    try:
        frame = {
            "type": "note_add",
            "region": "others",
            "text": "Soita 040 123 4567",
            "client_id": "pd",
        }
        error = await ask(member, frame, "error")
        assert error["code"] == "personal_details" and error["field"] == "text"
        assert error["can_confirm"] is True and error["matches"]
        assert await db(Note.objects.count)() == 0
        done = await ask(member, {**frame, "confirm_personal": True})
        assert done["note"]
    finally:
        await member.disconnect()


# --- Access ending mid-session -----------------------------------------------------------------


async def closed_for_good(socket):
    error = await next_of(socket, "error")
    assert error["code"] == "forbidden" and error["message"]
    while (output := await socket.receive_output(timeout=3))["type"] != "websocket.close":
        assert output["type"] == "websocket.send"
    assert output["code"] == 4403


async def test_a_guest_may_take_part_until_removed():
    world = await make_world()
    guest, hello = await join(world, "guest")
    watcher, _ = await join(world, "facilitator")
    try:
        assert hello["can_post"] is True
        await add(guest, "Vieraan lappu")
        await presence_until(watcher, ["Fasilitaattori", "Vieras"])
        await db(services.remove_guest)(
            world.workshop, world.person("facilitator"), world.person("guest")
        )
        await closed_for_good(guest)
        await presence_until(watcher, ["Fasilitaattori"])
        # What happens afterwards never reaches them.
        await db(services.add_note)(
            world.network, world.person("facilitator"), region="others", colour="plain", text="x"
        )
        await next_of(watcher, "note")
        assert await guest.receive_nothing(timeout=0.3)
    finally:
        await guest.disconnect()
        await watcher.disconnect()


TAKEN_OFF = {
    "facilitators.remove": lambda world, person: world.workshop.facilitators.remove(person),
    "facilitated_workshops.remove": lambda world, person: person.facilitated_workshops.remove(
        world.workshop
    ),
    "facilitators.clear": lambda world, person: world.workshop.facilitators.clear(),
    "guests.clear": lambda world, person: world.workshop.guests.clear(),
    "guest_workshops.clear": lambda world, person: person.guest_workshops.clear(),
}


@pytest.mark.parametrize("how", TAKEN_OFF)
async def test_taking_someone_off_the_workshop_from_either_side_closes_their_board(how):
    # As the admin does it: through the relation, not through a service.
    world = await make_world()
    role = "guest" if "guest" in how else "workshop_facilitator"
    person = world.person(role)
    socket, hello = await join(world, role)
    try:
        assert hello["can_post"] is True
        await db(TAKEN_OFF[how])(world, person)
        await closed_for_good(socket)
    finally:
        await socket.disconnect()


async def test_a_frame_after_access_ended_is_refused():
    world = await make_world()
    guest, _ = await join(world, "guest")
    try:
        # Taken off without the recheck message (a bulk delete sends no m2m signal): the next
        # frame asks the rules itself.
        await db(
            Workshop.guests.through.objects.filter(
                workshop=world.workshop, user=world.person("guest")
            ).delete
        )()
        await guest.send_json_to({"type": "note_add", "region": "others", "text": "x"})
        await closed_for_good(guest)
        assert await db(Note.objects.count)() == 0
    finally:
        await guest.disconnect()


# --- Two people, one note ------------------------------------------------------------------------


async def read_until_version(socket, mirror, note_id, version):
    while (mirror.notes.get(note_id) or {}).get("version") != version:
        frame = await socket.receive_json_from(timeout=3)
        if frame["type"] in BOARD_FRAMES:
            mirror.apply(frame)
        else:
            socket.answers.append(frame)


async def test_two_people_edit_one_note_at_once_and_the_last_write_wins_visibly():
    world = await make_world()
    member, member_hello = await join(world, "member")
    guest, guest_hello = await join(world, "guest")
    try:
        note = (await add(member, "Alku"))["note"]
        member.answers, guest.answers = [], []
        mirrors = {member: Mirror(member_hello["snapshot"]), guest: Mirror(guest_hello["snapshot"])}
        for socket in (member, guest):
            await read_until_version(socket, mirrors[socket], note, 1)
        # Both opened version 1 and both save.
        await member.send_json_to(
            {
                "type": "note_edit",
                "note": note,
                "text": "Jäsenen",
                "base_version": 1,
                "client_id": "m",
            }
        )
        await guest.send_json_to(
            {
                "type": "note_edit",
                "note": note,
                "text": "Vieraan",
                "base_version": 1,
                "client_id": "g",
            }
        )
        for socket in (member, guest):
            await read_until_version(socket, mirrors[socket], note, 3)
            # Their own answers arrive before the broadcast of their own change, and the
            # overwritten notice right after "done".
            while not any(frame["type"] == "done" for frame in socket.answers):
                socket.answers.append(await socket.receive_json_from(timeout=3))
        saved = await db(note_row)(note)
        assert saved.version == 3
        final = await db(board_now)(world.network)
        assert mirrors[member].state() == final == mirrors[guest].state()
        # The later save replaced the earlier one, and its author is told whose text it was.
        loser, winner = (member, guest) if saved.text == "Vieraan" else (guest, member)
        notices = [frame for frame in winner.answers if frame["type"] == "overwritten"]
        assert len(notices) == 1 and notices[0]["note"] == note
        replaced = "Raatilainen" if winner is guest else "Vieras"
        assert (
            notices[0]["replaced"]["display_name"] == replaced and replaced in notices[0]["message"]
        )
        assert not [frame for frame in loser.answers if frame["type"] == "overwritten"]
        # Everyone sees who changed it last.
        shown = mirrors[loser].notes[note]
        assert shown["edited_by"]["display_name"] == (
            "Vieras" if winner is guest else "Raatilainen"
        )
    finally:
        await member.disconnect()
        await guest.disconnect()


# --- Catching up after a reconnection -----------------------------------------------------------


async def test_catching_up_after_a_reconnection_recreates_the_board_exactly():
    world = await make_world()
    host = world.person("facilitator")
    watcher, hello = await join(world, "guest")
    mirror = Mirror(hello["snapshot"])
    worker, _ = await join(world, "member")
    try:
        kept = (await add(worker, "Pysyy"))["note"]
        moved = (await add(worker, "Liikkuu"))["note"]
        gone = (await add(worker, "Lähtee"))["note"]
        await ask(worker, {"type": "link_add", "source": kept, "target": gone, "label": "x"})
        await ask(worker, {"type": "link_add", "source": kept, "target": moved})
        caught = await catch_up(watcher, mirror, 0)
        assert mirror.state() == await db(board_now)(world.network)
        last_seen = caught["last_id"]
        await watcher.disconnect()

        # While the watcher is away: moves, edits, votes, a removal (and its link), a hidden
        # note, a comment, a lock, a timer and a new note.
        await ask(worker, {"type": "note_move", "note": moved, "region": "others", "position": 0})
        await ask(worker, {"type": "note_edit", "note": kept, "text": "Pysyi", "base_version": 1})
        await ask(worker, {"type": "vote", "note": kept})
        await ask(worker, {"type": "note_remove", "note": gone})
        await add(worker, "Uusi", region="client_group")
        await db(services.hide_note)(await db(note_row)(moved), host, reason="Ei tähän")
        await worker.send_json_to({"type": "post", "body": "Hyvä", "parent": kept})
        await next_of(worker, "posted")
        await db(services.set_timer)(world.workshop, host, minutes=5, label="Tauko")
        await db(services.lock_board)(world.network, host, locked=True)

        # Back: catching up from the last change it had seen brings it to the board as it is.
        watcher, hello = await join(world, "guest")
        await catch_up(watcher, mirror, last_seen)
        assert mirror.state() == await db(board_now)(world.network)
        # The new hello's snapshot says the same.
        assert Mirror(hello["snapshot"]).state() == mirror.state()
        assert hello["snapshot"]["board"]["locked"] is True
        assert not hello["can_post"]
    finally:
        await watcher.disconnect()
        await worker.disconnect()


async def test_frames_applied_twice_or_late_change_nothing():
    world = await make_world()
    member, hello = await join(world, "member")
    mirror = Mirror(hello["snapshot"])
    try:
        note = (await add(member, "Yksi"))["note"]
        await ask(member, {"type": "note_move", "note": note, "region": "others"})
        frames = await db(live.frames_after)(world.network, 0)
        await catch_up(member, mirror, 0)
        expected = mirror.state()
        # An old frame for the note, replayed, is older than what the mirror has.
        for frame in reversed(frames):
            mirror.apply(frame)
        assert mirror.state() == expected == await db(board_now)(world.network)
        assert await db(member_votes)(world) == 0
    finally:
        await member.disconnect()


def member_votes(world):
    return Vote.objects.filter(person=world.person("member")).count()
