"""Choosing the region: a plain form, remembered in a cookie."""

import pytest
from django.urls import reverse
from django.utils import translation

from cms.frontpage.regions import COOKIE_NAME
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lappi(demo_pages):
    return RegionFactory(name="Lappi", slug="lappi")


def choose(client, **params):
    return client.get(reverse("frontpage:choose_region"), params)


def test_the_home_page_offers_a_labelled_chooser(client, lappi):
    page = client.get("/en/").content.decode()
    assert '<label for="region-choice">Show the region</label>' in page
    assert '<option value="" selected>All regions</option>' in page
    assert '<option value="lappi">Lappi</option>' in page
    assert 'method="get"' in page
    assert "csrfmiddlewaretoken" not in page  # the page stays cacheable


def test_choosing_remembers_the_region_and_goes_back(client, lappi):
    response = choose(client, region="lappi", next="/en/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    cookie = response.cookies[COOKIE_NAME]
    assert cookie.value == "lappi"
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert "Happening now in Lappi" in client.get("/en/").content.decode()


def test_all_regions_forgets_the_choice(client, lappi):
    choose(client, region="lappi", next="/en/")
    response = choose(client, region="", next="/en/")
    assert response.cookies[COOKIE_NAME].value == ""
    assert "Happening now in all regions" in client.get("/en/").content.decode()


def test_an_unknown_region_changes_nothing_and_says_so(client, lappi):
    choose(client, region="lappi", next="/en/")
    with translation.override("en"):  # the message is written in the chooser's language
        response = choose(client, region="atlantis", next="/en/")
    assert COOKIE_NAME not in response.cookies
    page = client.get("/en/").content.decode()
    assert "That region does not exist. Choose one from the list." in page
    assert "Happening now in Lappi" in page


def test_a_region_that_has_gone_means_all_regions(client, lappi):
    client.cookies[COOKIE_NAME] = "gone"
    assert "Happening now in all regions" in client.get("/en/").content.decode()


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/"])
def test_never_sends_anyone_elsewhere(client, lappi, target):
    assert choose(client, region="lappi", next=target)["Location"] == "/"


def test_in_another_language_goes_back_to_its_home(client, lappi):
    response = client.get("/sv/region/", {"region": "lappi"})
    assert response["Location"] == "/sv/"


def test_only_get(client, lappi):
    assert client.post(reverse("frontpage:choose_region"), {"region": "lappi"}).status_code == 405
