"""A panel's required innoagent level: the admin form refuses a panel none of whose
facilitators holds it (the error on the facilitators), the public page says what is required,
and staff of the region see a warning when no facilitator holds it any more (e.g. after a
revocation) — without a query more."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.qualifications import services as qualifications
from accounts.roles import InnoagentLevel
from panels.models import Panel
from tests.factories import PanelFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db

II = InnoagentLevel.LEVEL_II
WARNING = 'id="facilitator-level-warning"'


@pytest.fixture
def psychiatry():
    region = RegionFactory(name="Etelä-Pohjanmaa", slug="etela-pohjanmaa")
    staff = UserFactory(staff=True, display_name="Innoagentti Seinäjoki")
    region.officials.add(staff)
    trained = UserFactory(expert=True, display_name="Polkujen kulkija")
    qualification = qualifications.grant(trained, II, date(2026, 2, 3), training_name="II-taso")
    untrained = UserFactory(expert=True, display_name="Lakeuden tuuli")
    panel = PanelFactory(
        region=region, name="Psykiatrinen kokemustoimijaraati", slug="psykiatrinen-raati"
    )
    panel.facilitators.add(staff, trained)
    return {
        "region": region,
        "staff": staff,
        "trained": trained,
        "untrained": untrained,
        "qualification": qualification,
        "panel": panel,
    }


def form_data(world, facilitators, level):
    panel = world["panel"]
    return {
        "region": world["region"].pk,
        "name": panel.name,
        "slug": panel.slug,
        "description": panel.description,
        "kind": "experts_by_experience",
        "joining_policy": "application",
        "working_languages": ["fi"],
        "facilitators": [person.pk for person in facilitators],
        "facilitator_level_required": level,
    }


def test_the_form_refuses_a_required_level_no_facilitator_holds(client, psychiatry):
    client.force_login(psychiatry["staff"])
    url = f"/admin/panel_admin/edit/{psychiatry['panel'].pk}/"
    response = client.post(
        url, form_data(psychiatry, [psychiatry["staff"], psychiatry["untrained"]], II)
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["facilitators"]
    assert errors.as_data()["facilitators"][0].code == "facilitator_level"
    assert Panel.objects.get(pk=psychiatry["panel"].pk).facilitator_level_required == 0


def test_the_form_saves_with_a_facilitator_who_holds_it(client, psychiatry):
    client.force_login(psychiatry["staff"])
    url = f"/admin/panel_admin/edit/{psychiatry['panel'].pk}/"
    response = client.post(
        url, form_data(psychiatry, [psychiatry["staff"], psychiatry["trained"]], II)
    )
    assert response.status_code == 302
    assert Panel.objects.get(pk=psychiatry["panel"].pk).facilitator_level_required == II


def test_level_two_also_counts_for_level_one_and_none_requires_nothing(client, psychiatry):
    client.force_login(psychiatry["staff"])
    url = f"/admin/panel_admin/edit/{psychiatry['panel'].pk}/"
    response = client.post(url, form_data(psychiatry, [psychiatry["trained"]], 1))
    assert response.status_code == 302
    response = client.post(url, form_data(psychiatry, [psychiatry["untrained"]], 0))
    assert response.status_code == 302


def set_required(panel, level=II):
    Panel.objects.filter(pk=panel.pk).update(facilitator_level_required=level)


@pytest.mark.parametrize(
    "role, warned",
    [
        ("anonymous", False),
        ("developer_client", False),
        ("expert", False),
        ("staff_same_region", True),
        ("staff_other_region", False),
        ("decision_maker", False),
        ("administrator", True),
    ],
)
def test_the_page_shows_the_requirement_and_warns_the_regions_staff(
    client, psychiatry, role, warned
):
    panel = psychiatry["panel"]
    set_required(panel)
    people = {
        "developer_client": UserFactory(),
        "expert": psychiatry["untrained"],
        "staff_same_region": psychiatry["staff"],
        "staff_other_region": UserFactory(staff=True),
        "decision_maker": UserFactory(decision_maker=True),
        "administrator": UserFactory(administrator=True),
    }
    RegionFactory(slug="lappi").officials.add(people["staff_other_region"])
    psychiatry["region"].officials.add(people["decision_maker"])
    if role != "anonymous":
        client.force_login(people[role])
    url = f"/en{reverse('panels:detail', args=[panel.slug])}"
    page = client.get(url).content.decode()
    assert "Co-facilitated by an innoagent of level II" in page
    assert WARNING not in page  # the trained facilitator holds it
    qualifications.revoke(psychiatry["qualification"])
    page = client.get(url).content.decode()
    assert "Co-facilitated by an innoagent of level II" in page
    assert (WARNING in page) is warned


def test_no_requirement_says_nothing(client, psychiatry):
    page = client.get(f"/en{reverse('panels:detail', args=[psychiatry['panel'].slug])}")
    assert "Co-facilitated" not in page.content.decode()


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_requirement_and_its_warning_cost_no_query(client, psychiatry):
    """The panel page for the region's staff costs the same with no requirement, with one met,
    and with one unmet (the warning shown) among many facilitators."""
    panel = psychiatry["panel"]
    client.force_login(psychiatry["staff"])
    url = f"/en{reverse('panels:detail', args=[panel.slug])}"
    without = count_queries(client, url)
    set_required(panel)
    assert count_queries(client, url) == without
    panel.facilitators.add(*[UserFactory(expert=True) for _ in range(20)])
    qualifications.revoke(psychiatry["qualification"])
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    assert WARNING in page
    assert len(queries) == without
