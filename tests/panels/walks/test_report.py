"""The merged report: every observer's findings under their place (in the route's order) and
aspect, with their display names; its query count stays flat as findings grow. And the
notices: observers hear once that they were invited and once that the report is out, never
about what they did themselves."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts.models import Notification
from accounts.permissions import NotAllowed
from panels.walks import services
from panels.walks.models import WalkStatus

from .conftest import photo_upload

pytestmark = pytest.mark.django_db


def record(world, role, place, aspect, text, **extra):
    return services.record_finding(
        world.walk, world.person(role), place=world.places[place], aspect=aspect, text=text, **extra
    )


def test_findings_merge_by_place_then_aspect(client, walk_world):
    record(walk_world, "observer", 1, "waiting", "Odotusaikaa ei kerrota.")
    record(walk_world, "observer_client", 0, "accessibility", "Ovi on raskas.")
    record(walk_world, "observer", 0, "signage", "Opaste puuttuu.")
    record(walk_world, "observer_client", 0, "signage", "Teksti on pieni.")
    walk_world.set_status(WalkStatus.PUBLISHED)
    response = client.get(reverse("panels:walk_report", args=[walk_world.walk.pk]))
    groups = response.context["groups"]
    assert [group.place.name for group in groups] == ["Aula", "Odotustila"]
    lobby = groups[0]
    assert [aspect.key for aspect in lobby.aspects] == ["signage", "accessibility"]
    assert [f.text for f in lobby.aspects[0].findings] == ["Opaste puuttuu.", "Teksti on pieni."]
    content = response.content.decode()
    assert "Polkujen kulkija" in content and "Aamuvirkku" in content
    assert content.index("Opaste puuttuu.") < content.index("Ovi on raskas.")
    assert content.index("Ovi on raskas.") < content.index("Odotusaikaa ei kerrota.")


def test_a_finding_whose_place_left_the_route_stays_in_the_report(client, walk_world):
    record(walk_world, "observer", 1, "waiting", "Tuoleja on liian vähän.")
    walk_world.places[1].delete()
    client.force_login(walk_world.person("staff_same_region"))
    response = client.get(reverse("panels:walk_report", args=[walk_world.walk.pk]))
    assert response.context["groups"][-1].place is None
    assert "Tuoleja on liian vähän." in response.content.decode()


def _report_queries(client, world, django_assert_num_queries, count):
    url = reverse("panels:walk_report", args=[world.walk.pk])
    client.get(url)  # warm the caches
    with django_assert_num_queries(count):
        response = client.get(url)
    return response


@pytest.mark.parametrize("role", ["staff_same_region", "observer", "anonymous"])
def test_the_report_costs_the_same_few_or_many(client, walk_world, django_assert_num_queries, role):
    record(walk_world, "observer", 0, "signage", "Yksi havainto.", photo=photo_upload())
    if role != "anonymous":
        client.force_login(walk_world.person(role))
    else:
        walk_world.set_status(WalkStatus.PUBLISHED)
    url = reverse("panels:walk_report", args=[walk_world.walk.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    walk_world.set_status(WalkStatus.WALKING)
    for n in range(15):
        role_ = "observer" if n % 2 else "observer_client"
        record(walk_world, role_, n % 2, "other", f"Havainto {n}.", photo=photo_upload())
    if role == "anonymous":
        walk_world.set_status(WalkStatus.PUBLISHED)
    _report_queries(client, walk_world, django_assert_num_queries, len(few))


def test_observers_are_told_once_when_invited_never_the_inviter(walk_world):
    staff = walk_world.person("staff_same_region")
    newcomer = walk_world.person("outsider")
    assert services.add_observer(walk_world.walk, staff, newcomer) is True
    assert services.add_observer(walk_world.walk, staff, newcomer) is False
    assert Notification.objects.filter(recipient=newcomer, kind="walks.observer_added").count() == 1
    services.add_observer(walk_world.walk, staff, staff)  # the region's staff may observe too
    assert not Notification.objects.filter(recipient=staff).exists()


@pytest.mark.parametrize("role", ["staff_other_region", "decision_maker"])
def test_only_the_regions_staff_and_participants_may_observe(walk_world, role):
    with pytest.raises(ValidationError):
        services.add_observer(
            walk_world.walk, walk_world.person("staff_same_region"), walk_world.person(role)
        )


def test_the_observers_page_refuses_unknown_addresses_and_keeps_them(client, walk_world):
    client.force_login(walk_world.person("staff_same_region"))
    with translation.override("en"):
        url = reverse("panels:walk_observers", args=[walk_world.walk.pk])
    response = client.post(url, {"email": "ei-ole@example.org"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "No active account has this e-mail address." in content
    assert "ei-ole@example.org" in content


def test_publishing_tells_every_observer_once_but_not_the_publisher(walk_world):
    staff = walk_world.person("staff_same_region")
    services.add_observer(walk_world.walk, staff, staff)
    services.publish_report(walk_world.walk, staff, summary="Yhteenveto.")
    services.publish_report(walk_world.walk, staff, summary="Korjattu yhteenveto.")
    told = Notification.objects.filter(kind="walks.report_published")
    assert sorted(n.recipient.display_name for n in told) == ["Aamuvirkku", "Polkujen kulkija"]
    walk_world.walk.refresh_from_db()
    assert walk_world.walk.report_summary == "Korjattu yhteenveto."


def test_nothing_is_recorded_after_publishing(walk_world):
    services.publish_report(walk_world.walk, walk_world.person("staff_same_region"))
    walk_world.walk.refresh_from_db()
    with pytest.raises(NotAllowed):
        record(walk_world, "observer", 0, "signage", "Myöhässä.")
