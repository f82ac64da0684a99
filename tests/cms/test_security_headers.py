import pytest

pytestmark = pytest.mark.django_db


def script_src(response):
    policy = response.headers["Content-Security-Policy"]
    return next(part for part in policy.split(";") if part.strip().startswith("script-src"))


def test_public_pages_forbid_inline_scripts(client, demo_pages):
    response = client.get("/")
    assert "'unsafe-inline'" not in script_src(response)
    assert response.headers["X-Frame-Options"] == "DENY"


def test_only_the_admin_allows_wagtails_inline_scripts(client, make_user):
    client.force_login(make_user(administrator=True))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in script_src(response)


def test_the_admin_sends_no_e_mail_hashes_to_gravatar(client, make_user):
    client.force_login(make_user(administrator=True))
    assert "gravatar" not in client.get("/admin/users/").content.decode()
