"""A round's phase comes from its dates, exactly at the boundaries, unless staff moved it."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from ideas.models import IdeaRound, Phase, phase_at

from .factories import IdeaRoundFactory, dates_for

SECOND = timedelta(seconds=1)


@pytest.fixture
def round_(db):
    return IdeaRoundFactory(phase=Phase.IDEATION)


@pytest.mark.parametrize(
    ("boundary", "before", "at"),
    [
        ("ideation_starts", Phase.UPCOMING, Phase.IDEATION),
        ("development_starts", Phase.IDEATION, Phase.DEVELOPMENT),
        ("evaluation_starts", Phase.DEVELOPMENT, Phase.EVALUATION),
        ("closes_at", Phase.EVALUATION, Phase.CLOSED),
    ],
)
def test_each_phase_begins_exactly_at_its_date(round_, boundary, before, at):
    moment = getattr(round_, boundary)
    assert phase_at(round_, moment - SECOND) == before
    assert phase_at(round_, moment) == at
    assert phase_at(round_, moment + SECOND) == at


@pytest.mark.parametrize("override", list(Phase))
def test_staff_override_wins_over_the_dates(round_, override):
    round_.phase_override = override
    assert round_.phase == override
    assert phase_at(round_, round_.closes_at + timedelta(days=365)) == override


def test_dates_must_follow_each_other(db):
    round_ = IdeaRoundFactory.build(phase=Phase.IDEATION)
    round_.evaluation_starts = round_.development_starts - SECOND
    with pytest.raises(ValidationError) as error:
        round_.clean()
    assert "evaluation_starts" in error.value.message_dict


def test_a_panel_round_needs_a_panel_of_its_region(db):
    from tests.factories import PanelFactory, RegionFactory

    round_ = IdeaRoundFactory.build(region=RegionFactory(), panel=PanelFactory())
    with pytest.raises(ValidationError) as error:
        round_.clean()
    assert "panel" in error.value.message_dict


@pytest.mark.parametrize("slug", ["ideas", "comments", "moderation", "report"])
def test_app_paths_cannot_be_round_slugs(db, slug):
    round_ = IdeaRoundFactory.build(slug=slug)
    with pytest.raises(ValidationError):
        round_.full_clean(exclude=["region"])


def test_open_rounds_are_listed_first(db):
    closed = IdeaRoundFactory(phase=Phase.CLOSED)
    upcoming = IdeaRoundFactory(phase=Phase.UPCOMING)
    evaluation = IdeaRoundFactory(phase=Phase.EVALUATION)
    ideation = IdeaRoundFactory(phase=Phase.IDEATION)
    reopened = IdeaRoundFactory(phase=Phase.CLOSED, phase_override=Phase.DEVELOPMENT)
    order = list(IdeaRound.objects.open_first())
    assert set(order[:3]) == {evaluation, ideation, reopened}
    assert order[3:] == [upcoming, closed]


def test_factory_dates_put_rounds_in_the_asked_phase(db):
    for phase in Phase:
        round_ = IdeaRound(**dates_for(phase))
        assert round_.phase == phase
