"""Qualifications in the Wagtail admin: staff and administrators read them; administrators
alone grant (through the service, so the badge follows) and revoke; nobody deletes one."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from accounts.models import User
from accounts.qualifications import services
from accounts.qualifications.models import Qualification
from accounts.roles import InnoagentLevel
from tests.factories import RegionFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "developer_client",
    "expert",
    "staff_same_region",
    "staff_other_region",
    "decision_maker",
    "administrator",
]
READERS = {"staff_same_region", "staff_other_region", "administrator"}
WRITERS = {"administrator"}


@pytest.fixture
def cast(db):
    region, other = RegionFactory(slug="etela-pohjanmaa"), RegionFactory(slug="lappi")
    people = {
        "anonymous": AnonymousUser(),
        "developer_client": UserFactory(),
        "expert": UserFactory(expert=True, display_name="Polkujen kulkija"),
        "staff_same_region": UserFactory(staff=True),
        "staff_other_region": UserFactory(staff=True),
        "decision_maker": UserFactory(decision_maker=True),
        "administrator": UserFactory(administrator=True),
    }
    region.officials.add(people["staff_same_region"], people["decision_maker"])
    other.officials.add(people["staff_other_region"])
    qualification = services.grant(
        people["expert"], InnoagentLevel.LEVEL_II, date(2026, 2, 3), training_name="II-taso"
    )
    return people, qualification


def log_in(client, person):
    if person.is_authenticated:
        client.force_login(person)


@pytest.mark.parametrize("role", ROLES)
def test_who_reads_the_list(client, cast, role):
    people, qualification = cast
    log_in(client, people[role])
    response = client.get(reverse("qualification_admin:index"))
    if role in READERS:
        assert response.status_code == 200
        assert "Polkujen kulkija" in response.content.decode()
        inspect = client.get(reverse("qualification_admin:inspect", args=[qualification.pk]))
        assert inspect.status_code == 200
    else:
        assert response.status_code in (302, 403)


@pytest.mark.parametrize("role", ROLES)
def test_who_grants(client, cast, role):
    people, _qualification = cast
    staff = people["staff_same_region"]
    log_in(client, people[role])
    response = client.post(
        reverse("qualification_admin:add"),
        {
            "person": staff.pk,
            "level": InnoagentLevel.LEVEL_I,
            "granted_on": "2025-11-20",
            "training_name": "Innoagenttikoulutus muualla",
        },
    )
    granted = Qualification.objects.filter(person=staff)
    if role in WRITERS:
        assert response.status_code == 302
        assert granted.get().granted_by == people["administrator"]
        assert User.objects.get(pk=staff.pk).innoagent_level == InnoagentLevel.LEVEL_I
    else:
        assert response.status_code in (302, 403)
        assert not granted.exists()


def test_the_admin_refuses_a_level_not_for_the_role(client, cast):
    people, _qualification = cast
    client.force_login(people["administrator"])
    response = client.post(
        reverse("qualification_admin:add"),
        {"person": people["developer_client"].pk, "level": 2, "granted_on": "2025-11-20"},
    )
    assert response.status_code == 200
    assert "person" in response.context["form"].errors
    assert not Qualification.objects.filter(person=people["developer_client"]).exists()


@pytest.mark.parametrize("role", ROLES)
def test_who_revokes(client, cast, role):
    people, qualification = cast
    log_in(client, people[role])
    response = client.post(
        reverse("qualification_admin:edit", args=[qualification.pk]), {"revoke": "on"}
    )
    qualification.refresh_from_db()
    level = User.objects.get(pk=people["expert"].pk).innoagent_level
    if role in WRITERS:
        assert response.status_code == 302
        assert qualification.revoked_by == people["administrator"]
        assert level == InnoagentLevel.NONE
        # Revoked stays revoked.
        client.post(reverse("qualification_admin:edit", args=[qualification.pk]), {})
        qualification.refresh_from_db()
        assert qualification.revoked_at is not None
    else:
        assert response.status_code in (302, 403)
        assert qualification.revoked_at is None and level == InnoagentLevel.LEVEL_II


def test_nobody_deletes_a_qualification(client, cast):
    people, qualification = cast
    client.force_login(people["administrator"])
    response = client.post(reverse("qualification_admin:delete", args=[qualification.pk]))
    assert response.status_code in (302, 403)
    assert Qualification.objects.filter(pk=qualification.pk).exists()


def test_the_list_is_searched_and_filtered(client, cast):
    people, _qualification = cast
    client.force_login(people["staff_same_region"])
    found = client.get(reverse("qualification_admin:index"), {"q": "Polkujen", "level": 2})
    assert found.status_code == 200 and "Polkujen kulkija" in found.content.decode()
    missed = client.get(reverse("qualification_admin:index"), {"q": "Revontuli"})
    assert missed.status_code == 200 and "Polkujen kulkija" not in missed.content.decode()
