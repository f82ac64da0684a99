"""A pool member's own page: interests and availability, pause, resume, leave; their
applications and statuses."""

import pytest

from panels.pool.models import PoolMember, PoolMemberStatus
from tests.panels.pool.conftest import received_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(pool_world):
    return PoolMember.objects.create(pool=pool_world.pool, person=pool_world.person("client"))


def test_the_page_lists_pools_and_applications(client, pool_world):
    person = pool_world.person("client")
    received_application(pool_world, person=person)
    PoolMember.objects.create(pool=pool_world.pool, person=person)
    client.force_login(person)
    response = client.get("/en/accounts/profile/pool/")
    body = response.content.decode()
    assert pool_world.pool.name in body
    assert pool_world.recruitment.title in body
    assert "received" in body
    # Linked from the profile page.
    assert "/accounts/profile/pool/" in client.get("/en/accounts/profile/").content.decode()


def test_interests_and_availability_are_saved(client, member):
    client.force_login(member.person)
    prefix = f"member-{member.pk}"
    response = client.post(
        f"/accounts/profile/pool/members/{member.pk}/profile/",
        {f"{prefix}-interests": " Kuljetuspalvelu ", f"{prefix}-availability": "Arki-illat"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.interests == "Kuljetuspalvelu"
    assert member.availability == "Arki-illat"


def test_oversized_text_is_refused_and_kept(client, member):
    client.force_login(member.person)
    prefix = f"member-{member.pk}"
    response = client.post(
        f"/en/accounts/profile/pool/members/{member.pk}/profile/",
        {f"{prefix}-interests": "x" * 2001, f"{prefix}-availability": "Aamuisin"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "at most 2000 characters" in body
    assert "Aamuisin" in body
    member.refresh_from_db()
    assert member.interests == ""


def test_pause_resume_and_leave(client, member):
    client.force_login(member.person)
    url = f"/accounts/profile/pool/members/{member.pk}/status/"
    client.post(url, {"action": "pause"})
    member.refresh_from_db()
    assert member.status == PoolMemberStatus.PAUSED
    client.post(url, {"action": "resume"})
    member.refresh_from_db()
    assert member.status == PoolMemberStatus.ACTIVE
    client.post(url, {"action": "leave"})
    member.refresh_from_db()
    assert member.status == PoolMemberStatus.LEFT
    # Gone from the page, and no more changes.
    assert client.post(url, {"action": "resume"}).status_code == 404
