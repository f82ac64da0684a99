"""Per-person abuse limits on ideas: posting ideas, reporting, supporting and asking
responders to clarify (settings.RATE_LIMITS). Past the limit the person gets a clear message,
keeps what they typed, and nothing is saved or sent; with the cache down the action is
refused with "try again in a moment", never let through uncounted and never a 500."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import Notification
from ideas.feedback import services as responses
from ideas.feedback.models import ResponseFeedback
from ideas.feedback.statuses import IdeaStatus
from ideas.models import Flag, Idea, Phase, Support
from tests.factories import UserFactory

from .factories import IdeaFactory, IdeaRoundFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def english_url(name, args):
    with translation.override("en"):
        return reverse(name, args=args)


TOO_MANY = "too many times in a row"
BUSY = "Try again in a moment"


@pytest.fixture
def round_(region):
    return IdeaRoundFactory(region=region, phase=Phase.IDEATION)


@pytest.fixture
def person(client):
    person = UserFactory()
    client.force_login(person)
    return person


@pytest.fixture
def limit(settings):
    def set_limit(name, times, seconds=3600):
        settings.RATE_LIMITS = {**settings.RATE_LIMITS, name: (times, seconds)}

    return set_limit


@pytest.fixture
def cache_down(monkeypatch):
    from django.core.cache import cache

    def unreachable(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(cache, "add", unreachable)
    monkeypatch.setattr(cache, "incr", unreachable)


def post_idea(client, round_, title):
    return client.post(
        english_url("ideas:idea_create", [round_.slug]),
        {"title": title, "body": "Kirjeet selkokielellä, kiitos."},
    )


def test_posting_ideas_is_limited_and_keeps_what_was_typed(client, person, round_, limit):
    limit("idea", 2)
    assert post_idea(client, round_, "Ensimmäinen").status_code == 302
    assert post_idea(client, round_, "Toinen").status_code == 302
    page = post_idea(client, round_, "Kolmas idea")
    assert page.status_code == 429
    content = page.content.decode()
    assert TOO_MANY in content
    assert "Kolmas idea" in content and "Kirjeet selkokielellä, kiitos." in content
    assert Idea.objects.filter(author=person).count() == 2


def test_the_idea_limit_is_per_person(client, person, round_, limit):
    limit("idea", 1)
    assert post_idea(client, round_, "Minun").status_code == 302
    client.force_login(UserFactory())
    assert post_idea(client, round_, "Toisen").status_code == 302


def test_reports_are_limited(client, person, round_, limit):
    limit("flag", 2)
    ideas = IdeaFactory.create_batch(3, round=round_)
    codes = [
        client.post(
            english_url("ideas:flag", ["idea", idea.pk]), {"reason": "Asiaton kirjoitus."}
        ).status_code
        for idea in ideas
    ]
    assert codes == [302, 302, 429]
    assert Flag.objects.filter(reporter=person).count() == 2


def test_supports_are_limited_and_the_refusal_is_shown_in_place(client, person, round_, limit):
    limit("support", 3, 60)
    idea = IdeaFactory(round=round_)
    url = reverse("ideas:idea_support", args=[idea.pk])
    for wanted in ["1", "0", "1"]:
        assert client.post(url, {"supported": wanted}, **HTMX).status_code == 200
    page = client.post(english_url("ideas:idea_support", [idea.pk]), {"supported": "0"}, **HTMX)
    assert TOO_MANY in page.content.decode() and 'role="alert"' in page.content.decode()
    assert Support.objects.filter(idea=idea, person=person).exists()  # the 4th did nothing


def test_clarification_requests_are_limited(region, limit):
    limit("clarification", 2, 86400)
    decision_maker = UserFactory(decision_maker=True)
    region.officials.add(decision_maker)
    round_ = IdeaRoundFactory(region=region, phase=Phase.DEVELOPMENT)
    author = UserFactory()
    answered = []
    for _ in range(3):
        idea = IdeaFactory(round=round_, author=author)
        answered.append(
            responses.publish_response(
                decision_maker,
                idea,
                decision=IdeaStatus.UNDER_CONSIDERATION,
                reasons="Selvitämme asiaa.",
            )
        )
    responses.give_feedback(author, answered[0], verdict="no", comment="Ei vastannut.")
    responses.give_feedback(author, answered[1], verdict="no", comment="Ei tämäkään.")
    with pytest.raises(responses.limits.RateLimited):
        responses.give_feedback(author, answered[2], verdict="no", comment="Eikä tämä.")
    assert ResponseFeedback.objects.count() == 2
    assert (
        Notification.objects.filter(recipient=decision_maker, kind="ideas.clarification").count()
        <= 2
    )
    # A "yes" tells nobody, so it is not counted.
    responses.give_feedback(author, answered[2], verdict="yes")


def test_the_clarification_form_keeps_the_comment_past_the_limit(client, region, limit):
    limit("clarification", 0, 86400)
    decision_maker = UserFactory(decision_maker=True)
    region.officials.add(decision_maker)
    idea = IdeaFactory(round=IdeaRoundFactory(region=region, phase=Phase.DEVELOPMENT))
    response = responses.publish_response(
        decision_maker, idea, decision=IdeaStatus.UNDER_CONSIDERATION, reasons="Selvitämme."
    )
    client.force_login(idea.author)
    page = client.post(
        f"/en/rounds/responses/{response.pk}/feedback/",
        {"verdict": "no", "comment": "Aukioloajat eivät muuttuneet."},
    )
    assert page.status_code == 429
    assert "Aukioloajat eivät muuttuneet." in page.content.decode()
    assert not ResponseFeedback.objects.exists()


def test_with_the_cache_down_posting_is_refused_politely(client, person, round_, cache_down):
    page = post_idea(client, round_, "Idea katkoksen aikana")
    assert page.status_code == 503
    content = page.content.decode()
    assert "Idea katkoksen aikana" in content
    assert not Idea.objects.exists()


def test_with_the_cache_down_the_message_says_try_again_in_a_moment(
    client, person, round_, cache_down
):
    content = post_idea(client, round_, "Idea kun välimuisti on poissa").content.decode()
    assert BUSY in content and TOO_MANY not in content


def test_with_the_cache_down_a_comment_is_refused_as_busy_not_as_too_fast(
    client, person, round_, cache_down
):
    idea = IdeaFactory(round=round_)
    page = client.post(
        english_url("ideas:comment_create", [idea.pk]), {"body": "Kommentti katkoksen aikana."}
    )
    content = page.content.decode()
    assert BUSY in content and "very fast" not in content
    assert "Kommentti katkoksen aikana." in content
    assert not idea.comments.exists()
