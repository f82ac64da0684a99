"""What each role sees and reaches over HTTP. Hidden content answers 404, never 403."""

import pytest

from tests.panels.conftest import ROLES

pytestmark = pytest.mark.django_db

Y, N = True, False
# fmt: off
SEES = {
    #                     member list, past meeting page, invite, new meeting, decide, remove, queue
    "anonymous":          (N, N, N, N, N, N, N),
    "outsider":           (N, N, N, N, N, N, N),
    "applicant":          (N, N, N, N, N, N, N),
    "member":             (Y, Y, N, N, N, N, N),
    "facilitator":        (Y, Y, N, Y, N, Y, N),
    "staff_same_region":  (Y, Y, Y, Y, Y, Y, Y),
    "staff_other_region": (N, N, N, N, N, N, Y),
    "decision_maker":     (Y, Y, N, N, N, N, N),
    "administrator":      (Y, Y, Y, Y, Y, Y, Y),
}
# fmt: on


def _status(response):
    # Pages behind a log-in send the anonymous visitor to log in, which reveals nothing.
    if response.status_code == 302:
        assert "/accounts/login/" in response["Location"]
        return 404
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_pages_by_role(role, world, login):
    client = login(world, role)
    members, past, invite, new_meeting, decide, remove, queue = SEES[role]
    slug = world.panel.slug

    page = client.get(f"/panels/{slug}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert world.panel.name in html
    assert ("Raatilainen" in html) is members
    assert ("Menneen muistio" in html) is past
    assert "Tuleva tapaaminen" in html

    def expect(url, allowed):
        assert _status(client.get(url)) == (200 if allowed else 404), url

    expect(f"/panels/meetings/{world.past_meeting.pk}/", past)
    expect(f"/panels/meetings/{world.upcoming_meeting.pk}/", True)
    expect(f"/panels/{slug}/invite/", invite)
    expect(f"/panels/{slug}/meetings/new/", new_meeting)
    expect(f"/panels/meetings/{world.upcoming_meeting.pk}/edit/", new_meeting)
    expect(f"/panels/meetings/{world.past_meeting.pk}/attendance/", new_meeting)
    expect(f"/panels/applications/{world.application.pk}/", decide)
    expect(f"/panels/{slug}/members/{world.membership.pk}/remove/", remove)
    expect("/panels/applications/", queue)


@pytest.mark.parametrize("role", ROLES)
def test_minutes_only_to_the_inner_circle(role, world, login):
    client = login(world, role)
    response = client.get(f"/panels/meetings/{world.past_meeting.pk}/")
    if SEES[role][1]:
        assert "palautteet viedään johtoryhmään" in response.content.decode()
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_the_online_link_is_for_the_inner_circle(role, world, login):
    world.upcoming_meeting.online_link = "https://meet.example.org/raati"
    world.upcoming_meeting.save()
    html = login(world, role).get(f"/panels/meetings/{world.upcoming_meeting.pk}/").content
    assert (b"meet.example.org" in html) is SEES[role][0]


def test_staff_of_another_region_cannot_decide_by_posting(world, login):
    client = login(world, "staff_other_region")
    response = client.post(f"/panels/applications/{world.application.pk}/", {"decision": "approve"})
    assert response.status_code == 404
    world.application.refresh_from_db()
    assert world.application.status == "applied"


def test_the_queue_lists_only_the_own_region(world, login):
    from tests.factories import MembershipFactory, UserFactory

    MembershipFactory(
        panel=world.other_panel,
        person=UserFactory(display_name="Hämeen hakija"),
        status="applied",
        motivation="Hämeestä",
    )
    html = login(world, "staff_same_region").get("/panels/applications/").content.decode()
    assert "Hakija" in html and "Hämeen hakija" not in html
    html = login(world, "administrator").get("/panels/applications/").content.decode()
    assert "Hakija" in html and "Hämeen hakija" in html
