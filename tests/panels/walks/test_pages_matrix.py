"""Every walk page for every role in every state of the walk (liqd-style role-by-state
tables): who sees it, who may act, and how the others are refused — a signed-out visitor is
asked to log in, someone who sees the walk but may not act gets 403, everyone else 404."""

import pytest
from django.urls import reverse

from panels.walks import services
from panels.walks.models import Finding, WalkPlace, WalkStatus

from .conftest import OBSERVERS, ROLES, RUN, STATES, photo_upload

pytestmark = pytest.mark.django_db


def sees(role, status):
    return status == WalkStatus.PUBLISHED or role in OBSERVERS | RUN


def refused(response, role, status):
    """How a refusal must look for ``role``."""
    if role == "anonymous":
        return response.status_code == 302 and "login" in response["Location"]
    if sees(role, status):
        return response.status_code == 403
    return response.status_code == 404


def login(client, world, role):
    if role != "anonymous":
        client.force_login(world.person(role))
    return client


@pytest.mark.parametrize("status", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_the_walk_page(client, walk_world, role, status):
    walk = walk_world.set_status(status)
    response = login(client, walk_world, role).get(walk.get_absolute_url())
    if role in OBSERVERS | RUN:
        assert response.status_code == 200
        assert walk_world.places[0].name in response.content.decode()
    elif status == WalkStatus.PUBLISHED:
        assert response.status_code == 302
        assert response["Location"] == reverse("panels:walk_report", args=[walk.pk])
    else:
        assert refused(response, role, status)


@pytest.mark.parametrize("status", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_the_report(client, walk_world, role, status):
    walk = walk_world.set_status(status)
    response = login(client, walk_world, role).get(reverse("panels:walk_report", args=[walk.pk]))
    if sees(role, status):
        assert response.status_code == 200
    else:
        assert refused(response, role, status)


@pytest.mark.parametrize("status", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_recording_a_finding(client, walk_world, role, status):
    walk = walk_world.set_status(status)
    place = walk_world.places[0]
    url = reverse("panels:walk_place", args=[walk.pk, place.pk])
    client = login(client, walk_world, role)
    page = client.get(url)
    response = client.post(url, {"aspect": "signage", "text": "Opaste puuttuu.", "token": "t1"})
    created = Finding.objects.filter(walk=walk).exists()
    if role in OBSERVERS and status == WalkStatus.WALKING:
        assert page.status_code == 200 and 'name="text"' in page.content.decode()
        assert response.status_code == 302 and created
        assert Finding.objects.get().observer == walk_world.person(role)
        return
    assert not created
    if role in OBSERVERS | RUN:
        assert page.status_code == 200 and 'name="text"' not in page.content.decode()
        # A walk that is not on says why; staff who are no observers are refused.
        assert response.status_code in (302, 403)
        if status == WalkStatus.WALKING:
            assert response.status_code == 403
    else:
        assert refused(page, role, status) and refused(response, role, status)


def test_a_place_of_another_route_is_a_404(client, walk_world):
    other = walk_world.template.__class__.objects.create(region=walk_world.region, name="Muu")
    place = WalkPlace.objects.create(template=other, name="Muu paikka")
    client.force_login(walk_world.person("observer"))
    url = reverse("panels:walk_place", args=[walk_world.walk.pk, place.pk])
    assert client.get(url).status_code == 404


@pytest.fixture
def finding(walk_world):
    return services.record_finding(
        walk_world.walk,
        walk_world.person("observer"),
        place=walk_world.places[0],
        aspect="signage",
        text="Opasteet alkavat vasta hissiaulasta.",
    )


@pytest.mark.parametrize("status", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_editing_and_removing_a_finding(client, walk_world, finding, role, status):
    walk_world.set_status(status)
    client = login(client, walk_world, role)
    edit = reverse("panels:walk_finding_edit", args=[finding.pk])
    page = client.get(edit)
    response = client.post(edit, {"aspect": "accessibility", "text": "Muutettu."})
    finding.refresh_from_db()
    if role == "observer" and status == WalkStatus.WALKING:
        assert page.status_code == 200
        assert response.status_code == 302 and finding.text == "Muutettu."
        removed = client.post(reverse("panels:walk_finding_remove", args=[finding.pk]))
        assert removed.status_code == 302 and not Finding.objects.exists()
        return
    assert finding.text == "Opasteet alkavat vasta hissiaulasta."
    if role == "observer":
        # Their own, but the walk is not on: told why, sent back.
        assert page.status_code == 302 and response.status_code == 302
    else:
        assert refused(page, role, status) and refused(response, role, status)
    removed = client.post(reverse("panels:walk_finding_remove", args=[finding.pk]))
    assert removed.status_code in (302, 403, 404) and Finding.objects.exists()


@pytest.mark.parametrize("status", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_the_observers_page(client, walk_world, role, status):
    walk = walk_world.set_status(status)
    response = login(client, walk_world, role).get(reverse("panels:walk_observers", args=[walk.pk]))
    if role in RUN:
        assert response.status_code == 200
        assert "Polkujen kulkija" in response.content.decode()
    else:
        assert refused(response, role, status)


@pytest.mark.parametrize("role", ROLES)
def test_starting_and_publishing(client, walk_world, role):
    walk = walk_world.set_status(WalkStatus.PLANNED)
    client = login(client, walk_world, role)
    url = reverse("panels:walk_status", args=[walk.pk])
    started = client.post(url, {"action": "start"})
    walk.refresh_from_db()
    if role in RUN:
        assert started.status_code == 302 and walk.status == WalkStatus.WALKING
        published = client.post(url, {"action": "publish", "summary": "Yhteenveto."})
        walk.refresh_from_db()
        assert published.status_code == 302 and walk.status == WalkStatus.PUBLISHED
        assert walk.report_summary == "Yhteenveto."
    else:
        assert walk.status == WalkStatus.PLANNED
        assert refused(started, role, WalkStatus.PLANNED)


@pytest.mark.parametrize("role", ROLES)
def test_the_photo_queue(client, walk_world, finding, role):
    services.edit_finding(
        finding,
        walk_world.person("observer"),
        aspect="signage",
        text=finding.text,
        photo=photo_upload(),
    )
    response = login(client, walk_world, role).get(reverse("panels:walk_photos"))
    if role == "anonymous":
        assert response.status_code == 302
    elif role in ("staff_same_region", "staff_other_region", "administrator"):
        assert response.status_code == 200
        # Another region's staff have a queue of their own, without this photo.
        shown = finding.text in response.content.decode()
        assert shown is (role != "staff_other_region")
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_reviewing_a_photo(client, walk_world, finding, role):
    services.edit_finding(
        finding,
        walk_world.person("observer"),
        aspect="signage",
        text=finding.text,
        photo=photo_upload(),
    )
    response = login(client, walk_world, role).post(
        reverse("panels:walk_photo_review", args=[finding.pk]), {"decision": "approve"}
    )
    finding.refresh_from_db()
    if role in RUN:
        assert response.status_code == 302 and finding.photo_status == "approved"
    else:
        assert finding.photo_status == "pending"
        assert refused(response, role, WalkStatus.WALKING)


@pytest.mark.parametrize("role", ROLES)
def test_the_walk_list_shows_what_each_may_see(client, walk_world, role):
    draft = walk_world.walk
    published = draft.__class__.objects.create(
        template=walk_world.template,
        title="Julkaistu kävely",
        date=draft.date,
        status=WalkStatus.PUBLISHED,
    )
    response = login(client, walk_world, role).get(reverse("panels:walk_list"))
    assert response.status_code == 200
    content = response.content.decode()
    assert published.title in content
    assert (draft.title in content) is (role in OBSERVERS | RUN)
    region_page = client.get(reverse("panels:walk_list_region", args=["keski-suomi"]))
    assert region_page.status_code == 200 and published.title in region_page.content.decode()
