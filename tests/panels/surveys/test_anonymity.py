"""An anonymous survey's answers cannot be paired with the "has answered" markers: neither
through the order rows were stored in nor through their times, nor through the order the
results page lists the written answers in. (How answers wait and are stored in groups:
test_batching.)"""

from datetime import time, timedelta

import pytest
from django.db import models
from django.utils import timezone

from panels.surveys.models import Answer, AnsweredMarker, Response, ResultsVisibility, Survey
from panels.surveys.services import release_closed, submit_response
from tests.factories import UserFactory
from tests.panels.surveys.factories import QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db

TEXTS = ["Bussi kulkee harvoin", "Aamut ovat kiireisiä", "Enemmän chat-aikoja", "Ovi on raskas"]
TEXTS += ["Kahvia odottaville", "Digituki kirjastoon"]


def _keys_carry_no_order(model):
    pk = model._meta.pk
    return isinstance(pk, models.UUIDField) and not isinstance(pk, models.AutoField)


def test_responses_and_answers_have_random_keys():
    assert _keys_carry_no_order(Response)
    assert _keys_carry_no_order(Answer)


def _close(survey):
    """Close ``survey``: the answers waiting for their group are then stored on the next
    look at the results (see test_batching)."""
    now = timezone.now()
    Survey.objects.filter(pk=survey.pk).update(
        opens_at=now - timedelta(days=3), closes_at=now - timedelta(minutes=1)
    )
    survey.refresh_from_db()


def test_an_anonymous_response_keeps_neither_order_nor_time():
    survey = SurveyFactory(is_anonymous=True)
    question = QuestionFactory(survey=survey)
    for text in TEXTS:
        submit_response(survey, UserFactory(), [{"question": question, "text": text}])
    assert AnsweredMarker.objects.filter(survey=survey).count() == len(TEXTS)
    _close(survey)
    assert release_closed(survey) == len(TEXTS)
    responses = list(Response.objects.filter(survey=survey))
    # Random version 4 UUIDs, not numbers counting up.
    assert all(response.pk.version == 4 for response in responses)
    assert all(answer.pk.version == 4 for answer in Answer.objects.all())
    # The day only: every response of the day has the same time, local midnight.
    assert {timezone.localtime(r.submitted_at).time() for r in responses} == {time.min}
    assert len({r.submitted_at for r in responses}) == 1


def _listed(client, submitted):
    survey = SurveyFactory(
        is_anonymous=True,
        results_visibility=ResultsVisibility.IMMEDIATELY,
        publish_free_text=True,
    )
    question = QuestionFactory(survey=survey, kind="long_text")
    for text in submitted:
        submit_response(survey, UserFactory(), [{"question": question, "text": text}])
    _close(survey)
    page = client.get(f"/surveys/{survey.pk}/results/").content.decode()
    assert all(text in page for text in TEXTS)
    return sorted(TEXTS, key=page.index)


def test_anonymous_written_answers_are_listed_independently_of_submission_order(client):
    first = _listed(client, TEXTS)
    second = _listed(client, list(reversed(TEXTS)))
    assert first == second == sorted(TEXTS)


def test_named_written_answers_are_listed_newest_first(client):
    staff = UserFactory(staff=True)
    survey = SurveyFactory(publish_free_text=True)
    survey.region.officials.add(staff)
    question = QuestionFactory(survey=survey, kind="long_text")
    now = timezone.now()
    for n, text in enumerate(TEXTS):
        response = Response.objects.create(
            survey=survey, respondent=UserFactory(), submitted_at=now - timedelta(hours=n)
        )
        Answer.objects.create(response=response, question=question, text=text)
    client.force_login(staff)
    page = client.get(f"/surveys/{survey.pk}/results/").content.decode()
    assert sorted(TEXTS, key=page.index) == TEXTS
