"""The unsubscribe links in e-mails act for a person without a password, so they are limited:
they expire after 60 days, can be revoked, and do not carry the person's id (accounts.emails).
A link that no longer works asks the person to log in instead."""

import base64
import json
from datetime import timedelta
from unittest import mock

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from accounts.emails import DIGEST, read_unsubscribe_token, unsubscribe_token
from accounts.models import Delivery, NotificationPreference, User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

KIND = "ideas.reply"
MAX_AGE = timedelta(days=60)
NO_LONGER_WORKS = "This link no longer works."
NOT_VALID = "This link is not valid."


@pytest.fixture(autouse=True)
def in_english():
    """The pages are read in English: every link below is reversed under /en/."""
    with translation.override("en"):
        yield


@pytest.fixture
def person():
    person = UserFactory(email="lukija@example.org")
    NotificationPreference.objects.create(person=person, kind=KIND, delivery=Delivery.EMAIL)
    return person


def link(token):
    return reverse("unsubscribe", args=[token])


def delivery(person):
    return NotificationPreference.objects.get(person=person, kind=KIND).delivery


def token_made_ago(person, age):
    """A token as it would have been made ``age`` ago."""
    made_at = int((timezone.now() - age).timestamp())
    with mock.patch.object(
        signing.TimestampSigner, "timestamp", lambda signer: signing.b62_encode(made_at)
    ):
        return unsubscribe_token(person, KIND)


def assert_asked_to_log_in(response, status, message):
    assert response.status_code == status
    page = response.content.decode()
    assert message in page
    assert reverse("account_login") in page
    assert "lukija@example.org" not in page


def test_a_fresh_link_names_the_person_and_the_kind(person):
    assert read_unsubscribe_token(unsubscribe_token(person, KIND)) == (person, KIND)
    assert read_unsubscribe_token(unsubscribe_token(person, DIGEST)) == (person, DIGEST)


def test_the_token_does_not_carry_the_persons_id_or_address(person):
    token = unsubscribe_token(person, KIND)
    payload = token.split(":")[0]
    data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert set(data) == {"s", "k"}
    assert data["s"] == person.email_token_key
    assert person.pk not in data.values() and str(person.pk) not in data.values()
    assert person.email not in token


def test_a_link_expires(client, person):
    still_fresh = token_made_ago(person, MAX_AGE - timedelta(hours=1))
    expired = token_made_ago(person, MAX_AGE + timedelta(hours=1))
    assert client.get(link(still_fresh)).status_code == 200

    response = client.post(link(expired))

    assert_asked_to_log_in(response, 410, NO_LONGER_WORKS)
    assert delivery(person) == Delivery.EMAIL


def test_asking_for_it_revokes_every_earlier_link(client, person):
    old = unsubscribe_token(person, KIND)
    assert client.get(link(old)).status_code == 200

    client.force_login(person)
    response = client.post(reverse("revoke_email_links"))
    assert response.status_code == 302
    client.logout()

    assert_asked_to_log_in(Client().post(link(old)), 410, NO_LONGER_WORKS)
    assert delivery(person) == Delivery.EMAIL
    person.refresh_from_db()
    new = unsubscribe_token(person, KIND)
    assert Client().post(link(new)).status_code == 200
    assert delivery(person) == Delivery.IN_APP


def test_revoking_needs_a_logged_in_post(client, person):
    key = person.email_token_key
    assert client.post(reverse("revoke_email_links")).status_code == 302  # to the login page
    client.force_login(person)
    assert client.get(reverse("revoke_email_links")).status_code == 405
    person.refresh_from_db()
    assert person.email_token_key == key


def test_the_preferences_page_offers_to_revoke(client, person):
    client.force_login(person)
    page = client.get(reverse("notification_preferences")).content.decode()
    assert reverse("revoke_email_links") in page


def test_a_new_password_revokes_earlier_links(client, person):
    old = unsubscribe_token(person, KIND)
    client.force_login(person)
    new_password = "uusi-pitkä-salasana-77"
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": new_password, "password2": new_password},
    )
    assert response.status_code == 302
    client.logout()
    assert_asked_to_log_in(client.post(link(old)), 410, NO_LONGER_WORKS)
    assert delivery(person) == Delivery.EMAIL


def test_logging_in_does_not_revoke_links(client, person):
    """A login may store the same password in a newer hash; that is no new password."""
    token = unsubscribe_token(person, KIND)
    client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
    assert read_unsubscribe_token(token) == (person, KIND)


def test_a_deactivated_account_has_no_working_links(client, person):
    token = unsubscribe_token(person, KIND)
    User.objects.filter(pk=person.pk).update(is_active=False)
    assert_asked_to_log_in(client.post(link(token)), 410, NO_LONGER_WORKS)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # the signature
        lambda token: "x" + token,  # the payload
        lambda token: token.split(":")[0],  # no signature at all
        # An old-style link (no timestamp, the person's id in clear) is not accepted either.
        lambda token: signing.Signer(salt="kohtaamo.notifications.unsubscribe").sign_object(
            {"p": 1, "k": KIND}
        ),
    ],
    ids=["signature", "payload", "unsigned", "old style"],
)
def test_a_tampered_link_changes_nothing(client, person, tamper):
    token = tamper(unsubscribe_token(person, KIND))
    assert_asked_to_log_in(client.post(link(token)), 400, NOT_VALID)
    assert delivery(person) == Delivery.EMAIL


def test_a_token_for_one_person_cannot_be_turned_into_anothers(client, person):
    other = UserFactory()
    NotificationPreference.objects.create(person=other, kind=KIND, delivery=Delivery.EMAIL)
    _payload, *signature = unsubscribe_token(person, KIND).split(":")
    forged_payload = (
        base64.urlsafe_b64encode(
            json.dumps({"s": other.email_token_key, "k": KIND}, separators=(",", ":")).encode()
        )
        .decode()
        .rstrip("=")
    )
    response = client.post(link(":".join([forged_payload, *signature])))
    assert response.status_code == 400
    assert delivery(other) == Delivery.EMAIL
