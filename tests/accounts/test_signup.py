import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "uusi@example.org",
    "display_name": "Uusi Ääni",
    "password1": "tosi-pitkä-salasana-42",
    "password2": "tosi-pitkä-salasana-42",
    "accept_terms": "on",
}


def signup(client, **changes):
    data = {**SIGNUP, **changes}
    data = {key: value for key, value in data.items() if value is not None}
    return client.post(reverse("account_signup"), data)


def test_signup_form_asks_display_name_and_consent_but_not_role(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert 'name="display_name"' in page
    assert 'name="accept_terms"' in page
    assert 'name="role"' not in page
    assert reverse("terms") in page and reverse("privacy") in page


def test_signup_creates_a_developer_client_with_consent_time_and_sends_verification(client):
    response = signup(client)
    assert response.status_code == 302
    user = User.objects.get(email="uusi@example.org")
    assert user.display_name == "Uusi Ääni"
    assert user.role == Role.DEVELOPER_CLIENT
    assert user.terms_accepted_at is not None
    assert not user.is_superuser and not user.groups.exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["uusi@example.org"]


def test_verification_link_verifies_the_address(client):
    signup(client)
    link = re.search(
        r"https?://[^/\s]+(/\S*/accounts/confirm-email/\S+|/accounts/confirm-email/\S+)",
        mail.outbox[0].body,
    )
    assert link, mail.outbox[0].body
    path = link.group(1)
    response = client.post(path)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="uusi@example.org").verified


@pytest.mark.parametrize(
    "field, value",
    [
        ("role", Role.STAFF),
        ("role", Role.DECISION_MAKER),
        ("is_superuser", "on"),
        ("groups", "1"),
    ],
)
def test_a_crafted_signup_cannot_choose_a_role(client, field, value):
    signup(client, **{field: value})
    user = User.objects.get(email="uusi@example.org")
    assert user.role == Role.DEVELOPER_CLIENT
    assert not user.is_superuser
    assert not user.groups.exists()


def test_consent_is_required_and_the_form_keeps_what_was_typed(client):
    response = signup(client, accept_terms=None)
    assert response.status_code == 200
    page = response.content.decode()
    assert response.context["form"].errors["accept_terms"]
    assert 'value="uusi@example.org"' in page
    assert 'value="Uusi Ääni"' in page
    assert not User.objects.exists()


def test_display_name_is_unique_regardless_of_case(client, make_user):
    make_user(display_name="Aamuvirkku")
    response = signup(client, display_name="AAMUVIRKKU")
    assert response.status_code == 200
    assert response.context["form"].errors["display_name"]
    assert not User.objects.filter(email="uusi@example.org").exists()


@pytest.mark.parametrize("display_name", ["ab", "matti@example.org", "https://spam", "x" * 41])
def test_display_name_must_be_a_name_not_an_address(client, display_name):
    response = signup(client, display_name=display_name)
    assert response.status_code == 200
    assert response.context["form"].errors["display_name"]
    assert not User.objects.exists()


def test_errors_are_tied_to_their_fields_for_screen_readers(client):
    page = signup(client, display_name="ab").content.decode()
    field = re.search(r"<input[^>]*name=\"display_name\"[^>]*>", page).group(0)
    assert 'aria-invalid="true"' in field
    assert "id_display_name_error" in field


def test_mandatory_verification_blocks_login_until_verified(client, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    signup(client)
    client.logout()
    response = client.post(
        reverse("account_login"),
        {"login": "uusi@example.org", "password": SIGNUP["password1"]},
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
