"""The purge of unconfirmed applications (the daily retention run), the data export, and
what deleting an account does."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.privacy.erasure import delete_account
from accounts.privacy.export import collect_sections
from accounts.privacy.retention import apply_retention
from panels.pool import services
from panels.pool.models import Application, PoolMember, ScreeningAnswer
from tests.factories import UserFactory
from tests.panels.pool.conftest import received_application

pytestmark = pytest.mark.django_db


def unconfirmed(world, email="x@example.org", age=timedelta(days=0)):
    application = Application.objects.create(
        recruitment=world.recruitment, email=email, display_name="Vahvistamaton"
    )
    ScreeningAnswer.objects.create(
        application=application, question=world.questions[0], value="kotihoito"
    )
    Application.objects.filter(pk=application.pk).update(created_at=timezone.now() - age)
    return application


def test_unconfirmed_applications_are_purged_after_a_week(pool_world):
    old = unconfirmed(pool_world, age=timedelta(days=8))
    fresh = unconfirmed(pool_world, age=timedelta(days=6))
    confirmed = received_application(pool_world)
    Application.objects.filter(pk=confirmed.pk).update(
        created_at=timezone.now() - timedelta(days=30)
    )
    counts = apply_retention()
    assert counts["unconfirmed_pool_applications_deleted"] == 2  # the row and its answer
    assert set(Application.objects.values_list("pk", flat=True)) == {fresh.pk, confirmed.pk}
    assert not ScreeningAnswer.objects.filter(application_id=old.pk).exists()


def test_the_export_holds_applications_with_answers_and_memberships(pool_world):
    person = pool_world.person("client")
    application = received_application(pool_world, person=person)
    services.decide(
        application, decided_by=pool_world.person("staff_same_region"), decision="select"
    )
    PoolMember.objects.filter(person=person).update(interests="Kyydit")
    sections = {section.key: section for section in collect_sections(person)}
    applications = sections["pool_applications"].json_rows()
    assert applications[0]["status"] == "selected"
    assert applications[0]["answers"] == [
        "Mitä palveluja käytät?: kuljetuspalvelu",
        "Miten haluaisit osallistua?: kyselyt",
    ]
    assert sections["pool_memberships"].json_rows()[0]["interests"] == "Kyydit"


def test_deleting_an_account_deletes_applications_and_memberships(pool_world):
    person = UserFactory(email="poistuva@example.org")
    staff = pool_world.person("staff_same_region")
    application = received_application(pool_world, person=person)
    services.decide(application, decided_by=staff, decision="select")
    stray = unconfirmed(pool_world, email="POISTUVA@example.org")
    someone_else = unconfirmed(pool_world, email="muu@example.org")
    staff_decided = received_application(pool_world)
    services.decide(staff_decided, decided_by=staff, decision="reject", reason="Ei.")

    delete_account(person)
    assert not PoolMember.objects.filter(pk__isnull=False, person_id=person.pk).exists()
    assert not Application.objects.filter(pk__in=[application.pk, stray.pk]).exists()
    assert Application.objects.filter(pk=someone_else.pk).exists()

    # A staff member's decisions stay, without their name.
    delete_account(staff)
    staff_decided.refresh_from_db()
    assert staff_decided.decided_by is None and staff_decided.status == "rejected"
