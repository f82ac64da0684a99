"""Every page and action of the pool, for every role: anonymous, developer-client, expert by
experience, staff of the region, staff of another region, decision-maker, administrator."""

import pytest

from accounts.models import Notification
from panels.pool.models import ApplicationStatus, PoolMember
from tests.panels.pool.conftest import ROLES, RUNS, received_application

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ROLES)
def test_the_recruitment_page_is_public(pool_world, login, role):
    client = login(pool_world, role)
    response = client.get(f"/panels/recruitment/{pool_world.recruitment.slug}/")
    assert response.status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_the_pool_page_is_public_and_its_staff_part_for_region_staff(pool_world, login, role):
    client = login(pool_world, role)
    response = client.get(f"/en/panels/pools/{pool_world.pool.slug}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert f"/panels/recruitment/{pool_world.recruitment.slug}/" in body
    queue_link = f"/panels/recruitment/{pool_world.recruitment.slug}/applications/"
    assert (queue_link in body) == (role in RUNS)
    assert ("active member" in body) == (role in RUNS)


@pytest.mark.parametrize("role", ROLES)
def test_the_queue_is_for_region_staff(pool_world, login, role):
    client = login(pool_world, role)
    response = client.get(f"/panels/recruitment/{pool_world.recruitment.slug}/applications/")
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response.url
    elif role in RUNS:
        assert response.status_code == 200
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("decision", ["select", "waiting_list", "reject"])
def test_deciding_is_for_region_staff(pool_world, login, role, decision):
    application = received_application(pool_world)
    client = login(pool_world, role)
    prefix = f"application-{application.pk}"
    response = client.post(
        f"/panels/recruitment/{pool_world.recruitment.slug}/applications/{application.pk}/decide/",
        {f"{prefix}-decision": decision, f"{prefix}-reason": "Syy."},
    )
    application.refresh_from_db()
    if role in RUNS:
        assert response.status_code == 302
        assert application.status != ApplicationStatus.RECEIVED
        assert (
            Notification.objects.filter(
                recipient=application.person, kind="pool.application_decided"
            ).count()
            == 1
        )
        assert not Notification.objects.filter(
            recipient=pool_world.person(role), kind="pool.application_decided"
        ).exists()
    else:
        assert response.status_code == (302 if role == "anonymous" else 404)
        assert application.status == ApplicationStatus.RECEIVED


@pytest.mark.parametrize("role", ROLES)
def test_deciding_is_post_only(pool_world, login, role):
    application = received_application(pool_world)
    client = login(pool_world, role)
    response = client.get(
        f"/panels/recruitment/{pool_world.recruitment.slug}/applications/{application.pk}/decide/"
    )
    assert response.status_code == 405


@pytest.mark.parametrize("role", ROLES)
def test_my_pools_is_ones_own(pool_world, login, role):
    client = login(pool_world, role)
    response = client.get("/accounts/profile/pool/")
    assert response.status_code == (302 if role == "anonymous" else 200)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["profile", "pause", "leave"])
def test_only_the_member_changes_their_membership(pool_world, login, role, action):
    owner = pool_world.person("client")
    member = PoolMember.objects.create(pool=pool_world.pool, person=owner)
    client = login(pool_world, role)
    if action == "profile":
        url = f"/accounts/profile/pool/members/{member.pk}/profile/"
        data = {f"member-{member.pk}-interests": "Kyydit", f"member-{member.pk}-availability": ""}
    else:
        url = f"/accounts/profile/pool/members/{member.pk}/status/"
        data = {"action": action}
    response = client.post(url, data)
    member.refresh_from_db()
    if role == "client":
        assert response.status_code == 302
        assert member.interests == "Kyydit" if action == "profile" else member.status != "active"
    else:
        assert response.status_code == (302 if role == "anonymous" else 404)
        assert member.status == "active" and member.interests == ""


def test_unknown_pages_are_404(client, pool_world):
    assert client.get("/panels/recruitment/ei-ole/").status_code == 404
    assert client.get("/panels/pools/ei-ole/").status_code == 404
