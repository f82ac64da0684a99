"""The response-time dashboard counts spontaneous feedback as it counts ideas, and splits it by
client group with small-number suppression.

Fixture, in days (received days ago, answered days after), target 30:

    Etelä-Karjala   f1 40 → 2    f2 40 → 10    f3 60 → 40    f4 45 waiting (overdue)
                    f5 5 waiting (not yet overdue)
    Lappi           g1 10 → 1

    Etelä-Karjala: waiting 2, overdue 1, answered 3, within 2 (2, 10), share 2 / (3 + 1) = 50 %,
    median of 2, 10, 40 (nearest rank, ceil(1.5) = 2nd) = 10.
"""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from ideas.service_feedback import timeliness
from ideas.service_feedback.models import Feedback, Status
from panels.models import Region
from panels.segments.splits import OTHER
from tests.factories import ClientGroupFactory, UserFactory

DAY = timedelta(days=1)


def item(world, now, days_ago, answered_after=None, region=None, **fields):
    region = region or world.region
    area = world.area if region == world.region else world.other_area
    created = now - days_ago * DAY
    answered = {}
    if answered_after is not None:
        answered = {
            "status": Status.ANSWERED,
            "answer": "Vastaus",
            "answered_at": created + answered_after * DAY,
        }
    return Feedback.objects.create(
        region=region,
        service_area=area,
        what_happened="Palaute",
        created_at=created,
        **answered,
        **fields,
    )


@pytest.fixture
def figures(world):
    now = timezone.now()
    item(world, now, 40, 2)
    item(world, now, 40, 10)
    item(world, now, 60, 40)
    item(world, now, 45)
    item(world, now, 5)
    item(world, now, 10, 1, region=world.other)
    return now


@pytest.mark.django_db
def test_feedback_figures_by_region(world, figures):
    by_region = timeliness.figures_by_region(
        timeliness.feedback_in_scope(Region.objects.all()), now=figures, target_days=30
    )
    mine = by_region[world.region.pk]
    assert (mine.waiting, mine.overdue, mine.answered, mine.answered_within_target) == (2, 1, 3, 2)
    assert mine.share_within_target == 50
    assert mine.median_days == pytest.approx(10)
    assert by_region[world.other.pk].answered == 1


@pytest.mark.django_db
def test_the_dashboard_shows_feedback_of_the_officials_regions(client, world, figures):
    client.force_login(world.staff)
    with translation.override("en"):
        url = reverse("ideas:response_dashboard")
    response = client.get(url)
    rows = {region.name: f for region, f in response.context["feedback_rows"]}
    assert list(rows) == ["Etelä-Karjala"]
    assert rows["Etelä-Karjala"].answered == 3
    html = response.content.decode()
    assert "Spontaneous feedback" in html and "Response times of spontaneous feedback" in html


@pytest.mark.django_db
def test_the_client_group_split_suppresses_small_groups(world):
    now = timezone.now()
    small = ClientGroupFactory(region=world.region, name="Pieni ryhmä")
    for _ in range(6):
        item(world, now, 1, client_group=world.group)
    for _ in range(2):
        item(world, now, 1, client_group=small)
    for _ in range(3):
        item(world, now, 1)
    split = timeliness.client_group_split(Feedback.objects.all())
    assert [(row.label, row.count) for row in split] == [
        ("Omaishoitajat (Etelä-Karjala)", 6),
        (str(OTHER), 5),
    ]
    assert "Pieni ryhmä" not in str(split)
    # Too few in all: nothing shown.
    assert timeliness.client_group_split(Feedback.objects.filter(client_group=small)) == []


@pytest.mark.django_db
def test_the_feedback_csv_has_one_row_per_item_and_no_text(client, world, figures):
    client.force_login(world.staff)
    with translation.override("en"):
        url = reverse("ideas:response_dashboard_feedback_csv")
    response = client.get(url)
    text = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert len(rows) == 5  # Lappi's is not this staff member's
    assert sum(row["Overdue"] == "yes" for row in rows) == 1
    assert "Palaute" not in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "status"),
    [("anonymous", 302), ("developer_client", 404), ("staff", 200), ("administrator", 200)],
)
def test_the_feedback_csv_is_for_officials(client, world, kind, status):
    user = world.person(kind)
    if user is not None:
        client.force_login(user)
    assert client.get(reverse("ideas:response_dashboard_feedback_csv")).status_code == status


@pytest.mark.django_db
def test_an_official_of_no_region_sees_no_feedback(client, world, figures):
    official = UserFactory(decision_maker=True)
    client.force_login(official)
    response = client.get(reverse("ideas:response_dashboard"))
    assert response.context["feedback_rows"] == []
