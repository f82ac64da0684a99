"""The cast of a training's permission matrix: a South Ostrobothnia level II training with
one attendee (an expert by experience), and everyone else who might open its page."""

from dataclasses import dataclass, field
from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.roles import InnoagentLevel
from panels.trainings.models import Training, TrainingAttendance
from tests.factories import RegionFactory, UserFactory

ROLES = [
    "anonymous",
    "developer_client",
    "expert",
    "staff_same_region",
    "staff_other_region",
    "decision_maker",
    "administrator",
]
RUNNERS = {"staff_same_region", "administrator"}


@dataclass
class TrainingWorld:
    region: object
    other_region: object
    training: object
    attendance: object
    people: dict = field(default_factory=dict)

    def person(self, role):
        return self.people[role]


def build_training_world():
    region = RegionFactory(name="Etelä-Pohjanmaa", slug="etela-pohjanmaa")
    other_region = RegionFactory(name="Lappi", slug="lappi")
    people = {
        "anonymous": AnonymousUser(),
        "developer_client": UserFactory(display_name="Aamuvirkku"),
        "expert": UserFactory(display_name="Polkujen kulkija", expert=True),
        "staff_same_region": UserFactory(display_name="Innoagentti Seinäjoki", staff=True),
        "staff_other_region": UserFactory(display_name="Innoagentti Lappi", staff=True),
        "decision_maker": UserFactory(display_name="Palvelujohtaja", decision_maker=True),
        "administrator": UserFactory(display_name="Ylläpito", administrator=True),
    }
    region.officials.add(people["staff_same_region"], people["decision_maker"])
    other_region.officials.add(people["staff_other_region"])
    training = Training.objects.create(
        region=region,
        name="Innoagenttikoulutus, II-taso",
        level=InnoagentLevel.LEVEL_II,
        held_on=date(2026, 2, 3),
        created_by=people["staff_same_region"],
    )
    training.trainers.add(people["staff_same_region"])
    attendance = TrainingAttendance.objects.create(training=training, person=people["expert"])
    return TrainingWorld(region, other_region, training, attendance, people)


@pytest.fixture
def training_world(db):
    return build_training_world()


@pytest.fixture
def as_role(client):
    def log_in(world, role):
        person = world.person(role)
        if person.is_authenticated:
            client.force_login(person)
        return client

    return log_in
