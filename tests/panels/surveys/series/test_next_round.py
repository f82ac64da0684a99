"""Starting rounds: the next round is an exact copy of the latest round's questions."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from panels.surveys.series.models import Series, SeriesRound
from panels.surveys.series.services import start_first_round, start_next_round
from tests.factories import RegionFactory, UserFactory
from tests.panels.surveys.factories import SurveyFactory

from .helpers import make_series

pytestmark = pytest.mark.django_db


def _shape(survey):
    return [
        (
            q.sort_order,
            q.kind,
            q.text,
            q.help_text,
            q.required,
            q.allow_other,
            q.low_label,
            q.high_label,
            [(c.sort_order, c.label) for c in q.choices.order_by("sort_order")],
        )
        for q in survey.questions.order_by("sort_order")
    ]


def test_the_next_round_copies_questions_choices_and_audience_exactly():
    series, panel, staff = make_series(rounds=1)
    first = series.rounds.get().survey
    opens = timezone.now() + timedelta(days=1)
    round_ = start_next_round(series, by=staff, opens_at=opens, closes_at=opens + timedelta(days=9))
    copy = round_.survey
    assert round_.number == 2
    assert copy.pk != first.pk
    assert _shape(copy) == _shape(first)
    # New rows, not shared ones: answers to one round never land on another's choices.
    assert not set(copy.questions.values_list("pk", flat=True)) & set(
        first.questions.values_list("pk", flat=True)
    )
    assert list(copy.panels.all()) == [panel]
    assert copy.is_anonymous == first.is_anonymous
    assert copy.region_id == first.region_id
    assert copy.opens_at == opens and copy.announced_at is None
    assert copy.created_by == staff


def test_a_third_round_copies_the_second():
    series, _panel, staff = make_series(rounds=2)
    second = series.rounds.get(number=2).survey
    question = second.questions.get(kind="life_wheel")
    question.choices.filter(sort_order=0).update(label="Koti")  # reworded in round 2
    opens = timezone.now() + timedelta(days=30)
    third = start_next_round(series, by=staff, opens_at=opens, closes_at=None).survey
    assert _shape(third) == _shape(second)


@pytest.mark.parametrize("who", ["other_staff", "decision_maker", "client"])
def test_only_the_region_staff_start_a_round(who):
    series, _panel, _staff = make_series(rounds=1)
    person = {
        "other_staff": lambda: _official(RegionFactory(), staff=True),
        "decision_maker": lambda: _official(series.region, decision_maker=True),
        "client": lambda: UserFactory(),
    }[who]()
    with pytest.raises(ValidationError):
        start_next_round(series, by=person, opens_at=timezone.now(), closes_at=None)
    assert series.rounds.count() == 1


def test_an_administrator_starts_a_round():
    series, _panel, _staff = make_series(rounds=1)
    admin = UserFactory(administrator=True)
    start_next_round(series, by=admin, opens_at=timezone.now(), closes_at=None)
    assert series.rounds.count() == 2


def _official(region, **traits):
    person = UserFactory(**traits)
    region.officials.add(person)
    return person


def test_dates_must_be_in_order():
    series, _panel, staff = make_series(rounds=1)
    now = timezone.now()
    with pytest.raises(ValidationError):
        start_next_round(series, by=staff, opens_at=now, closes_at=now - timedelta(days=1))
    first_opened = series.rounds.get().survey.opens_at
    with pytest.raises(ValidationError):
        start_next_round(
            series, by=staff, opens_at=first_opened - timedelta(days=1), closes_at=None
        )


def test_the_first_round_is_a_survey_of_the_region_in_no_series():
    region = RegionFactory()
    staff = _official(region, staff=True)
    series = Series.objects.create(region=region, name="Uusi sarja")
    elsewhere = SurveyFactory()
    with pytest.raises(ValidationError):
        start_first_round(series, elsewhere, by=staff)
    taken, _panel, _s = make_series(region, rounds=1, staff=staff)
    with pytest.raises(ValidationError):
        start_first_round(series, taken.rounds.get().survey, by=staff)
    survey = SurveyFactory(region=region)
    assert start_first_round(series, survey, by=staff).number == 1
    with pytest.raises(ValidationError):
        start_first_round(series, SurveyFactory(region=region), by=staff)
    assert SeriesRound.objects.filter(series=series).count() == 1
