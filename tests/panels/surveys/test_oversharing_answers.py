"""Written survey answers that look like personal details (accounts.oversharing): the survey
form asks first and keeps every answer, a confirmed answer is saved as it is (nothing about the
warning is stored: an anonymous answer must carry nothing that tells it apart), and a valid
personal identity code is refused even when confirmed."""

import pytest
from django.urls import reverse
from django.utils import translation

from panels.surveys.models import Answer, AnsweredMarker, PendingAnswer, Response
from tests.factories import MembershipFactory, PanelFactory, UserFactory
from tests.panels.surveys.factories import full_survey, valid_post

pytestmark = pytest.mark.django_db

QUESTION = "This looks like personal information — do you want to post it publicly?"
CHECKBOX = 'type="checkbox" name="confirm_personal"'
PHONE_ANSWER = "Soittakaa minulle, numero on 040 123 4567."


@pytest.fixture
def member(client):
    person = UserFactory()
    client.force_login(person)
    return person


def make_survey(member, **kwargs):
    panel = PanelFactory()
    MembershipFactory(panel=panel, person=member)
    return full_survey(region=panel.region, panels=[panel], **kwargs)


def url(survey):
    with translation.override("en"):
        return reverse("surveys:detail", args=[survey.pk])


def test_a_written_answer_with_a_phone_number_asks_first_and_keeps_every_answer(client, member):
    survey, q = make_survey(member)
    long_text = f"q{q['long_text'].pk}"
    page = client.post(url(survey), valid_post(q, **{long_text: PHONE_ANSWER}))
    assert page.status_code == 400
    content = page.content.decode()
    assert QUESTION in content and 'id="personal-details-warning"' in content
    assert "<mark>040 123 4567" in content and "looks like a phone number" in content
    assert q["long_text"].text in content.split('id="personal-details-warning"')[1]
    # Every answer is kept: the written one and the others.
    assert PHONE_ANSWER + "</textarea>" in content
    assert 'value="Aamuvirkku"' in content
    assert CHECKBOX in content and 'aria-describedby="personal-details-warning"' in content
    assert not Response.objects.exists()

    confirmed = client.post(
        url(survey), valid_post(q, **{long_text: PHONE_ANSWER, "confirm_personal": "on"})
    )
    assert confirmed.status_code == 302
    assert Answer.objects.get(question=q["long_text"]).text == PHONE_ANSWER


def test_an_anonymous_survey_asks_too_and_stores_only_the_answer(client, member):
    survey, q = make_survey(member, is_anonymous=True)
    short_text = f"q{q['short_text'].pk}"
    data = valid_post(q, **{short_text: "anna.virtanen@example.fi"})
    content = client.post(url(survey), data).content.decode()
    assert QUESTION in content and "<mark>anna.virtanen@example.fi" in content
    assert "even in an anonymous survey" in content
    assert not AnsweredMarker.objects.exists() and not PendingAnswer.objects.exists()

    page = client.post(url(survey), {**data, "confirm_personal": "on"})
    assert page.status_code == 200  # the thank-you page shows the answers once
    assert AnsweredMarker.objects.filter(survey=survey, user=member).exists()
    assert PendingAnswer.objects.filter(survey=survey).count() == 1


def test_a_valid_personal_identity_code_is_refused_even_when_confirmed(client, member):
    survey, q = make_survey(member)
    data = valid_post(
        q, **{f"q{q['long_text'].pk}": "Tunnukseni 131052-308T", "confirm_personal": "on"}
    )
    page = client.post(url(survey), data)
    assert page.status_code == 400
    content = page.content.decode()
    assert "It cannot be posted" in content and CHECKBOX not in content
    assert "Tunnukseni 131052-308T</textarea>" in content
    assert not Response.objects.exists()


def test_an_other_answer_is_looked_at_when_it_is_chosen(client, member):
    survey, q = make_survey(member)
    name = f"q{q['multiple_choice'].pk}"
    data = valid_post(q, **{name: ["other"], f"{name}_other": "Hämeenkatu 12 B 5"})
    content = client.post(url(survey), data).content.decode()
    assert QUESTION in content and "<mark>Hämeenkatu 12 B 5" in content
    assert not Response.objects.exists()


def test_an_other_text_that_is_not_chosen_is_not_asked_about(client, member):
    survey, q = make_survey(member)
    name = f"q{q['multiple_choice'].pk}"
    data = valid_post(q, **{f"{name}_other": "Hämeenkatu 12 B 5"})
    assert client.post(url(survey), data).status_code == 302
    assert Response.objects.count() == 1


def test_ordinary_answers_are_not_asked_about(client, member):
    survey, q = make_survey(member)
    text = "Kokous 12.3.2026 klo 14.00–15.30 maksoi 1 200 €, postinumero 00100."
    answers = valid_post(q, **{f"q{q['long_text'].pk}": text})
    assert client.post(url(survey), answers).status_code == 302


def test_a_warned_then_confirmed_answer_counts_once_against_the_limit(client, member, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "survey_answer": (1, 3600)}
    survey, q = make_survey(member)
    data = valid_post(q, **{f"q{q['long_text'].pk}": PHONE_ANSWER})
    assert client.post(url(survey), data).status_code == 400  # asked, not counted
    assert client.post(url(survey), {**data, "confirm_personal": "on"}).status_code == 302
    assert Response.objects.count() == 1


def test_the_survey_asks_nothing_extra_before_a_warning(client, member):
    survey, _q = make_survey(member)
    content = client.get(url(survey)).content.decode()
    assert CHECKBOX not in content and 'name="confirm_personal"' in content  # hidden, off
