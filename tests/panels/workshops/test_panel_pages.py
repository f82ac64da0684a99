"""A panel's page lists its workshops, and a meeting's page the workshops held in it, to those
who see them (the inner circle, guests and facilitators their own); the links to all of the
panel's workshops and to a new one follow the rules."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from panels.workshops import services
from panels.workshops.models import Workshop

from .conftest import SEE, WORKSHOP_ROLES

pytestmark = pytest.mark.django_db

# The inner circle, who see all the panel's workshops and the link to them.
INNER_CIRCLE = {"member", "facilitator", "staff_same_region", "decision_maker", "administrator"}
CREATE = {"facilitator", "staff_same_region", "administrator"}


def _log_in(client, world, role):
    if role != "anonymous":
        client.force_login(world.person(role))


@pytest.mark.parametrize("role", WORKSHOP_ROLES)
def test_the_panel_page_lists_workshops_to_those_who_see_them(client, workshop_world, role):
    world = workshop_world
    _log_in(client, world, role)
    content = client.get(reverse("panels:detail", args=[world.panel.slug])).content.decode()
    workshop_url = reverse("panels:workshop", args=[world.workshop.pk])
    assert (workshop_url in content) is (role in SEE)
    all_url = reverse("panels:workshop_list", args=[world.panel.slug])
    assert (f'href="{all_url}"' in content) is (role in INNER_CIRCLE)
    new_url = reverse("panels:workshop_create", args=[world.panel.slug])
    assert (f'href="{new_url}"' in content) is (role in CREATE)


def test_the_panel_page_shows_the_booklet_link_once_it_is_published(client, workshop_world):
    world = workshop_world
    client.force_login(world.person("member"))
    booklet = reverse("panels:workshop_booklet", args=[world.workshop.pk])
    page = reverse("panels:detail", args=[world.panel.slug])
    assert booklet not in client.get(page).content.decode()
    services.publish_booklet(world.workshop, world.person("facilitator"))
    assert booklet in client.get(page).content.decode()


def test_the_panel_page_costs_the_same_for_more_workshops(client, workshop_world):
    world = workshop_world
    client.force_login(world.person("member"))
    page = reverse("panels:detail", args=[world.panel.slug])
    client.get(page)
    with CaptureQueriesContext(connection) as one:
        client.get(page)
    for number in range(12):
        services.create_workshop(world.panel, world.person("facilitator"), title=f"Paja {number}")
    with CaptureQueriesContext(connection) as many:
        content = client.get(page).content.decode()
    assert len(many) == len(one)
    # The newest ten; the rest are behind the link to all of them.
    assert content.count('href="/panels/workshops/') - content.count("booklet") == 10


@pytest.mark.parametrize("role", WORKSHOP_ROLES)
def test_the_meeting_page_lists_its_workshops_to_those_who_see_them(client, workshop_world, role):
    world = workshop_world
    Workshop.objects.filter(pk=world.workshop.pk).update(meeting=world.past_meeting)
    services.create_workshop(world.panel, world.person("facilitator"), title="Toinen paja")
    _log_in(client, world, role)
    response = client.get(reverse("panels:meeting", args=[world.past_meeting.pk]))
    if response.status_code != 200:
        assert role not in INNER_CIRCLE
        return
    content = response.content.decode()
    assert (world.workshop.title in content) is (role in SEE)
    # Only the workshops held in this meeting.
    assert "Toinen paja" not in content
