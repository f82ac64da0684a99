"""The statistics pages, their CSV and JSON, who may pick the period, bad input and the
cost in queries."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from cms.statistics import figures
from tests.cms.statistics.conftest import END, START
from tests.factories import RegionFactory, UserFactory
from tests.ideas.factories import IdeaFactory, IdeaRoundFactory

PICKED = {"start": START, "end": END}


def person(kind, region):
    """One person of each kind in the permission matrix."""
    if kind == "anonymous":
        return None
    user = {
        "developer_client": lambda: UserFactory(),
        "expert": lambda: UserFactory(expert=True),
        "staff": lambda: UserFactory(staff=True),
        "staff_elsewhere": lambda: UserFactory(staff=True),
        "decision_maker": lambda: UserFactory(decision_maker=True),
        "administrator": lambda: UserFactory(administrator=True),
    }[kind]()
    if kind in {"staff", "decision_maker"}:
        region.officials.add(user)
    if kind == "staff_elsewhere":
        RegionFactory().officials.add(user)
    return user


MATRIX = [
    ("anonymous", False),
    ("developer_client", False),
    ("expert", False),
    ("staff", True),
    ("staff_elsewhere", True),
    ("decision_maker", True),
    ("administrator", True),
]


@pytest.mark.parametrize(("kind", "picks"), MATRIX)
def test_who_may_pick_the_period(client, idea_world, kind, picks):
    user = person(kind, idea_world.lappi)
    if user:
        client.force_login(user)
    response = client.get("/en/statistics/lappi/", PICKED)
    assert response.status_code == 200
    html = response.content.decode()
    assert ('name="start"' in html) is picks
    # A visitor's choice is ignored: the page shows the last 12 months.
    period = response.context["period"]
    if picks:
        assert (period.start.isoformat(), period.end.isoformat()) == ("2026-01-01", "2026-03-01")
    else:
        assert period == figures.default_period()


def test_the_platform_page_links_every_region_and_the_footer_links_it(client, idea_world):
    response = client.get("/en/statistics/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/en/statistics/lappi/"' in html
    assert 'href="/en/statistics/karjala/"' in html
    assert html.count("<h1") == 1
    assert html.count('role="img"') >= len(figures.FIGURES)
    assert 'href="/en/statistics/ideas.csv"' in html
    assert 'href="/en/statistics/ideas.json"' in html
    assert '<a href="/en/statistics/">Statistics</a>' in html


def test_staff_see_the_chosen_months_in_the_table(client, idea_world):
    client.force_login(UserFactory(administrator=True))
    html = client.get("/en/statistics/lappi/", PICKED).content.decode()
    assert "January 2026" in html and "March 2026" in html
    assert 'href="/en/statistics/lappi/ideas.csv?start=2026-01&amp;end=2026-03"' in html


def test_staff_compare_regions_side_by_side(client, idea_world):
    client.force_login(UserFactory(administrator=True))
    response = client.get("/en/statistics/lappi/", {**PICKED, "compare": ["karjala"]})
    ideas = next(item for item in response.context["participation"] if item.figure.slug == "ideas")
    assert [scope.name for scope in ideas.scopes] == ["Lappi", "Karjala"]
    assert [cells for _month, cells in ideas.rows] == [["2", "1"], ["1", "0"], ["2", "0"]]
    assert len({column.colour for column in ideas.chart.columns}) == 2


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"start": "2026-13"}, "is not a month"),
        ({"start": "2026-03", "end": "2026-01"}, "ends before it starts"),
        ({"start": "2019-01", "end": "2026-01"}, "at most 60 months"),
        ({"end": "2099-01"}, "has not begun"),
    ],
)
def test_bad_periods_are_explained_and_kept(client, idea_world, query, message):
    client.force_login(UserFactory(administrator=True))
    response = client.get("/en/statistics/", query)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'aria-invalid="true"' in html
    for value in query.values():
        assert f'value="{value}"' in html
    # The figures are still there, for the default period.
    assert response.context["period"] == figures.default_period()


def test_unknown_region_and_figure_are_not_found(client, idea_world):
    assert client.get("/en/statistics/nowhere/").status_code == 404
    assert client.get("/en/statistics/nowhere/ideas.csv").status_code == 404
    assert client.get("/en/statistics/nothing.json").status_code == 404
    assert client.get("/en/statistics/lappi/nothing.csv").status_code == 404


@pytest.mark.parametrize("slug", list(figures.FIGURES))
def test_json_and_csv_of_every_figure(client, idea_world, slug):
    client.force_login(UserFactory(staff=True))
    data = client.get(f"/en/statistics/lappi/{slug}.json", PICKED).json()
    assert data == figures.compute(slug, region=idea_world.lappi, start=START, end=END) | {
        "title": data["title"],
        "description": data["description"],
    }
    response = client.get(f"/en/statistics/lappi/{slug}.csv", PICKED)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "lappi-" + slug in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[-1][0] == "total"
    assert len(rows) == len(data["rows"]) + 2


def test_the_csv_says_fewer_than_five_and_no_number(client, idea_world):
    client.force_login(UserFactory(staff=True))
    response = client.get("/en/statistics/lappi/answer-yes.csv", PICKED)
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["month", "value", "note", "counted", "out of"]
    assert rows[1] == ["2026-01", "60.0", "", "3", "5"]
    assert rows[3] == ["2026-03", "", "fewer than 5", "", ""]
    assert rows[4] == ["total", "", "fewer than 5"]


def test_a_visitor_gets_the_default_period_in_the_json(client, idea_world):
    data = client.get("/en/statistics/ideas.json", PICKED).json()
    assert data["period"] == figures.default_period().as_dict()


def test_a_bad_period_in_an_export_is_refused_with_a_reason(client, idea_world):
    client.force_login(UserFactory(staff=True))
    response = client.get("/en/statistics/ideas.csv", {"start": "2026-03", "end": "2026-01"})
    assert response.status_code == 400
    assert "ends before it starts" in response.content.decode()


def grow(count):
    region = RegionFactory(name="Kasvava", slug="kasvava")
    round_ = IdeaRoundFactory(region=region)
    now = timezone.now()
    for index in range(count):
        IdeaFactory(round=round_, created_at=now - timedelta(days=index % 300))


@pytest.mark.parametrize("count", [10, 200])
def test_the_page_costs_the_same_queries_whatever_the_data(
    client, db, django_assert_num_queries, count
):
    grow(count)
    with django_assert_num_queries(20):
        assert client.get("/en/statistics/kasvava/").status_code == 200


@pytest.mark.parametrize("count", [10, 200])
def test_comparing_regions_costs_queries_per_region_not_per_row(
    client, db, django_assert_num_queries, count
):
    grow(count)
    RegionFactory(name="Toinen", slug="toinen")
    client.force_login(UserFactory(administrator=True))
    # The session and user, the form's regions, and each figure once more for the second region.
    with django_assert_num_queries(46):
        response = client.get("/en/statistics/kasvava/", {"compare": ["toinen"]})
    assert response.status_code == 200
