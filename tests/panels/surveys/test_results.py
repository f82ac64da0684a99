"""Results: counted in the database, suppressed below five responses, exported as CSV."""

import csv
import io

import pytest

from panels.surveys.models import Answer, Response, ResultsVisibility
from panels.surveys.results import results_for
from tests.factories import MembershipFactory, PanelFactory, UserFactory
from tests.panels.surveys.factories import full_survey, valid_post

pytestmark = pytest.mark.django_db


def answer(client, survey, q, person, **overrides):
    client.force_login(person)
    assert client.post(f"/surveys/{survey.pk}/", valid_post(q, **overrides)).status_code == 302


@pytest.fixture
def answered(client):
    panel = PanelFactory()
    staff = UserFactory(staff=True)
    panel.region.officials.add(staff)
    survey, q = full_survey(
        region=panel.region,
        panels=[panel],
        results_visibility=ResultsVisibility.IMMEDIATELY,
    )
    people = []
    for n in range(6):
        person = UserFactory()
        MembershipFactory(panel=panel, person=person)
        people.append(person)
        answer(client, survey, q, person, **{f"q{q['likert'].pk}": str(n % 5 + 1)})
    return {"survey": survey, "q": q, "staff": staff, "people": people}


def questions(survey):
    return list(survey.questions.order_by("sort_order").prefetch_related("choices"))


def test_counts_percentages_and_averages(answered):
    survey, q = answered["survey"], answered["q"]
    # As the region's officials see them: all six (participants see them in steps of five
    # while the survey is open; see test_batching).
    results = results_for(survey, questions(survey), official=True, free_text=False)
    assert results.total == 6 and not results.suppressed
    by_question = {r.question.pk: r for r in results.questions}
    single = by_question[q["single_choice"].pk]
    assert [(row.count, row.percent) for row in single.rows] == [(6, 100.0), (0, 0.0), (0, 0.0)]
    likert = by_question[q["likert"].pk]
    assert [row.count for row in likert.rows] == [2, 1, 1, 1, 1]  # 1,2,3,4,5,1
    assert likert.average == 2.7
    assert likert.rows[0].label == "1 – täysin eri mieltä"
    wheel = by_question[q["life_wheel"].pk]
    assert [average for _label, average, _n in wheel.domains] == [3, 4, 5, 6, 7, 8]
    multiple = by_question[q["multiple_choice"].pk]
    assert [row.label for row in multiple.rows][-1] == "Muu"
    assert by_question[q["long_text"].pk].texts == []  # not asked for


def test_free_text_for_staff_and_when_published(client, answered):
    survey = answered["survey"]
    client.force_login(answered["people"][0])
    assert (
        "Enemmän iltavastaanottoja."
        not in client.get(f"/surveys/{survey.pk}/results/").content.decode().split("own-answers")[0]
    )
    client.force_login(answered["staff"])
    assert (
        "Enemmän iltavastaanottoja."
        in client.get(f"/surveys/{survey.pk}/results/").content.decode()
    )
    survey.publish_free_text = True
    survey.save()
    client.force_login(answered["people"][0])
    page = client.get(f"/surveys/{survey.pk}/results/").content.decode()
    assert "Kirjoitetut vastaukset" in page


def test_results_page_has_charts_with_tables(client, answered):
    client.force_login(answered["people"][0])
    page = client.get(f"/surveys/{answered['survey'].pk}/results/").content.decode()
    assert page.count('role="img"') == 5  # single, multiple, likert, scale, life wheel
    assert page.count("<table") == 5
    assert "wheel--own" in page  # the person's own wheel against the average
    assert "style=" not in page


def test_fewer_than_five_responses_are_suppressed(client):
    panel = PanelFactory()
    survey, q = full_survey(
        region=panel.region, panels=[panel], results_visibility=ResultsVisibility.IMMEDIATELY
    )
    for _ in range(4):
        person = UserFactory()
        MembershipFactory(panel=panel, person=person)
        answer(client, survey, q, person)
    page = client.get(f"/surveys/{survey.pk}/results/").content.decode()
    assert "Liian vähän vastauksia" in page
    assert 'role="img"' not in page
    # Staff see a named survey's breakdowns, but not an anonymous one's.
    staff = UserFactory(staff=True)
    panel.region.officials.add(staff)
    client.force_login(staff)
    assert 'role="img"' in client.get(f"/surveys/{survey.pk}/results/").content.decode()
    survey.is_anonymous = True
    survey.save()
    assert "Liian vähän" in client.get(f"/surveys/{survey.pk}/results/").content.decode()
    assert client.get(f"/surveys/{survey.pk}/results.csv").status_code == 302


def test_csv_export_one_row_per_response(client, answered):
    survey, _q = answered["survey"], answered["q"]
    client.force_login(answered["staff"])
    response = client.get(f"/surveys/{survey.pk}/results.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1 + 6
    header = rows[0]
    # response, respondent, submitted, channel, client group, 6 questions and 6 domains
    assert len(header) == 5 + 6 + 6
    assert "Elämänpyörä: Asuminen" in header
    first = dict(zip(header, rows[1], strict=True))
    assert first["Miten asioit?"] == "Puhelin; Verkko"
    assert first["Elämänpyörä: Terveys"] == "4"


def test_csv_export_neutralises_formulas(client, answered):
    survey, q = answered["survey"], answered["q"]
    person = UserFactory()
    MembershipFactory(panel=survey.panels.first(), person=person)
    answer(client, survey, q, person, **{f"q{q['short_text'].pk}": "=HYPERLINK(1)"})
    client.force_login(answered["staff"])
    content = client.get(f"/surveys/{survey.pk}/results.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in content


def test_anonymous_export_has_no_names(client, answered):
    survey = answered["survey"]
    Response.objects.filter(survey=survey).update(respondent=None)
    survey.is_anonymous = True
    survey.save()
    client.force_login(answered["staff"])
    content = client.get(f"/surveys/{survey.pk}/results.csv").content.decode("utf-8-sig")
    assert not any(person.display_name in content for person in answered["people"])
    assert Answer.objects.count() > 0


def _csv_rows(client, survey):
    response = client.get(f"/surveys/{survey.pk}/results.csv")
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_export_neutralises_formulas_in_names_and_headers(client, answered):
    survey, q = answered["survey"], answered["q"]
    person = answered["people"][0]
    person.display_name = '=HYPERLINK("x")'
    person.save()
    q["scale"].text = "+1 jos suosittelisit"
    q["scale"].save()
    domain = q["life_wheel"].choices.order_by("sort_order").first()
    q["life_wheel"].text = "@Elämänpyörä"
    q["life_wheel"].save()
    client.force_login(answered["staff"])
    rows = _csv_rows(client, survey)
    header = rows[0]
    assert "'+1 jos suosittelisit" in header
    assert f"'@Elämänpyörä: {domain.label}" in header
    names = [row[1] for row in rows[1:]]
    assert '\'=HYPERLINK("x")' in names
    # No cell anywhere starts a formula.
    assert not any(cell[:1] in ("=", "+", "-", "@") for row in rows for cell in row)


def test_csv_times_are_local(client):
    """A response sent at 00:30 in Helsinki is 22:30 the day before in UTC."""
    from datetime import UTC, datetime

    from panels.surveys.services import _coarse_time
    from tests.panels.surveys.factories import SurveyFactory

    staff = UserFactory(staff=True)
    named = SurveyFactory()
    named.region.officials.add(staff)
    late = datetime(2026, 3, 1, 22, 30, tzinfo=UTC)
    Response.objects.create(survey=named, respondent=UserFactory(), submitted_at=late)
    client.force_login(staff)
    assert _csv_rows(client, named)[1][2] == "2026-03-02T00:30:00+02:00"

    anonymous = SurveyFactory(region=named.region, is_anonymous=True)
    for _ in range(5):
        Response.objects.create(survey=anonymous, submitted_at=_coarse_time(late))
    assert {row[0] for row in _csv_rows(client, anonymous)[1:]} == {"2026-03-02"}
