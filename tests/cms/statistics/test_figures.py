"""The figures against the hand-built worlds of conftest (numbers worked out there)."""

import json

import pytest
from django.utils import translation

from cms.statistics import figures
from cms.statistics.periods import PeriodError
from cms.statistics.suppression import suppressed_cells
from tests.cms.statistics.conftest import END, START


def values(result):
    return [row["value"] for row in result["rows"]]


def lappi(slug, world):
    return figures.compute(slug, region=world.lappi, start=START, end=END)


def test_every_figure_is_listed_with_its_unit():
    assert list(figures.FIGURES)[:2] == ["participants", "participants-by-role"]
    for slug, figure in figures.FIGURES.items():
        assert figure.slug == slug
        assert figure.unit in {"people", "count", "percent", "days"}
        assert str(figure.title) and str(figure.description)


def test_an_unknown_figure_is_a_key_error(db):
    with pytest.raises(KeyError):
        figures.compute("nothing")


def test_the_result_is_plain_json(idea_world):
    result = lappi("ideas", idea_world)
    assert json.loads(json.dumps(result)) == result
    assert result["region"] == "lappi"
    assert result["period"] == {"start": "2026-01-01", "end": "2026-03-31"}
    assert [row["month"] for row in result["rows"]] == ["2026-01", "2026-02", "2026-03"]
    assert result["licence"] == figures.LICENCE


def test_ideas_count_what_a_visitor_sees_by_local_month(idea_world):
    # i2 at 23:30 on 31 January stays in January, i3 at 00:30 on 1 February (still January
    # in UTC) goes to February; hidden i4 and the panel's p1 are not counted.
    result = lappi("ideas", idea_world)
    assert values(result) == [2, 1, 2]
    assert result["total"] == 5


def test_regions_are_kept_apart_and_the_platform_adds_them_up(idea_world):
    karjala = figures.compute("ideas", region=idea_world.karjala, start=START, end=END)
    platform = figures.compute("ideas", start=START, end=END)
    assert values(karjala) == [1, 0, 0]
    assert values(platform) == [3, 1, 2]
    assert platform["region"] is None


def test_comments_count_public_comments_on_public_ideas(idea_world):
    assert values(lappi("comments", idea_world)) == [1, 0, 0]


def test_share_answered(idea_world):
    # Jan i1, i2 answered; Feb i3 waiting; Mar i5 answered (i6 merged: out of scope).
    result = lappi("answered", idea_world)
    assert values(result) == [100.0, 0.0, 100.0]
    assert [(row["numerator"], row["denominator"]) for row in result["rows"]] == [
        (2, 2),
        (0, 1),
        (1, 1),
    ]
    assert result["total"] == 75.0


def test_share_answered_within_the_target(idea_world):
    # Jan: i1 in 2 days, i2 in 40 (late): 1 / 2. Feb: i3 overdue: 0 / 1. Mar: i5: 1 / 1.
    result = lappi("answered-within-target", idea_world)
    assert values(result) == [50.0, 0.0, 100.0]
    assert result["total"] == 50.0


def test_share_that_reached_development(idea_world):
    # i2 moved to development, an experiment grew from i5; the panel's implemented p1 is out.
    result = lappi("reached-development", idea_world)
    assert values(result) == [50.0, 0.0, 100.0]
    assert result["total"] == 50.0


def test_share_of_yes_is_suppressed_below_five_verdicts(idea_world):
    # Jan: i1's response, 3 yes of 5. Mar: i2's (1 verdict) and i5's (2): 3 verdicts, hidden,
    # and so is the total, which would give the hidden month away.
    result = lappi("answer-yes", idea_world)
    assert values(result) == [60.0, None, None]
    # February is hidden i4's month: its "no" is not counted (nor are p1's five yeses).
    assert (result["rows"][1]["numerator"], result["rows"][1]["denominator"]) == (0, 0)
    assert [row["suppressed"] for row in result["rows"]] == [False, False, True]
    assert result["rows"][2]["numerator"] is None
    assert result["rows"][2]["denominator"] is None
    assert result["total"] is None and result["total_suppressed"]


def test_median_days_to_the_first_response(idea_world):
    # Jan: 2 and 40, nearest rank ceil(0.5 * 2) = 1st = 2. Mar: 10. All: 2, 10, 40 -> 10.
    result = lappi("days-to-first-response", idea_world)
    assert values(result) == [2.0, None, 10.0]
    assert result["total"] == 10.0


def test_a_panel_round_never_shows_in_idea_figures(idea_world):
    # Only the panel's p1 is implemented and answered within a day; no idea figure sees it.
    platform = figures.compute("days-to-first-response", start="2026-01", end="2026-01")
    # i1 (2), k1 (5), i2 (40): the 2nd of 3 is 5; with p1's 1 day it would be 2.
    assert values(platform) == [5.0]


def test_meetings_held_and_attendance_with_the_differencing_guard(people_world):
    region = people_world.region
    meetings = figures.compute("meetings", region=region, start=START, end=END)
    assert values(meetings) == [1, 1, 1]
    attendance = figures.compute("meeting-attendance", region=region, start=START, end=END)
    # February's 2 is hidden; with only one hidden month January's 6 goes too.
    assert values(attendance) == [None, None, 0]
    assert [row["suppressed"] for row in attendance["rows"]] == [True, True, False]
    assert attendance["total"] == 8


def test_live_room_participants(people_world):
    result = figures.compute("live-participants", region=people_world.region, start=START, end=END)
    assert values(result) == [0, 0, 5]
    assert result["total"] == 5


def test_people_taking_part(people_world):
    result = figures.compute("participants", region=people_world.region, start=START, end=END)
    # Jan 6, Feb 2 (hidden), Mar 5: hidden too, the next smallest.
    assert values(result) == [6, None, None]
    assert result["total"] == 11


def test_survey_responses_too_few_to_show(people_world):
    result = figures.compute("survey-responses", region=people_world.region, start=START, end=END)
    assert values(result) == [None, 0, 0]
    assert result["total"] is None and result["total_suppressed"]


def test_breakdowns_fold_small_groups(people_world):
    with translation.override("en"):
        roles = figures.compute(
            "participants-by-role", region=people_world.region, start=START, end=END
        )
        groups = figures.compute(
            "participants-by-client-group", region=people_world.region, start=START, end=END
        )
    assert [(row["group"], row["value"]) for row in roles["rows"]] == [
        ("developer-client", 6),
        ("expert by experience", 5),
    ]
    # Omaishoitajat (1) and the five who did not tell fold into one row.
    assert [(row["group"], row["value"]) for row in groups["rows"]] == [
        ("Nuoret aikuiset", 5),
        ("Other or not told", 6),
    ]
    assert groups["total"] == 11


def test_a_breakdown_of_too_few_people_shows_nothing(people_world):
    result = figures.compute(
        "participants-by-municipality", region=people_world.region, start="2026-02", end="2026-02"
    )
    assert result["rows"] == []
    assert result["total"] is None and result["total_suppressed"]


@pytest.mark.parametrize(
    ("counts", "hidden"),
    [
        ([6, 2, 5], [False, True, True]),
        ([6, 2, 3], [False, True, True]),
        ([0, 3, 0], [False, True, False]),
        ([7, 0, 9], [False, False, False]),
        ([7, 1, 9, 5], [False, True, False, True]),
        # Two small cells hold only 3 together: the total minus the rest would tell.
        ([1, 2, 10], [True, True, True]),
        ([1, 1, 1, 10, 20], [True, True, True, True, False]),
    ],
)
def test_suppressed_cells(counts, hidden):
    assert suppressed_cells(counts) == hidden


@pytest.mark.parametrize(
    ("start", "end"),
    [("2026-13", "2026-12"), ("huhtikuu", None), ("2026-03", "2026-01"), ("1999-01", "1999-02")],
)
def test_unusable_periods_are_refused(db, start, end):
    with pytest.raises(PeriodError):
        figures.compute("ideas", start=start, end=end)


def test_headline_numbers(idea_world, monkeypatch):
    from cms.statistics import periods

    monkeypatch.setattr(
        figures, "default_period", lambda: periods.Period(*map(periods.parse_month, [START, END]))
    )
    with translation.override("en"):
        numbers = figures.headline(idea_world.lappi)
    assert [number["slug"] for number in numbers] == [
        "answered",
        "days-to-first-response",
        "reached-development",
    ]
    assert [number["value"] for number in numbers] == [75.0, 10.0, 2]
    assert [number["display"] for number in numbers] == [
        "75 % of ideas answered",
        "median 10 days to a first response",
        "2 ideas reached development or further",
    ]


def test_headline_without_ideas(db):
    with translation.override("en"):
        numbers = figures.headline()
    assert [number["value"] for number in numbers] == [None, None, 0]
    assert numbers[0]["display"] == "No ideas to answer yet"
