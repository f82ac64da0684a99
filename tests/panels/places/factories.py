import factory

from panels.models import Affiliation, Municipality, Organisation, OrganisationKind
from tests.factories import RegionFactory, UserFactory


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Kunta {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Palveluyksikkö {n}")
    kind = OrganisationKind.SOCIAL_SERVICES


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affiliation

    person = factory.SubFactory(UserFactory, staff=True)
    organisation = factory.SubFactory(OrganisationFactory)
