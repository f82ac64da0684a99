import re

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.core import mail
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from accounts import notifications
from accounts.emails import DIGEST, read_unsubscribe_token, unsubscribe_token
from accounts.models import Delivery, Notification, NotificationPreference
from accounts.notifications import notify, register_kind
from accounts.tasks import send_daily_digests, send_notification_email
from cms.asgi import application

KIND = "tests.something_happened"


@pytest.fixture(autouse=True)
def test_kind():
    register_kind(KIND, gettext_lazy("Log out"), default=Delivery.IN_APP)
    register_kind("tests.loud", gettext_lazy("Log in"), default=Delivery.EMAIL)
    yield
    notifications._kinds.pop(KIND, None)
    notifications._kinds.pop("tests.loud", None)


def prefer(person, delivery, kind=KIND):
    NotificationPreference.objects.update_or_create(
        person=person, kind=kind, defaults={"delivery": delivery}
    )


def unsubscribe_link_in(body):
    """The path of the unsubscribe link in an e-mail's text."""
    return re.search(r"http://testserver(/\S*/unsubscribe/\S+/)", body).group(1)


def token_of(path):
    return path.rstrip("/").rsplit("/", 1)[1]


@pytest.mark.django_db
def test_a_lazy_message_is_written_in_the_recipients_language(make_user):
    swede = make_user(language="sv")
    finn = make_user(language="fi")
    message = format_lazy("{}!", gettext_lazy("Log out"))
    assert notify(swede, kind=KIND, message=message).message == "Logga ut!"
    assert notify(finn, kind=KIND, message=message).message == "Kirjaudu ulos!"


@pytest.mark.django_db
def test_in_app_only_sends_no_e_mail(make_user, django_capture_on_commit_callbacks):
    person = make_user()
    with django_capture_on_commit_callbacks(execute=True):
        notify(person, kind=KIND, message="Uutta")
    assert mail.outbox == []


@pytest.mark.django_db
def test_e_mail_preference_sends_one_message_with_an_unsubscribe_link(
    make_user, django_capture_on_commit_callbacks
):
    person = make_user(language="en", display_name="Reader")
    prefer(person, Delivery.EMAIL)
    with django_capture_on_commit_callbacks(execute=True):
        notice = notify(person, kind=KIND, message="Your idea got a response", url="/terms/")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [person.email]
    assert "Your idea got a response" in message.subject
    assert "Hello Reader" in message.body
    assert "http://testserver/terms/" in message.body
    # The reader's own language, in links too.
    unsubscribe = unsubscribe_link_in(message.body)
    assert unsubscribe.startswith("/en/accounts/notifications/unsubscribe/")
    assert read_unsubscribe_token(token_of(unsubscribe)) == (person, KIND)
    assert message.extra_headers["List-Unsubscribe"] == f"<http://testserver{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    notice.refresh_from_db()
    assert notice.emailed_at is not None


@pytest.mark.django_db
def test_a_kinds_default_applies_until_the_person_chooses(
    make_user, django_capture_on_commit_callbacks
):
    person = make_user()
    with django_capture_on_commit_callbacks(execute=True):
        notify(person, kind="tests.loud", message="Oletuksena sähköposti")
    assert len(mail.outbox) == 1
    prefer(person, Delivery.IN_APP, kind="tests.loud")
    with django_capture_on_commit_callbacks(execute=True):
        notify(person, kind="tests.loud", message="Nyt vain palvelussa")
    assert len(mail.outbox) == 1


def test_a_digest_cannot_be_a_default():
    with pytest.raises(ValueError):
        register_kind("tests.bad", "x", default=Delivery.DIGEST)


@pytest.mark.django_db
def test_a_rolled_back_action_tells_nobody(make_user, django_capture_on_commit_callbacks):
    person = make_user()
    prefer(person, Delivery.EMAIL)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                notify(person, kind=KIND, message="Ei koskaan")
                raise RuntimeError("the action failed")
        except RuntimeError:
            pass
    assert callbacks == []
    assert not Notification.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_e_mail_task_sends_once_and_not_what_was_read(make_user):
    person = make_user()
    notice = Notification.objects.create(recipient=person, kind=KIND, message="Kerran")
    send_notification_email.call(notice.pk)
    send_notification_email.call(notice.pk)
    assert len(mail.outbox) == 1
    read = Notification.objects.create(
        recipient=person, kind=KIND, message="Luettu", read_at="2026-01-01T00:00Z"
    )
    send_notification_email.call(read.pk)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_daily_digest_collects_unread_digest_notices_once(make_user):
    reader, other = make_user(language="en"), make_user()
    prefer(reader, Delivery.DIGEST)
    notify(reader, kind=KIND, message="First news")
    notify(reader, kind=KIND, message="Second news")
    notify(reader, kind=KIND, message="Already read").read_at = None
    Notification.objects.filter(message="Already read").update(read_at="2026-01-01T00:00Z")
    notify(other, kind=KIND, message="Not for a digest")
    assert send_daily_digests.call() == 1
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "First news" in body and "Second news" in body
    assert "Already read" not in body and "Not for a digest" not in body
    assert read_unsubscribe_token(token_of(unsubscribe_link_in(body))) == (reader, DIGEST)
    assert send_daily_digests.call() == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_unsubscribe_asks_first_then_stops_that_kind_without_login(client, make_user):
    person = make_user()
    prefer(person, Delivery.EMAIL)
    url = reverse("unsubscribe", args=[unsubscribe_token(person, KIND)])
    page = client.get(url)
    assert page.status_code == 200
    assert NotificationPreference.objects.get(person=person, kind=KIND).delivery == Delivery.EMAIL
    response = Client(enforce_csrf_checks=True).post(url)  # a mail client's one-click request
    assert response.status_code == 200
    assert NotificationPreference.objects.get(person=person, kind=KIND).delivery == Delivery.IN_APP


@pytest.mark.django_db
def test_unsubscribe_from_the_digest(client, make_user):
    person = make_user()
    prefer(person, Delivery.DIGEST)
    prefer(person, Delivery.DIGEST, kind="tests.loud")
    client.post(reverse("unsubscribe", args=[unsubscribe_token(person, DIGEST)]))
    assert not NotificationPreference.objects.filter(
        person=person, delivery=Delivery.DIGEST
    ).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["nonsense", "eyJwIjoxLCJrIjoieCJ9:1abc:forged"])
def test_a_forged_unsubscribe_link_changes_nothing(client, make_user, token):
    person = make_user()
    prefer(person, Delivery.EMAIL)
    response = client.post(reverse("unsubscribe", args=[token]))
    assert response.status_code == 400
    assert NotificationPreference.objects.get(person=person).delivery == Delivery.EMAIL


@pytest.mark.django_db
def test_preferences_page_saves_a_choice_per_kind(client, make_user):
    person = make_user()
    client.force_login(person)
    response = client.get(reverse("notification_preferences"))
    page = response.content.decode()
    assert f'name="{KIND}"' in page and 'name="tests.loud"' in page
    # Every registered kind is on the form; keep the others as they are.
    unchanged = {name: field.initial for name, field in response.context["form"].fields.items()}
    response = client.post(
        reverse("notification_preferences"), {**unchanged, KIND: "digest", "tests.loud": "in_app"}
    )
    assert response.status_code == 302
    assert NotificationPreference.objects.get(person=person, kind=KIND).delivery == Delivery.DIGEST
    response = client.post(
        reverse("notification_preferences"), {**unchanged, KIND: "carrier pigeon"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors[KIND]


@pytest.mark.django_db
def test_preferences_need_login(client):
    assert client.get(reverse("notification_preferences")).status_code == 302


@pytest.mark.django_db
def test_signing_up_on_the_swedish_pages_makes_swedish_the_persons_language(client):
    client.post(
        "/sv/accounts/signup/",
        {
            "email": "svensk@example.org",
            "display_name": "Svensk",
            "password1": "tosi-pitkä-salasana-42",
            "password2": "tosi-pitkä-salasana-42",
            "accept_terms": "on",
        },
    )
    from accounts.models import User

    assert User.objects.get(email="svensk@example.org").language == "sv"


@pytest.mark.django_db(transaction=True)
async def test_a_new_notice_reaches_the_persons_open_pages_live(make_user):
    person = await sync_to_async(make_user)()
    client = Client()
    await sync_to_async(client.force_login)(person)
    cookie = (b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode())
    communicator = WebsocketCommunicator(
        application, "/ws/me/", headers=[(b"origin", b"http://testserver"), cookie]
    )
    try:
        assert (await communicator.connect())[0]
        await communicator.receive_json_from()  # hello
        await sync_to_async(notify)(
            person, kind=KIND, message="Uusi vastaus ideaasi", url="/terms/"
        )
        frame = await communicator.receive_json_from()
        assert frame["type"] == "notification"
        assert frame["unread"] == 1
        assert frame["notification"]["message"] == "Uusi vastaus ideaasi"
    finally:
        await communicator.disconnect()


@pytest.mark.django_db(transaction=True)  # the worker closes connections between tasks
def test_with_the_database_backend_a_worker_sends_the_e_mail(make_user, settings):
    from django.core.management import call_command

    settings.TASKS = {"default": {"BACKEND": settings.TASKS_BACKENDS["database"]}}
    person = make_user()
    prefer(person, Delivery.EMAIL)
    notify(person, kind=KIND, message="Jonossa")  # autocommit: on_commit runs at once
    assert mail.outbox == []  # queued, not sent in the request
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert [message.to for message in mail.outbox] == [[person.email]]
