"""Answering: once, while open, valid values only; nothing saved on any error."""

import re

import pytest

from panels.surveys.models import Answer, AnsweredMarker, PendingAnswer, Response
from tests.factories import MembershipFactory, PanelFactory, UserFactory
from tests.panels.surveys.factories import full_survey, valid_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(client):
    panel = PanelFactory()
    member = UserFactory()
    MembershipFactory(panel=panel, person=member)
    survey, q = full_survey(region=panel.region, panels=[panel])
    client.force_login(member)
    return {"survey": survey, "q": q, "member": member, "panel": panel, "client": client}


def url(survey):
    return f"/surveys/{survey.pk}/"


def test_a_member_answers_and_sees_their_answers(setup):
    client, survey, q = setup["client"], setup["survey"], setup["q"]
    page = client.get(url(survey))
    assert page.status_code == 200
    assert "Kysymys 1/7" in page.content.decode()
    response = client.post(url(survey), valid_post(q), follow=True)
    assert response.status_code == 200
    saved = Response.objects.get(survey=survey)
    assert saved.respondent == setup["member"]
    # 2 texts + 1 single + 2 multiple + likert + scale + 6 domains
    assert saved.answers.count() == 13
    wheel = saved.answers.filter(question=q["life_wheel"]).order_by("choice__sort_order")
    assert [a.number for a in wheel] == [3, 4, 5, 6, 7, 8]
    page = response.content.decode()
    assert "Enemmän iltavastaanottoja." in page
    assert '<form class="form survey-form"' not in page


def test_answering_twice_saves_nothing(setup):
    client, survey, q = setup["client"], setup["survey"], setup["q"]
    client.post(url(survey), valid_post(q))
    response = client.post(url(survey), valid_post(q))
    assert response.status_code == 200
    assert Response.objects.filter(survey=survey).count() == 1
    assert Answer.objects.count() == 13


def test_after_closing_nothing_is_saved(setup):
    client, survey, q = setup["client"], setup["survey"], setup["q"]
    from datetime import timedelta

    from django.utils import timezone

    survey.opens_at = timezone.now() - timedelta(days=10)
    survey.closes_at = timezone.now() - timedelta(minutes=1)
    survey.save()
    response = client.post(url(survey), valid_post(q))
    assert "Kysely on suljettu" in response.content.decode()
    assert not Response.objects.exists()


BAD = {
    "a value outside the scale": lambda q: {f"q{q['likert'].pk}": "6"},
    "a value outside the 0-10 scale": lambda q: {f"q{q['scale'].pk}": "11"},
    "a life-wheel value outside the scale": lambda q: {
        f"q{q['life_wheel'].pk}_d{q['life_wheel'].choices.first().pk}": "-1"
    },
    "an unknown choice id": lambda q: {f"q{q['single_choice'].pk}": "999999"},
    "a choice of another question": lambda q: {
        f"q{q['single_choice'].pk}": str(q["multiple_choice"].choices.first().pk)
    },
    "a missing required answer": lambda q: {f"q{q['single_choice'].pk}": ""},
    "an oversized short text": lambda q: {f"q{q['short_text'].pk}": "x" * 501},
    "an oversized long text": lambda q: {f"q{q['long_text'].pk}": "x" * 5001},
    "other chosen without saying what": lambda q: {f"q{q['multiple_choice'].pk}": ["other"]},
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_is_an_error_next_to_its_question_and_nothing_is_saved(setup, case):
    client, survey, q = setup["client"], setup["survey"], setup["q"]
    data = valid_post(q, **BAD[case](q))
    response = client.post(url(survey), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="errorlist"' in page
    assert 'aria-invalid="true"' in page
    # The other answers are kept on the page.
    if case != "an oversized short text":
        assert 'value="Aamuvirkku"' in page
    if case != "a value outside the 0-10 scale":
        assert re.search(rf'name="q{q["scale"].pk}" value="8"[^>]*checked', page)
    assert not Response.objects.exists()
    assert not Answer.objects.exists()


def test_the_error_is_linked_to_its_question(setup):
    client, survey, q = setup["client"], setup["survey"], setup["q"]
    question = q["single_choice"]
    response = client.post(url(survey), valid_post(q, **{f"q{question.pk}": ""}))
    page = response.content.decode()
    assert f'id="q{question.pk}-error"' in page
    assert f'aria-describedby="q{question.pk}-error"' in page


def test_other_text_is_saved(setup):
    client, survey, q = setup["client"], setup["survey"], setup["q"]
    question = q["multiple_choice"]
    data = valid_post(q, **{f"q{question.pk}": ["other"], f"q{question.pk}_other": "Kirjeitse"})
    client.post(url(survey), data)
    answer = Answer.objects.get(question=question)
    assert answer.choice is None and answer.text == "Kirjeitse"


def test_an_anonymous_survey_stores_no_link_to_the_person(setup):
    client, survey, q = setup["client"], setup["survey"], setup["q"]
    survey.is_anonymous = True
    survey.save()
    response = client.post(url(survey), valid_post(q))
    assert response.status_code == 200
    assert "tallennettiin nimettöminä" in response.content.decode()
    # The answer waits, sealed and unlinked, for a group of others (see test_batching).
    assert not Response.objects.exists()
    assert PendingAnswer.objects.filter(survey=survey).count() == 1
    marker = AnsweredMarker.objects.get(survey=survey)
    assert marker.user == setup["member"]
    # And only once.
    client.post(url(survey), valid_post(q))
    assert PendingAnswer.objects.count() == 1


def test_a_visitor_answers_a_public_anonymous_survey_once_per_session(client):
    survey, q = full_survey(is_anonymous=True)
    page = client.get(url(survey)).content.decode()
    assert "kerran selainistunnon aikana" in page
    assert client.post(url(survey), valid_post(q)).status_code == 200
    client.post(url(survey), valid_post(q))
    assert PendingAnswer.objects.count() == 1
    assert not AnsweredMarker.objects.exists()
    client.cookies.clear()  # a new browser session
    client.post(url(survey), valid_post(q))
    assert PendingAnswer.objects.count() == 2


def test_a_visitor_cannot_answer_a_named_survey(client):
    survey, q = full_survey()
    page = client.get(url(survey)).content.decode()
    assert "Kirjaudu sisään" in page
    client.post(url(survey), valid_post(q))
    assert not Response.objects.exists()


def test_someone_outside_the_panel_cannot_answer(setup, client):
    outsider = UserFactory()
    client.force_login(outsider)
    assert client.get(url(setup["survey"])).status_code == 404
    client.post(url(setup["survey"]), valid_post(setup["q"]))
    assert not Response.objects.exists()


SEEN_BY = {
    # (results, written answers published) -> what the survey page promises
    ("staff_only", True): [
        "Tulokset näkevät vain alueen työntekijät ja päättäjät.",
        "Kirjoitetut vastaukset näkevät vain alueen työntekijät ja päättäjät.",
    ],
    ("after_closing", False): [
        "Tulokset näkyvät kyselyn raatien jäsenille, kun kysely on päättynyt; alueen "
        "työntekijät ja päättäjät näkevät ne heti.",
        "Kirjoitetut vastaukset näkevät vain alueen työntekijät ja päättäjät.",
    ],
    ("immediately", True): [
        "Tulokset näkyvät heti kyselyn raatien jäsenille sekä alueen työntekijöille ja "
        "päättäjille.",
        "Kirjoitetut vastaukset näytetään tulosten yhteydessä ilman nimiä.",
    ],
}


@pytest.mark.parametrize("case", list(SEEN_BY))
def test_the_survey_page_says_who_sees_the_results_and_written_answers(setup, case):
    client, survey = setup["client"], setup["survey"]
    survey.results_visibility, survey.publish_free_text = case
    survey.save()
    page = client.get(url(survey)).content.decode()
    for promise in SEEN_BY[case]:
        assert promise in page


def test_a_public_survey_says_everyone_sees_the_results(client):
    survey, _q = full_survey(is_anonymous=True, results_visibility="immediately")
    assert "Tulokset näkyvät heti kaikille." in client.get(url(survey)).content.decode()
