"""Meetings: planning, minutes published to members, who is coming and who came."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Notification
from panels.meetings import services
from panels.meetings.models import Attendance, Meeting
from tests.factories import MembershipFactory, PanelFactory, UserFactory
from tests.panels.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel():
    return PanelFactory(name="Rovaniemen raati")


@pytest.fixture
def facilitator(client, panel):
    user = UserFactory(expert=True, display_name="Vetäjä")
    panel.facilitators.add(user)
    client.force_login(user)
    return user


def _form(**overrides):
    start = timezone.localtime() + timedelta(days=3)
    data = {
        "title": "Syksyn tapaaminen",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "place": "Kirjasto",
        "online_link": "",
        "agenda": "1. Kuulumiset",
        "minutes": "",
    }
    return {**data, **overrides}


def test_plan_a_meeting(client, panel, facilitator):
    response = client.post(f"/en/panels/{panel.slug}/meetings/new/", _form())
    meeting = Meeting.objects.get()
    assert response["Location"] == f"/en/panels/meetings/{meeting.pk}/"
    assert meeting.panel == panel and meeting.created_by == facilitator
    assert meeting.minutes_published_at is None


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"ends_at": "2020-01-01T10:00", "starts_at": "2020-01-01T12:00"}, "must end after"),
        ({"ends_at": "2020-01-01T10:00", "starts_at": "2020-01-01T10:00"}, "must end after"),
        ({"starts_at": "huomenna"}, "Enter a valid date/time."),
        ({"title": ""}, "This field is required."),
        ({"title": "x" * 201}, "at most 200 characters"),
        ({"agenda": "x" * 5001}, "at most 5000 characters"),
        ({"online_link": "javascript:alert(1)"}, "Enter a valid URL."),
    ],
)
def test_a_bad_meeting_is_refused_and_the_form_keeps_its_text(
    client, panel, facilitator, overrides, field_message
):
    data = _form(**overrides)
    response = client.post(f"/en/panels/{panel.slug}/meetings/new/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert field_message in html
    assert 'aria-invalid="true"' in html
    assert data["place"] in html
    assert not Meeting.objects.exists()


def test_the_database_refuses_a_meeting_that_ends_before_it_starts(panel):
    from django.db import IntegrityError

    now = timezone.now()
    with pytest.raises(IntegrityError):
        Meeting.objects.create(panel=panel, title="Väärin", starts_at=now, ends_at=now)


def test_publishing_minutes_tells_the_members_once(client, panel, facilitator):
    members = [MembershipFactory(panel=panel).person for _ in range(3)]
    MembershipFactory(panel=panel, status="left")
    meeting = MeetingFactory(panel=panel, starts_at=timezone.now() - timedelta(days=1))
    url = f"/en/panels/meetings/{meeting.pk}/edit/"
    start = timezone.localtime(meeting.starts_at)
    data = _form(
        title=meeting.title,
        starts_at=start.strftime("%Y-%m-%dT%H:%M"),
        ends_at=(start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        minutes="Päätettiin kokeilla takaisinsoittoa.",
    )
    client.post(url, data)  # a draft first
    meeting.refresh_from_db()
    assert meeting.minutes_published_at is None and not Notification.objects.exists()

    client.post(url, {**data, "publish_minutes": "on"})
    client.post(url, {**data, "publish_minutes": "on", "minutes": data["minutes"] + " Korjaus."})
    meeting.refresh_from_db()
    assert meeting.has_published_minutes
    assert sorted(n.recipient_id for n in Notification.objects.all()) == sorted(
        m.pk for m in members
    )

    client.force_login(members[0])
    page = client.get(f"/en/panels/meetings/{meeting.pk}/").content.decode()
    assert "Päätettiin kokeilla takaisinsoittoa. Korjaus." in page


def test_members_do_not_see_draft_minutes(client, panel):
    meeting = MeetingFactory(panel=panel, past=True, minutes="Luonnos", minutes_published_at=None)
    client.force_login(MembershipFactory(panel=panel).person)
    page = client.get(f"/en/panels/meetings/{meeting.pk}/").content.decode()
    assert "Luonnos" not in page and "have not been published" in page


def test_a_member_says_they_are_coming(client, panel):
    member = MembershipFactory(panel=panel).person
    meeting = MeetingFactory(panel=panel)
    client.force_login(member)
    page = client.get(f"/en/panels/meetings/{meeting.pk}/").content.decode()
    assert "Are you coming?" in page
    client.post(f"/en/panels/meetings/{meeting.pk}/respond/", {"response": "coming"})
    client.post(f"/en/panels/meetings/{meeting.pk}/respond/", {"response": "not_coming"})
    assert Attendance.objects.get().response == "not_coming"
    panel_page = client.get(f"/en/panels/{panel.slug}/").content.decode()
    assert "Your answer:" in panel_page


def test_only_members_answer_and_only_before_the_meeting(client, panel):
    meeting = MeetingFactory(panel=panel)
    past = MeetingFactory(panel=panel, past=True)
    client.force_login(UserFactory())
    assert (
        client.post(
            f"/en/panels/meetings/{meeting.pk}/respond/", {"response": "coming"}
        ).status_code
        == 404
    )
    client.force_login(MembershipFactory(panel=panel).person)
    response = client.post(
        f"/en/panels/meetings/{past.pk}/respond/", {"response": "coming"}, follow=True
    )
    assert "This meeting is over." in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_facilitator_records_who_came(client, panel, facilitator):
    came, stayed_home = (MembershipFactory(panel=panel).person for _ in range(2))
    outsider = UserFactory()
    meeting = MeetingFactory(panel=panel, past=True)
    url = f"/en/panels/meetings/{meeting.pk}/attendance/"
    response = client.post(url, {"present": [outsider.pk]})
    assert "Select a valid choice" in response.content.decode()
    assert not Attendance.objects.exists()

    client.post(url, {"present": [came.pk]})
    recorded = dict(Attendance.objects.values_list("person", "attended"))
    assert recorded == {came.pk: True, stayed_home.pk: False}
    page = client.get(f"/en/panels/meetings/{meeting.pk}/").content.decode()
    assert came.display_name in page


def test_a_meeting_that_ends_before_it_starts_is_not_saved():
    meeting = MeetingFactory.build(panel=PanelFactory())
    meeting.ends_at = meeting.starts_at
    with pytest.raises(ValidationError) as error:
        services.save_meeting(meeting, by=None, publish_minutes=False)
    assert "ends_at" in error.value.error_dict
    assert meeting.pk is None
