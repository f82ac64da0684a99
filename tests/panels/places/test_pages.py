"""Municipalities on panels' pages: the panel list filters by municipality (the whole
region's panels included, marked), a panel's page lists its organisations at a flat cost,
meetings take their panel's municipality, and a person may say their own municipality."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.privacy.export import collect_sections
from panels.meetings.models import Meeting
from panels.segments.models import SelfDescription
from tests.factories import PanelFactory, UserFactory
from tests.panels.factories import MeetingFactory

from .factories import OrganisationFactory

pytestmark = pytest.mark.django_db

PANELS = "/en/panels/"


def _listed(response):
    return {panel.name for region in response.context["regions"] for panel in region.panels.all()}


@pytest.fixture
def panels(places):
    return [
        PanelFactory(region=places.lapland, municipality=places.rovaniemi, name="Rovaniemen raati"),
        PanelFactory(region=places.lapland, municipality=places.utsjoki, name="Utsjoen raati"),
        PanelFactory(region=places.lapland, name="Koko Lapin raati"),
        PanelFactory(region=places.karelia, municipality=places.joensuu, name="Joensuun raati"),
    ]


def test_the_panel_list_filters_by_municipality_with_the_whole_regions(client, places, panels):
    assert _listed(client.get(PANELS)) == {panel.name for panel in panels}
    response = client.get(PANELS, {"municipality": places.rovaniemi.pk})
    assert _listed(response) == {"Rovaniemen raati", "Koko Lapin raati"}
    assert [region.name for region in response.context["regions"]] == ["Lappi"]
    html = response.content.decode()
    assert "whole region" in html and "Showing Rovaniemi" in html
    response = client.get(PANELS, {"municipality": "nonsense"})
    assert _listed(response) == {panel.name for panel in panels}
    assert 'aria-invalid="true"' in response.content.decode()


def test_the_filtered_panel_list_costs_the_same(client, places, django_assert_num_queries):
    def grow(count):
        for n in range(count):
            PanelFactory(region=places.lapland, municipality=places.rovaniemi if n % 2 else None)

    grow(2)
    url = f"{PANELS}?municipality={places.rovaniemi.pk}"
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    grow(20)
    with django_assert_num_queries(len(few)):
        response = client.get(url)
    assert len(_listed(response)) == 22


@pytest.mark.parametrize("viewer", ["anonymous", "staff"])
def test_a_panel_page_lists_its_organisations_at_a_flat_cost(client, places, viewer):
    panel = PanelFactory(region=places.lapland, municipality=places.utsjoki)
    if viewer == "staff":
        client.force_login(places.staff)
    url = f"{PANELS}{panel.slug}/"
    panel.organisations.add(places.social)
    client.get(url)  # warm up (a staff member's first page makes their profile)
    with CaptureQueriesContext(connection) as one:
        html = client.get(url).content.decode()
    assert "Rovaniemen sosiaalipalvelut" in html and "Utsjoki" in html
    panel.organisations.add(
        *(OrganisationFactory(region=places.lapland, name=f"Yhdistys {n}") for n in range(9))
    )
    with CaptureQueriesContext(connection) as ten:
        html = client.get(url).content.decode()
    assert len(one) == len(ten)
    assert html.count("Yhdistys ") == 9


def test_a_panel_without_a_municipality_is_the_whole_regions(client, places):
    panel = PanelFactory(region=places.lapland)
    assert "whole region" in client.get(f"{PANELS}{panel.slug}/").content.decode()


# --- Meetings -----------------------------------------------------------------------------


def test_a_new_meeting_takes_its_panels_municipality(places):
    panel = PanelFactory(region=places.lapland, municipality=places.utsjoki)
    assert MeetingFactory(panel=panel).municipality == places.utsjoki
    there = MeetingFactory(panel=panel, municipality=places.rovaniemi)
    assert there.municipality == places.rovaniemi
    # Later changes of the panel move no meeting.
    panel.municipality = None
    panel.save()
    there.refresh_from_db()
    assert there.municipality == places.rovaniemi


def test_a_meetings_municipality_is_of_its_panels_region(places):
    meeting = MeetingFactory(panel=PanelFactory(region=places.lapland))
    meeting.municipality = places.joensuu
    with pytest.raises(ValidationError) as refused:
        meeting.full_clean()
    assert "municipality" in refused.value.error_dict


def _meeting_form(**overrides):
    start = timezone.localtime() + timedelta(days=3)
    return {
        "title": "Syksyn tapaaminen",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "place": "Kirjasto",
        "online_link": "",
        "agenda": "",
        "minutes": "",
        **overrides,
    }


def test_staff_plan_a_meeting_in_a_municipality_or_the_whole_region(client, places):
    panel = PanelFactory(region=places.lapland, municipality=places.utsjoki)
    client.force_login(places.staff)
    url = f"{PANELS}{panel.slug}/meetings/new/"
    page = client.get(url)
    assert page.context["form"]["municipality"].value() == places.utsjoki.pk
    assert "Joensuu" not in page.content.decode()
    client.post(url, _meeting_form(municipality=places.rovaniemi.pk))
    assert Meeting.objects.get().municipality == places.rovaniemi
    client.post(url, _meeting_form(title="Koko alueen tapaaminen", municipality=""))
    assert Meeting.objects.get(title="Koko alueen tapaaminen").municipality is None
    response = client.post(url, _meeting_form(title="Väärä", municipality=places.joensuu.pk))
    assert response.status_code == 200 and "municipality" in response.context["form"].errors
    assert not Meeting.objects.filter(title="Väärä").exists()


def test_the_meeting_admin_offers_municipalities_and_defaults_to_the_panel(client, places):
    panel = PanelFactory(region=places.lapland, municipality=places.utsjoki)
    client.force_login(places.staff)
    assert "Rovaniemi" in client.get("/admin/meeting_admin/new/").content.decode()
    meeting = MeetingFactory(panel=panel, municipality=places.rovaniemi)
    start = timezone.localtime(meeting.starts_at)
    form = {
        "panel": panel.pk,
        "title": meeting.title,
        "starts_at": start.strftime("%Y-%m-%d %H:%M"),
        "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
        "municipality": "",
        "attachments-TOTAL_FORMS": 0,
        "attachments-INITIAL_FORMS": 0,
        "attachments-MIN_NUM_FORMS": 0,
        "attachments-MAX_NUM_FORMS": 1000,
    }
    response = client.post(f"/admin/meeting_admin/edit/{meeting.pk}/", form)
    assert response.status_code == 302, response.context["form"].errors
    meeting.refresh_from_db()
    assert meeting.municipality == places.utsjoki  # "as the panel"


# --- A person's own municipality ----------------------------------------------------------


def test_a_person_says_their_municipality_and_it_is_in_their_export(client, places):
    person = UserFactory()
    client.force_login(person)
    url = reverse("segments:about_me")
    page = client.get(url).content.decode()
    assert '<optgroup label="Lappi">' in page and ">Utsjoki<" in page
    client.post(url, {"client_group": "", "service_area": "", "municipality": places.utsjoki.pk})
    assert SelfDescription.objects.get(person=person).municipality == places.utsjoki
    section = next(s for s in collect_sections(person) if s.key == "self_description")
    assert section.rows[0]["municipality"] == "Utsjoki"
    assert "municipality" in [field.name for field in section.fields]
    client.post(url, {"client_group": "", "service_area": "", "municipality": ""})
    assert not SelfDescription.objects.filter(person=person).exists()
    response = client.post(url, {"municipality": "999999"})
    assert response.status_code == 200 and "municipality" in response.context["form"].errors
