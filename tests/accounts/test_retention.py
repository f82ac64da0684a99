"""What Kohtaamo keeps, and for how long (settings.RETENTION, manage.py apply_retention)."""

from datetime import timedelta
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.core import mail
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.utils import timezone

from accounts.models import Notification, User
from accounts.privacy.retention import apply_retention
from ideas.models import Comment
from tests.factories import PASSWORD, UserFactory
from tests.ideas.factories import CommentFactory

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


def verified(person):
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    return person


def notice(person, age):
    return Notification.objects.create(
        recipient=person, kind="ideas.reply", message="Vastaus", created_at=timezone.now() - age
    )


def test_notices_older_than_a_year_are_deleted(settings):
    assert settings.RETENTION["notifications_days"] == 365
    person = verified(UserFactory())
    old, recent = notice(person, 366 * DAY), notice(person, 364 * DAY)
    assert apply_retention()["notifications_deleted"] == 1
    assert list(Notification.objects.all()) == [recent]
    assert not Notification.objects.filter(pk=old.pk).exists()


def test_accounts_never_verified_are_deleted_after_30_days():
    now = timezone.now()
    unverified = UserFactory(date_joined=now - 31 * DAY)
    CommentFactory(author=unverified, body="Sanottu ennen vahvistusta.")
    newcomer = UserFactory(date_joined=now - 29 * DAY)
    confirmed = verified(UserFactory(date_joined=now - 400 * DAY, last_login=now - DAY))
    in_use = UserFactory(date_joined=now - 40 * DAY, last_login=now - 2 * DAY)
    administrator = UserFactory(administrator=True, date_joined=now - 400 * DAY)

    assert apply_retention()["unverified_accounts_deleted"] == 1
    assert not User.objects.filter(pk=unverified.pk).exists()
    kept = {newcomer, confirmed, in_use, administrator}
    assert set(User.objects.filter(pk__in=[p.pk for p in kept])) == kept
    # Deleted as its owner could delete it: the words stay, unsigned.
    assert Comment.objects.get().author is None


def test_a_long_unused_account_is_warned_then_deleted_unless_someone_logs_in(settings):
    settings.RETENTION = {**settings.RETENTION, "inactivity_warning_days": 30}
    now = timezone.now()
    three_years = settings.RETENTION["inactive_account_days"] * DAY
    asleep = verified(UserFactory(last_login=now - three_years - DAY, language="sv"))
    awake = verified(UserFactory(last_login=now - DAY))

    first = apply_retention(now)
    assert first["inactive_accounts_warned"] == 1 and first["inactive_accounts_deleted"] == 0
    assert [message.to for message in mail.outbox] == [[asleep.email]]
    assert "raderas" in mail.outbox[0].subject  # in the person's own language
    assert "/accounts/login/" in mail.outbox[0].body
    # Warned once, not every day.
    assert apply_retention(now + DAY)["inactive_accounts_warned"] == 0
    assert len(mail.outbox) == 1
    assert apply_retention(now + 29 * DAY)["inactive_accounts_deleted"] == 0

    assert apply_retention(now + 31 * DAY)["inactive_accounts_deleted"] == 1
    assert list(User.objects.all()) == [awake]


def test_logging_in_after_the_warning_keeps_the_account(settings):
    now = timezone.now()
    three_years = settings.RETENTION["inactive_account_days"] * DAY
    returning = verified(UserFactory(last_login=now - three_years - DAY))
    apply_retention(now)
    returning.refresh_from_db()
    assert returning.inactivity_warned_at is not None

    assert Client().login(email=returning.email, password=PASSWORD)
    returning.refresh_from_db()
    assert returning.inactivity_warned_at is None
    assert apply_retention(now + 31 * DAY)["inactive_accounts_deleted"] == 0
    assert User.objects.filter(pk=returning.pk).exists()


def test_the_command_reports_what_it_did():
    person = verified(UserFactory())
    notice(person, 400 * DAY)
    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert "notifications_deleted: 1" in out.getvalue()
    assert "unverified_accounts_deleted: 0" in out.getvalue()


def test_no_model_stores_an_ip_address():
    """The abuse limits count addresses in the cache only; nothing keeps them."""
    stored = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.GenericIPAddressField)
        or any(part in field.name.lower() for part in ("ip_address", "remote_addr", "client_ip"))
    ]
    assert stored == []
