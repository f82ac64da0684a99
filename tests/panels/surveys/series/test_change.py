"""The group's change per domain: means per round, suppression, pairing, and the CSV."""

import csv
import io

import pytest

from panels.surveys.models import PendingAnswer
from panels.surveys.series.change import group_change, signed, write_csv

from .helpers import add_ratings, make_series, member

pytestmark = pytest.mark.django_db

FIVE_LOW = [[2, 3, 4, 5]] * 5
FIVE_HIGH = [[5, 3, 6, None]] * 5


def _domains(series):
    return group_change(series).wheels[0].domains


def test_means_per_round_and_the_change_between_first_and_latest():
    series, _panel, _staff = make_series(rounds=3)
    first, middle, latest = series.rounds.order_by("number")
    add_ratings(first, FIVE_LOW)
    add_ratings(middle, [[3, 3, 5, 5]] * 5)
    add_ratings(latest, [[5, 3, 6, 5]] * 4 + [[6, 2, 6, 5]])
    change = group_change(series)
    assert change.responses == [5, 5, 5] and not change.paired
    housing, health, _relations, _leisure = change.wheels[0].domains
    assert housing.means == [(2.0, 5), (3.0, 5), (5.2, 5)]
    assert housing.change == 3.2
    assert health.change == pytest.approx(-0.2)
    assert signed(housing.change) == "+3.2" or signed(housing.change) == "+3,2"
    assert signed(-1) == "−1" and signed(0) == "0" and signed(None) == "–"
    # Every round is complete, so each is drawn.
    assert len(change.wheels[0].chart.series) == 3


def test_a_round_with_too_few_ratings_of_a_domain_is_withheld_and_so_is_the_change():
    series, _panel, _staff = make_series(rounds=2)
    first, latest = series.rounds.order_by("number")
    add_ratings(first, FIVE_LOW)
    # Four people rated leisure in the latest round: below the threshold.
    add_ratings(latest, [[5, 3, 6, 9]] * 4 + [[5, 3, 6, None]])
    housing, _health, _relations, leisure = _domains(series)
    assert leisure.means[0] == (5.0, 5)
    assert leisure.means[1] == (None, 4)
    assert leisure.change is None
    assert housing.change == 3.0
    # The latest round has a withheld mean: it is not drawn (it would sit at 0).
    chart = group_change(series).wheels[0].chart
    assert len(chart.series) == 1


def test_too_few_respondents_in_a_round_withhold_everything_of_it():
    series, _panel, _staff = make_series(rounds=2)
    first, latest = series.rounds.order_by("number")
    add_ratings(first, [[2, 3, 4, 5]] * 4)
    add_ratings(latest, FIVE_LOW)
    domains = _domains(series)
    assert all(d.means[0][0] is None and d.change is None for d in domains)
    assert all(d.means[1][0] is not None for d in domains)


def test_exactly_the_threshold_is_shown():
    series, _panel, _staff = make_series(rounds=2)
    first, latest = series.rounds.order_by("number")
    add_ratings(first, FIVE_LOW)
    add_ratings(latest, FIVE_LOW)
    assert all(d.change == 0 for d in _domains(series))


def test_named_rounds_are_paired():
    series, panel, _staff = make_series(rounds=2, anonymous=False)
    first, latest = series.rounds.order_by("number")
    people = [member(panel) for _ in range(7)]
    add_ratings(first, [[2, 2, 2, 2]] * 5, people=people[:5])
    # Two newcomers with high ratings join in the latest round; the five stay +1.
    add_ratings(latest, [[3, 3, 3, 3]] * 5 + [[10, 10, 10, 10]] * 2, people=people)
    change = group_change(series)
    assert change.paired
    housing = change.wheels[0].domains[0]
    assert housing.means[1] == (5.0, 7)  # everyone's mean moved by 3 ...
    assert housing.change == 1.0  # ... but each person's own change is +1
    assert housing.paired_count == 5


def test_pairs_below_the_threshold_withhold_the_change():
    series, panel, _staff = make_series(rounds=2, anonymous=False)
    first, latest = series.rounds.order_by("number")
    people = [member(panel) for _ in range(9)]
    add_ratings(first, [[2, 2, 2, 2]] * 5, people=people[:5])
    add_ratings(latest, [[3, 3, 3, 3]] * 5, people=people[1:2] + people[5:9])
    housing = _domains(series)[0]
    assert housing.means[0][0] is not None and housing.means[1][0] is not None
    assert housing.paired_count == 1 and housing.change is None


def test_a_closed_round_s_waiting_answers_are_stored_before_counting():
    series, _panel, _staff = make_series(rounds=2)
    first = series.rounds.get(number=1)
    from panels.surveys.sealing import seal
    from panels.surveys.series.own import life_wheels

    question = life_wheels([first.survey_id])[first.survey_id][0]
    questions = list(first.survey.questions.prefetch_related("choices"))
    for _ in range(5):
        rows = [{"question": question, "choice": c, "number": 4} for c in question.choices.all()]
        PendingAnswer.objects.create(
            survey=first.survey, sealed=seal(first.survey_id, questions, rows)
        )
    change = group_change(series)
    assert change.responses[0] == 5
    assert not PendingAnswer.objects.exists()


def test_the_csv_has_a_row_per_domain_and_leaves_withheld_means_empty():
    series, _panel, _staff = make_series(rounds=2)
    first, latest = series.rounds.order_by("number")
    add_ratings(first, FIVE_LOW)
    add_ratings(latest, [[5, 3, 6, 9]] * 4 + [[5, 3, 6, None]])
    out = io.StringIO()
    write_csv(group_change(series), out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert len(rows) == 1 + 4
    assert rows[1][:2] == ["Elämänpyörä", "Asuminen"]
    assert rows[1][2:] == ["5", "2.0", "5", "5.0", "3.0"]
    assert rows[4][2:] == ["5", "5.0", "4", "", ""]
