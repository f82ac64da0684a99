import pytest
from django.template import Context, Template
from django.utils import translation

from accounts.roles import Role

pytestmark = pytest.mark.django_db

BADGES_FI = {
    Role.DEVELOPER_CLIENT: "kehittäjäasiakas",
    Role.EXPERT_BY_EXPERIENCE: "kokemusasiantuntija",
    Role.STAFF: "työntekijä",
    Role.DECISION_MAKER: "päättäjä",
}
BADGES_SV = {
    Role.DEVELOPER_CLIENT: "utvecklarklient",
    Role.EXPERT_BY_EXPERIENCE: "erfarenhetsexpert",
    Role.STAFF: "anställd",
    Role.DECISION_MAKER: "beslutsfattare",
}


def render_person(user):
    return Template("{% load accounts_tags %}{% person user %}").render(Context({"user": user}))


@pytest.mark.parametrize("role", list(Role))
def test_badge_shows_display_name_and_role(make_user, role):
    user = make_user(display_name="Nimimerkki", role=role, email="salainen@example.org")
    with translation.override("fi"):
        html = render_person(user)
    assert "Nimimerkki" in html
    assert f"badge--{role}" in html
    assert BADGES_FI[role] in html
    assert "salainen@example.org" not in html
    with translation.override("sv"):
        assert BADGES_SV[role] in render_person(user)


def test_a_deleted_person_shows_as_former_member():
    with translation.override("en"):
        assert "former member" in render_person(None)


def test_the_header_shows_who_is_logged_in_with_badge(client, make_user, demo_pages):
    client.force_login(make_user(display_name="Kokenut", expert=True))
    page = client.get("/").content.decode()
    assert "Kokenut" in page
    assert "badge--expert_by_experience" in page
