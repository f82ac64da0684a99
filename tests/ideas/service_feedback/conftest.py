import pytest

from ideas.models import Phase
from ideas.service_feedback.models import Feedback, Status
from tests.factories import ClientGroupFactory, RegionFactory, ServiceAreaFactory, UserFactory
from tests.ideas.factories import IdeaRoundFactory

# The people of the permission matrix.
KINDS = [
    "anonymous",
    "developer_client",
    "expert",
    "staff",
    "staff_elsewhere",
    "decision_maker",
    "administrator",
]


class World:
    def __init__(self):
        self.region = RegionFactory(name="Etelä-Karjala", slug="etela-karjala")
        self.other = RegionFactory(name="Lappi", slug="lappi")
        self.area = ServiceAreaFactory(region=self.region, name="Terveysasemat")
        self.area2 = ServiceAreaFactory(region=self.region, name="Vammaispalvelut")
        self.other_area = ServiceAreaFactory(region=self.other, name="Sosiaalipalvelut")
        self.group = ClientGroupFactory(region=self.region, name="Omaishoitajat")
        self.other_group = ClientGroupFactory(region=self.other, name="Nuoret aikuiset")
        self.staff = UserFactory(staff=True, display_name="Palautevastaava")
        self.region.officials.add(self.staff)
        self.round = IdeaRoundFactory(
            region=self.region, title="Palautteesta", phase=Phase.IDEATION
        )
        self._people = {}

    def person(self, kind):
        if kind == "anonymous":
            return None
        if kind == "staff":
            return self.staff
        if kind not in self._people:
            traits = {
                "developer_client": {},
                "expert": {"expert": True},
                "staff_elsewhere": {"staff": True},
                "decision_maker": {"decision_maker": True},
                "administrator": {"administrator": True},
            }[kind]
            user = UserFactory(**traits)
            if kind == "staff_elsewhere":
                self.other.officials.add(user)
            if kind == "decision_maker":
                # A decision-maker of this very region: feedback is still the staff's.
                self.region.officials.add(user)
            self._people[kind] = user
        return self._people[kind]

    def feedback(self, **fields):
        defaults = {
            "region": self.region,
            "service_area": self.area,
            "what_happened": "Jonotin puhelimessa tunnin.",
            "what_would_be_better": "Takaisinsoitto.",
        }
        return Feedback.objects.create(**{**defaults, **fields})

    def answered(self, **fields):
        from django.utils import timezone

        defaults = {
            "status": Status.ANSWERED,
            "answer": "Kiitos, korjasimme asian.",
            "answered_at": timezone.now(),
            "answered_by": self.staff,
            "publish": True,
        }
        return self.feedback(**{**defaults, **fields})


@pytest.fixture
def world(db):
    return World()
