import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import User
from accounts.roles import ROLE_GROUPS, Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PEOPLE = {
    "developer-client": {},
    "expert by experience": {"expert": True},
    "staff": {"staff": True},
    "decision-maker": {"decision_maker": True},
    "administrator": {"administrator": True},
}


def test_the_role_decides_the_role_group(make_user):
    user = make_user(staff=True)
    assert list(user.groups.values_list("name", flat=True)) == [ROLE_GROUPS[Role.STAFF]]

    user.role = Role.DECISION_MAKER
    user.save()
    assert list(user.groups.values_list("name", flat=True)) == [ROLE_GROUPS[Role.DECISION_MAKER]]

    user.role = Role.DEVELOPER_CLIENT
    user.save()
    assert not user.groups.exists()


def test_other_groups_survive_a_role_change(make_user):
    user = make_user(staff=True)
    editors = Group.objects.create(name="Workshop hosts")
    user.groups.add(editors)
    user.role = Role.EXPERT_BY_EXPERIENCE
    user.save()
    assert list(user.groups.all()) == [editors]


def test_role_groups_exist_with_admin_access_after_migrate():
    for name in ROLE_GROUPS.values():
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists()


@pytest.mark.parametrize(
    "who, reaches_admin, manages_users",
    [
        ("developer-client", False, False),
        ("expert by experience", False, False),
        ("staff", True, False),
        ("decision-maker", True, False),
        ("administrator", True, True),
    ],
)
def test_admin_access_by_role(client, make_user, who, reaches_admin, manages_users):
    client.force_login(make_user(**PEOPLE[who]))
    response = client.get("/admin/")
    assert (response.status_code == 200) is reaches_admin
    response = client.get(reverse("wagtailusers_users:index"))
    assert (response.status_code == 200) is manages_users


def test_profile_form_cannot_change_the_role(client, make_user):
    user = make_user()
    client.force_login(user)
    response = client.post(
        reverse("profile"),
        {"display_name": "Uusi nimi", "language": "sv", "role": Role.STAFF, "is_superuser": "on"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.display_name == "Uusi nimi"
    assert user.language == "sv"
    assert user.role == Role.DEVELOPER_CLIENT
    assert not user.is_superuser


def test_profile_keeps_a_taken_display_name_on_error(client, make_user):
    make_user(display_name="Varattu")
    user = make_user(display_name="Oma")
    client.force_login(user)
    response = client.post(reverse("profile"), {"display_name": "varattu", "language": "fi"})
    assert response.status_code == 200
    assert 'value="varattu"' in response.content.decode()
    user.refresh_from_db()
    assert user.display_name == "Oma"


def test_profile_needs_login(client):
    response = client.get(reverse("profile"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_an_administrator_grants_a_role_in_the_admin(client, make_user):
    admin = make_user(administrator=True)
    person = make_user(display_name="Tuleva päättäjä")
    client.force_login(admin)
    url = reverse("wagtailusers_users:edit", args=[person.pk])
    form_page = client.get(url)
    assert form_page.status_code == 200
    assert 'name="role"' in form_page.content.decode()
    response = client.post(
        url,
        {
            "email": person.email,
            "display_name": person.display_name,
            "role": Role.DECISION_MAKER,
            "is_active": "on",
            "password1": "",
            "password2": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    person.refresh_from_db()
    assert person.role == Role.DECISION_MAKER
    assert person.groups.filter(name=ROLE_GROUPS[Role.DECISION_MAKER]).exists()


def test_staff_cannot_grant_themselves_a_role_in_the_admin(client, make_user):
    staff = make_user(staff=True)
    client.force_login(staff)
    url = reverse("wagtailusers_users:edit", args=[staff.pk])
    response = client.post(
        url, {"email": staff.email, "display_name": "x", "role": Role.DECISION_MAKER}
    )
    assert response.status_code in (302, 403)
    staff.refresh_from_db()
    assert staff.role == Role.STAFF


def test_the_admin_creates_people_with_a_display_name(client, make_user):
    client.force_login(make_user(administrator=True))
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": "uusi.tyontekija@example.org",
            "display_name": "Uusi työntekijä",
            "role": Role.STAFF,
            "password1": "tosi-pitkä-salasana-42",
            "password2": "tosi-pitkä-salasana-42",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    user = User.objects.get(email="uusi.tyontekija@example.org")
    assert user.role == Role.STAFF
    assert user.check_password("tosi-pitkä-salasana-42")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["sv", "en", "fi"])
def test_the_admin_speaks_the_persons_language(client, language):
    person = UserFactory(staff=True, language=language)
    client.force_login(person)
    page = client.get("/admin/")
    assert page.status_code == 200
    assert f'<html lang="{language}"' in page.content.decode()


@pytest.mark.django_db
def test_changing_language_or_becoming_staff_updates_the_admin_language(client):
    person = UserFactory(language="sv")
    person.role = "staff"
    person.save()
    client.force_login(person)
    assert '<html lang="sv"' in client.get("/admin/").content.decode()
    person.language = "en"
    person.save()
    assert '<html lang="en"' in client.get("/admin/").content.decode()
