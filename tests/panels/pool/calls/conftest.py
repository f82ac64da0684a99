"""The cast of a call's permission matrix: Kanta-Häme's forerunner pool with a recruitment
page and its screening question, a call in a chosen state asking for transport-service users,
the pool's members (two the call is for, one it is not for, one paused, one who left), and
everyone else who might look at it."""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from panels.models import Municipality
from panels.pool.calls.models import AnswerCriterion, Call, CallStatus
from panels.pool.models import (
    Application,
    ApplicationStatus,
    Pool,
    PoolMember,
    PoolMemberStatus,
    Recruitment,
    ScreeningAnswer,
    ScreeningQuestion,
)
from tests.factories import RegionFactory, UserFactory

ROLES = [
    "anonymous",
    "outsider",
    "expert_outsider",
    "member",
    "expert_member",
    "other_member",
    "paused_member",
    "left_member",
    "staff_same_region",
    "staff_other_region",
    "decision_maker",
    "administrator",
]
# Members who have not left the pool see its published calls.
MEMBERS = {"member", "expert_member", "other_member", "paused_member"}
# The call (transport-service users) is for these.
MEANT_FOR = {"member", "expert_member"}
RUN = {"staff_same_region", "administrator"}
OFFICIALS = RUN | {"decision_maker"}
STATES = [CallStatus.DRAFT, CallStatus.OPEN, CallStatus.CLOSED, CallStatus.REPORTED]


@dataclass
class CallWorld:
    region: object
    other_region: object
    pool: object
    question: object
    call: object
    municipalities: dict
    people: dict = field(default_factory=dict)

    def person(self, role):
        return self.people[role]

    def set_status(self, status):
        call = self.call
        call.status = status
        now = timezone.now()
        call.published_at = None if status == CallStatus.DRAFT else now
        call.closed_at = now if status in (CallStatus.CLOSED, CallStatus.REPORTED) else None
        call.results_published_at = now if status == CallStatus.REPORTED else None
        call.results = "Tilausjärjestelmä korjattiin." if status == CallStatus.REPORTED else ""
        call.save()
        return call


def make_pool(region, slug="kanta-hameen-edellakavijat"):
    pool = Pool.objects.create(region=region, name="Kanta-Hämeen edelläkävijät", slug=slug)
    recruitment = Recruitment.objects.create(
        pool=pool,
        slug=f"{slug}-haku",
        title="Tule edelläkävijäksi",
        who_we_seek="Palvelujen käyttäjiä",
        what_it_means="Muutama tehtävä vuodessa",
    )
    question = ScreeningQuestion.objects.create(
        recruitment=recruitment,
        position=1,
        text="Mitä palveluja käytät?",
        kind="multiple",
        choices="kuljetuspalvelu\nkotihoito\nterveysasema",
    )
    return pool, question


def add_member(
    pool, person, *, answers=(), status=PoolMemberStatus.ACTIVE, application=None, **fields
):
    """``person`` in ``pool`` through a selected application (with the fields in
    ``application``) with ``answers`` to the pool's first question."""
    recruitment = pool.recruitments.first()
    application = Application.objects.create(
        recruitment=recruitment,
        person=person,
        status=ApplicationStatus.SELECTED,
        contact_consent=True,
        **(application or {}),
    )
    question = recruitment.questions.first()
    for value in answers:
        ScreeningAnswer.objects.create(application=application, question=question, value=value)
    return PoolMember.objects.create(
        pool=pool, person=person, status=status, application=application, **fields
    )


def make_call(pool, by, status=CallStatus.OPEN, **fields):
    today = timezone.localdate()
    values = {
        "title": "Testaa uutta kuljetuspalvelun tilausta",
        "task": "Viisi kuljetuspalvelun käyttäjää testaamaan uutta tilausjärjestelmää.",
        "places": 5,
        "starts_on": today + timedelta(days=20),
        "ends_on": today + timedelta(days=34),
        "signup_deadline": today + timedelta(days=10),
        "compensation": "reimbursed",
        "status": status,
        "published_at": None if status == CallStatus.DRAFT else timezone.now(),
        "created_by": by,
    }
    values.update(fields)
    return Call.objects.create(pool=pool, **values)


def build_call_world(status=CallStatus.OPEN):
    region = RegionFactory(name="Kanta-Häme", slug="kanta-hame")
    other_region = RegionFactory(name="Lappi", slug="lappi")
    municipalities = {
        name: Municipality.objects.create(region=region, name=name)
        for name in ("Hämeenlinna", "Riihimäki", "Forssa")
    }
    pool, question = make_pool(region)
    people = {
        "anonymous": AnonymousUser(),
        "outsider": UserFactory(display_name="Ulkopuolinen"),
        "expert_outsider": UserFactory(display_name="Vieras kokemustoimija", expert=True),
        "member": UserFactory(display_name="Kyytien käyttäjä"),
        "expert_member": UserFactory(display_name="Kokenut kulkija", expert=True),
        "other_member": UserFactory(display_name="Kotihoidon asiakas"),
        "paused_member": UserFactory(display_name="Tauolla"),
        "left_member": UserFactory(display_name="Lähtenyt"),
        "staff_same_region": UserFactory(display_name="Osallisuuskoordinaattori", staff=True),
        "staff_other_region": UserFactory(display_name="Lapin työntekijä", staff=True),
        "decision_maker": UserFactory(display_name="Palvelujohtaja", decision_maker=True),
        "administrator": UserFactory(display_name="Ylläpito", administrator=True),
    }
    region.officials.add(people["staff_same_region"], people["decision_maker"])
    other_region.officials.add(people["staff_other_region"])
    home = municipalities["Hämeenlinna"]
    add_member(pool, people["member"], answers=["kuljetuspalvelu"], municipality=home)
    add_member(
        pool, people["expert_member"], answers=["kuljetuspalvelu", "kotihoito"], municipality=home
    )
    add_member(pool, people["other_member"], answers=["kotihoito"], municipality=home)
    add_member(
        pool, people["paused_member"], answers=["kuljetuspalvelu"], status=PoolMemberStatus.PAUSED
    )
    add_member(
        pool, people["left_member"], answers=["kuljetuspalvelu"], status=PoolMemberStatus.LEFT
    )
    call = make_call(pool, people["staff_same_region"], status=status)
    AnswerCriterion.objects.create(call=call, question=question, value="kuljetuspalvelu")
    world = CallWorld(region, other_region, pool, question, call, municipalities, people)
    world.set_status(status)
    return world


@pytest.fixture
def call_world(db):
    return build_call_world()


def login(client, world, role):
    if role != "anonymous":
        client.force_login(world.person(role))
    return client
