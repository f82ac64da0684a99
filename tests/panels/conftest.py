"""The cast of the permission matrix: one panel in region A, and everyone who might look at it."""

from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import AnonymousUser

from panels.models import JoiningPolicy, MembershipStatus
from tests.factories import MembershipFactory, PanelFactory, RegionFactory, UserFactory
from tests.panels.factories import MeetingFactory

ROLES = [
    "anonymous",
    "outsider",
    "applicant",
    "member",
    "facilitator",
    "staff_same_region",
    "staff_other_region",
    "decision_maker",
    "administrator",
]


@dataclass
class World:
    panel: object
    other_panel: object
    people: dict = field(default_factory=dict)
    past_meeting: object = None
    upcoming_meeting: object = None
    application: object = None
    membership: object = None

    def person(self, role):
        return self.people[role]


def build_world(policy=JoiningPolicy.APPLICATION):
    region = RegionFactory(name="Lappi", slug="lappi")
    other_region = RegionFactory(name="Kanta-Häme", slug="kanta-hame")
    panel = PanelFactory(region=region, joining_policy=policy, name="Rovaniemen raati")
    other_panel = PanelFactory(region=other_region, name="Edelläkävijät")
    people = {
        "anonymous": AnonymousUser(),
        "outsider": UserFactory(display_name="Ulkopuolinen"),
        "applicant": UserFactory(display_name="Hakija"),
        "member": UserFactory(display_name="Raatilainen"),
        "facilitator": UserFactory(display_name="Fasilitaattori", expert=True),
        "staff_same_region": UserFactory(display_name="Lapin työntekijä", staff=True),
        "staff_other_region": UserFactory(display_name="Hämeen työntekijä", staff=True),
        "decision_maker": UserFactory(display_name="Lapin päättäjä", decision_maker=True),
        "administrator": UserFactory(display_name="Ylläpitäjä", administrator=True),
    }
    region.officials.add(people["staff_same_region"], people["decision_maker"])
    other_region.officials.add(people["staff_other_region"])
    panel.facilitators.add(people["facilitator"])
    world = World(panel=panel, other_panel=other_panel, people=people)
    world.application = MembershipFactory(
        person=people["applicant"],
        panel=panel,
        status=MembershipStatus.APPLIED,
        motivation="Haluan kertoa kokemuksistani.",
    )
    world.membership = MembershipFactory(person=people["member"], panel=panel)
    world.past_meeting = MeetingFactory(panel=panel, past=True, title="Menneen muistio")
    world.upcoming_meeting = MeetingFactory(panel=panel, title="Tuleva tapaaminen")
    return world


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def login(client):
    def as_role(world, role):
        if role != "anonymous":
            client.force_login(world.person(role))
        return client

    return as_role
