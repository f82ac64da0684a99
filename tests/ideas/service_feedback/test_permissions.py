"""The permission matrix of spontaneous feedback, over every page: anyone gives feedback and
reads the answers; only the region's staff (and administrators) see its inbox and triage."""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from ideas.service_feedback.models import Feedback, Status

from .conftest import KINDS

# kind: (inbox, triage page, sees this region's item in the inbox)
MATRIX = {
    "anonymous": (302, 302, False),
    "developer_client": (404, 404, False),
    "expert": (404, 404, False),
    "staff": (200, 200, True),
    "staff_elsewhere": (200, 404, False),
    "decision_maker": (404, 404, False),
    "administrator": (200, 200, True),
}


def login(client, world, kind):
    user = world.person(kind)
    if user is not None:
        client.force_login(user)
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_public_pages_are_for_everyone(client, world, kind):
    login(client, world, kind)
    world.answered(what_happened="Julkaistu palaute")
    for url in (
        reverse("service_feedback:give"),
        reverse("service_feedback:thanks"),
        reverse("service_feedback:public", args=[world.region.slug]),
    ):
        assert client.get(url).status_code == 200, url
    public = client.get(reverse("service_feedback:public", args=[world.region.slug]))
    assert "Julkaistu palaute" in public.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_inbox_and_triage(client, world, kind):
    inbox_status, triage_status, sees = MATRIX[kind]
    user = login(client, world, kind)
    item = world.feedback(what_happened="Odottava palaute")
    inbox = client.get(reverse("service_feedback:inbox"))
    assert inbox.status_code == inbox_status
    if inbox_status == 302:
        assert inbox["Location"].startswith(reverse("account_login"))
    if inbox_status == 200:
        assert ("Odottava palaute" in inbox.content.decode()) == sees
    url = reverse("service_feedback:triage", args=[item.pk])
    assert client.get(url).status_code == triage_status
    answer = {"outcome": Status.ANSWERED, "answer": "Kiitos palautteesta.", "publish": "on"}
    response = client.post(url, answer)
    assert response.status_code == (302 if triage_status == 200 else triage_status)
    item.refresh_from_db()
    assert (item.status == Status.ANSWERED) == (triage_status == 200)
    if triage_status == 200:
        assert item.answered_by == user and item.publish
    else:  # answered by its staff, so there is something to publish
        Feedback.objects.filter(pk=item.pk).update(
            status=Status.ANSWERED, answered_at=item.created_at, publish=True
        )
    # Taking it off the public page (the box not ticked).
    publish = client.post(reverse("service_feedback:publish", args=[item.pk]), {})
    assert publish.status_code == (302 if triage_status == 200 else triage_status)
    item.refresh_from_db()
    assert item.publish == (triage_status != 200)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_the_rules_say_the_same(world, kind):
    user = world.person(kind) or AnonymousUser()
    item = world.feedback()
    _inbox, triage_status, _sees = MATRIX[kind]
    assert rules.has_perm("service_feedback.give_feedback", user)
    assert rules.has_perm("service_feedback.triage_feedback", user, item) == (triage_status == 200)


@pytest.mark.django_db
def test_an_inactive_staff_member_triages_nothing(world):
    world.staff.is_active = False
    world.staff.save()
    assert not rules.has_perm("service_feedback.triage_feedback", world.staff, world.feedback())


@pytest.mark.django_db
def test_publish_only_takes_post(client, world):
    client.force_login(world.staff)
    item = world.answered()
    assert client.get(reverse("service_feedback:publish", args=[item.pk])).status_code == 405
    assert Feedback.objects.get().publish
