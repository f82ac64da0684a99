"""Staff in the Wagtail admin: their own region's panels, meetings and applications only."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Notification
from panels.meetings.models import Meeting
from panels.models import MembershipStatus, Panel
from tests.attachments import NO_ATTACHMENTS
from tests.factories import MembershipFactory, PanelFactory, RegionFactory, UserFactory
from tests.panels.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lappi():
    return RegionFactory(name="Lappi", slug="lappi")


@pytest.fixture
def hame():
    return RegionFactory(name="Kanta-Häme", slug="kanta-hame")


@pytest.fixture
def staff(client, lappi):
    user = UserFactory(staff=True, display_name="Lapin työntekijä")
    lappi.officials.add(user)
    client.force_login(user)
    return user


def _panel_form(region, **overrides):
    return {
        "region": region.pk,
        "name": "Uusi raati",
        "slug": "uusi-raati",
        "description": "Kuvaus",
        "kind": "developer_clients",
        "joining_policy": "application",
        "working_languages": ["fi", "se"],
        **overrides,
    }


def test_staff_see_only_their_region(client, staff, lappi, hame):
    PanelFactory(region=lappi, name="Rovaniemen raati")
    PanelFactory(region=hame, name="Hämeen raati")
    html = client.get("/admin/panel_admin/").content.decode()
    assert "Rovaniemen raati" in html and "Hämeen raati" not in html


def test_staff_cannot_open_another_regions_panel(client, staff, hame):
    panel = PanelFactory(region=hame)
    assert client.get(f"/admin/panel_admin/edit/{panel.pk}/").status_code == 404
    assert client.post(f"/admin/panel_admin/edit/{panel.pk}/", _panel_form(hame)).status_code == 404


def test_staff_create_a_panel_in_their_region(client, staff, lappi, hame):
    response = client.post("/admin/panel_admin/new/", _panel_form(lappi))
    assert response.status_code == 302
    panel = Panel.objects.get(slug="uusi-raati")
    assert panel.region == lappi and panel.working_languages == ["fi", "se"]


def test_staff_cannot_create_a_panel_in_another_region(client, staff, hame):
    response = client.post("/admin/panel_admin/new/", _panel_form(hame))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["region"]
    assert not Panel.objects.exists()


def test_only_administrators_manage_regions(client, staff):
    assert client.get("/admin/region_admin/").status_code in (302, 403)
    client.force_login(UserFactory(administrator=True))
    assert client.get("/admin/region_admin/").status_code == 200
    assert client.get("/admin/region_admin/new/").status_code == 200


def test_administrators_see_every_region(client, lappi, hame):
    PanelFactory(region=lappi, name="Rovaniemen raati")
    PanelFactory(region=hame, name="Hämeen raati")
    client.force_login(UserFactory(administrator=True))
    html = client.get("/admin/panel_admin/").content.decode()
    assert "Rovaniemen raati" in html and "Hämeen raati" in html


@pytest.mark.parametrize("role", ["developer_client", "expert_by_experience"])
def test_participants_have_no_admin(client, role):
    client.force_login(UserFactory(role=role))
    assert client.get("/admin/panel_admin/").status_code in (302, 403)


def test_staff_without_a_region_have_no_panel_admin(client):
    client.force_login(UserFactory(staff=True))
    assert client.get("/admin/panel_admin/").status_code in (302, 403)


def test_decide_an_application_in_the_admin(client, staff, lappi, hame):
    application = MembershipFactory(
        panel=PanelFactory(region=lappi), status=MembershipStatus.APPLIED, motivation="Hei"
    )
    elsewhere = MembershipFactory(
        panel=PanelFactory(region=hame), status=MembershipStatus.APPLIED, motivation="Moi"
    )
    queue = client.get("/admin/application_admin/").content.decode()
    assert application.person.display_name in queue
    assert elsewhere.person.display_name not in queue
    assert client.get(f"/admin/application_admin/edit/{elsewhere.pk}/").status_code == 404

    response = client.post(
        f"/admin/application_admin/edit/{application.pk}/",
        {"decision": "approve", "decision_message": "Tervetuloa!"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == MembershipStatus.ACTIVE and application.decided_by == staff
    assert "Tervetuloa!" in Notification.objects.get(recipient=application.person).message

    response = client.post(
        f"/admin/application_admin/edit/{application.pk}/",
        {"decision": "decline", "decision_message": ""},
    )
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == MembershipStatus.ACTIVE


def _meeting_form(panel, start, end):
    return {
        "panel": panel.pk,
        "title": "Syystapaaminen",
        "starts_at": start.strftime("%Y-%m-%d %H:%M"),
        "ends_at": end.strftime("%Y-%m-%d %H:%M"),
        "place": "Kirjasto",
        "online_link": "",
        "agenda": "",
        "minutes": "",
        **NO_ATTACHMENTS,
    }


def test_meetings_in_the_admin(client, staff, lappi, hame):
    own, other = PanelFactory(region=lappi), PanelFactory(region=hame)
    start = timezone.localtime() + timedelta(days=2)
    response = client.post(
        "/admin/meeting_admin/new/", _meeting_form(own, start, start - timedelta(hours=1))
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["ends_at"]
    response = client.post(
        "/admin/meeting_admin/new/", _meeting_form(other, start, start + timedelta(hours=1))
    )
    assert response.status_code == 200 and list(response.context["form"].errors) == ["panel"]
    assert not Meeting.objects.exists()
    response = client.post(
        "/admin/meeting_admin/new/", _meeting_form(own, start, start + timedelta(hours=1))
    )
    assert response.status_code == 302
    assert Meeting.objects.get().created_by == staff
    elsewhere = MeetingFactory(panel=other)
    assert client.get(f"/admin/meeting_admin/edit/{elsewhere.pk}/").status_code == 404
    assert client.get(f"/admin/meeting_admin/delete/{elsewhere.pk}/").status_code == 404


def test_publishing_minutes_in_the_admin_tells_the_members(client, staff, lappi):
    panel = PanelFactory(region=lappi)
    member = MembershipFactory(panel=panel).person
    meeting = MeetingFactory(panel=panel, starts_at=timezone.now() - timedelta(days=1))
    start = timezone.localtime(meeting.starts_at)
    data = _meeting_form(panel, start, start + timedelta(hours=2))
    response = client.post(
        f"/admin/meeting_admin/edit/{meeting.pk}/",
        {**data, "minutes": "Sovittiin jatkosta.", "publish_minutes": "on"},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.has_published_minutes
    assert Notification.objects.get().recipient == member


def test_panels_and_memberships_are_never_deleted_even_by_administrators(client):
    membership = MembershipFactory()
    client.force_login(UserFactory(administrator=True))
    panel = membership.panel
    assert client.get(f"/admin/panel_admin/delete/{panel.pk}/").status_code in (302, 403)
    assert client.post(f"/admin/panel_admin/delete/{panel.pk}/").status_code in (302, 403)
    assert client.get("/admin/application_admin/new/").status_code in (302, 403)
    assert Panel.objects.filter(pk=panel.pk).exists()


@pytest.mark.parametrize("slug", ["applications", "meetings", "invitations"])
def test_a_panel_cannot_take_the_address_of_a_page(client, staff, lappi, slug):
    response = client.post("/admin/panel_admin/new/", _panel_form(lappi, slug=slug))
    assert list(response.context["form"].errors) == ["slug"]
    assert not Panel.objects.exists()
