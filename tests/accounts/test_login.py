import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def log_in(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_log_in_and_out(client, make_user):
    user = make_user(email="anna@example.org")
    response = log_in(client, "ANNA@example.org")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get("/").context["user"] == user

    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_wrong_password_is_refused_with_a_message(client, make_user):
    make_user(email="anna@example.org")
    response = log_in(client, "anna@example.org", "väärä-salasana")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert "_auth_user_id" not in client.session


def test_repeated_failures_are_rate_limited_even_with_the_right_password(client, make_user):
    make_user(email="anna@example.org")
    for _ in range(5):
        log_in(client, "anna@example.org", "väärä-salasana")
    response = log_in(client, "anna@example.org")
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)
    if response.status_code == 200:
        assert response.context["form"].non_field_errors()


def test_password_reset_by_e_mail(client, make_user):
    user = make_user(email="anna@example.org")
    client.post(reverse("account_reset_password"), {"email": "anna@example.org"})
    assert len(mail.outbox) == 1
    path = re.search(r"https?://[^/\s]+(\S*/password/reset/key/\S+)", mail.outbox[0].body).group(1)
    response = client.get(path)
    assert response.status_code == 302  # allauth moves the key out of the URL
    new_password = "aivan-uusi-salasana-99"
    response = client.post(response.url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_admin_log_in_goes_through_allauth(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))

    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response.url == reverse("account_login") + "?next=/admin/pages/"


def test_wagtails_own_login_form_cannot_be_used_to_bypass_rate_limits(client, make_user):
    make_user(email="admin@example.org", administrator=True)
    response = client.post("/admin/login/", {"username": "admin@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
