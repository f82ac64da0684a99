"""The cast of the pool's permission matrix: Kanta-Häme's forerunner pool with an open
recruitment page and three screening questions, and everyone who might look at it."""

from dataclasses import dataclass, field

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser

from panels.models import Municipality
from panels.pool import services
from panels.pool.models import Pool, QuestionKind, Recruitment, ScreeningQuestion
from tests.factories import ClientGroupFactory, RegionFactory, UserFactory

ROLES = [
    "anonymous",
    "client",
    "expert",
    "staff_same_region",
    "staff_other_region",
    "decision_maker",
    "administrator",
]
RUNS = {"staff_same_region", "administrator"}
SERVICES = ["vammaispalvelut", "kuljetuspalvelu", "kotihoito"]
WAYS = ["kyselyt", "haastattelut"]


@dataclass
class PoolWorld:
    region: object
    other_region: object
    pool: object
    recruitment: object
    questions: list
    municipalities: list
    client_group: object
    people: dict = field(default_factory=dict)

    def person(self, role):
        return self.people[role]


def verified(user):
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


def build_pool_world():
    region = RegionFactory(name="Kanta-Häme", slug="kanta-hame")
    other_region = RegionFactory(name="Lappi", slug="lappi")
    people = {
        "anonymous": AnonymousUser(),
        "client": verified(UserFactory(display_name="Asiakas")),
        "expert": verified(UserFactory(display_name="Kokemustoimija", expert=True)),
        "staff_same_region": verified(UserFactory(display_name="Hämeen työntekijä", staff=True)),
        "staff_other_region": verified(UserFactory(display_name="Lapin työntekijä", staff=True)),
        "decision_maker": verified(
            UserFactory(display_name="Hämeen päättäjä", decision_maker=True)
        ),
        "administrator": verified(UserFactory(display_name="Ylläpito", administrator=True)),
    }
    region.officials.add(people["staff_same_region"], people["decision_maker"])
    other_region.officials.add(people["staff_other_region"])
    municipalities = [
        Municipality.objects.create(region=region, name=name)
        for name in ["Hämeenlinna", "Riihimäki", "Forssa"]
    ]
    Municipality.objects.create(region=other_region, name="Rovaniemi")
    client_group = ClientGroupFactory(region=region, name="Vammaispalvelujen asiakkaat")
    pool = Pool.objects.create(
        region=region,
        name="Kanta-Hämeen edelläkävijät",
        slug="kanta-hameen-edellakavijat",
        description="Edelläkävijät kehittävät palveluja.",
    )
    recruitment = Recruitment.objects.create(
        pool=pool,
        slug="edellakavijaksi",
        title="Lähde mukaan edelläkävijäksi",
        who_we_seek="Palvelujen käyttäjiä.",
        what_it_means="Muutama tunti kuukaudessa.",
        compensation="reimbursed",
        compensation_details="Matkakulut korvataan.",
    )
    questions = [
        ScreeningQuestion.objects.create(
            recruitment=recruitment,
            position=0,
            text="Mitä palveluja käytät?",
            kind=QuestionKind.MULTIPLE,
            choices="\n".join(SERVICES),
        ),
        ScreeningQuestion.objects.create(
            recruitment=recruitment,
            position=1,
            text="Miten haluaisit osallistua?",
            kind=QuestionKind.SINGLE,
            choices="\n".join(WAYS),
        ),
        ScreeningQuestion.objects.create(
            recruitment=recruitment,
            position=2,
            text="Mikä sinua kiinnostaa?",
            kind=QuestionKind.TEXT,
            is_required=False,
        ),
    ]
    return PoolWorld(
        region,
        other_region,
        pool,
        recruitment,
        questions,
        municipalities,
        client_group,
        people,
    )


@pytest.fixture
def pool_world(db):
    return build_pool_world()


@pytest.fixture
def login(client):
    def as_role(world, role):
        if role != "anonymous":
            client.force_login(world.person(role))
        return client

    return as_role


def form_data(world, **overrides):
    """A complete signed-out application; pass signed_in=True to drop name and address."""
    signed_in = overrides.pop("signed_in", False)
    q1, q2, q3 = world.questions
    data = {
        "municipality": str(world.municipalities[0].pk),
        "languages": ["fi"],
        "client_group": str(world.client_group.pk),
        f"q{q1.pk}": ["kuljetuspalvelu", "kotihoito"],
        f"q{q2.pk}": "kyselyt",
        f"q{q3.pk}": "Kuljetusten tilaaminen.",
        "contact_consent": "on",
    }
    if not signed_in:
        data.update(display_name="Uusi edelläkävijä", email="uusi@example.org", accept_terms="on")
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def received_application(world, person=None, answers=None, municipality=None, **kwargs):
    """A confirmed application through the service (its staff notices included)."""
    person = verified(person or UserFactory())
    q1, q2, _q3 = world.questions
    return services.apply(
        world.recruitment,
        person=person,
        municipality=municipality or world.municipalities[0],
        languages=kwargs.pop("languages", ["fi"]),
        client_group=kwargs.pop("client_group", None),
        answers=answers or {q1: ["kuljetuspalvelu"], q2: "kyselyt"},
        rate_key=f"test:{person.pk}",
    )


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run ``call`` and then what it left for after the commit (e-mail), as a real request
    does: ``committed(client.post, url, data)``."""

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run
