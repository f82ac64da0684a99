"""What the front page shows, and to whom."""

import itertools
import re

import pytest

from cms.frontpage.regions import COOKIE_NAME

from .world import PANEL_ONLY, add_region_page

pytestmark = pytest.mark.django_db


def home(client, region=None):
    if region:
        client.cookies[COOKIE_NAME] = region
    return client.get("/en/").content.decode()


def test_home_page_shows_what_is_happening_now(client, world):
    page = home(client)
    assert "Happening now in all regions" in page
    # Open rounds with phase and idea count; a closed one is not "now".
    assert "Selkeämmät palvelut" in page
    assert "ideation · 3 ideas · Lappi" in page
    assert "Kainuun kierros" in page
    assert "Suljettu kierros" not in page
    # You said, we did: the newest response and the implemented idea.
    assert "Selkokieliset kirjeet" in page
    assert "under consideration" in page
    assert "Yksi yhteinen suunnitelma" in page
    # Upcoming meetings are public (meetings.models.MeetingQuerySet.visible_to); surveys are
    # the open public ones.
    assert "Raadin kahvila" in page
    assert "Kaikkien kysely" in page
    assert "Suljettu kysely" not in page


def test_one_h1_and_headings_in_order(client, world):
    page = home(client)
    levels = [int(level) for level in re.findall(r"<h([1-6])[ >]", page)]
    assert levels.count(1) == 1
    assert levels[0] == 1
    assert all(later - earlier <= 1 for earlier, later in itertools.pairwise(levels))


@pytest.mark.parametrize("who", ["anonymous", "outsider", "staff_of_other_region"])
def test_panel_only_items_stay_with_the_panel(client, world, make_user, who):
    if who == "outsider":
        client.force_login(world["outsider"])
    elif who == "staff_of_other_region":
        staff = make_user(staff=True)
        world["kainuu"].officials.add(staff)
        client.force_login(staff)
    page = home(client)
    for text in PANEL_ONLY:
        assert text not in page, text


def test_a_panel_member_sees_their_panels_items(client, world):
    client.force_login(world["member"])
    page = home(client)
    for text in PANEL_ONLY:
        assert text in page, text
    assert "Raadin livehetki" in page


def test_the_regions_staff_see_the_panels_items(client, world):
    client.force_login(world["decider"])
    page = home(client)
    assert "Raadin oma kierros" in page
    assert "Raadin salainen idea" in page


def test_anonymous_copy_never_holds_what_a_member_saw(client, world, cached):
    from django.test import Client

    member = Client()
    member.force_login(world["member"])
    assert "Raadin oma kierros" in member.get("/en/").content.decode()
    first = home(client)
    again = home(client)
    for text in PANEL_ONLY:
        assert text not in first
        assert text not in again
    # And the member's view is theirs even after the anonymous copy was stored.
    assert "Raadin oma kierros" in member.get("/en/").content.decode()


def test_chosen_region_narrows_everything(client, world):
    page = home(client, "kainuu")
    assert "Happening now in Kainuu" in page
    assert "Kainuun kierros" in page
    assert "Selkeämmät palvelut" not in page
    assert "Raadin kahvila" not in page
    assert "Kaikkien kysely" not in page
    assert '<option value="kainuu" selected>' in page


def test_home_links_the_chosen_regions_landing_page(client, world):
    add_region_page(world["lappi"])
    page = home(client, "lappi")
    assert 'href="/en/lappi/"' in page


def test_region_landing_page(client, world):
    add_region_page(world["kainuu"])
    response = client.get("/en/kainuu/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Kohtaamo: Kainuu</h1>" in page
    assert "Alueen oma etusivu." in page
    assert "Happening now in Kainuu" in page
    assert "Kainuun kierros" in page
    assert "Selkeämmät palvelut" not in page


def test_region_landing_page_keeps_panel_items_to_the_panel(client, world):
    add_region_page(world["lappi"])
    anonymous = client.get("/en/lappi/").content.decode()
    assert "Selkeämmät palvelut" in anonymous
    for text in PANEL_ONLY:
        assert text not in anonymous
    client.force_login(world["member"])
    member = client.get("/en/lappi/").content.decode()
    for text in PANEL_ONLY:
        assert text in member


def test_figures_from_the_statistics(client, world):
    page = home(client)
    assert 'class="now-figures"' in page
    assert "of ideas answered" in page


def test_empty_forum_says_so(client, demo_pages):
    page = home(client)
    assert "No idea round is open right now." in page
    assert "No decisions on ideas yet." in page
    assert "No meetings coming up." in page
