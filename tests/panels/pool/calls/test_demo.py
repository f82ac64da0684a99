"""The demo's calls (panels.pool.calls.demo): on the Kanta-Häme pool its own seed made, the
transport-service call with five of six confirmed and its results, and an open call with
places left; nothing without the pool; nothing more the second time."""

import pytest
from django.urls import reverse

from accounts.models import Notification
from panels.pool.calls import services
from panels.pool.calls.demo import PHONE_TITLE, POOL_SLUG, TRANSPORT_TITLE, seed_calls
from panels.pool.calls.models import Call, CallSignup, CallStatus, SignupStatus
from tests.factories import RegionFactory, UserFactory

from .conftest import add_member, make_pool

pytestmark = pytest.mark.django_db


@pytest.fixture
def kanta_hame_pool(db):
    region = RegionFactory(name="Kanta-Häme", slug="kanta-hame")
    staff = UserFactory(staff=True, display_name="Edelläkävijäkoordinaattori")
    region.officials.add(staff)
    pool, _question = make_pool(region, slug=POOL_SLUG)
    for index in range(7):
        add_member(
            pool,
            UserFactory(display_name=f"Edelläkävijä {index}"),
            answers=["kuljetuspalvelu"],
            languages=["fi"],
        )
    for index in range(3):
        add_member(pool, UserFactory(display_name=f"Kotihoito {index}"), answers=["kotihoito"])
    return pool


def test_without_the_pool_nothing_is_made(db):
    assert seed_calls() == []
    assert not Call.objects.exists()


def test_the_transport_call_and_the_open_call(kanta_hame_pool, client):
    transport, phone = seed_calls()
    assert transport.title == TRANSPORT_TITLE and phone.title == PHONE_TITLE
    transport.refresh_from_db()
    assert transport.status == CallStatus.REPORTED and transport.places == 5
    assert "tilausjärjestelmää" in transport.task and transport.results
    assert list(transport.answer_criteria.values_list("value", flat=True)) == ["kuljetuspalvelu"]
    statuses = sorted(transport.signups.values_list("status", flat=True))
    assert statuses == [SignupStatus.CONFIRMED] * 5 + [SignupStatus.NOT_SELECTED]
    # Only transport-service users signed up; the dates are in the past.
    assert not transport.signups.filter(person__display_name__startswith="Kotihoito").exists()
    assert transport.ends_on < transport.results_published_at.date()
    # The participants were told of the results, and see them on "my impact".
    participant = transport.signups.filter(status=SignupStatus.CONFIRMED).first().person
    assert (
        Notification.objects.filter(recipient=participant, kind=services.CALL_RESULTS).count() == 1
    )
    client.force_login(participant)
    assert transport in client.get(reverse("my_impact")).context["pool_calls"]

    phone.refresh_from_db()
    assert phone.is_open and phone.places == 3
    assert phone.places_left(services.confirmed_count(phone)) == 2

    # Again: nothing new, nobody told again.
    counts = (Call.objects.count(), CallSignup.objects.count(), Notification.objects.count())
    seed_calls()
    assert counts == (
        Call.objects.count(),
        CallSignup.objects.count(),
        Notification.objects.count(),
    )


def test_in_the_whole_demo(demo_pages):
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)
    transport = Call.objects.get(pool__slug=POOL_SLUG, title=TRANSPORT_TITLE)
    assert transport.status == CallStatus.REPORTED
    statuses = sorted(transport.signups.values_list("status", flat=True))
    assert statuses == [SignupStatus.CONFIRMED] * 5 + [SignupStatus.NOT_SELECTED]
    phone = Call.objects.get(pool__slug=POOL_SLUG, title=PHONE_TITLE)
    assert phone.is_open and 0 < phone.places_left(services.confirmed_count(phone)) < 3
    counts = (Call.objects.count(), CallSignup.objects.count(), Notification.objects.count())
    call_command("seed_demo", verbosity=0)
    assert counts == (
        Call.objects.count(),
        CallSignup.objects.count(),
        Notification.objects.count(),
    )
