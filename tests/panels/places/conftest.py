import pytest

from tests.factories import RegionFactory, UserFactory

from .factories import MunicipalityFactory, OrganisationFactory


class Places:
    """Lapland with Rovaniemi and Utsjoki, North Karelia with Joensuu; an organisation in each
    region; Lapland's staff member and decision-maker, North Karelia's staff member."""

    def __init__(self):
        self.lapland = RegionFactory(name="Lappi", slug="lappi")
        self.karelia = RegionFactory(name="Pohjois-Karjala", slug="pohjois-karjala")
        self.rovaniemi = MunicipalityFactory(region=self.lapland, name="Rovaniemi")
        self.utsjoki = MunicipalityFactory(region=self.lapland, name="Utsjoki")
        self.joensuu = MunicipalityFactory(region=self.karelia, name="Joensuu")
        self.social = OrganisationFactory(
            region=self.lapland, name="Rovaniemen sosiaalipalvelut", municipality=self.rovaniemi
        )
        self.ohjaamo = OrganisationFactory(region=self.karelia, name="Joensuun Ohjaamo")
        self.staff = UserFactory(staff=True, display_name="Lapin työntekijä")
        self.decision_maker = UserFactory(decision_maker=True, display_name="Palvelujohtaja")
        self.lapland.officials.add(self.staff, self.decision_maker)
        self.other_staff = UserFactory(staff=True, display_name="Karjalan työntekijä")
        self.karelia.officials.add(self.other_staff)


@pytest.fixture
def places(db):
    return Places()
