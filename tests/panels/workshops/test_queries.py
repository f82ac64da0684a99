"""The structured view and the booklet cost the same number of queries however many notes,
links, votes and comments a board has."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from panels.workshops import services
from panels.workshops.models import Note, NoteComment, NoteLink, Vote

pytestmark = pytest.mark.django_db


def fill(world, count):
    """``count`` notes across the regions, with links, votes, comments and a hidden one."""
    board = world.network
    people = [world.person(role) for role in ("member", "guest", "facilitator")]
    regions = board.template.region_keys()
    notes = Note.objects.bulk_create(
        Note(
            board=board,
            region=regions[i % len(regions)],
            colour=board.template.colour_keys()[i % 5],
            text=f"Lappu {i}",
            position=i,
            author=people[i % 3],
            edited_by=people[(i + 1) % 3] if i % 4 == 0 else None,
        )
        for i in range(count)
    )
    NoteLink.objects.bulk_create(
        NoteLink(board=board, source=a, target=b, label="ohjaa", created_by=people[0])
        for a, b in itertools.pairwise(notes)
    )
    Vote.objects.bulk_create(Vote(note=note, person=people[0]) for note in notes[:3])
    NoteComment.objects.bulk_create(
        NoteComment(note=note, author=people[i % 3], body=f"Kommentti {i}")
        for i, note in enumerate(notes)
    )
    services.hide_note(notes[1], world.person("facilitator"), reason="Asiaton")
    services.add_decision(world.workshop, people[2], text="Päätös", board=board)
    services.add_next_step(world.workshop, people[2], text="Askel", owner="Sote")
    services.save_card(world.card, people[0], {"name": "Aino"})
    return notes


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["member", "facilitator"])
@pytest.mark.parametrize(
    "page", ["panels:workshop_board_list", "panels:workshop_booklet", "panels:workshop"]
)
def test_pages_do_not_grow_with_the_board(client, workshop_world, role, page):
    client.force_login(workshop_world.person(role))
    services.publish_booklet(workshop_world.workshop, workshop_world.person("facilitator"))
    arg = (
        workshop_world.network.pk
        if page == "panels:workshop_board_list"
        else workshop_world.workshop.pk
    )
    url = reverse(page, args=[arg])
    notes = fill(workshop_world, 10)
    small = count(client, url)
    Note.objects.filter(pk__in=[note.pk for note in notes]).delete()
    fill(workshop_world, 300)
    assert count(client, url) == small
