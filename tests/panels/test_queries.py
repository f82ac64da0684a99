"""The panel list and a panel's page cost the same number of queries for 5 or 100 rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from panels.models import JoiningPolicy, Panel
from tests.factories import MembershipFactory, PanelFactory, RegionFactory, UserFactory
from tests.panels.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def _count(client, url):
    # Warm up: a staff member's first page creates their Wagtail profile, once.
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _panels(count, regions):
    for n in range(count):
        panel = PanelFactory(region=regions[n % len(regions)], is_archived=n % 7 == 0)
        MembershipFactory(panel=panel)


def _grow(panel, count):
    """Members (some facilitating) and past and upcoming meetings."""
    for n in range(count):
        person = UserFactory(expert=n % 2 == 0)
        MembershipFactory(panel=panel, person=person)
        MembershipFactory(panel=panel, status="left", decided_by=person)
        if n % 10 == 0:
            panel.facilitators.add(person)
        MeetingFactory(panel=panel, past=n % 2 == 0)


def _log_in(client, viewer, panel):
    if viewer == "anonymous":
        return
    user = UserFactory(staff=viewer == "staff")
    if viewer == "member":
        MembershipFactory(panel=panel, person=user)
    else:
        panel.region.officials.add(user)
    client.force_login(user)


VIEWERS = ["anonymous", "member", "staff"]


# Each test measures the page with 5 rows, grows the data to 100 and expects exactly the
# same number of queries: a query per row would show up as a difference of 95.


@pytest.mark.parametrize("viewer", VIEWERS)
def test_panel_list(client, django_assert_num_queries, viewer):
    regions = [RegionFactory() for _ in range(3)]
    _panels(5, regions)
    _log_in(client, viewer, Panel.objects.first())
    with_five = _count(client, "/panels/")
    _panels(95, regions)
    with django_assert_num_queries(with_five):
        response = client.get("/panels/")
    assert response.content.decode().count('<li class="panel-card') == 100


@pytest.mark.parametrize("viewer", VIEWERS)
def test_panel_page(client, django_assert_num_queries, viewer):
    panel = PanelFactory(joining_policy=JoiningPolicy.OPEN)
    _log_in(client, viewer, panel)
    _grow(panel, 5)
    url = f"/panels/{panel.slug}/"
    with_five = _count(client, url)
    _grow(panel, 95)
    with django_assert_num_queries(with_five):
        response = client.get(url)
    assert response.status_code == 200


def test_application_queue(client, django_assert_num_queries):
    region = RegionFactory()
    staff = UserFactory(staff=True)
    region.officials.add(staff)
    client.force_login(staff)

    def apply(count):
        for _ in range(count):
            panel = PanelFactory(region=region)
            MembershipFactory(panel=panel, status="applied", motivation="Hei")

    apply(5)
    with_five = _count(client, "/panels/applications/")
    apply(95)
    with django_assert_num_queries(with_five):
        response = client.get("/panels/applications/")
    assert response.content.decode().count('class="application"') == 100
