"""Municipalities, organisations and affiliations in the Wagtail admin: staff keep their own
regions', administrators every region's, nobody else any; and the panel form's municipality
and organisations are of the panel's region."""

import pytest

from panels.models import Affiliation, Municipality, Organisation, Panel
from tests.factories import PanelFactory, UserFactory

from .factories import AffiliationFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db

VIEWSETS = ["municipality_admin", "organisation_admin", "affiliation_admin"]


def _row(places, name):
    """A Lapland row and a North Karelia row of the viewset ``name``."""
    if name == "municipality_admin":
        return places.rovaniemi, places.joensuu
    if name == "organisation_admin":
        return places.social, places.ohjaamo
    mine = AffiliationFactory(person=places.staff, organisation=places.social)
    theirs = AffiliationFactory(person=places.other_staff, organisation=places.ohjaamo)
    return mine, theirs


def _text(row):
    return row.person.display_name if isinstance(row, Affiliation) else row.name


@pytest.mark.parametrize("name", VIEWSETS)
@pytest.mark.parametrize(
    "who", ["anonymous", "developer_client", "expert", "decision_maker", "staff_without_region"]
)
def test_nobody_but_staff_and_administrators_gets_in(client, places, name, who):
    mine, _theirs = _row(places, name)
    if who == "decision_maker":
        client.force_login(places.decision_maker)
    elif who != "anonymous":
        client.force_login(
            UserFactory(
                expert=who == "expert",
                staff=who == "staff_without_region",
            )
        )
    assert client.get(f"/admin/{name}/").status_code in (302, 403)
    assert client.get(f"/admin/{name}/edit/{mine.pk}/").status_code in (302, 403, 404)
    assert client.get(f"/admin/{name}/new/").status_code in (302, 403)


@pytest.mark.parametrize("name", VIEWSETS)
def test_staff_see_and_open_only_their_regions_rows(client, places, name):
    mine, theirs = _row(places, name)
    client.force_login(places.staff)
    index = client.get(f"/admin/{name}/").content.decode()
    assert _text(mine) in index and _text(theirs) not in index
    assert client.get(f"/admin/{name}/edit/{mine.pk}/").status_code == 200
    assert client.get(f"/admin/{name}/edit/{theirs.pk}/").status_code == 404
    # And the other way round for the other region's staff.
    client.force_login(places.other_staff)
    index = client.get(f"/admin/{name}/").content.decode()
    assert _text(theirs) in index and _text(mine) not in index
    assert client.get(f"/admin/{name}/edit/{mine.pk}/").status_code == 404


@pytest.mark.parametrize("name", VIEWSETS)
def test_administrators_see_every_region(client, places, name):
    mine, theirs = _row(places, name)
    client.force_login(UserFactory(administrator=True))
    index = client.get(f"/admin/{name}/").content.decode()
    assert _text(mine) in index and _text(theirs) in index
    assert client.get(f"/admin/{name}/edit/{theirs.pk}/").status_code == 200


@pytest.mark.parametrize("who", ["staff", "administrator"])
def test_municipalities_and_organisations_are_never_deleted(client, places, who):
    client.force_login(places.staff if who == "staff" else UserFactory(administrator=True))
    client.post(f"/admin/municipality_admin/delete/{places.rovaniemi.pk}/")
    client.post(f"/admin/organisation_admin/delete/{places.social.pk}/")
    assert Municipality.objects.filter(pk=places.rovaniemi.pk).exists()
    assert Organisation.objects.filter(pk=places.social.pk).exists()


def test_staff_add_a_municipality_to_their_region_only(client, places):
    client.force_login(places.staff)
    response = client.post(
        "/admin/municipality_admin/new/", {"region": places.karelia.pk, "name": "Liperi"}
    )
    assert response.status_code == 200 and "region" in response.context["form"].errors
    assert not Municipality.objects.filter(name="Liperi").exists()
    response = client.post(
        "/admin/municipality_admin/new/", {"region": places.lapland.pk, "name": "Inari"}
    )
    assert response.status_code == 302
    assert Municipality.objects.get(name="Inari").region == places.lapland


def test_an_organisations_municipality_is_of_its_region(client, places):
    client.force_login(UserFactory(administrator=True))
    form = {
        "region": places.lapland.pk,
        "municipality": places.joensuu.pk,
        "name": "Lapin yliopisto",
        "kind": "university",
    }
    response = client.post("/admin/organisation_admin/new/", form)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["municipality"]
    response = client.post(
        "/admin/organisation_admin/new/", {**form, "municipality": places.rovaniemi.pk}
    )
    assert response.status_code == 302
    assert Organisation.objects.get(name="Lapin yliopisto").municipality == places.rovaniemi


def test_staff_affiliate_their_regions_officials_with_their_regions_organisations(client, places):
    client.force_login(places.staff)
    response = client.post(
        "/admin/affiliation_admin/new/",
        {"person": places.decision_maker.pk, "organisation": places.social.pk},
    )
    assert response.status_code == 302
    assert places.decision_maker.affiliation.organisation == places.social
    # Another region's organisation is not offered.
    response = client.post(
        "/admin/affiliation_admin/new/",
        {"person": places.staff.pk, "organisation": places.ohjaamo.pk},
    )
    assert response.status_code == 200 and "organisation" in response.context["form"].errors


@pytest.mark.parametrize("role", ["developer_client", "expert_by_experience"])
def test_only_staff_and_decision_makers_are_affiliated(client, places, role):
    participant = UserFactory(role=role)
    places.lapland.officials.add(participant)
    for viewer in (places.staff, UserFactory(administrator=True)):
        client.force_login(viewer)
        response = client.post(
            "/admin/affiliation_admin/new/",
            {"person": participant.pk, "organisation": places.social.pk},
        )
        assert response.status_code == 200
        assert "person" in response.context["form"].errors
    assert not Affiliation.objects.exists()


def test_an_official_is_affiliated_only_in_a_region_they_act_for(client, places):
    client.force_login(UserFactory(administrator=True))
    response = client.post(
        "/admin/affiliation_admin/new/",
        {"person": places.other_staff.pk, "organisation": places.social.pk},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["organisation"]
    assert not Affiliation.objects.exists()


# --- The panel form -----------------------------------------------------------------------


def _panel_form(region, **overrides):
    return {
        "region": region.pk,
        "name": "Utsjoen raati",
        "slug": "utsjoen-raati",
        "description": "Kuvaus",
        "kind": "developer_clients",
        "joining_policy": "application",
        "working_languages": ["fi", "se"],
        "facilitator_level_required": 0,
        **overrides,
    }


def test_a_panel_gets_a_municipality_and_organisations_of_its_region(client, places):
    client.force_login(places.staff)
    form = _panel_form(
        places.lapland, municipality=places.utsjoki.pk, organisations=[places.social.pk]
    )
    response = client.post("/admin/panel_admin/new/", form)
    assert response.status_code == 302, response.context["form"].errors
    panel = Panel.objects.get(slug="utsjoen-raati")
    assert panel.municipality == places.utsjoki
    assert list(panel.organisations.all()) == [places.social]
    # Empty: the whole region's.
    response = client.post(f"/admin/panel_admin/edit/{panel.pk}/", {**form, "municipality": ""})
    assert response.status_code == 302
    panel.refresh_from_db()
    assert panel.municipality is None


def test_staff_are_not_offered_another_regions_places(client, places):
    client.force_login(places.staff)
    page = client.get("/admin/panel_admin/new/").content.decode()
    assert "Rovaniemi" in page and "Joensuu" not in page and "Joensuun Ohjaamo" not in page
    form = _panel_form(
        places.lapland, municipality=places.joensuu.pk, organisations=[places.ohjaamo.pk]
    )
    response = client.post("/admin/panel_admin/new/", form)
    assert response.status_code == 200
    assert {"municipality", "organisations"} <= set(response.context["form"].errors)
    assert not Panel.objects.exists()


def test_another_regions_places_are_refused_even_for_administrators(client, places):
    client.force_login(UserFactory(administrator=True))
    panel = PanelFactory(region=places.lapland, slug="utsjoen-raati")
    form = _panel_form(
        places.lapland, municipality=places.joensuu.pk, organisations=[places.ohjaamo.pk]
    )
    response = client.post(f"/admin/panel_admin/edit/{panel.pk}/", form)
    assert response.status_code == 200
    assert {"municipality", "organisations"} <= set(response.context["form"].errors)
    panel.refresh_from_db()
    assert panel.municipality is None and not panel.organisations.exists()


def test_a_municipality_of_another_region_in_the_admin_is_rejected_for_rounds(client, places):
    """The round form: see tests/ideas/test_places.py; here the municipality list itself."""
    MunicipalityFactory(region=places.karelia, name="Kontiolahti")
    client.force_login(UserFactory(administrator=True))
    page = client.get("/admin/panel_admin/new/").content.decode()
    # Every region's, under its region's name.
    assert '<optgroup label="Lappi">' in page and '<optgroup label="Pohjois-Karjala">' in page
