""" "My impact" shows the workshops a person gave something in: their notes and comments, the
booklet once published, and what became of the ideas its decisions turned into. Only what the
person may still see, at a query count that does not grow with the workshops."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ideas.feedback import services as responses
from ideas.feedback.statuses import IdeaStatus
from ideas.models import Phase
from panels.workshops import services
from tests.ideas.factories import IdeaFactory, IdeaRoundFactory

pytestmark = pytest.mark.django_db

URL = "/en/my-impact/"


@pytest.fixture(autouse=True)
def _room_to_post(settings):
    settings.LIVE_COMMENT_RATE = 1000


def workshop_entries(client, person):
    client.force_login(person)
    page = client.get(URL)
    assert page.status_code == 200
    return page, [entry for entry in page.context["entries"] if entry.kind == "workshop"]


def idea_from_decision(world, round_, text):
    decision = services.add_decision(world.workshop, world.person("facilitator"), text=text)
    return IdeaFactory(
        round=round_, author=world.person("facilitator"), title=text, workshop_decision=decision
    )


def test_a_workshop_i_wrote_in_shows_what_became_of_it(client, workshop_world):
    world = workshop_world
    member = world.person("member")
    services.add_note(world.network, member, region="own_circle", colour="gap", text="Ei tukea")
    services.add_note(world.network, member, region="others", colour="", text="Vuokranantaja")

    page, [entry] = workshop_entries(client, member)
    assert entry.item == world.workshop and entry.item.my_note_count == 2
    assert page.context["totals"]["workshops"] == 1
    text = page.content.decode()
    assert "You wrote 2 notes." in text
    assert "have not published the workshop's booklet yet" in text

    public_round = IdeaRoundFactory(region=world.panel.region, phase=Phase.IDEATION)
    answered = idea_from_decision(world, public_round, "Yksi yhteyshenkilö")
    responses.publish_response(
        world.person("decision_maker"),
        answered,
        decision=IdeaStatus.UNDER_CONSIDERATION,
        reasons="Selvitetään.",
    )
    # A decision that became an idea in a round the member does not see stays out of sight.
    other_panel_round = IdeaRoundFactory(
        region=world.other_panel.region, panel=world.other_panel, phase=Phase.IDEATION
    )
    idea_from_decision(world, other_panel_round, "Toisen raadin idea")
    services.publish_booklet(world.workshop, world.person("facilitator"))

    page, [entry] = workshop_entries(client, member)
    assert [idea.title for idea in entry.item.ideas] == ["Yksi yhteyshenkilö"]
    text = page.content.decode()
    assert "The booklet is published, with 2 decisions." in text
    assert reverse("panels:workshop_booklet", args=[world.workshop.pk]) in text
    assert answered.get_absolute_url() in text and "Toisen raadin idea" not in text
    assert f"#response-{entry.item.ideas[0].latest_response_id}" in text
    # What became of it is the newest change.
    assert entry.changed_at >= entry.item.ideas[0].latest_response_at


def test_comments_count_and_nothing_else_does(client, workshop_world):
    world = workshop_world
    note = services.add_note(
        world.network, world.person("member"), region="others", colour="", text="Lappu"
    )
    guest = world.person("guest")
    # Seeing a workshop, or voting in it, is not taking part in its words.
    services.vote(note, guest)
    assert workshop_entries(client, guest)[1] == []
    services.comment(note, guest, body="Samaa mieltä")
    [entry] = workshop_entries(client, guest)[1]
    assert entry.item.my_note_count == 0 and entry.item.my_comment_count == 1


def test_a_guest_taken_off_no_longer_sees_the_workshop_there(client, workshop_world):
    world = workshop_world
    guest = world.person("guest")
    services.add_note(world.network, guest, region="others", colour="", text="Vieraan lappu")
    assert len(workshop_entries(client, guest)[1]) == 1
    services.remove_guest(world.workshop, world.person("facilitator"), guest)
    assert workshop_entries(client, guest)[1] == []


def many_workshops(world, count):
    member = world.person("member")
    round_ = IdeaRoundFactory(region=world.panel.region, phase=Phase.IDEATION)
    for i in range(count):
        workshop = services.create_workshop(
            world.panel, world.person("facilitator"), title=f"Työpaja {i}", boards=["network"]
        )
        board = workshop.boards.get()
        note = services.add_note(board, member, region="others", colour="", text=f"Lappu {i}")
        services.comment(note, member, body="Kommentti")
        for j in range(2):
            decision = services.add_decision(
                workshop, world.person("facilitator"), text=f"Päätös {i}.{j}"
            )
            IdeaFactory(round=round_, title=f"Idea {i}.{j}", workshop_decision=decision)
        services.publish_booklet(workshop, world.person("facilitator"))


def count_queries(client, person):
    client.force_login(person)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(URL)
    assert page.status_code == 200
    return len(queries), page.context["totals"]["workshops"]


def test_queries_do_not_grow_with_the_workshops(client, workshop_world):
    member = workshop_world.person("member")
    many_workshops(workshop_world, 1)
    small = count_queries(client, member)
    many_workshops(workshop_world, 6)
    assert count_queries(client, member) == (small[0], 7)
