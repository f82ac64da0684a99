"""The workshop's services: each change checks the rules, keeps the board consistent and
writes the change log that catching up reads."""

import pytest
from django.core.exceptions import ValidationError

from accounts.permissions import NotAllowed
from panels.workshops import live, services
from panels.workshops.models import BoardChange, Note, NoteLink, Vote

pytestmark = pytest.mark.django_db


def test_note_lifecycle_and_change_log(workshop_world):
    member = workshop_world.person("member")
    board = workshop_world.network
    note = services.add_note(board, member, region="own_circle", colour="gap", text="Ei tukea")
    other = services.add_note(board, member, region="public_services", colour="", text="Sote")
    assert other.colour == "plain"
    link = services.link_notes(note, other, member, label="jakaa tietoa")
    services.vote(note, member)
    services.vote(note, member)
    moved = services.move_note(other, member, region="own_circle", position=0)
    assert moved.region == "own_circle"
    assert list(board.notes.filter(region="own_circle").values_list("pk", flat=True)) == [
        other.pk,
        note.pk,
    ]
    frames = live.frames_after(board, 0)
    kinds = [frame["type"] for frame in frames]
    assert kinds.count("note") == 2 and "link" in kinds
    snapshot = live.snapshot(board)
    by_id = {item["id"]: item for item in snapshot["notes"]}
    assert by_id[note.pk]["votes"] == 2
    assert snapshot["links"] == [live.link_data(link)]
    services.remove_note(note, member)
    frames = live.frames_after(board, snapshot["change"])
    assert {frame["type"] for frame in frames} == {"note_removed", "link_removed"}
    assert not NoteLink.objects.exists()


def test_same_token_adds_once(workshop_world):
    member = workshop_world.person("member")
    first = services.add_note(
        workshop_world.network, member, region="others", colour="plain", text="A", token="t1"
    )
    again = services.add_note(
        workshop_world.network, member, region="others", colour="plain", text="A", token="t1"
    )
    assert first.pk == again.pk and Note.objects.count() == 1


def test_vote_budget(workshop_world):
    member = workshop_world.person("member")
    board = workshop_world.network
    services.set_vote_budget(board, workshop_world.person("facilitator"), 1)
    board.refresh_from_db()
    note = services.add_note(board, member, region="others", colour="plain", text="A")
    assert services.vote(note, member) == 0
    with pytest.raises(ValidationError):
        services.vote(note, member)
    assert services.unvote(note, member) == 1
    assert Vote.objects.count() == 0


def test_locked_board_refuses_everyone(workshop_world):
    board = workshop_world.network
    services.lock_board(board, workshop_world.person("facilitator"), locked=True)
    board.refresh_from_db()
    for role in ("member", "facilitator", "administrator"):
        with pytest.raises(NotAllowed):
            services.add_note(
                board, workshop_world.person(role), region="others", colour="plain", text="A"
            )


def test_outsider_refused(workshop_world):
    with pytest.raises(NotAllowed):
        services.add_note(
            workshop_world.network,
            workshop_world.person("outsider"),
            region="others",
            colour="plain",
            text="A",
        )


def test_concurrent_edit_says_who_was_overwritten(workshop_world):
    member, guest = workshop_world.person("member"), workshop_world.person("guest")
    note = services.add_note(
        workshop_world.network, member, region="others", colour="plain", text="A"
    )
    _, overwritten = services.edit_note(note, member, text="B", base_version=1)
    assert overwritten is None
    note, overwritten = services.edit_note(note, guest, text="C", base_version=1)
    assert overwritten == member
    assert note.text == "C" and note.edited_by == guest and note.version == 3


def test_card_and_placement(workshop_world):
    member = workshop_world.person("member")
    services.save_card(workshop_world.card, member, {"name": "Sanna, 24", "goals": "Työ"})
    placed = services.add_note(
        workshop_world.network,
        member,
        region="client_group",
        colour="plain",
        text="",
        card=workshop_world.card,
    )
    assert placed.text == "Sanna, 24"
    with pytest.raises(ValidationError):
        services.save_card(workshop_world.card, member, {"unknown": "x"})


def test_hidden_note_never_broadcasts_its_text(workshop_world):
    member = workshop_world.person("member")
    note = services.add_note(
        workshop_world.network, member, region="others", colour="plain", text="Salaisuus"
    )
    services.hide_note(note, workshop_world.person("facilitator"), reason="Asiaton")
    frames = live.frames_after(workshop_world.network, 0)
    assert "Salaisuus" not in str(frames)
    assert BoardChange.objects.filter(note_id=note.pk).count() == 2


def test_the_booklet_summary_is_the_runners_and_leaves_the_boards_alone(workshop_world):
    workshop = workshop_world.workshop
    with pytest.raises(NotAllowed):
        services.save_booklet_summary(workshop, workshop_world.person("member"), "Ei näin")
    before = BoardChange.objects.count()
    services.save_booklet_summary(workshop, workshop_world.person("facilitator"), "  Yhteenveto ")
    workshop.refresh_from_db()
    assert workshop.booklet_summary == "Yhteenveto"
    assert BoardChange.objects.count() == before


def test_a_card_with_personal_details_asks_first(workshop_world):
    card = workshop_world.card
    member = workshop_world.person("member")
    with pytest.raises(services.PersonalDetails):
        services.save_card(card, member, {"situation": "Soita 040 1234567"})
    card.refresh_from_db()
    assert "040" not in str(card.card_values)
    services.save_card(card, member, {"situation": "Soita 040 1234567"}, confirm_personal=True)
    card.refresh_from_db()
    assert card.card_values["situation"] == "Soita 040 1234567"
