"""panels.surveys.answered_by: the contract "my impact" relies on."""

from datetime import timedelta

import pytest
from django.utils import timezone

from panels.surveys.models import ResultsVisibility
from panels.surveys.services import answered_by, submit_response
from tests.factories import UserFactory
from tests.panels.surveys.factories import QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db


def answer(survey, person):
    question = QuestionFactory(survey=survey)
    submit_response(survey, person, [{"question": question, "text": "Hyvä"}])


def test_named_and_anonymous_answers_are_listed(django_user_model):
    person = UserFactory()
    named = SurveyFactory(results_visibility=ResultsVisibility.IMMEDIATELY)
    anonymous = SurveyFactory(is_anonymous=True, results_visibility=ResultsVisibility.STAFF_ONLY)
    SurveyFactory()  # not answered
    answer(named, person)
    answer(anonymous, person)
    answer(named, UserFactory())  # someone else

    rows = {survey.pk: survey for survey in answered_by(person)}
    assert set(rows) == {named.pk, anonymous.pk}
    assert rows[named.pk].response_id is not None
    assert rows[anonymous.pk].response_id is None
    assert rows[named.pk].answered_at and rows[anonymous.pk].answered_at
    assert rows[named.pk].is_open_now is True
    assert rows[named.pk].results_visible is True
    assert rows[anonymous.pk].results_visible is False
    assert rows[named.pk].get_absolute_url() == f"/surveys/{named.pk}/"


def test_closed_survey_releases_results_after_closing():
    person = UserFactory()
    survey = SurveyFactory(results_visibility=ResultsVisibility.AFTER_CLOSING)
    answer(survey, person)
    assert answered_by(person).get().results_visible is False
    survey.opens_at = timezone.now() - timedelta(days=30)
    survey.closes_at = timezone.now() - timedelta(days=1)
    survey.save()
    row = answered_by(person).get()
    assert row.is_open_now is False and row.results_visible is True


def test_a_visitor_has_answered_nothing():
    from django.contrib.auth.models import AnonymousUser

    assert list(answered_by(AnonymousUser())) == []
