"""The response-time dashboard: its figures against hand-computed fixtures, who sees it, the
CSV export, and that its cost in queries does not grow with the data.

The fixture (``answered_ideas``), in days; "posted" is days before now, "answered" is days
from posting to the first response:

    Lappi, round "Nuoret" (public)     posted  answered  feedback
      a1                                  60       2     yes, yes, partly
      a2                                  60      10     -   (a second response at 15: not first)
      a3                                  60      40     no
      a4                                  45       -     waiting, overdue (> 30)
      a5                                   5       -     waiting, not yet overdue
      hidden                              60       1     no        } not counted
      withdrawn                          100       -               }
    Lappi, round "Raati" (a panel's)
      a6                                  50      20     yes
      merged into a6                      50       3     no        } not counted
    Etelä-Karjala, round "Arki"
      b1                                  20       4     partly
      b2                                  31       -     waiting, overdue

Nearest rank: the p-th percentile of n sorted times is the one at position ceil(p * n).

    Nuoret: times 2, 10, 40 (n=3). median: ceil(1.5)=2nd = 10; p90: ceil(2.7)=3rd = 40.
            within 30 days: 2 (2, 10); overdue 1 (a4); share 2 / (3 + 1) = 50 %.
            waiting 2 (a4, a5). feedback yes 2, partly 1, no 1 of 4: 50 / 25 / 25 %.
    Raati:  time 20 (n=1): median = p90 = 20. share 1 / 1 = 100 %. feedback yes 1: 100 / 0 / 0.
    Arki:   time 4: median = p90 = 4. within 1, overdue 1 (b2): 1 / 2 = 50 %. waiting 1.
            feedback partly 1: 0 / 100 / 0 %.
    Lappi:  times 2, 10, 20, 40 (n=4). median: ceil(2)=2nd = 10 (interpolated it would be 15);
            p90: ceil(3.6)=4th = 40. within 3, overdue 1: 3 / (4 + 1) = 60 %. waiting 2.
            feedback yes 3, partly 1, no 1 of 5: 60 / 20 / 20 %.
    Etelä-Karjala: as Arki.

With a target of 15 days: Lappi within 2 (2, 10), overdue 1 (a4; a5 is 5 days old): 2 / 5
= 40 %; Raati 0 / 1 = 0 %; Etelä-Karjala within 1, overdue 1 (b2): 50 %.
"""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from ideas.feedback import timeliness as dashboard
from ideas.feedback.models import OfficialResponse, ResponseFeedback, Verdict
from ideas.feedback.statuses import IdeaStatus
from ideas.feedback.timeliness_views import csv_cell
from ideas.models import Idea, Phase
from panels.models import Region
from tests.factories import PanelFactory, RegionFactory, UserFactory
from tests.ideas.factories import IdeaFactory, IdeaRoundFactory

DAY = timedelta(days=1)
PAGE = reverse("ideas:response_dashboard")
CSV = reverse("ideas:response_dashboard_csv")
CSV_EN = "/en" + CSV


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def other_region(db):
    return RegionFactory(name="Etelä-Karjala", slug="etela-karjala")


@pytest.fixture
def responder(db):
    return UserFactory(decision_maker=True)


def respond(idea, at, responder):
    return OfficialResponse.objects.create(
        idea=idea,
        responder=responder,
        responder_role=Role.DECISION_MAKER,
        decision=IdeaStatus.UNDER_CONSIDERATION,
        reasons="Selvitämme asiaa.",
        published_at=at,
    )


def feedback(response, *verdicts):
    for verdict in verdicts:
        ResponseFeedback.objects.create(response=response, person=UserFactory(), verdict=verdict)


class Maker:
    """Ideas posted ``days_ago`` before ``now``, answered ``answered_after`` days later."""

    def __init__(self, now, responder):
        self.now = now
        self.responder = responder

    def __call__(self, round_, days_ago, answered_after=None, verdicts=(), **fields):
        created = self.now - days_ago * DAY
        idea = IdeaFactory(round=round_, created_at=created, **fields)
        if answered_after is not None:
            response = respond(idea, created + answered_after * DAY, self.responder)
            feedback(response, *verdicts)
        return idea


@pytest.fixture
def answered_ideas(region, other_region, now, responder):
    make = Maker(now, responder)
    nuoret = IdeaRoundFactory(region=region, title="Nuoret", phase=Phase.EVALUATION)
    raati = IdeaRoundFactory(
        region=region, panel=PanelFactory(region=region), title="Raati", phase=Phase.CLOSED
    )
    arki = IdeaRoundFactory(region=other_region, title="Arki", phase=Phase.DEVELOPMENT)
    ideas = {
        "a1": make(nuoret, 60, 2, [Verdict.YES, Verdict.YES, Verdict.PARTLY]),
        "a2": make(nuoret, 60, 10),
        "a3": make(nuoret, 60, 40, [Verdict.NO]),
        "a4": make(nuoret, 45, title="Odottaa yli tavoitteen"),
        "a5": make(nuoret, 5, title="Odottaa vasta vähän"),
        "hidden": make(nuoret, 60, 1, [Verdict.NO], hidden_at=now),
        "withdrawn": make(nuoret, 100, withdrawn_at=now),
        "a6": make(raati, 50, 20, [Verdict.YES]),
        "b1": make(arki, 20, 4, [Verdict.PARTLY]),
        "b2": make(arki, 31, title="Arjen odottaja"),
    }
    ideas["merged"] = make(
        raati, 50, 3, [Verdict.NO], status=IdeaStatus.MERGED, merged_into=ideas["a6"]
    )
    # A later response does not move the first one; its feedback still counts.
    respond(ideas["a2"], ideas["a2"].created_at + 15 * DAY, responder)
    return {"rounds": (nuoret, raati, arki), **ideas}


def in_days(duration):
    return round(dashboard.days(duration), 1)


def summary(figures):
    return {
        "waiting": figures.waiting,
        "overdue": figures.overdue,
        "answered": figures.answered,
        "median": in_days(figures.median) if figures.median is not None else None,
        "p90": in_days(figures.p90) if figures.p90 is not None else None,
        "within": (figures.answered_within_target, figures.measured),
        "share": figures.share_within_target,
        "feedback": (
            figures.feedback_yes_share,
            figures.feedback_partly_share,
            figures.feedback_no_share,
            figures.feedback_count,
        ),
    }


# --- The figures --------------------------------------------------------------------------


@pytest.mark.django_db
def test_figures_by_region_match_the_hand_computed_ones(answered_ideas, region, other_region, now):
    ideas = dashboard.ideas_in_scope(Region.objects.all())
    by_region = dashboard.figures_by(ideas, dashboard.BY_REGION, now=now, target_days=30)
    assert summary(by_region[region.pk]) == {
        "waiting": 2,
        "overdue": 1,
        "answered": 4,
        "median": 10.0,
        "p90": 40.0,
        "within": (3, 5),
        "share": 60,
        "feedback": (60, 20, 20, 5),
    }
    assert summary(by_region[other_region.pk]) == {
        "waiting": 1,
        "overdue": 1,
        "answered": 1,
        "median": 4.0,
        "p90": 4.0,
        "within": (1, 2),
        "share": 50,
        "feedback": (0, 100, 0, 1),
    }


@pytest.mark.django_db
def test_figures_by_round_match_the_hand_computed_ones(answered_ideas, now):
    nuoret, raati, arki = answered_ideas["rounds"]
    ideas = dashboard.ideas_in_scope(Region.objects.all())
    by_round = dashboard.figures_by(ideas, dashboard.BY_ROUND, now=now, target_days=30)
    assert summary(by_round[nuoret.pk]) == {
        "waiting": 2,
        "overdue": 1,
        "answered": 3,
        "median": 10.0,
        "p90": 40.0,
        "within": (2, 4),
        "share": 50,
        "feedback": (50, 25, 25, 4),
    }
    assert summary(by_round[raati.pk]) == {
        "waiting": 0,
        "overdue": 0,
        "answered": 1,
        "median": 20.0,
        "p90": 20.0,
        "within": (1, 1),
        "share": 100,
        "feedback": (100, 0, 0, 1),
    }
    assert summary(by_round[arki.pk])["within"] == (1, 2)


@pytest.mark.django_db
def test_fractional_days_are_kept(region, now, responder):
    round_ = IdeaRoundFactory(region=region)
    Maker(now, responder)(round_, 10, 1.25)
    ideas = dashboard.ideas_in_scope(Region.objects.all())
    figures = dashboard.figures_by(ideas, dashboard.BY_REGION, now=now, target_days=30)
    assert figures[region.pk].median_days == pytest.approx(1.25)


@pytest.mark.django_db
def test_a_region_with_nothing_answered_has_no_times_and_no_share(region, now, responder):
    Maker(now, responder)(IdeaRoundFactory(region=region), 3)
    ideas = dashboard.ideas_in_scope(Region.objects.all())
    figures = dashboard.figures_by(ideas, dashboard.BY_REGION, now=now, target_days=30)
    assert summary(figures[region.pk]) == {
        "waiting": 1,
        "overdue": 0,
        "answered": 0,
        "median": None,
        "p90": None,
        "within": (0, 0),
        "share": None,
        "feedback": (None, None, None, 0),
    }


@pytest.mark.django_db
def test_the_overdue_list_is_oldest_first_and_leaves_out_the_not_counted(answered_ideas, now):
    ideas = dashboard.ideas_in_scope(Region.objects.all())
    overdue = list(dashboard.overdue_ideas(ideas, now=now, target_days=30))
    assert overdue == [answered_ideas["a4"], answered_ideas["b2"]]
    assert in_days(overdue[0].waited) == 45.0


def figures_on_page(response):
    regions = {region.name: summary(figures) for region, figures in response.context["region_rows"]}
    rounds = {round_.title: summary(figures) for round_, figures in response.context["round_rows"]}
    return regions, rounds


@pytest.mark.django_db
def test_the_page_shows_the_figures_of_the_officials_regions(client, answered_ideas, region):
    official = UserFactory(decision_maker=True)
    region.officials.add(official)
    client.force_login(official)
    response = client.get("/en" + PAGE)
    assert response.status_code == 200
    regions, rounds = figures_on_page(response)
    assert list(regions) == ["Lappi"]
    assert regions["Lappi"]["share"] == 60
    assert set(rounds) == {"Nuoret", "Raati"}  # the panel's round included
    html = response.content.decode()
    assert "yes 60 %, partly 20 %, no 20 %" in html
    assert "3 of 5" in html
    assert answered_ideas["a4"].get_absolute_url() in html
    assert answered_ideas["b2"].title not in html  # another region's
    assert answered_ideas["a5"].get_absolute_url() not in html  # not yet overdue
    assert html.count("<h1") == 1
    assert 'role="region"' in html and "<caption" in html and 'scope="col"' in html


@pytest.mark.django_db
def test_the_page_reads_in_finnish_with_one_decimal(client, answered_ideas, region_staff):
    client.force_login(region_staff)
    html = client.get(PAGE).content.decode()
    assert "10,0" in html and "40,0" in html


@override_settings(IDEA_RESPONSE_TARGET_DAYS=15)
@pytest.mark.django_db
def test_the_target_comes_from_the_setting(client, answered_ideas, region, other_region):
    client.force_login(UserFactory(administrator=True))
    response = client.get("/en" + PAGE)
    regions, rounds = figures_on_page(response)
    assert (regions["Lappi"]["within"], regions["Lappi"]["share"]) == ((2, 5), 40)
    assert regions["Lappi"]["overdue"] == 1
    assert (regions["Etelä-Karjala"]["within"], regions["Etelä-Karjala"]["share"]) == ((1, 2), 50)
    assert rounds["Raati"]["share"] == 0
    assert "Answered within 15 days" in response.content.decode()


def test_the_target_defaults_to_thirty_days():
    from cms.settings import base

    assert base.IDEA_RESPONSE_TARGET_DAYS == 30


@pytest.mark.django_db
def test_filters_by_region_and_by_round(client, answered_ideas, region, other_region):
    nuoret = answered_ideas["rounds"][0]
    client.force_login(UserFactory(administrator=True))
    regions, rounds = figures_on_page(client.get(PAGE))
    assert set(regions) == {"Lappi", "Etelä-Karjala"}
    regions, rounds = figures_on_page(client.get(PAGE, {"region": other_region.pk}))
    assert list(regions) == ["Etelä-Karjala"] and list(rounds) == ["Arki"]
    regions, rounds = figures_on_page(client.get(PAGE, {"round": nuoret.pk}))
    assert list(rounds) == ["Nuoret"]
    # The region's row then counts that round only.
    assert regions == {"Lappi": rounds["Nuoret"]}


@pytest.mark.django_db
def test_a_round_of_another_region_than_the_chosen_one_is_explained(client, answered_ideas, region):
    arki = answered_ideas["rounds"][2]
    client.force_login(UserFactory(administrator=True))
    response = client.get("/en" + PAGE, {"region": region.pk, "round": arki.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        '<p class="form__errors" id="id_round-error">That round is not in the chosen region.'
        in html
    )
    assert 'aria-describedby="id_round-error"' in html and 'aria-invalid="true"' in html


@pytest.mark.django_db
def test_an_official_of_no_region_is_told_there_is_nothing_to_show(client, answered_ideas):
    client.force_login(UserFactory(staff=True))
    response = client.get("/en" + PAGE)
    assert response.status_code == 200
    assert response.context["region_rows"] == [] and response.context["round_rows"] == []
    assert "You do not act for any region yet" in response.content.decode()
    assert answered_ideas["a4"].title not in response.content.decode()


@pytest.mark.django_db
def test_the_round_list_links_to_the_dashboard_for_officials_only(client, region_staff):
    client.force_login(region_staff)
    assert PAGE in client.get(reverse("ideas:round_list")).content.decode()
    client.force_login(UserFactory())
    assert PAGE not in client.get(reverse("ideas:round_list")).content.decode()


def test_dashboard_is_not_a_round_slug():
    from ideas.models import RESERVED_ROUND_SLUGS

    assert "dashboard" in RESERVED_ROUND_SLUGS


# --- Who sees it --------------------------------------------------------------------------


def person(kind, region, other_region):
    """The people of the permission matrix: (user or None, regions they should see)."""
    if kind == "anonymous":
        return None
    traits = {
        "developer_client": {},
        "expert": {"expert": True},
        "staff": {"staff": True},
        "staff_elsewhere": {"staff": True},
        "decision_maker": {"decision_maker": True},
        "decision_maker_elsewhere": {"decision_maker": True},
        "administrator": {"administrator": True},
    }[kind]
    user = UserFactory(**traits)
    if kind in ("staff", "decision_maker"):
        region.officials.add(user)
    if kind.endswith("_elsewhere"):
        other_region.officials.add(user)
    if kind in ("developer_client", "expert"):
        # Even listed as a region's official, their role gives them no dashboard.
        region.officials.add(user)
    return user


# kind: (status with no filter, regions whose ideas appear, status when asking for Lappi)
MATRIX = {
    "anonymous": (302, set(), 302),
    "developer_client": (404, set(), 404),
    "expert": (404, set(), 404),
    "staff": (200, {"Lappi"}, 200),
    "staff_elsewhere": (200, {"Etelä-Karjala"}, 404),
    "decision_maker": (200, {"Lappi"}, 200),
    "decision_maker_elsewhere": (200, {"Etelä-Karjala"}, 404),
    "administrator": (200, {"Lappi", "Etelä-Karjala"}, 200),
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", MATRIX)
@pytest.mark.parametrize("url", [PAGE, CSV], ids=["page", "csv"])
def test_permission_matrix(client, answered_ideas, region, other_region, kind, url):
    status, seen, status_for_lappi = MATRIX[kind]
    user = person(kind, region, other_region)
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("account_login"))
    if status == 200:
        body = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode()
        for name, shows in (("Lappi", "Nuoret"), ("Etelä-Karjala", "Arki")):
            assert (shows in body) == (name in seen), name
    assert client.get(url, {"region": region.pk}).status_code == status_for_lappi
    assert client.get(url, {"round": answered_ideas["rounds"][0].pk}).status_code == (
        status_for_lappi
    )


# --- The CSV ------------------------------------------------------------------------------


def read_csv(response, content=None):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="response-times-')
    text = (content or b"".join(response.streaming_content)).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


@pytest.mark.django_db
def test_csv_has_one_row_per_counted_idea(client, answered_ideas, region_staff):
    client.force_login(region_staff)
    rows = read_csv(client.get(CSV_EN))
    by_id = {int(row["Idea id"]): row for row in rows}
    counted = {answered_ideas[name].pk for name in ("a1", "a2", "a3", "a4", "a5", "a6")}
    assert set(by_id) == counted
    a1 = by_id[answered_ideas["a1"].pk]
    assert a1["Region"] == "Lappi" and a1["Idea round"] == "Nuoret"
    assert a1["Days to first response"] == "2.0" and a1["Days waiting"] == ""
    assert a1["Overdue"] == "no"
    assert (
        a1["Feedback: answered the idea"],
        a1["Feedback: partly"],
        a1["Feedback: did not answer"],
    ) == ("2", "1", "0")
    created = timezone.localtime(answered_ideas["a1"].created_at)
    assert a1["Created"] == created.isoformat(timespec="minutes")
    assert a1["First response"] != ""
    a2 = by_id[answered_ideas["a2"].pk]
    assert a2["Days to first response"] == "10.0"
    a4 = by_id[answered_ideas["a4"].pk]
    assert (a4["First response"], a4["Days to first response"]) == ("", "")
    assert a4["Days waiting"] == "45.0" and a4["Overdue"] == "yes"
    assert a4["Status"] == "submitted"
    a5 = by_id[answered_ideas["a5"].pk]
    assert a5["Overdue"] == "no"


@pytest.mark.django_db
def test_csv_follows_the_filters(client, answered_ideas, other_region):
    client.force_login(UserFactory(administrator=True))
    rows = read_csv(client.get(CSV_EN, {"region": other_region.pk}))
    assert {row["Title"] for row in rows} == {
        answered_ideas["b1"].title,
        answered_ideas["b2"].title,
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "title", ['=HYPERLINK("http://x")', "+SUM(1;2)", "-2+3 ideaa", "@SUM(A1)", "\tTabulaattori"]
)
def test_csv_cells_cannot_start_formulas(client, region, region_staff, title):
    IdeaFactory(round=IdeaRoundFactory(region=region, title="=Kierros"), title=title)
    client.force_login(region_staff)
    (row,) = read_csv(client.get(CSV_EN))
    assert row["Title"] == "'" + title
    assert row["Idea round"] == "'=Kierros"


def test_csv_cell_leaves_safe_values_alone():
    assert csv_cell("Selkokieliset kirjeet") == "Selkokieliset kirjeet"
    assert csv_cell("Idea = hyvä") == "Idea = hyvä"
    assert csv_cell(12) == 12


# --- Cost in queries ----------------------------------------------------------------------


def many(regions, rounds_per_region, ideas_per_round, now, responder):
    """Rounds with ideas: a third answered with feedback, a third overdue, a third new."""
    for index in range(regions):
        region = RegionFactory()
        for _ in range(rounds_per_region):
            round_ = IdeaRoundFactory(region=region)
            ideas = Idea.objects.bulk_create(
                Idea(
                    round=round_,
                    title=f"Idea {n}",
                    body="Teksti",
                    created_at=now - (40 if n % 3 else 2) * DAY,
                )
                for n in range(ideas_per_round)
            )
            responses = OfficialResponse.objects.bulk_create(
                OfficialResponse(
                    idea=idea,
                    responder=responder,
                    responder_role=Role.DECISION_MAKER,
                    decision=IdeaStatus.UNDER_CONSIDERATION,
                    reasons="Selvitämme.",
                    published_at=now - (40 - n) * DAY,
                )
                for n, idea in enumerate(ideas)
                if n % 3 == 1
            )
            ResponseFeedback.objects.bulk_create(
                ResponseFeedback(response=response, person=responder, verdict=Verdict.YES)
                for response in responses
            )
        del index


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200
        if response.streaming:
            # The rows are read from the database while the response streams.
            response.streamed = b"".join(response.streaming_content)
    return len(queries), response


# Measured; the same at both sizes is the point. The page: the session and the user, the
# header's notification count, the filter's three selects (region, round, municipality:
# panels.places), four queries per grouping (counts,
# median, 90th percentile, feedback) by region and by round, the regions, the rounds and the
# overdue list; and for spontaneous feedback (ideas.service_feedback) its counts and median
# by region and its split by client group. The CSV: the session and the user, and one query
# for all the rows.
PAGE_QUERIES = 22
CSV_QUERIES = 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "expected"), [(PAGE, PAGE_QUERIES), (CSV, CSV_QUERIES)], ids=["page", "csv"]
)
def test_queries_do_not_grow_with_ideas_rounds_or_regions(client, now, responder, url, expected):
    client.force_login(UserFactory(administrator=True))
    count_queries(client, url)  # once first, so that per-process caches are warm
    many(1, 1, 3, now, responder)
    small, response = count_queries(client, url)
    many(3, 4, 30, now, responder)
    large, response = count_queries(client, url)
    assert small == large == expected
    if url == PAGE:
        assert len(response.context["round_rows"]) == 13
        # One in three ideas is 40 days old and unanswered: 1 of the first 3, 10 of each 30.
        assert response.context["overdue_count"] == 1 + 12 * 10
        assert len(response.context["overdue"]) == 100
    else:
        assert len(read_csv(response, response.streamed)) == 3 + 12 * 30
