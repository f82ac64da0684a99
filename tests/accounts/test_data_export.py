"""Downloading one's own data (GDPR art. 15 and 20): what the ZIP holds and leaves out, the
background task, the notice and e-mail, and a link that only its owner can use, for 7 days."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import DataExport, Notification, User
from accounts.privacy.downloads import discard_expired, request_export
from accounts.privacy.export import Field, Section, build_zip, collect_sections
from accounts.privacy.tasks import DATA_EXPORT_READY, EXPORT_VALID_FOR, build_data_export
from tests.accounts.data_export_world import (
    SECRET_ANONYMOUS_ANSWER,
    build_world,
    more_of_everything,
    read_zip,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def world():
    return build_world()


def rows(data, key):
    return data["sections"][key]


# --- What the ZIP holds ----------------------------------------------------------------------


def test_the_export_holds_every_kind_of_row(world):
    data, _readme, _page = read_zip(build_zip(world.person))
    assert data["format"] == "kohtaamo.personal-data" and data["version"] == 1

    (account,) = rows(data, "account")
    assert account["display_name"] == "Viejä"
    assert account["email"] == "vieja@example.org"
    assert account["role"] == "developer_client"
    assert account["language"] == "en"
    assert account["terms_accepted_at"] and account["date_joined"]
    assert [a["email"] for a in rows(data, "email_addresses")] == []  # none made by the factory

    (idea,) = rows(data, "ideas")
    assert idea["title"] == "Selkokieliset kirjeet" and idea["themes"] == ["Selkokieli"]
    assert idea["url"].startswith("http://testserver/en/rounds/")
    assert [c["body"] for c in rows(data, "comments")] == ["Oma kommenttini"]
    assert [s["idea_title"] for s in rows(data, "supports")] == ["Naapurin idea"]
    assert [f["reason"] for f in rows(data, "flags")] == ["Oma ilmoitukseni"]
    (feedback,) = rows(data, "response_feedback")
    assert feedback["verdict"] == "no" and feedback["comment"] == "Oma palautteeni"
    (answer,) = rows(data, "survey_answers")
    assert answer["survey"] == "Nimellinen kysely" and answer["text"] == "Oma vastaukseni"
    assert [s["survey"] for s in rows(data, "anonymous_surveys_answered")] == ["Anonyymi kysely"]
    (membership,) = rows(data, "panel_memberships")
    assert membership["status"] == "applied" and membership["motivation"] == "Oma hakemukseni"
    assert [i["message"] for i in rows(data, "panel_invitations_received")] == ["Tervetuloa"]
    (attendance,) = rows(data, "meeting_attendance")
    assert attendance["meeting"] == "Kevään tapaaminen" and attendance["response"] == "coming"
    assert [m["body"] for m in rows(data, "room_messages")] == ["Oma huoneviestini"]
    assert [n["message"] for n in rows(data, "notifications")] == ["Oma ilmoitus"]
    preferences = {p["kind"]: p for p in rows(data, "notification_preferences")}
    assert preferences["ideas.reply"]["delivery"] == "email"
    assert preferences["ideas.reply"]["chosen_by_you"] is True
    # Kinds the person never chose show their default, as not chosen.
    assert preferences[DATA_EXPORT_READY] == {
        "kind": DATA_EXPORT_READY,
        "delivery": "email",
        "chosen_by_you": False,
    }


def test_a_staff_members_work_is_in_their_export(world):
    decision_maker = User.objects.get(display_name="Päättäjä")
    data, _readme, _page = read_zip(build_zip(decision_maker))
    (response,) = rows(data, "official_responses")
    assert (
        response["reasons"] == "Selvitetään." and response["idea_title"] == "Selkokieliset kirjeet"
    )
    # Whose feedback it got is theirs, not the responder's.
    assert "Oma palautteeni" not in str(data) and "Naapurin palaute" not in str(data)


def test_other_peoples_rows_are_not_in_it(world):
    data, _readme, page = read_zip(build_zip(world.person))
    everything = str(data) + page
    for theirs in [
        "Naapurin vastaus",  # a reply to the person's own comment, in the same thread
        "Naapurin ilmoitus",
        "Naapurin palaute",
        "Naapurin hakemus",
        "Naapurin huoneviesti",
        "naapuri@example.org",
        "Lähimmäinen",  # not even as the author of anything
    ]:
        assert theirs not in everything, theirs
    # The neighbour's support of the person's idea is the neighbour's: one support, their own.
    assert [s["idea_title"] for s in rows(data, "supports")] == ["Naapurin idea"]
    assert [a["response"] for a in rows(data, "meeting_attendance")] == ["coming"]


def test_anonymous_answers_are_absent_and_the_export_says_so(world):
    data, readme, page = read_zip(build_zip(world.person))
    assert SECRET_ANONYMOUS_ANSWER not in str(data) + readme + page
    assert "Answers to anonymous surveys are not linked to you" in data["notes"]["survey_answers"]
    assert "cannot be found" in data["notes"]["anonymous_surveys_answered"]
    assert "Answers to anonymous surveys are not linked to you" in page
    assert "Answers to anonymous surveys are not linked to you" in readme


def test_every_field_is_documented_in_the_readme(world):
    data, readme, _page = read_zip(build_zip(world.person))
    for key, section_rows in data["sections"].items():
        assert re.search(rf"^{key}: ", readme, re.MULTILINE), key
        for field in section_rows[0] if section_rows else []:
            assert re.search(rf"^  - {field} \(.+\): .+", readme, re.MULTILINE), (key, field)
    # Values of choice fields are listed with what they mean.
    assert "applied = applied" in readme
    assert "under_consideration = under consideration" in readme


def test_a_row_with_an_undocumented_field_is_refused():
    with pytest.raises(ValueError, match="documented"):
        Section(
            key="x",
            title="X",
            description="",
            fields=[Field("a", "a", "A.")],
            rows=[{"a": 1, "secret": 2}],
        )


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.html_lang = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "html":
            self.html_lang = attrs.get("lang")


def test_the_readable_page_is_accessible(world):
    _data, _readme, page = read_zip(build_zip(world.person))
    parsed = _Page()
    parsed.feed(page)
    names = [tag for tag, _attrs in parsed.tags]
    assert parsed.html_lang == "en"
    assert names.count("h1") == 1 and names.count("title") == 1
    assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) in (
        parsed.tags
    )
    # Every table has a caption, every header cell a scope, every scrollable region a name
    # and a place in the tab order.
    assert names.count("table") == names.count("caption") > 5
    assert all(attrs.get("scope") in ("col", "row") for tag, attrs in parsed.tags if tag == "th")
    regions = [attrs for tag, attrs in parsed.tags if attrs.get("role") == "region"]
    assert regions and all(r.get("aria-labelledby") and r.get("tabindex") == "0" for r in regions)
    assert "Kevään tapaaminen" in page and "Selkokieliset kirjeet" in page


def test_the_export_is_in_the_persons_language():
    finn = UserFactory(language="fi", display_name="Suomalainen")
    data, _readme, page = read_zip(build_zip(finn))
    assert data["language"] == "fi"
    assert '<html lang="fi">' in page


def test_the_query_count_stays_flat_as_data_grows():
    small, large = UserFactory(), UserFactory()
    more_of_everything(small, 1)
    more_of_everything(large, 20)
    with CaptureQueriesContext(connection) as one:
        build_zip(small)
    with CaptureQueriesContext(connection) as twenty:
        build_zip(large)
    data, _readme, _page = read_zip(build_zip(large))
    assert len(data["sections"]["ideas"]) == 20 and len(data["sections"]["room_messages"]) == 20
    assert len(twenty) == len(one), [q["sql"] for q in twenty.captured_queries]


def test_each_app_contributes_its_sections_in_dependency_order(world):
    keys = [section.key for section in collect_sections(world.person)]
    assert keys.index("account") == 0
    assert keys.index("panel_memberships") < keys.index("ideas") < keys.index("pages")


# --- Asking for it -----------------------------------------------------------------------------


def test_the_profile_has_the_button(client, world):
    client.force_login(world.person)
    page = client.get(url("profile")).content.decode()
    assert f'action="{url("request_data_export")}"' in page
    assert 'method="post"' in page and "Your data" in page


def test_asking_builds_it_in_a_task_and_tells_the_owner(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.person)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(url("request_data_export"))
    assert answer.status_code == 302 and answer["Location"] == url("your_data")
    export = DataExport.objects.get(person=world.person)
    assert export.is_ready and export.requested_by == world.person
    assert export.expires_at == export.ready_at + EXPORT_VALID_FOR
    notice = Notification.objects.get(recipient=world.person, kind=DATA_EXPORT_READY)
    assert notice.url == url("your_data")
    assert "7 days" in notice.message
    (message,) = mail.outbox
    assert message.to == ["vieja@example.org"]
    assert "http://testserver/en/accounts/your-data/" in message.body
    # The e-mail leads to the page, which needs a log-in; never straight to the file.
    assert str(export.pk) not in message.body

    page = client.get(url("your_data")).content.decode()
    assert url("download_data_export", export.pk) in page


@override_settings(TASKS={"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}})
def test_a_worker_builds_it_later(client, world, django_capture_on_commit_callbacks):
    from django.tasks import default_task_backend

    client.force_login(world.person)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("request_data_export"))
    export = DataExport.objects.get(person=world.person)
    assert not export.is_ready
    (queued,) = default_task_backend.results
    assert queued.task.name == build_data_export.name and queued.args == [str(export.pk)]
    page = client.get(url("your_data")).content.decode()
    assert "being prepared" in page
    assert client.get(url("download_data_export", export.pk))["Location"] == url("your_data")

    with django_capture_on_commit_callbacks(execute=True):
        build_data_export.call(*queued.args)
    export.refresh_from_db()
    assert export.is_ready
    assert Notification.objects.filter(recipient=world.person, kind=DATA_EXPORT_READY).count() == 1
    # A retried task builds nothing twice and tells nobody twice.
    build_data_export.call(*queued.args)
    assert Notification.objects.filter(recipient=world.person, kind=DATA_EXPORT_READY).count() == 1


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_production_queues_it_for_the_database_worker(
    client, world, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    client.force_login(world.person)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("request_data_export"))
    export = DataExport.objects.get(person=world.person)
    assert not export.is_ready
    (queued,) = DBTaskResult.objects.all()
    assert queued.task_path == "accounts.privacy.tasks.build_data_export"

    # What the worker does with the row (the worker itself closes the test's connection).
    with django_capture_on_commit_callbacks(execute=True):
        queued.task.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"])
    export.refresh_from_db()
    assert export.is_ready
    assert Notification.objects.filter(recipient=world.person, kind=DATA_EXPORT_READY).exists()


def test_a_new_request_replaces_the_earlier_export(client, world):
    client.force_login(world.person)
    client.post(url("request_data_export"))
    first = DataExport.objects.get(person=world.person)
    client.post(url("request_data_export"))
    (second,) = DataExport.objects.filter(person=world.person)
    assert second.pk != first.pk


def test_asking_too_often_is_refused_with_a_clear_message(client, world):
    client.force_login(world.person)
    for _ in range(3):
        assert client.post(url("request_data_export")).status_code == 302
    refused = client.post(url("request_data_export"))
    assert refused.status_code == 429
    text = refused.content.decode()
    assert "You have already asked for your data several times today" in text
    assert re.search(r"You can ask again in \d+ hours?", text)
    assert 'role="alert"' in text
    assert DataExport.objects.filter(person=world.person).count() == 1


def test_asking_needs_a_post_and_a_log_in(client, world):
    assert client.post(url("request_data_export")).status_code == 302  # to log in
    client.force_login(world.person)
    assert client.get(url("request_data_export")).status_code == 405
    assert not DataExport.objects.exists()


# --- The download --------------------------------------------------------------------------------


@pytest.fixture
def ready_export(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        export = request_export(world.person)
    export.refresh_from_db()
    return export


def test_the_owner_downloads_the_zip(client, world, ready_export):
    client.force_login(world.person)
    download = client.get(url("download_data_export", ready_export.pk))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    assert download["Content-Disposition"].startswith('attachment; filename="kohtaamo-data-')
    assert "no-store" in download["Cache-Control"]
    data, _readme, _page = read_zip(download.content)
    assert data["sections"]["ideas"][0]["title"] == "Selkokieliset kirjeet"


def test_nobody_else_can_download_it(client, world, ready_export):
    link = url("download_data_export", ready_export.pk)
    assert client.get(link).status_code == 404  # signed out: not even a log-in page
    client.force_login(world.neighbour)
    assert client.get(link).status_code == 404
    client.force_login(UserFactory(administrator=True))
    assert client.get(link).status_code == 404


def test_an_export_staff_made_is_not_the_persons_to_download(client, world):
    admin = UserFactory(administrator=True)
    export = request_export(world.person, by=admin)
    build_data_export.call(str(export.pk))
    client.force_login(world.person)
    assert client.get(url("download_data_export", export.pk)).status_code == 404


def test_after_seven_days_the_link_is_gone_and_so_is_the_zip(client, world, ready_export):
    client.force_login(world.person)
    link = url("download_data_export", ready_export.pk)
    DataExport.objects.filter(pk=ready_export.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    gone = client.get(link)
    assert gone.status_code == 410
    assert "This download has expired" in gone.content.decode()
    assert DataExport.objects.get(pk=ready_export.pk).content is None
    assert client.get(link).status_code == 410
    assert "expired" in client.get(url("your_data")).content.decode()


def test_expired_zips_are_deleted_even_if_nobody_follows_the_link(world, ready_export):
    later = ready_export.expires_at + timedelta(minutes=1)
    discard_expired(later)
    assert DataExport.objects.get(pk=ready_export.pk).content is None
    discard_expired(later + timedelta(days=31))
    assert not DataExport.objects.filter(pk=ready_export.pk).exists()


def test_the_export_goes_with_the_account(world, ready_export):
    world.person.delete()
    assert not DataExport.objects.exists()
