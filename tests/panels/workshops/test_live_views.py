"""A board's visual view and its catch-up over HTTP: who sees them (the workshop's matrix,
404 for everyone else), what the page shows without JavaScript, and queries that stay flat
however many notes a board has."""

import pytest
from django.urls import reverse
from django.utils import translation

from panels.workshops import live, services
from panels.workshops.models import Note, NoteLink, Vote
from tests.factories import UserFactory

from .conftest import SEE, WORKSHOP_ROLES

pytestmark = pytest.mark.django_db


def english(name, pk):
    """The page in English, whose words these tests read."""
    with translation.override("en"):
        return reverse(name, args=[pk])


def visit(client, world, role, name, board, **params):
    if role != "anonymous":
        client.force_login(world.person(role))
    return client.get(reverse(name, args=[board.pk]), params)


@pytest.mark.parametrize("role", WORKSHOP_ROLES)
def test_the_visual_view_is_for_those_who_see_the_workshop(client, workshop_world, role):
    world = workshop_world
    services.add_note(
        world.network,
        world.person("member"),
        region="own_circle",
        colour="gap",
        text="Isovanhemmat",
    )
    response = visit(client, world, role, "panels:workshop_board", world.network)
    if role not in SEE:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    html = response.content.decode()
    assert "Isovanhemmat" in html
    assert 'data-workshop-board data-mode="visual"' in html
    assert f'data-socket-url="/ws/workshops/boards/{world.network.pk}/"' in html
    assert reverse("panels:workshop_board_list", args=[world.network.pk]) in html


@pytest.mark.parametrize("role", WORKSHOP_ROLES)
def test_the_catch_up_is_for_those_who_see_the_workshop(client, workshop_world, role):
    world = workshop_world
    response = visit(client, world, role, "panels:workshop_board_live", world.network, after=0)
    assert response.status_code == (200 if role in SEE else 404)


def test_a_note_reads_without_javascript(client, workshop_world):
    world = workshop_world
    member, facilitator = world.person("member"), world.person("facilitator")
    note = services.add_note(
        world.network, member, region="public_services", colour="gap", text="Ei iltapalvelua"
    )
    other = services.add_note(
        world.network, member, region="client_group", colour="works", text="Nuoret aikuiset"
    )
    services.edit_note(note, facilitator, text="Ei ilta-aikoja", base_version=1)
    services.vote(note, member)
    services.vote(note, member)
    services.link_notes(other, note, member, label="käyttää")
    client.force_login(member)
    response = client.get(english("panels:workshop_board", world.network.pk))
    html = response.content.decode()
    # The colour in words, not only as a colour; the author, the votes, who changed it.
    assert "gap: support falls through" in html
    assert "Raatilainen" in html
    assert "2 dots" in html and "2 yours" in html
    assert "changed by Fasilitaattori" in html
    # Links as words for everyone.
    assert "Nuoret aikuiset → Ei ilta-aikoja (käyttää)" in html
    # The regions in the template's order from the outside in, the client group innermost.
    assert (
        html.index('id="region-others"')
        < html.index('id="region-public_services"')
        < html.index('id="region-client_group"')
    )
    assert response.context["board_config"]["votes_left"] == world.network.vote_budget - 2


def test_a_hidden_note_shows_no_text(client, workshop_world):
    world = workshop_world
    note = services.add_note(
        world.network, world.person("member"), region="others", colour="plain", text="Salaisuus"
    )
    services.hide_note(note, world.person("facilitator"), reason="Asiaton")
    client.force_login(world.person("guest"))
    html = client.get(english("panels:workshop_board", world.network.pk)).content.decode()
    assert "Salaisuus" not in html
    assert "Hidden by a facilitator." in html


def test_a_service_path_is_a_grid_of_phases_and_rows(client, workshop_world):
    world = workshop_world
    path = services.add_board(world.workshop, world.person("facilitator"), kind="service_path")
    services.add_note(
        path, world.person("member"), region="contact__worker", colour="overlap", text="Kaksi"
    )
    client.force_login(world.person("member"))
    response = client.get(english("panels:workshop_board", path.pk))
    html = response.content.decode()
    assert '<th scope="col">First contact</th>' in html
    assert '<th scope="row">Worker</th>' in html
    assert 'data-region="contact__worker"' in html and "Kaksi" in html


def test_a_card_shows_its_fields_and_links_to_filling_it_in(client, workshop_world):
    world = workshop_world
    services.save_card(
        world.card, world.person("member"), {"name": "Aino, 23", "situation": "Työtön"}
    )
    client.force_login(world.person("member"))
    html = client.get(reverse("panels:workshop_board", args=[world.card.pk])).content.decode()
    assert "Aino, 23" in html and "Työtön" in html
    assert reverse("panels:workshop_card", args=[world.card.pk]) in html
    client.force_login(world.person("member"))


# --- The catch-up over HTTP -----------------------------------------------------------------


def test_the_catch_up_answers_the_frames_after_a_change(client, workshop_world):
    world = workshop_world
    member = world.person("member")
    start = live.last_change_id(world.network)
    note = services.add_note(world.network, member, region="others", colour="plain", text="Yksi")
    services.move_note(note, member, region="own_circle")
    client.force_login(member)
    data = client.get(
        reverse("panels:workshop_board_live", args=[world.network.pk]), {"after": start}
    ).json()
    assert [frame["type"] for frame in data["frames"]] == ["note"]
    assert data["frames"][0]["note"]["region"] == "own_circle"
    assert data["last_id"] == live.last_change_id(world.network)
    # Changes only just made are not settled yet: the client resumes from before them.
    assert data["resume_after"] == start
    assert data["at"]
    assert (
        client.get(
            reverse("panels:workshop_board_live", args=[world.network.pk]), {"after": "x"}
        ).status_code
        == 400
    )
    assert (
        client.get(
            reverse("panels:workshop_board_live", args=[world.network.pk]), {"after": -1}
        ).status_code
        == 400
    )


# --- Queries stay flat --------------------------------------------------------------------------


def fill(board, count, people):
    notes = Note.objects.bulk_create(
        Note(
            board=board,
            region=board.template.regions[i % len(board.template.regions)].key,
            colour=board.template.colours[i % len(board.template.colours)].key,
            text=f"Lappu {i}",
            author=people[i % len(people)],
            edited_by=people[(i + 1) % len(people)] if i % 3 == 0 else None,
            position=i,
        )
        for i in range(count)
    )
    NoteLink.objects.bulk_create(
        NoteLink(board=board, source=notes[i], target=notes[i + 1], label="viittaa")
        for i in range(0, count - 1, 2)
    )
    Vote.objects.bulk_create(Vote(note=notes[i], person=people[0]) for i in range(0, count, 5))
    for note in notes[:: max(1, count // 10)]:
        services.comment(note, people[1], body="Hyvä huomio")
    return notes


# Measured with the sizes below; being the same for both is the point.
BOARD_PAGE_QUERIES = 16
CATCH_UP_QUERIES = 9


@pytest.mark.parametrize("size", [10, 300])
def test_the_visual_view_costs_the_same_for_any_board(
    client, workshop_world, size, django_assert_num_queries, settings
):
    settings.LIVE_COMMENT_RATE = 10_000
    world = workshop_world
    people = [world.person("member"), world.person("facilitator"), UserFactory()]
    fill(world.network, size, people)
    client.force_login(world.person("member"))
    with django_assert_num_queries(BOARD_PAGE_QUERIES):
        response = client.get(reverse("panels:workshop_board", args=[world.network.pk]))
    assert response.status_code == 200
    assert len(response.context["notes"]) == size


@pytest.mark.parametrize("size", [10, 300])
def test_the_catch_up_costs_the_same_for_any_board(
    client, workshop_world, size, django_assert_num_queries, settings
):
    settings.LIVE_COMMENT_RATE = 10_000
    world = workshop_world
    people = [world.person("member"), world.person("facilitator"), UserFactory()]
    fill(world.network, size, people)
    # Every note changed since the client's last visit.
    for note in Note.objects.filter(board=world.network):
        services._log(world.network, "note", people[0], note_id=note.pk)
    client.force_login(world.person("member"))
    with django_assert_num_queries(CATCH_UP_QUERIES):
        response = client.get(
            reverse("panels:workshop_board_live", args=[world.network.pk]), {"after": 0}
        )
    assert response.status_code == 200
    assert len([frame for frame in response.json()["frames"] if frame["type"] == "note"]) == size
