"""The public page shows published answers only, anonymised, filterable by service area; the
inbox filters and shows age against the target; both cost the same queries at any size."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from ideas.service_feedback.models import Feedback, Status
from tests.factories import UserFactory
from tests.ideas.factories import IdeaFactory


def public_url(world):
    with translation.override("en"):
        return reverse("service_feedback:public", args=[world.region.slug])


def inbox_url():
    with translation.override("en"):
        return reverse("service_feedback:inbox")


@pytest.mark.django_db
def test_the_public_page_shows_published_answers_without_names(client, world):
    sender = UserFactory(display_name="Tunnistettava Nimimerkki")
    world.answered(what_happened="Näkyvä palaute", author=sender, reply_email="x@example.org")
    world.answered(what_happened="Piilotettu palaute", publish=False)
    world.feedback(what_happened="Vastaamaton palaute", publish=True)
    world.answered(what_happened="Toisen alueen", region=world.other, service_area=world.other_area)
    html = client.get(public_url(world)).content.decode()
    assert "Näkyvä palaute" in html and "Kiitos, korjasimme asian." in html
    for hidden in ("Piilotettu", "Vastaamaton", "Toisen alueen"):
        assert hidden not in html
    assert "Tunnistettava" not in html and "x@example.org" not in html
    assert world.staff.display_name not in html
    assert html.count("<h1") == 1


@pytest.mark.django_db
def test_the_public_page_filters_by_service_area(client, world):
    world.answered(what_happened="Terveysasemalla")
    world.answered(what_happened="Vammaispalveluissa", service_area=world.area2)
    html = client.get(public_url(world), {"service_area": world.area2.pk}).content.decode()
    assert "Vammaispalveluissa" in html and "Terveysasemalla" not in html
    # Another region's service area is no choice here.
    response = client.get(public_url(world), {"service_area": world.other_area.pk})
    assert "service_area" in response.context["filters"].errors


@pytest.mark.django_db
def test_an_unknown_region_is_not_found(client, world):
    assert client.get(reverse("service_feedback:public", args=["ei-ole"])).status_code == 404


@pytest.mark.django_db
def test_the_inbox_shows_waiting_first_with_age_and_filters(client, world):
    now = timezone.now()
    Feedback.objects.bulk_create(
        [
            Feedback(
                region=world.region,
                service_area=world.area,
                what_happened="Vanha odottava",
                created_at=now - timedelta(days=40),
            ),
            Feedback(
                region=world.region,
                service_area=world.area2,
                client_group=world.group,
                what_happened="Uusi odottava",
                created_at=now - timedelta(days=2),
            ),
        ]
    )
    world.answered(what_happened="Vastattu")
    client.force_login(world.staff)
    response = client.get(inbox_url())
    items = response.context["items"]
    assert [item.what_happened for item in items] == ["Vanha odottava", "Uusi odottava", "Vastattu"]
    assert items[0].overdue and not items[1].overdue
    assert "Overdue: waiting 40.0 days." in response.content.decode()
    filtered = client.get(
        inbox_url(),
        {"status": Status.NEW, "client_group": world.group.pk},
    )
    assert [item.what_happened for item in filtered.context["items"]] == ["Uusi odottava"]
    by_area = client.get(inbox_url(), {"service_area": world.area2.pk})
    assert [item.what_happened for item in by_area.context["items"]] == ["Uusi odottava"]


def many(world, count):
    idea = IdeaFactory(round=world.round)
    items = Feedback.objects.bulk_create(
        Feedback(
            region=world.region,
            service_area=world.area if n % 2 else world.area2,
            client_group=world.group if n % 3 else None,
            what_happened=f"Palaute {n}",
            status=Status.ANSWERED,
            answer="Vastaus",
            answered_at=timezone.now(),
            answered_by=world.staff,
            publish=True,
        )
        for n in range(count)
    )
    Feedback.objects.filter(pk=items[0].pk).update(idea=idea, status=Status.IDEA)


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["public", "inbox"])
def test_queries_do_not_grow_with_the_number_of_items(client, world, page):
    client.force_login(world.staff)
    url = public_url(world) if page == "public" else inbox_url()
    count(client, url)  # warm the per-process caches
    many(world, 10)
    small = count(client, url)
    many(world, 90)
    large = count(client, url)
    assert small == large
