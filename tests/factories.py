import factory
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role

PASSWORD = "tosi-pitkä-salasana-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Osallistuja {n}")
    role = Role.DEVELOPER_CLIENT
    terms_accepted_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()

    class Params:
        expert = factory.Trait(role=Role.EXPERT_BY_EXPERIENCE)
        staff = factory.Trait(role=Role.STAFF)
        decision_maker = factory.Trait(role=Role.DECISION_MAKER)
        administrator = factory.Trait(role=Role.STAFF, is_superuser=True)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "panels.Region"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Alue {n}")
    slug = factory.Sequence(lambda n: f"alue-{n}")
    description = "Alueen kehittäjäasiakastoiminta."


class PanelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "panels.Panel"

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Raati {n}")
    slug = factory.Sequence(lambda n: f"raati-{n}")
    description = "Kehittäjäasiakasraati kokoontuu kuukausittain."
    working_languages = factory.LazyFunction(lambda: ["fi"])


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "panels.Membership"

    person = factory.SubFactory(UserFactory)
    panel = factory.SubFactory(PanelFactory)
    status = "active"


class ServiceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "segments.ServiceArea"

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Palvelualue {n}")


class ClientGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "segments.ClientGroup"

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Asiakasryhmä {n}")
