"""Demo surveys: open and closed ones with answers; seeding twice changes nothing."""

import pytest

from accounts.demo import seed_people
from panels.demo import seed_panels
from panels.surveys.models import Answer, Question, Response, Survey

pytestmark = pytest.mark.django_db


def _counts():
    return [model.objects.count() for model in (Survey, Question, Response, Answer)]


def test_demo_surveys_are_idempotent_and_answered():
    seed_people("demo-salasana-42")
    seed_panels()
    first = _counts()
    seed_panels()
    assert _counts() == first
    surveys = list(Survey.objects.all())
    assert any(s.is_open() for s in surveys) and any(s.is_closed() for s in surveys)
    assert all(s.responses.count() >= 5 for s in surveys)
    wheel = Survey.objects.get(title__startswith="Elämänpyörä")
    assert wheel.panels.exists()
    assert wheel.questions.filter(kind="life_wheel").get().choices.count() == 6
    assert (
        Survey.objects.filter(is_anonymous=True, responses__respondent__isnull=False).count() == 0
    )
