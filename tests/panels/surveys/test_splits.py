"""Results split by channel or client group: interviews count, small groups are folded
together, a question is shown by group only when every group has enough answers to it, and
the page costs the same queries however many responses there are."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from panels.surveys.models import Answer, Response, ResultsVisibility
from panels.surveys.results import split_results
from tests.factories import ClientGroupFactory, UserFactory
from tests.panels.surveys.factories import ChoiceFactory, QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db


def _survey(**kwargs):
    survey = SurveyFactory(results_visibility=ResultsVisibility.IMMEDIATELY, **kwargs)
    choice = QuestionFactory(survey=survey, kind="single_choice", text="Mikä palvelu?")
    choices = [ChoiceFactory(question=choice, label=label) for label in ("Neuvola", "Ohjaamo")]
    optional = QuestionFactory(survey=survey, kind="likert", text="Sain apua")
    return survey, choice, choices, optional


def _add(survey, choice_question, choices, count, *, channel="self", group=None, likert=None):
    """``count`` responses over ``channel`` in ``group``; the Likert question answered by the
    first ``likert`` of them (all when None)."""
    likert_question = survey.questions.get(kind="likert")
    responses = Response.objects.bulk_create(
        Response(survey=survey, channel=channel, client_group=group) for _ in range(count)
    )
    answers = []
    for n, response in enumerate(responses):
        answers.append(Answer(response=response, question=choice_question, choice=choices[n % 2]))
        if likert is None or n < likert:
            answers.append(Answer(response=response, question=likert_question, number=4))
    Answer.objects.bulk_create(answers)


def _official(survey):
    staff = UserFactory(staff=True)
    survey.region.officials.add(staff)
    return staff


def _questions(survey):
    return list(survey.questions.order_by("sort_order").prefetch_related("choices"))


def test_interviews_count_and_small_channels_are_folded(client):
    survey, question, choices, _optional = _survey()
    _add(survey, question, choices, 12)
    _add(survey, question, choices, 6, channel="phone")
    _add(survey, question, choices, 3, channel="pop_up")
    # Pop-up's 3 alone would show a group under 5: folded, with phone, the smallest shown.
    with translation.override("en"):
        results = split_results(survey, _questions(survey), official=True, by="channel")
        assert [(str(g.label), g.count) for g in results.groups] == [
            ("answered by the person", 12),
            ("Other or not told", 9),
        ]
    assert results.total == 21
    folded = results.groups[1].questions[0]
    assert folded.answered == 9
    assert sum(row.count for row in folded.rows) == 9

    client.force_login(_official(survey))
    page = client.get(f"/en/surveys/{survey.pk}/results/?split=channel")
    assert page.status_code == 200
    html = page.content.decode()
    assert "split by channel" in html and "Other or not told" in html
    assert "pop-up on site" not in html  # three pop-up interviews are never shown alone
    assert html.count("<h1") == 1
    # The whole results count the interviews too, and offer the split.
    whole = client.get(f"/en/surveys/{survey.pk}/results/").content.decode()
    assert "21 responses" in whole and 'name="split"' in whole


def test_split_by_client_group_with_suppression():
    survey, question, choices, _optional = _survey()
    carers = ClientGroupFactory(region=survey.region, name="Omaishoitajat")
    young = ClientGroupFactory(region=survey.region, name="Nuoret aikuiset")
    families = ClientGroupFactory(region=survey.region, name="Lapsiperheet")
    _add(survey, question, choices, 7, channel="phone", group=carers)
    _add(survey, question, choices, 6, group=young)
    _add(survey, question, choices, 2, channel="event", group=families)
    _add(survey, question, choices, 4)  # not told
    with translation.override("en"):
        results = split_results(survey, _questions(survey), official=True, by="client_group")
        assert [(str(g.label), g.count, g.key) for g in results.groups] == [
            ("Omaishoitajat", 7, carers.pk),
            ("Nuoret aikuiset", 6, young.pk),
            ("Other or not told", 6, None),
        ]
    assert "Lapsiperheet" not in str(results)


def test_too_few_to_split():
    survey, question, choices, _optional = _survey()
    _add(survey, question, choices, 4, channel="phone")
    results = split_results(survey, _questions(survey), official=True, by="channel")
    assert results.groups == []


def test_a_question_too_few_answered_in_one_group_is_shown_for_none():
    """Otherwise the whole results minus the groups shown would give the small one away."""
    survey, question, choices, _optional = _survey(is_anonymous=True)
    _add(survey, question, choices, 8, channel="phone")
    _add(survey, question, choices, 6, channel="pop_up", likert=2)
    results = split_results(survey, _questions(survey), official=True, by="channel")
    assert [g.count for g in results.groups] == [8, 6]
    likert = [group.questions[1] for group in results.groups]
    assert all(result.suppressed and not result.rows for result in likert)
    assert results.withheld == 1
    # The choice question, answered by all, is shown for both.
    assert all(not group.questions[0].suppressed for group in results.groups)


def test_participants_see_the_split_with_the_same_suppression(client):
    survey, question, choices, _optional = _survey()
    _add(survey, question, choices, 10, channel="phone")
    _add(survey, question, choices, 5, channel="home_visit")
    client.force_login(UserFactory())
    page = client.get(f"/en/surveys/{survey.pk}/results/?split=channel")
    assert page.status_code == 200
    html = page.content.decode()
    assert "home visit" in html and "phone" in html


def test_an_unknown_split_shows_the_whole_results(client):
    survey, question, choices, _optional = _survey()
    _add(survey, question, choices, 6)
    client.force_login(_official(survey))
    page = client.get(f"/en/surveys/{survey.pk}/results/?split=respondent")
    assert page.status_code == 200 and "split by" not in page.content.decode()


def test_the_csv_marks_channel_and_group_in_a_named_survey_only(client):
    survey, question, choices, _optional = _survey()
    group = ClientGroupFactory(region=survey.region, name="Omaishoitajat")
    _add(survey, question, choices, 5, channel="phone", group=group)
    client.force_login(_official(survey))
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(f"/en/surveys/{survey.pk}/results.csv").content.decode("utf-8-sig")
            )
        )
    )
    head = rows[0]
    assert "channel" in head and "client group" in head
    assert rows[1][head.index("channel")] == "phone"
    assert rows[1][head.index("client group")] == "Omaishoitajat"

    anonymous, question, choices, _optional = _survey(is_anonymous=True)
    anonymous.region.officials.add(UserFactory(staff=True))
    _add(anonymous, question, choices, 5, channel="phone", group=group)
    staff = _official(anonymous)
    client.force_login(staff)
    head = next(
        csv.reader(
            io.StringIO(
                client.get(f"/en/surveys/{anonymous.pk}/results.csv").content.decode("utf-8-sig")
            )
        )
    )
    assert "channel" not in head and "client group" not in head


@pytest.mark.parametrize("split", ["channel", "client_group"])
def test_flat_query_count(client, django_assert_num_queries, split):
    survey, question, choices, _optional = _survey()
    groups = [ClientGroupFactory(region=survey.region) for _ in range(4)]
    client.force_login(_official(survey))
    url = f"/surveys/{survey.pk}/results/?split={split}"
    _add(survey, question, choices, 10, channel="phone", group=groups[0])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n, group in enumerate(groups):
        _add(
            survey,
            question,
            choices,
            300,
            channel=["phone", "pop_up", "event", "self"][n],
            group=group,
        )
    with django_assert_num_queries(len(few)):
        assert client.get(url).status_code == 200
