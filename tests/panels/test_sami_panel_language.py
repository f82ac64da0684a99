"""Members of a panel that works in Northern Sámi read its pages in Sámi by default; what
they choose with the language switcher wins, and nobody else is redirected."""

import pytest

from panels.languages import CHOICE_COOKIE
from tests.factories import MembershipFactory, PanelFactory, UserFactory
from tests.panels.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sami_panel():
    return PanelFactory(working_languages=["fi", "se"])


@pytest.fixture
def member(sami_panel):
    return MembershipFactory(panel=sami_panel).person


def test_a_member_opening_the_panel_is_sent_to_its_sami_page(client, sami_panel, member):
    client.force_login(member)
    response = client.get(f"/panels/{sami_panel.slug}/")
    assert response.status_code == 302
    assert response["Location"] == f"/se/panels/{sami_panel.slug}/"
    page = client.get(response["Location"]).content.decode()
    assert '<html lang="se">' in page


def test_the_panels_meetings_too(client, sami_panel, member):
    meeting = MeetingFactory(panel=sami_panel)
    client.force_login(member)
    response = client.get(f"/panels/meetings/{meeting.pk}/")
    assert response["Location"] == f"/se/panels/meetings/{meeting.pk}/"


@pytest.mark.parametrize(
    "who", ["anonymous", "not a member", "applicant", "member of a Finnish panel"]
)
def test_nobody_else_is_redirected(client, sami_panel, who):
    panel = sami_panel
    if who == "not a member":
        client.force_login(UserFactory())
    elif who == "applicant":
        client.force_login(MembershipFactory(panel=sami_panel, status="applied").person)
    elif who == "member of a Finnish panel":
        panel = PanelFactory(working_languages=["fi"])
        client.force_login(MembershipFactory(panel=panel).person)
    assert client.get(f"/panels/{panel.slug}/").status_code == 200


def test_other_languages_chosen_by_address_are_kept(client, sami_panel, member):
    client.force_login(member)
    assert client.get(f"/sv/panels/{sami_panel.slug}/").status_code == 200
    assert client.get(f"/en/panels/{sami_panel.slug}/").status_code == 200


def test_choosing_finnish_with_the_switcher_is_remembered(client, sami_panel, member):
    client.force_login(member)
    page = client.get(f"/se/panels/{sami_panel.slug}/").content.decode()
    finnish_link = f'href="/panels/{sami_panel.slug}/?lang=fi"'
    assert finnish_link in page
    response = client.get(f"/panels/{sami_panel.slug}/?lang=fi")
    assert response.status_code == 200
    assert response.cookies[CHOICE_COOKIE].value == "fi"
    # From now on the member reads the Finnish page when they ask for it.
    assert client.get(f"/panels/{sami_panel.slug}/").status_code == 200


def test_other_pages_are_not_affected(client, member):
    client.force_login(member)
    assert client.get("/rounds/").status_code == 200
