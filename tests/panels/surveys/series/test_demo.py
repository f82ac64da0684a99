"""The demo series: three rounds of the psychiatric panel's life wheel, the group change shown,
and Polkujen kulkija's own wheels; seeding twice changes nothing."""

import pytest

from accounts.demo import seed_people
from accounts.models import User
from panels.demo import seed_panels
from panels.surveys.models import Answer, Response, Survey
from panels.surveys.series.change import group_change
from panels.surveys.series.demo import NAME, seed_series
from panels.surveys.series.models import OwnWheel, Series, SeriesRound
from panels.surveys.series.own import wheels_over_time

pytestmark = pytest.mark.django_db


def _counts():
    return [m.objects.count() for m in (Series, SeriesRound, Survey, Response, Answer, OwnWheel)]


def test_the_demo_series_is_idempotent_and_shows_a_change():
    seed_people("demo-salasana-42")
    seed_panels()
    seed_series()
    first = _counts()
    seed_series()
    assert _counts() == first
    series = Series.objects.get(name=NAME)
    assert series.region.slug == "etela-pohjanmaa"
    rounds = list(series.rounds.select_related("survey").order_by("number"))
    assert [r.number for r in rounds] == [1, 2, 3]
    assert rounds[0].survey.is_closed() and rounds[1].survey.is_closed()
    assert rounds[2].survey.is_open()
    assert all(r.survey.panels.filter(slug="psykiatrinen-kokemustoimijaraati") for r in rounds)
    change = group_change(series)
    assert all(n >= 5 for n in change.responses)
    domains = change.wheels[0].domains
    assert all(d.change is not None for d in domains)
    assert any(d.change > 0 for d in domains)
    person = User.objects.get(email="kokemus@kohtaamo.example")
    _shape, found = wheels_over_time(person, series)
    assert [r.number for r, _id, _ratings in found] == [1, 2, 3]
    # Nothing links the anonymous answers to anyone.
    assert (
        not Response.objects.filter(survey__series_round__series=series)
        .exclude(respondent=None)
        .exists()
    )
