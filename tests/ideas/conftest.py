import pytest

from tests.factories import RegionFactory, UserFactory


@pytest.fixture
def region(db):
    return RegionFactory(name="Lappi", slug="lappi")


@pytest.fixture
def region_staff(region):
    person = UserFactory(staff=True, display_name="Alueen innoagentti")
    region.officials.add(person)
    return person
