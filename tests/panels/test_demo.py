"""The demo data: realistic, complete enough to try every journey, and idempotent."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.demo import seed_people
from panels.demo import seed_panels
from panels.meetings.models import Attendance, Meeting
from panels.models import Invitation, Membership, Panel, Region

pytestmark = pytest.mark.django_db

PILOT_REGIONS = {
    "Lappi",
    "Etelä-Karjala",
    "Keski-Suomi",
    "Etelä-Pohjanmaa",
    "Kanta-Häme",
    "Pohjois-Savo (Kuopio)",
    "Pohjois-Karjala (Joensuu)",
}


def _counts():
    return [
        model.objects.count()
        for model in (Region, Panel, Membership, Meeting, Attendance, Invitation)
    ]


@pytest.fixture
def seeded(demo_pages):
    seed_people("demo-salasana-2026")
    seed_panels()


def test_seeding_twice_changes_nothing(seeded):
    first = _counts()
    seed_panels()
    assert _counts() == first


def test_seed_demo_seeds_the_panels(demo_pages):
    call_command("seed_demo", stdout=io.StringIO())
    assert Panel.objects.filter(slug="rovaniemen-kehittajaasiakasryhma").exists()


def test_the_demo_has_what_the_journeys_need(seeded):
    assert set(Region.objects.values_list("name", flat=True)) == PILOT_REGIONS
    busy = [r for r in Region.objects.all() if 2 <= r.panels.count() <= 3]
    assert len(busy) >= 3
    lappi = Region.objects.get(slug="lappi")
    officials = set(lappi.officials.values_list("email", flat=True))
    assert {"tyontekija@kohtaamo.example", "paattaja@kohtaamo.example"} <= officials
    now = timezone.now()
    assert Meeting.objects.filter(ends_at__lt=now, minutes_published_at__isnull=False).count() >= 5
    assert Meeting.objects.filter(starts_at__gt=now).count() >= 5
    assert Membership.objects.applications().filter(panel__region=lappi).exists()
    assert Panel.objects.filter(is_archived=True).exists()
    assert set(Panel.objects.values_list("joining_policy", flat=True)) == {
        "open",
        "application",
        "invitation",
    }
    client_memberships = Membership.objects.active().filter(
        person__email="asiakas@kohtaamo.example"
    )
    assert client_memberships.exists()
