"""Staff make a person's data export for a request that arrived by post, in the Wagtail admin:
only those who may change users, logged in the admin's history, downloaded by its maker only,
never e-mailed to the person."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from accounts.models import DataExport, Notification
from accounts.privacy.admin_views import EXPORT_DOWNLOADED, EXPORT_MADE
from accounts.privacy.tasks import DATA_EXPORT_READY
from tests.accounts.data_export_world import build_world, read_zip
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def admin():
    return UserFactory(administrator=True, display_name="Ylläpitäjä", language="en")


def make_url(person):
    return reverse("privacy_admin:make", args=[person.pk])


INDEX = "/admin/data-exports/"


# --- Who may ---------------------------------------------------------------------------------

CAST = {
    "signed out": None,
    "developer-client": {},
    "staff without the permission": {"staff": True},
    "decision-maker": {"decision_maker": True},
    "administrator": {"administrator": True},
}
# What each gets: the admin's log-in, the admin's home with "no permission", or the page.
EXPECTED = {
    "signed out": "login",
    "developer-client": "login",
    "staff without the permission": "admin home",
    "decision-maker": "admin home",
    "administrator": "page",
}


def outcome(answer):
    if answer.status_code == 200:
        return "page"
    assert answer.status_code == 302, answer.status_code
    return "admin home" if answer["Location"] == reverse("wagtailadmin_home") else "login"


@pytest.mark.parametrize("role", CAST)
def test_the_permission_matrix(client, world, role, django_capture_on_commit_callbacks):
    if CAST[role] is not None:
        client.force_login(UserFactory(**CAST[role]))
    assert outcome(client.get(INDEX)) == EXPECTED[role]
    assert outcome(client.get(make_url(world.person))) == EXPECTED[role]
    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(make_url(world.person))
    made = DataExport.objects.filter(person=world.person)
    logged = ModelLogEntry.objects.filter(action=EXPORT_MADE)
    if EXPECTED[role] == "page":
        assert posted.status_code == 302 and posted["Location"] == INDEX
        assert made.count() == 1 and logged.count() == 1
    else:
        assert outcome(posted) == EXPECTED[role]
        assert not made.exists() and not logged.exists()


def test_staff_given_the_change_user_permission_may(client, world):
    staff = UserFactory(staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="change_user"))
    client.force_login(staff)
    assert client.get(make_url(world.person)).status_code == 200


def test_the_menus_offer_it_only_to_those_who_may(client, world, admin):
    client.force_login(admin)
    users = client.get(reverse("wagtailusers_users:index")).content.decode()
    assert make_url(world.person) in users
    assert make_url(admin) not in users  # one's own is on the profile
    assert INDEX in client.get(reverse("wagtailadmin_home")).content.decode()

    client.force_login(UserFactory(staff=True))
    assert INDEX not in client.get(reverse("wagtailadmin_home")).content.decode()


# --- Making, logging, downloading --------------------------------------------------------------


@pytest.fixture
def made(client, world, admin, django_capture_on_commit_callbacks):
    client.force_login(admin)
    page = client.get(make_url(world.person)).content.decode()
    assert "Viejä" in page and "vieja@example.org" in page and "not sent to the person" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(make_url(world.person))
    return DataExport.objects.get(person=world.person)


def test_the_export_is_the_same_and_the_person_is_not_told(client, world, admin, made):
    assert made.is_ready and made.requested_by == admin and made.made_by_staff
    assert not Notification.objects.filter(kind=DATA_EXPORT_READY).exists()
    assert mail.outbox == []
    download = client.get(reverse("privacy_admin:download", args=[made.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    data, _readme, _page = read_zip(download.content)
    assert data["sections"]["account"][0]["email"] == "vieja@example.org"
    assert data["sections"]["comments"][0]["body"] == "Oma kommenttini"
    assert data["sections"]["data_exports"][0]["made_by_staff"] is True


def test_making_and_downloading_are_in_the_admins_history(client, world, admin, made):
    client.get(reverse("privacy_admin:download", args=[made.pk]))
    entries = ModelLogEntry.objects.filter(object_id=str(world.person.pk)).order_by("timestamp")
    assert [(e.action, e.user, e.label) for e in entries] == [
        (EXPORT_MADE, admin, "Viejä"),
        (EXPORT_DOWNLOADED, admin, "Viejä"),
    ]
    history = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Made an export of the data of Viejä, for their request" in history
    assert "Downloaded the export of the data of Viejä" in history
    assert "Ylläpitäjä" in history
    person_history = client.get(reverse("wagtailusers_users:history", args=[world.person.pk]))
    assert "Made an export of the data of Viejä" in person_history.content.decode()


def test_the_list_shows_the_makers_exports(client, made):
    page = client.get(INDEX).content.decode()
    assert reverse("privacy_admin:download", args=[made.pk]) in page
    assert "<caption" in page


def test_only_its_maker_downloads_it(client, world, made):
    link = reverse("privacy_admin:download", args=[made.pk])
    client.force_login(UserFactory(administrator=True))
    assert client.get(link).status_code == 404
    # The other administrator's list holds only what they made.
    assert link not in client.get(INDEX).content.decode()
    client.force_login(world.person)
    assert client.get(link).status_code == 302  # the person has no admin at all
    assert not ModelLogEntry.objects.filter(action=EXPORT_DOWNLOADED).exists()


def test_an_expired_export_is_gone_in_the_admin_too(client, made):
    DataExport.objects.filter(pk=made.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    gone = client.get(reverse("privacy_admin:download", args=[made.pk]))
    assert gone.status_code == 410
    assert DataExport.objects.get(pk=made.pk).content is None
