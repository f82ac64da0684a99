"""A choice counts once per response however often it is sent: the form and the service drop
repeats, and the database holds one row per (response, question, choice), and one row without
a choice (a text, a number, an "other" text) per (response, question)."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from panels.surveys.models import Answer, Response, ResultsVisibility, Survey
from panels.surveys.results import results_for
from panels.surveys.services import submit_response
from tests.factories import MembershipFactory, PanelFactory, UserFactory
from tests.panels.surveys.factories import ChoiceFactory, QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def multiple():
    panel = PanelFactory()
    survey = SurveyFactory(
        region=panel.region, panels=[panel], results_visibility=ResultsVisibility.IMMEDIATELY
    )
    question = QuestionFactory(
        survey=survey, kind="multiple_choice", text="Miten asioit?", allow_other=True
    )
    choices = [ChoiceFactory(question=question, label=label) for label in ("Puhelin", "Verkko")]
    return survey, question, choices, panel


def _member(panel):
    return MembershipFactory(panel=panel).person


def test_a_choice_posted_200_times_counts_once(client, multiple):
    survey, question, (phone, web), panel = multiple
    client.force_login(_member(panel))
    data = {f"q{question.pk}": [str(phone.pk)] * 200 + [str(web.pk), str(web.pk)]}
    assert client.post(f"/en/surveys/{survey.pk}/", data).status_code == 302
    response = Response.objects.get(survey=survey)
    assert sorted(response.answers.values_list("choice__label", flat=True)) == [
        "Puhelin",
        "Verkko",
    ]
    questions = list(survey.questions.prefetch_related("choices"))
    result = results_for(survey, questions, official=True, free_text=False).questions[0]
    assert [(row.label, row.count) for row in result.rows][:2] == [("Puhelin", 1), ("Verkko", 1)]


def test_other_posted_twice_is_one_text(client, multiple):
    survey, question, _choices, panel = multiple
    client.force_login(_member(panel))
    data = {f"q{question.pk}": ["other", "other"], f"q{question.pk}_other": "Kirjeitse"}
    assert client.post(f"/en/surveys/{survey.pk}/", data).status_code == 302
    assert list(Answer.objects.values_list("text", flat=True)) == ["Kirjeitse"]


def test_repeats_in_an_anonymous_survey_count_once_too(client):
    survey = SurveyFactory(is_anonymous=True)
    question = QuestionFactory(survey=survey, kind="multiple_choice")
    phone = ChoiceFactory(question=question, label="Puhelin")
    ChoiceFactory(question=question, label="Verkko")
    assert (
        client.post(
            f"/en/surveys/{survey.pk}/", {f"q{question.pk}": [str(phone.pk)] * 50}
        ).status_code
        == 200
    )
    now = timezone.now()
    Survey.objects.filter(pk=survey.pk).update(
        opens_at=now - timedelta(days=3), closes_at=now - timedelta(days=1)
    )
    client.get(f"/en/surveys/{survey.pk}/results/")  # adds the waiting answers
    assert Answer.objects.filter(question=question).count() == 1


def test_the_service_drops_repeated_rows(multiple):
    survey, question, (phone, _web), panel = multiple
    rows = [{"question": question, "choice": phone}] * 3
    rows += [{"question": question, "text": "Kirjeitse"}, {"question": question, "text": "Taas"}]
    submit_response(survey, _member(panel), rows)
    assert Answer.objects.filter(choice=phone).count() == 1
    assert Answer.objects.filter(choice__isnull=True).count() == 1


def test_the_database_refuses_a_repeated_choice(multiple):
    survey, question, (phone, _web), _panel = multiple
    response = Response.objects.create(survey=survey, respondent=UserFactory())
    Answer.objects.create(response=response, question=question, choice=phone)
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(response=response, question=question, choice=phone)
    Answer.objects.create(response=response, question=question, text="Kirjeitse")
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(response=response, question=question, text="Toinen")
