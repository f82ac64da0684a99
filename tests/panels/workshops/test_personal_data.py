"""What a person said in workshops is in their data export, and deleting their account
treats it as meetings treat room messages: dots go, notes and comments stay for the board's
shape without their author, and with "remove my words" without their text."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.privacy.erasure import delete_account
from accounts.privacy.export import build_zip
from panels.workshops import live, services
from panels.workshops.models import BoardChange, Note, NoteComment, NoteLink, Vote
from tests.accounts.data_export_world import read_zip

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(workshop_world):
    """A network board where the member and a neighbour each left a note, a link, a dot and a
    comment; the guest has a place."""
    world = workshop_world
    member, neighbour = world.person("member"), world.person("staff_same_region")
    network = world.network
    mine = services.add_note(network, member, region="own_circle", colour="gap", text="Oma lappu")
    theirs = services.add_note(network, neighbour, region="others", colour="plain", text="Naapuri")
    services.link_notes(mine, theirs, member, label="jakaa tietoa")
    services.link_notes(theirs, mine, neighbour, label="ohjaa")
    services.vote(theirs, member)
    services.vote(mine, neighbour)
    services.comment(theirs, member, body="Oma kommentti")
    services.comment(mine, neighbour, body="Naapurin kommentti")
    world.mine, world.theirs = mine, theirs
    return world


def sections(person):
    data, readme, _page = read_zip(build_zip(person))
    return data["sections"], readme


def test_the_export_holds_the_persons_notes_links_comments_and_dots(board):
    data, readme = sections(board.person("member"))
    (note,) = data["workshop_notes"]
    assert note["text"] == "Oma lappu" and note["colour"] == "gap"
    assert note["workshop"] == board.workshop.title and note["panel"] == board.panel.name
    assert note["board_kind"] == "network" and note["place"]
    (link,) = data["workshop_links"]
    assert link["label"] == "jakaa tietoa" and link["target"] == board.theirs.pk
    (comment,) = data["workshop_comments"]
    assert comment["body"] == "Oma kommentti" and comment["note"] == board.theirs.pk
    (dot,) = data["workshop_votes"]
    assert dot["note"] == board.theirs.pk
    assert "Naapuri" not in str(data["workshop_notes"])
    assert "Naapurin kommentti" not in str(data["workshop_comments"])
    assert data["workshop_places"] == []
    for key in ("workshop_notes", "workshop_comments", "workshop_votes", "workshop_places"):
        assert key in readme


def test_guest_and_facilitator_places_and_the_facilitators_work_are_in_it(board):
    data, _readme = sections(board.person("guest"))
    assert data["workshop_places"] == [
        {"workshop": board.workshop.title, "panel": board.panel.name, "place": "guest"}
    ]
    facilitator = board.person("facilitator")
    services.hide_note(board.mine, facilitator, reason="Sivussa aiheesta")
    data, _readme = sections(facilitator)
    actions = [row["action"] for row in data["workshop_facilitation"]]
    assert actions == ["created_workshop", "moderated_hide"]
    assert data["workshop_facilitation"][1]["reason"] == "Sivussa aiheesta"
    assert {
        "workshop": board.workshop.title,
        "panel": board.panel.name,
        "place": "facilitator",
    } in (data["workshop_places"])


def test_the_export_costs_the_same_for_more_notes(board):
    member = board.person("member")
    with CaptureQueriesContext(connection) as few:
        build_zip(member)
    for number in range(10):
        note = services._add_note(
            board.network,
            member,
            region="others",
            colour="plain",
            text=f"Lappu {number}",
            token=None,
            card=None,
        )
        services._comment(note, member, body=f"Kommentti {number}", token=None, warned=False)
    with CaptureQueriesContext(connection) as many:
        build_zip(member)
    assert len(many) == len(few)


def test_deleting_the_account_detaches_notes_and_comments_and_takes_the_dots(board):
    member = board.person("member")
    after = live.snapshot(board.network)["change"]
    delete_account(member)
    mine = Note.objects.get(pk=board.mine.pk)
    assert mine.author is None and mine.text == "Oma lappu"
    comment = NoteComment.objects.get(body="Oma kommentti")
    assert comment.author is None and comment.deleted_at is None
    assert NoteLink.objects.get(label="jakaa tietoa").created_by is None
    assert not Vote.objects.filter(note=board.theirs).exists()
    assert Vote.objects.filter(note=board.mine).count() == 1  # the neighbour's
    # Open boards catch up: both notes changed (an author gone, a dot gone).
    logged = set(
        BoardChange.objects.filter(board=board.network, pk__gt=after).values_list(
            "note_id", flat=True
        )
    )
    assert {board.mine.pk, board.theirs.pk} <= logged
    frames = live.frames_after(board.network, after)
    assert {frame["type"] for frame in frames} == {"note"}


def test_remove_my_words_keeps_the_places_but_not_the_text(board):
    delete_account(board.person("member"), remove_words=True)
    mine = Note.objects.get(pk=board.mine.pk)
    assert mine.author is None and "Oma lappu" not in mine.text and mine.text
    assert mine.region == "own_circle" and mine.colour == "gap"
    assert NoteLink.objects.filter(source=mine, target=board.theirs, label="").exists()
    comment = NoteComment.objects.get(note=board.theirs)
    assert comment.body == "" and comment.deleted_at is not None
    # The neighbour's words stay as they were.
    assert Note.objects.get(pk=board.theirs.pk).text == "Naapuri"
    assert NoteComment.objects.get(note=board.mine).body == "Naapurin kommentti"
    assert NoteLink.objects.get(source=board.theirs).label == "ohjaa"


def test_a_guest_who_leaves_loses_the_place(board):
    guest = board.person("guest")
    delete_account(guest)
    assert not board.workshop.guests.exists()
