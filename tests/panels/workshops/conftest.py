"""The cast of a workshop's permission matrix: the panel world of tests.panels.conftest, a
workshop of its panel with a network board and a client card, an invited guest, and a
workshop facilitator who is not a panel facilitator."""

import pytest

from panels.workshops import services
from panels.workshops.models import Workshop
from tests.factories import UserFactory
from tests.panels.conftest import build_world

WORKSHOP_ROLES = [
    "anonymous",
    "outsider",
    "applicant",
    "member",
    "guest",
    "workshop_facilitator",
    "facilitator",
    "staff_same_region",
    "staff_other_region",
    "decision_maker",
    "administrator",
]
# Who sees the workshop; everyone else gets a 404.
SEE = {
    "member",
    "guest",
    "workshop_facilitator",
    "facilitator",
    "staff_same_region",
    "decision_maker",
    "administrator",
}
# Who runs it.
RUN = {"workshop_facilitator", "facilitator", "staff_same_region", "administrator"}


def build_workshop_world():
    world = build_world()
    people = world.people
    people["guest"] = UserFactory(display_name="Vieras")
    people["workshop_facilitator"] = UserFactory(display_name="Työpajan vetäjä", expert=True)
    workshop = services.create_workshop(
        world.panel,
        people["facilitator"],
        title="Nuorten aikuisten palvelut",
        boards=["network", "client_card"],
    )
    workshop.facilitators.add(people["workshop_facilitator"])
    workshop.guests.add(people["guest"])
    world.workshop = Workshop.objects.get(pk=workshop.pk)
    world.network, world.card = list(world.workshop.boards.all())
    return world


@pytest.fixture
def workshop_world(db):
    return build_workshop_world()
