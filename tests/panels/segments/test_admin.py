"""Staff keep their own region's lists in the Wagtail admin; nobody deletes an entry."""

import pytest

from panels.segments.models import ClientGroup, ServiceArea
from tests.factories import ClientGroupFactory, RegionFactory, ServiceAreaFactory, UserFactory

pytestmark = pytest.mark.django_db

LISTS = [
    ("client_group_admin", ClientGroup, ClientGroupFactory),
    ("service_area_admin", ServiceArea, ServiceAreaFactory),
]


@pytest.fixture
def regions():
    return RegionFactory(name="Etelä-Karjala", slug="etela-karjala"), RegionFactory(
        name="Lappi", slug="lappi"
    )


def _staff_of(region):
    person = UserFactory(staff=True)
    region.officials.add(person)
    return person


@pytest.mark.parametrize(("name", "model", "factory"), LISTS)
def test_staff_see_and_change_only_their_region(client, regions, name, model, factory):
    own, other = regions
    mine = factory(region=own, name="Omaishoitajat")
    theirs = factory(region=other, name="Poromiehet")
    client.force_login(_staff_of(own))
    index = client.get(f"/admin/{name}/").content.decode()
    assert "Omaishoitajat" in index and "Poromiehet" not in index
    assert client.get(f"/admin/{name}/edit/{theirs.pk}/").status_code == 404
    form = {"region": own.pk, "name": "Omaishoitajat ja läheiset", "position": 1, "is_active": ""}
    response = client.post(f"/admin/{name}/edit/{mine.pk}/", form)
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.name == "Omaishoitajat ja läheiset" and not mine.is_active


@pytest.mark.parametrize(("name", "model", "factory"), LISTS)
def test_staff_cannot_add_to_another_regions_list(client, regions, name, model, factory):
    own, other = regions
    client.force_login(_staff_of(own))
    response = client.post(
        f"/admin/{name}/new/", {"region": other.pk, "name": "Vieras", "position": 0}
    )
    assert response.status_code == 200
    assert not model.objects.filter(name="Vieras").exists()
    client.post(f"/admin/{name}/new/", {"region": own.pk, "name": "Oma", "position": 0})
    assert model.objects.filter(name="Oma", region=own).exists()


@pytest.mark.parametrize(("name", "model", "factory"), LISTS)
@pytest.mark.parametrize(
    "who", ["client", "expert", "decision_maker", "administrator_may_not_delete"]
)
def test_others_may_not_keep_the_lists_and_nobody_deletes(
    client, regions, name, model, factory, who
):
    own, _other = regions
    entry = factory(region=own)
    if who == "administrator_may_not_delete":
        client.force_login(UserFactory(administrator=True))
        assert client.get(f"/admin/{name}/").status_code == 200
    else:
        person = UserFactory(expert=who == "expert", decision_maker=who == "decision_maker")
        own.officials.add(person)
        client.force_login(person)
        assert client.get(f"/admin/{name}/").status_code in (302, 403)
    client.post(f"/admin/{name}/delete/{entry.pk}/")
    assert model.objects.filter(pk=entry.pk).exists()
