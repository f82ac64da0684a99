"""A person says which client group and service area they belong to, changes it, takes it
back; nobody else sees it, and it is in their data export."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.privacy.erasure import delete_account
from accounts.privacy.export import collect_sections
from panels.segments.models import SelfDescription, client_group_of
from tests.factories import ClientGroupFactory, RegionFactory, ServiceAreaFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lists():
    region = RegionFactory(name="Etelä-Karjala", slug="etela-karjala")
    other = RegionFactory(name="Lappi", slug="lappi")
    return {
        "group": ClientGroupFactory(region=region, name="Omaishoitajat"),
        "other_group": ClientGroupFactory(region=other, name="Omaishoitajat"),
        "retired": ClientGroupFactory(region=region, name="Entinen", is_active=False),
        "area": ServiceAreaFactory(region=region, name="Vammaispalvelut"),
    }


def test_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("segments:about_me"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_lists_are_grouped_by_region_and_retired_entries_are_not_offered(client, lists):
    client.force_login(UserFactory())
    page = client.get(reverse("segments:about_me")).content.decode()
    assert page.count("<h1") == 1
    assert '<optgroup label="Etelä-Karjala">' in page
    assert '<optgroup label="Lappi">' in page
    assert "Entinen" not in page


def test_saying_changing_and_taking_back(client, lists):
    person = UserFactory()
    client.force_login(person)
    url = reverse("segments:about_me")
    client.post(url, {"client_group": lists["group"].pk, "service_area": lists["area"].pk})
    assert client_group_of(person) == lists["group"]
    client.post(url, {"client_group": lists["other_group"].pk, "service_area": ""})
    assert client_group_of(person) == lists["other_group"]
    assert SelfDescription.objects.get(person=person).service_area is None
    client.post(url, {"client_group": "", "service_area": ""})
    assert not SelfDescription.objects.filter(person=person).exists()
    assert client_group_of(person) is None


def test_a_retired_or_made_up_entry_is_refused_and_the_rest_kept(client, lists):
    client.force_login(UserFactory())
    with translation.override("en"):
        url = reverse("segments:about_me")
    response = client.post(
        url, {"client_group": lists["retired"].pk, "service_area": lists["area"].pk}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert response.context["form"]["service_area"].value() == str(lists["area"].pk)
    assert not SelfDescription.objects.exists()
    response = client.post(url, {"client_group": "999999"})
    assert response.status_code == 200


def test_it_is_in_the_data_export_and_only_there(client, lists):
    person = UserFactory()
    SelfDescription.objects.create(person=person, client_group=lists["group"])
    section = next(s for s in collect_sections(person) if s.key == "self_description")
    assert section.rows[0]["client_group"] == "Omaishoitajat (Etelä-Karjala)"
    other = UserFactory()
    assert next(s for s in collect_sections(other) if s.key == "self_description").rows == []


def test_deleting_the_account_deletes_it(lists):
    person = UserFactory()
    SelfDescription.objects.create(person=person, client_group=lists["group"])
    delete_account(person)
    assert not SelfDescription.objects.exists()
