"""Answers are counted against settings.RATE_LIMITS["survey_answer"] (accounts.limits): per
client address for people who are not signed in (a new browser session does not reset it), per
person for those who are. Past the limit, or with the cache down, the form comes back with a
clear message and what was typed, and nothing is stored."""

import pytest
from django.conf import settings

from panels.surveys.models import AnsweredMarker, PendingAnswer, Response
from tests.factories import UserFactory
from tests.panels.surveys.factories import QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db

TOO_MANY = "You have done this too many times in a row"
BUSY = "The service is busy just now. Try again in a moment."
ADDRESS = "203.0.113.7"


@pytest.fixture
def public():
    survey = SurveyFactory(is_anonymous=True)
    question = QuestionFactory(survey=survey, kind="short_text", text="Mikä auttoi?")
    return survey, question


def _stored():
    return Response.objects.count() + PendingAnswer.objects.count()


def _post(client, survey, question, text, address=ADDRESS):
    return client.post(f"/en/surveys/{survey.pk}/", {f"q{question.pk}": text}, REMOTE_ADDR=address)


def test_the_eleventh_answer_from_one_address_in_an_hour_is_refused(client, public):
    survey, question = public
    times, window = settings.RATE_LIMITS["survey_answer"]
    assert (times, window) == (10, 3600)
    for n in range(times):
        client.cookies.clear()  # a new browser session each time
        assert _post(client, survey, question, f"Vastaus {n}").status_code == 200
    assert _stored() == times

    client.cookies.clear()
    page = _post(client, survey, question, "Yksitoista")
    assert page.status_code == 429
    content = page.content.decode()
    assert TOO_MANY in content
    assert 'value="Yksitoista"' in content  # what was typed is kept
    assert _stored() == times

    client.cookies.clear()
    elsewhere = _post(client, survey, question, "Toisesta osoitteesta", "198.51.100.2")
    assert elsewhere.status_code == 200
    assert _stored() == times + 1


def test_signed_in_people_are_counted_each_on_their_own(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "survey_answer": (1, 3600)}
    first, second = (SurveyFactory(is_anonymous=True) for _ in range(2))
    questions = [QuestionFactory(survey=s, kind="short_text") for s in (first, second)]
    person = UserFactory()
    client.force_login(person)
    assert _post(client, first, questions[0], "Yksi").status_code == 200
    page = _post(client, second, questions[1], "Kaksi")
    assert page.status_code == 429 and TOO_MANY in page.content.decode()
    assert not AnsweredMarker.objects.filter(survey=second).exists()
    # Someone else at the same address still may.
    client.force_login(UserFactory())
    assert _post(client, second, questions[1], "Kaksi").status_code == 200


def test_with_the_cache_down_the_answer_is_refused_with_try_again(client, public, monkeypatch):
    from django.core.cache import cache

    def unreachable(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(cache, "incr", unreachable)
    survey, question = public
    page = _post(client, survey, question, "Kun välimuisti on poissa")
    assert page.status_code == 503
    content = page.content.decode()
    assert BUSY in content
    assert 'value="Kun välimuisti on poissa"' in content
    assert _stored() == 0
