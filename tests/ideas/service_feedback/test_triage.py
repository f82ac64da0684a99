"""Triage: the four outcomes, each with its public answer; "turned into an idea" posts the
idea and links it both ways; the sender is told once (never the staff member who answered),
and an e-mail-only sender gets one e-mail, after which their address is gone."""

import uuid

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from accounts.follows.services import is_following
from accounts.models import Notification
from ideas.models import Idea
from ideas.service_feedback import services
from ideas.service_feedback.models import Feedback, Status
from tests.factories import UserFactory
from tests.ideas.factories import IdeaRoundFactory


def url(item):
    with translation.override("en"):
        return reverse("service_feedback:triage", args=[item.pk])


def idea_data(world, **fields):
    return {
        "outcome": Status.IDEA,
        "answer": "Teimme tästä idean.",
        "round": world.round.pk,
        "title": "Takaisinsoitto terveysasemille",
        "body": "Jonotus puhelimessa on liian pitkä.",
        "token": str(uuid.uuid4()),
        "publish": "on",
        **fields,
    }


@pytest.mark.django_db
def test_turned_into_an_idea(client, world, django_capture_on_commit_callbacks):
    sender = UserFactory()
    item = world.feedback(author=sender)
    client.force_login(world.staff)
    page = client.get(url(item))
    assert page.context["form"].initial["body"].startswith(item.what_happened)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(item), idea_data(world))
    assert response.status_code == 302
    item.refresh_from_db()
    idea = Idea.objects.get()
    assert item.status == Status.IDEA and item.idea == idea and idea.source_feedback == item
    assert idea.author == world.staff and idea.round == world.round
    assert is_following(sender, idea)
    notices = Notification.objects.filter(kind=services.ANSWERED)
    assert [notice.recipient for notice in notices] == [sender]
    assert notices.get().url == idea.get_absolute_url()
    # The idea page says where it came from, in the same number of queries as before.
    with translation.override("en"):
        idea_url = idea.get_absolute_url()
    idea_page = client.get(idea_url).content.decode()
    assert "spontaneous feedback" in idea_page and "Terveysasemat" in idea_page
    assert sender.display_name not in idea_page


@pytest.mark.django_db
def test_an_idea_needs_a_round_of_the_region_a_title_and_a_text(client, world):
    item = world.feedback()
    client.force_login(world.staff)
    response = client.post(url(item), idea_data(world, round="", title="", body=""))
    form = response.context["form"]
    assert set(form.errors) >= {"round", "title", "body"}
    assert response.content.decode().count("Teimme tästä idean.") == 1  # kept
    other_round = IdeaRoundFactory(region=world.other)
    response = client.post(url(item), idea_data(world, round=other_round.pk))
    assert "round" in response.context["form"].errors
    assert not Idea.objects.exists()
    assert Feedback.objects.get().status == Status.NEW


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("outcome", "fields", "errors"),
    [
        (Status.FORWARDED, {}, {"reason", "forwarded_to"}),
        (Status.NOT_ACTIONABLE, {}, {"reason"}),
        (Status.ANSWERED, {"answer": ""}, {"answer"}),
        (Status.ANSWERED, {"answer": "x" * 3001}, {"answer"}),
        ("keksitty", {}, {"outcome"}),
    ],
)
def test_bad_triage_input_is_explained(client, world, outcome, fields, errors):
    item = world.feedback()
    client.force_login(world.staff)
    response = client.post(url(item), {"outcome": outcome, "answer": "Vastaus.", **fields})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == errors
    assert Feedback.objects.get().status == Status.NEW


@pytest.mark.django_db
def test_forwarded_and_not_actionable_keep_their_public_reason(client, world):
    client.force_login(world.staff)
    forwarded, other = world.feedback(), world.feedback()
    client.post(
        url(forwarded),
        {
            "outcome": Status.FORWARDED,
            "answer": "Välitimme palautteen.",
            "reason": "Palvelu päättää itse.",
            "forwarded_to": "Aikuisten vastaanotto",
        },
    )
    client.post(
        url(other),
        {"outcome": Status.NOT_ACTIONABLE, "answer": "Kiitos.", "reason": "Ei meidän asiamme."},
    )
    forwarded.refresh_from_db()
    other.refresh_from_db()
    assert (forwarded.status, forwarded.forwarded_to) == (Status.FORWARDED, "Aikuisten vastaanotto")
    assert (other.status, other.reason, other.forwarded_to) == (
        Status.NOT_ACTIONABLE,
        "Ei meidän asiamme.",
        "",
    )


@pytest.mark.django_db
def test_the_email_only_sender_gets_one_email_and_the_address_is_erased(
    client, world, django_capture_on_commit_callbacks
):
    item = world.feedback(reply_email="vastaus@example.org", language="fi")
    client.force_login(world.staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(item), idea_data(world))
    item.refresh_from_db()
    assert item.reply_email == ""
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["vastaus@example.org"]
    assert "Teimme tästä idean." in message.body
    # In the language of the sender's form (Finnish addresses have no prefix).
    assert f"http://testserver/rounds/ideas/{item.idea.pk}/" in message.body
    assert "Etelä-Karjala" in message.subject
    # Nothing is in the database that holds the address any more.
    assert not Feedback.objects.filter(reply_email__contains="vastaus").exists()
    # Triage again: nothing more is sent.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(item), {"outcome": Status.ANSWERED, "answer": "Toinen"})
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_staff_member_answering_their_own_feedback_is_not_notified(
    client, world, django_capture_on_commit_callbacks
):
    item = world.feedback(author=world.staff)
    client.force_login(world.staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(item), {"outcome": Status.ANSWERED, "answer": "Kiitos."})
    assert not Notification.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_an_answer_is_given_once(world):
    sender = UserFactory()
    item = world.feedback(author=sender)
    services.triage(world.staff, item, outcome=Status.ANSWERED, answer="Ensimmäinen")
    with pytest.raises(services.AlreadyTriaged):
        services.triage(world.staff, item, outcome=Status.ANSWERED, answer="Toinen")
    assert Feedback.objects.get().answer == "Ensimmäinen"
    assert Notification.objects.filter(recipient=sender).count() == 1


@pytest.mark.django_db
def test_an_answered_item_shows_its_answer_and_no_form(client, world):
    item = world.answered()
    client.force_login(world.staff)
    page = client.get(url(item))
    html = page.content.decode()
    assert 'name="outcome"' not in html and 'name="publish"' in html
    assert "Kiitos, korjasimme asian." in html


@pytest.mark.django_db
def test_personal_details_in_the_answer_ask_first(client, world):
    item = world.feedback()
    client.force_login(world.staff)
    answer = {"outcome": Status.ANSWERED, "answer": "Soita Liisalle numeroon 040 765 4321."}
    response = client.post(url(item), answer)
    assert "personal-details-warning" in response.content.decode()
    assert Feedback.objects.get().status == Status.NEW
    response = client.post(url(item), {**answer, "confirm_personal": "on"})
    assert response.status_code == 302
    assert Feedback.objects.get().status == Status.ANSWERED
