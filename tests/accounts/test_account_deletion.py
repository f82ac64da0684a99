"""A person deletes their own account (GDPR art. 17): at once, after giving their password
again. What they wrote stays as a former member's, or goes with "remove my words"; nothing that
holds their e-mail address is left; an official response keeps its role and region."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.models import Notification, NotificationPreference, User
from accounts.notifications import notify
from accounts.privacy.erasure import LastAdministrator, delete_account
from ideas.feedback import services as responses
from ideas.feedback.models import OfficialResponse, ResponseFeedback
from ideas.feedback.statuses import IdeaStatus
from ideas.models import Comment, Phase, Support
from panels.meetings import services as meeting_services
from panels.meetings.models import Attendance, RoomMessage
from panels.models import Invitation, Membership
from panels.surveys.models import Answer, AnsweredMarker, Response
from panels.surveys.services import submit_response
from tests.factories import PASSWORD, MembershipFactory, PanelFactory, RegionFactory, UserFactory
from tests.ideas.factories import CommentFactory, IdeaFactory, IdeaRoundFactory, SupportFactory
from tests.panels.factories import AttendanceFactory, InvitationFactory, MeetingFactory
from tests.panels.surveys.factories import QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db

EMAIL = "poistuja@example.org"


def url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def region():
    return RegionFactory(name="Lappi", slug="lappi")


@pytest.fixture
def person(region):
    """Someone who has taken part everywhere."""
    person = UserFactory(email=EMAIL, display_name="Poistuva Osallistuja")
    EmailAddress.objects.create(user=person, email=EMAIL, verified=True, primary=True)
    panel = PanelFactory(region=region)
    MembershipFactory(panel=panel, person=person)
    round_ = IdeaRoundFactory(region=region, phase=Phase.DEVELOPMENT)
    idea = IdeaFactory(round=round_, author=person, title="Selkokieliset kirjeet", body="Oma idea.")
    others_idea = IdeaFactory(round=round_, title="Toisen idea")
    idea.themes.add("Oma huoli")
    others_idea.themes.add("Oma huoli")
    CommentFactory(idea=others_idea, author=person, body="Minun kommenttini.")
    SupportFactory(idea=others_idea, person=person)
    meeting = MeetingFactory(panel=panel)
    AttendanceFactory(meeting=meeting, person=person)
    facilitator = UserFactory()
    panel.facilitators.add(facilitator)
    room = meeting_services.open_room(facilitator, meeting)
    meeting_services.post_message(person, room, body="Huoneviesti minulta.")
    survey = SurveyFactory(region=region, is_anonymous=False)
    question = QuestionFactory(survey=survey, kind="short_text")
    submit_response(survey, person, [{"question": question, "text": "Nimellä annettu vastaus."}])
    notify(person, kind="ideas.reply", message="Joku vastasi kommenttiisi.", url="/")
    NotificationPreference.objects.create(person=person, kind="ideas.reply", delivery="email")
    InvitationFactory(panel=PanelFactory(region=region), email=EMAIL.upper())
    decision_maker = UserFactory(decision_maker=True)
    region.officials.add(decision_maker)
    answer = responses.publish_response(
        decision_maker, idea, decision=IdeaStatus.UNDER_CONSIDERATION, reasons="Selvitämme."
    )
    responses.give_feedback(person, answer, verdict="no", comment="Ei vastannut kysymykseen.")
    person.test_idea = idea
    person.test_others_idea = others_idea
    return person


def delete_through_the_page(client, person, *, remove_words=False, password=PASSWORD):
    client.force_login(person)
    data = {"password": password}
    if remove_words:
        data["remove_words"] = "on"
    return client.post(url("delete_account"), data)


def email_columns():
    """Every column of every model that holds an e-mail address, by type or by name."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.EmailField) or (
                isinstance(field, models.CharField | models.TextField) and "email" in field.name
            ):
                yield model, field.name


def test_the_page_explains_what_happens_and_asks_for_the_password(client, person):
    client.force_login(person)
    page = client.get(url("delete_account"))
    assert page.status_code == 200
    content = page.content.decode()
    assert "former member" in content and "cannot be undone" in content
    assert 'type="password"' in content and 'autocomplete="current-password"' in content
    assert url("delete_account") in client.get(url("profile")).content.decode()


def test_signed_out_visitors_are_sent_to_log_in(client):
    answer = client.get(url("delete_account"))
    assert answer.status_code == 302 and "/accounts/login/" in answer["Location"]


def test_a_wrong_password_deletes_nothing_and_keeps_the_choice(client, person):
    page = delete_through_the_page(client, person, remove_words=True, password="väärä-salasana")
    assert page.status_code == 400
    content = page.content.decode()
    assert "The password is not correct" in content
    checkbox = re.search(r'<input[^>]*name="remove_words"[^>]*>', content).group(0)
    assert "checked" in checkbox
    assert User.objects.filter(pk=person.pk).exists()


def test_password_tries_are_limited(client, person, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "account_deletion": (2, 3600)}
    for _ in range(2):
        assert delete_through_the_page(client, person, password="väärä").status_code == 400
    refused = delete_through_the_page(client, person)  # the right password, too late
    assert refused.status_code == 429
    assert User.objects.filter(pk=person.pk).exists()


def test_deleting_logs_out_everywhere_and_the_words_stay_as_a_former_members(client, person):
    idea, others_idea = person.test_idea, person.test_others_idea
    phone = Client()
    phone.force_login(person)
    answer = delete_through_the_page(client, person)
    assert answer.status_code == 302
    assert not User.objects.filter(pk=person.pk).exists()
    assert not Session.objects.exists()  # the phone's session too
    assert "_auth_user_id" not in client.session
    assert not Client().login(email=EMAIL, password=PASSWORD)

    page = client.get(f"/en/rounds/ideas/{others_idea.pk}/").content.decode()
    assert "Minun kommenttini." in page and "former member" in page
    assert "Poistuva Osallistuja" not in page
    idea.refresh_from_db()
    assert idea.author is None and idea.body == "Oma idea."
    assert RoomMessage.objects.get().author is None
    assert RoomMessage.objects.get().body == "Huoneviesti minulta."


def test_remove_my_words_leaves_their_places_but_not_their_text(client, person):
    idea, others_idea = person.test_idea, person.test_others_idea
    delete_through_the_page(client, person, remove_words=True)

    idea.refresh_from_db()
    assert idea.erased_at is not None and idea.body == ""
    assert "Selkokieliset" not in idea.title
    assert list(idea.themes.all()) == []
    assert [t.name for t in others_idea.themes.all()] == ["Oma huoli"]
    comment = Comment.objects.get(idea=others_idea)
    assert comment.body == "" and comment.deleted_at is not None
    message = RoomMessage.objects.get()
    assert message.body == "" and message.deleted_at is not None
    assert ResponseFeedback.objects.get().comment == ""
    page = client.get(f"/en/rounds/ideas/{idea.pk}/")
    assert page.status_code == 200
    assert "Removed at the author's request" in page.content.decode()
    assert "Oma idea." not in page.content.decode()


def test_what_is_only_the_persons_goes_with_them(client, person):
    delete_through_the_page(client, person)
    assert not Membership.objects.exists()
    assert not Support.objects.exists()
    assert not Attendance.objects.exists()
    assert not Notification.objects.filter(message__contains="kommenttiisi").exists()
    assert not NotificationPreference.objects.exists()
    assert not AnsweredMarker.objects.exists()
    assert not Invitation.objects.exists()
    # A named survey answer stays in the results, unlinked.
    response = Response.objects.get()
    assert response.respondent is None
    assert Answer.objects.get(response=response).text == "Nimellä annettu vastaus."


def test_no_row_holds_the_e_mail_address_afterwards(client, person):
    columns = list(email_columns())
    assert len(columns) >= 3  # the user's, allauth's and the invitations' at least
    assert any(model is Invitation for model, _name in columns)
    assert any(
        model._default_manager.filter(**{f"{name}__iexact": EMAIL}).exists()
        for model, name in columns
    )
    delete_through_the_page(client, person)
    left = [
        f"{model._meta.label}.{name}"
        for model, name in columns
        if model._default_manager.filter(**{f"{name}__icontains": EMAIL.split("@")[0]}).exists()
    ]
    assert left == []


def test_the_admin_history_no_longer_names_the_person(person):
    from wagtail.log_actions import log

    log(instance=person, action="wagtail.edit")
    from wagtail.models import ModelLogEntry

    assert ModelLogEntry.objects.filter(label__icontains="Poistuva").exists()
    delete_account(person)
    assert not ModelLogEntry.objects.filter(label__icontains="Poistuva").exists()
    assert not ModelLogEntry.objects.filter(label__icontains="poistuja@").exists()


def test_a_decision_makers_responses_stay_under_their_role_and_region(client, region, person):
    idea = person.test_others_idea
    decision_maker = UserFactory(decision_maker=True, display_name="Päättäjä Nimeltä")
    region.officials.add(decision_maker)
    responses.publish_response(
        decision_maker, idea, decision=IdeaStatus.UNDER_CONSIDERATION, reasons="Kehitämme tätä."
    )
    delete_account(decision_maker)
    response = OfficialResponse.objects.get(idea=idea)
    assert response.responder is None and response.reasons == "Kehitämme tätä."
    page = client.get(f"/en/rounds/ideas/{idea.pk}/").content.decode()
    assert "Päättäjä Nimeltä" not in page
    assert "a decision-maker of Lappi" in page


def test_the_only_administrator_cannot_delete_their_account():
    only = UserFactory(administrator=True)
    with pytest.raises(LastAdministrator):
        delete_account(only)
    second = UserFactory(administrator=True)
    delete_account(only)
    assert list(User.objects.filter(is_superuser=True)) == [second]


def test_the_only_administrator_is_told_why_on_the_page_and_stays_logged_in(client):
    only = UserFactory(administrator=True)
    client.force_login(only)
    page = client.post(url("delete_account"), {"password": PASSWORD})
    assert page.status_code == 409
    assert "only administrator" in page.content.decode()
    assert User.objects.filter(pk=only.pk).exists()
    assert client.session.get("_auth_user_id") == str(only.pk)
