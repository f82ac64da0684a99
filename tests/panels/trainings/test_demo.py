"""The demo: South Ostrobothnia's level I and II trainings, completed, the attendees holding
their levels, the psychiatric panel requiring level II and co-facilitated by a level II
innoagent; running the seed twice adds nothing."""

import pytest

from accounts.demo import seed_people
from accounts.models import Notification, User
from accounts.qualifications.models import Qualification
from accounts.roles import InnoagentLevel
from panels.demo import seed_panels
from panels.models import Panel
from panels.trainings.apps import QUALIFIED
from panels.trainings.forms import level_missing
from panels.trainings.models import Training, TrainingAttendance

pytestmark = pytest.mark.django_db


def counts():
    return (
        Training.objects.count(),
        TrainingAttendance.objects.count(),
        Qualification.objects.count(),
        Notification.objects.filter(kind=QUALIFIED).count(),
    )


def test_the_demo_trains_south_ostrobothnias_innoagents_once():
    seed_people("demo-salasana-123")
    seed_panels()
    first = counts()
    seed_panels()
    assert counts() == first
    trainings = Training.objects.filter(region__slug="etela-pohjanmaa")
    assert sorted(trainings.values_list("level", flat=True)) == [1, 2]
    assert all(training.trainers.exists() for training in trainings)
    assert not TrainingAttendance.objects.filter(completed_at__isnull=True).exists()
    level = dict(User.objects.values_list("email", "innoagent_level"))
    assert level["innoagentti.ep@kohtaamo.example"] == InnoagentLevel.LEVEL_I
    for email in ("kokemus", "lakeus", "vertainen"):
        assert level[f"{email}@kohtaamo.example"] == InnoagentLevel.LEVEL_II
    panel = Panel.objects.get(slug="psykiatrinen-kokemustoimijaraati")
    assert panel.facilitator_level_required == InnoagentLevel.LEVEL_II
    assert not level_missing(panel.facilitator_level_required, panel.facilitators.all())
    # Each attendee was told once; the staff member who marked them was not told of it.
    marker = User.objects.get(email="innoagentti.ep@kohtaamo.example")
    assert Notification.objects.filter(kind=QUALIFIED, recipient=marker).count() == 1
    assert first[3] == 4
