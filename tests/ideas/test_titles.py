"""Titles are one line. A title goes into e-mail subjects, and a mail header with a line break
cannot be sent at all: the form makes a pasted title one line, the model refuses line breaks
(the admin, anything that validates), and the e-mail code makes every subject one line, so even
a title already stored with a line break cannot stop an e-mail."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from accounts.models import Delivery, NotificationPreference
from ideas import services
from ideas.forms import IdeaForm
from ideas.models import Idea
from tests.factories import UserFactory
from tests.ideas.factories import CommentFactory, IdeaFactory, IdeaRoundFactory

pytestmark = pytest.mark.django_db

LINE_BREAKS = ["\n", "\r\n", "\r", "\u2028", "\x85", "\x0b"]


@pytest.mark.parametrize("line_break", LINE_BREAKS)
def test_an_e_mail_about_an_idea_with_a_line_break_in_its_title_is_sent_on_one_line(
    line_break, django_capture_on_commit_callbacks
):
    # Stored as it is, past the form, as an idea from before titles were checked would be.
    idea = IdeaFactory(title=f"Parempi{line_break}bussiyhteys{line_break}")
    commenter = UserFactory(language="en")
    NotificationPreference.objects.create(
        person=commenter, kind="ideas.reply", delivery=Delivery.EMAIL
    )
    comment = CommentFactory(idea=idea, author=commenter)

    with django_capture_on_commit_callbacks(execute=True):
        services.post_comment(
            UserFactory(display_name="Vastaaja"), idea, body="Hyvä!", parent=comment
        )

    [message] = mail.outbox
    assert message.to == [commenter.email]
    assert "Parempi bussiyhteys" in message.subject
    assert len(message.subject.splitlines()) == 1
    assert message.message()["Subject"]  # the message can be built, header and all


@pytest.mark.parametrize("line_break", LINE_BREAKS)
def test_the_form_makes_a_title_one_line(line_break):
    round_ = IdeaRoundFactory()
    form = IdeaForm(
        {"title": f"  Parempi{line_break}{line_break}bussiyhteys{line_break}", "body": "Kuvaus"},
        round=round_,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["title"] == "Parempi bussiyhteys"


def test_a_title_of_line_breaks_only_is_too_short():
    form = IdeaForm({"title": "a\n\n\n\n\nb", "body": "Kuvaus"}, round=IdeaRoundFactory())
    assert not form.is_valid()
    assert "title" in form.errors


def test_posting_through_the_page_stores_one_line(client):
    round_ = IdeaRoundFactory()
    client.force_login(UserFactory())
    client.post(
        reverse("ideas:idea_create", args=[round_.slug]),
        {"title": "Parempi\r\nbussiyhteys", "body": "Kuvaus"},
    )
    assert Idea.objects.get().title == "Parempi bussiyhteys"


@pytest.mark.parametrize("line_break", LINE_BREAKS)
def test_the_model_refuses_a_title_with_a_line_break(line_break):
    idea = IdeaFactory.build(
        round=IdeaRoundFactory(), author=UserFactory(), title=f"Parempi{line_break}bussi"
    )
    with pytest.raises(ValidationError) as refused:
        idea.full_clean()
    with translation.override("en"):
        assert "line breaks" in str(refused.value.message_dict["title"])

    round_ = IdeaRoundFactory.build(title=f"Kevät{line_break}2027")
    with pytest.raises(ValidationError) as refused:
        round_.full_clean()
    assert "title" in refused.value.message_dict
