"""Suppression per question: a question (or a life-wheel domain) answered by fewer than
MIN_RESPONSES_FOR_RESULTS people shows no breakdown, even when the survey has enough
responses."""

from datetime import timedelta

import pytest
from django.utils import timezone

from panels.surveys.models import ResultsVisibility, Survey
from panels.surveys.results import results_for
from panels.surveys.services import release_closed, submit_response
from tests.factories import MembershipFactory, PanelFactory, UserFactory
from tests.panels.surveys.factories import full_survey

pytestmark = pytest.mark.django_db

NOTICE = "Alle 5 vastausta: ei näytetä anonymiteetin suojaamiseksi."


def _questions(survey):
    return list(survey.questions.order_by("sort_order").prefetch_related("choices"))


def _answer_five(survey, q, people):
    """Five responses: everyone answers the single choice and the first life-wheel domain;
    one person answers the Likert question, the multiple choice (with an "other" text) and
    the long text; two people rate the second domain."""
    single = q["single_choice"].choices.order_by("sort_order").first()
    first, second = q["life_wheel"].choices.order_by("sort_order")[:2]
    for n, person in enumerate(people):
        rows = [
            {"question": q["single_choice"], "choice": single},
            {"question": q["life_wheel"], "choice": first, "number": n + 3},
        ]
        if n < 2:
            rows.append({"question": q["life_wheel"], "choice": second, "number": 9})
        if n == 0:
            rows += [
                {"question": q["likert"], "number": 4},
                {"question": q["multiple_choice"], "text": "Postitse"},
                {"question": q["long_text"], "text": "Yksi ainoa toive"},
            ]
        submit_response(survey, person, rows)


@pytest.fixture
def anonymous():
    survey, q = full_survey(
        is_anonymous=True,
        results_visibility=ResultsVisibility.IMMEDIATELY,
        publish_free_text=True,
    )
    _answer_five(survey, q, [UserFactory() for _ in range(5)])
    # The five wait, sealed, until the survey closes (panels.surveys.models): close it.
    now = timezone.now()
    Survey.objects.filter(pk=survey.pk).update(
        opens_at=now - timedelta(days=3), closes_at=now - timedelta(minutes=1)
    )
    survey.refresh_from_db()
    assert release_closed(survey) == 5
    return survey, q


def _by_question(results):
    return {result.question.pk: result for result in results.questions}


@pytest.mark.parametrize("official", [False, True])
def test_an_anonymous_survey_hides_thinly_answered_questions_from_everyone(anonymous, official):
    survey, q = anonymous
    results = results_for(survey, _questions(survey), official=official, free_text=True)
    assert results.total == 5 and not results.suppressed
    by_question = _by_question(results)

    single = by_question[q["single_choice"].pk]
    assert not single.suppressed and single.rows[0].count == 5

    for kind in ("likert", "multiple_choice", "long_text"):
        result = by_question[q[kind].pk]
        assert result.answered == 1
        assert result.suppressed
        assert result.rows == [] and result.average is None and result.chart is None
        assert result.texts == []

    wheel = by_question[q["life_wheel"].pk]
    assert not wheel.suppressed
    # The first domain has five ratings (3..7), the second only two.
    assert [(average, count) for _label, average, count in wheel.domains][:2] == [
        (5.0, 5),
        (None, 2),
    ]
    assert wheel.suppressed_domains == 1


def test_the_results_page_says_why(client, anonymous):
    survey, q = anonymous
    page = client.get(f"/surveys/{survey.pk}/results/").content.decode()
    likert = page.split(f'id="result-{q["likert"].pk}-heading"')[1].split("</section>")[0]
    assert NOTICE in likert
    assert "1 henkilö vastasi" in likert  # the count is shown, the breakdown is not
    assert "<table" not in likert and "100" not in likert
    assert "Postitse" not in page
    assert "Yksi ainoa toive" not in page
    # Only the single choice has its bar chart; the wheel has no average polygon.
    assert page.count("chart__svg--bars") == 1
    assert "wheel--average" not in page
    assert "keskiarvoilla on alle 5 arviota" in page


def test_named_survey_officials_see_thin_breakdowns_participants_do_not(client):
    panel = PanelFactory()
    staff = UserFactory(staff=True)
    panel.region.officials.add(staff)
    survey, q = full_survey(
        region=panel.region, panels=[panel], results_visibility=ResultsVisibility.IMMEDIATELY
    )
    people = [UserFactory() for _ in range(5)]
    for person in people:
        MembershipFactory(panel=panel, person=person)
    _answer_five(survey, q, people)
    questions = _questions(survey)

    member_view = _by_question(results_for(survey, questions, official=False, free_text=False))
    assert member_view[q["likert"].pk].suppressed
    assert member_view[q["likert"].pk].rows == []

    staff_view = _by_question(results_for(survey, questions, official=True, free_text=True))
    likert = staff_view[q["likert"].pk]
    assert not likert.suppressed and likert.average == 4
    assert staff_view[q["long_text"].pk].texts == ["Yksi ainoa toive"]
    wheel = staff_view[q["life_wheel"].pk]
    assert wheel.domains[1][1] == 9 and wheel.suppressed_domains == 0

    client.force_login(people[0])
    assert NOTICE in client.get(f"/surveys/{survey.pk}/results/").content.decode()
    client.force_login(staff)
    assert NOTICE not in client.get(f"/surveys/{survey.pk}/results/").content.decode()
