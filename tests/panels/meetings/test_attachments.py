"""Documents attached to meetings (minutes as PDF, slides): staff attach them in the admin, the
meeting page lists them, and Wagtail serves them only to those who see the meeting
(panels.attachments, the before_serve_document hook in panels.wagtail_hooks).

An upcoming meeting is public, so are its attachments; a past meeting is the panel's (its
active members, facilitators, the region's staff and decision-makers, administrators)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from panels import services
from panels.attachments.access import may_download
from panels.attachments.models import human_size
from panels.meetings.models import Meeting, MeetingAttachment
from tests.attachments import (
    INNER_CIRCLE,
    NO_ATTACHMENTS,
    PDF,
    ROLES,
    add_former_member,
    assert_refused,
    assert_served,
    attachment_forms,
    make_document,
)
from tests.factories import PanelFactory
from tests.panels.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def attach(meeting, document, title=""):
    return MeetingAttachment.objects.create(meeting=meeting, document=document, title=title)


def _admin_form(meeting, **extra):
    start = timezone.localtime(meeting.starts_at)
    end = timezone.localtime(meeting.ends_at)
    return {
        "panel": meeting.panel.pk,
        "title": meeting.title,
        "starts_at": start.strftime("%Y-%m-%d %H:%M"),
        "ends_at": end.strftime("%Y-%m-%d %H:%M"),
        "place": meeting.place,
        "online_link": "",
        "agenda": meeting.agenda,
        "minutes": meeting.minutes,
        **({"publish_minutes": "on"} if meeting.minutes_published_at else {}),
        **NO_ATTACHMENTS,
        **extra,
    }


# --- The admin ----------------------------------------------------------------------------


def test_staff_attach_documents_in_the_meeting_admin(client, world):
    meeting = world.past_meeting
    minutes = make_document("Pöytäkirja 3/2026", name="poytakirja.pdf")
    slides = make_document("Kalvot", name="kalvot.pptx", content=b"slides")
    client.force_login(world.person("staff_same_region"))
    page = client.get(reverse("meeting_admin:edit", args=[meeting.pk])).content.decode()
    assert 'name="attachments-TOTAL_FORMS"' in page

    data = _admin_form(meeting, **attachment_forms(minutes, (slides, "Esityksen kalvot")))
    response = client.post(reverse("meeting_admin:edit", args=[meeting.pk]), data)
    assert response.status_code == 302
    attachments = list(meeting.attachments.all())
    assert [(a.document, a.title, a.label) for a in attachments] == [
        (minutes, "", "Pöytäkirja 3/2026"),
        (slides, "Esityksen kalvot", "Esityksen kalvot"),
    ]

    # Saved again with the first one removed and the other kept.
    data = _admin_form(meeting, **attachment_forms(existing=attachments))
    data["attachments-0-DELETE"] = "on"
    response = client.post(reverse("meeting_admin:edit", args=[meeting.pk]), data)
    assert response.status_code == 302
    assert [a.document for a in meeting.attachments.all()] == [slides]


def test_a_new_meeting_is_saved_with_its_attachments(client, world):
    document = make_document("Esityslista")
    client.force_login(world.person("staff_same_region"))
    add_page = client.get(reverse("meeting_admin:add")).content.decode()
    assert 'name="attachments-TOTAL_FORMS"' in add_page
    start = timezone.localtime() + timedelta(days=3)
    data = _admin_form(
        Meeting(
            panel=world.panel,
            title="Syystapaaminen",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            place="Kirjasto",
        ),
        **attachment_forms(document),
    )
    response = client.post(reverse("meeting_admin:add"), data)
    assert response.status_code == 302
    meeting = Meeting.objects.get(title="Syystapaaminen")
    assert [a.document for a in meeting.attachments.all()] == [document]


def test_staff_cannot_attach_a_document_they_may_not_download(client, world):
    """Otherwise staff could make another region's minutes public by attaching them to a
    public meeting of their own."""
    theirs = MeetingFactory(panel=world.other_panel, past=True)
    secret = make_document("Toisen alueen muistio")
    attach(theirs, secret)
    client.force_login(world.person("staff_same_region"))
    meeting = world.upcoming_meeting
    response = client.post(
        reverse("meeting_admin:edit", args=[meeting.pk]),
        _admin_form(meeting, **attachment_forms(secret)),
    )
    assert response.status_code == 200
    [child] = response.context["form"].formsets["attachments"].forms
    assert list(child.errors) == ["document"]
    assert not meeting.attachments.exists()
    # Nor does the document chooser offer it.
    make_document("Julkinen liite")
    chooser = client.get(reverse("wagtaildocs_chooser:choose")).content.decode()
    assert "Julkinen liite" in chooser and "Toisen alueen muistio" not in chooser


# --- The meeting page ---------------------------------------------------------------------


def test_the_meeting_page_lists_its_attachments(client, world):
    minutes = make_document("Pöytäkirja", file_size=230 * 1024)
    attach(world.past_meeting, minutes)
    attach(world.past_meeting, make_document("Kalvot", name="kalvot.pptx", content=b"x" * 2000))
    client.force_login(world.person("member"))
    html = client.get(reverse("panels:meeting", args=[world.past_meeting.pk])).content.decode()
    assert '<h2 id="attachments-heading">' in html
    assert f'<a href="{minutes.url}">Pöytäkirja <span class="attachments__file">(PDF, ' in html
    assert "230 kB" in html or "230 kt" in html
    assert "(PPTX, 2 kB)" in html or "(PPTX, 2 kt)" in html
    assert html.index("Pöytäkirja") < html.index("Kalvot")


def test_a_meeting_without_attachments_shows_no_heading(client, world):
    client.force_login(world.person("member"))
    html = client.get(reverse("panels:meeting", args=[world.past_meeting.pk])).content.decode()
    assert "attachments-heading" not in html


@pytest.mark.parametrize("role", ["anonymous", "outsider", "member"])
def test_an_upcoming_meetings_attachments_are_listed_to_everyone(client, world, login, role):
    attach(world.upcoming_meeting, make_document("Esityslista"))
    login(world, role)
    html = client.get(reverse("panels:meeting", args=[world.upcoming_meeting.pk])).content.decode()
    assert "Esityslista" in html


def test_the_meeting_page_asks_once_for_all_its_attachments(client, world):
    client.force_login(world.person("member"))
    url = reverse("panels:meeting", args=[world.past_meeting.pk])
    client.get(url)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    attach(world.past_meeting, make_document("Yksi"))
    with_one = count()
    for n in range(10):
        attach(world.past_meeting, make_document(f"Liite {n}", name=f"liite{n}.pdf"))
    assert count() == with_one


def test_file_sizes_are_short_and_in_the_readers_format():
    assert human_size(512) == "512 tavua"
    assert human_size(230 * 1024) in ("230 kB", "230 kt")
    assert human_size(int(1.25 * 1024 * 1024)) in ("1,2 MB", "1,3 MB", "1,2 Mt", "1,3 Mt")


# --- Downloading: the permission matrix ---------------------------------------------------


@pytest.fixture
def former_member(world):
    return add_former_member(world)


@pytest.mark.parametrize("role", ROLES)
def test_a_panel_only_meetings_minutes(client, world, login, former_member, role):
    minutes = make_document("Pöytäkirja")
    attach(world.past_meeting, minutes)
    login(world, role)
    response = client.get(minutes.url)
    if role in INNER_CIRCLE:
        assert_served(response)
    else:
        assert_refused(response, role)


@pytest.mark.parametrize("role", ROLES)
def test_a_public_meetings_attachment(client, world, login, former_member, role):
    agenda = make_document("Esityslista")
    attach(world.upcoming_meeting, agenda)
    login(world, role)
    assert_served(client.get(agenda.url))


def test_a_member_who_leaves_loses_the_minutes(client, world):
    minutes = make_document("Pöytäkirja")
    attach(world.past_meeting, minutes)
    member = world.person("member")
    client.force_login(member)
    assert_served(client.get(minutes.url))
    services.leave_panel(member, world.panel)
    assert_refused(client.get(minutes.url), "member")


def test_staff_lose_the_minutes_when_their_role_ends(client, world):
    minutes = make_document("Pöytäkirja")
    attach(world.past_meeting, minutes)
    staff = world.person("staff_same_region")
    client.force_login(staff)
    assert_served(client.get(minutes.url))
    staff.role = "developer_client"
    staff.save()
    client.force_login(staff)
    assert_refused(client.get(minutes.url), "staff")


def test_a_meeting_becomes_the_panels_when_it_is_over(client, world):
    slides = make_document("Kalvot")
    attach(world.upcoming_meeting, slides)
    assert_served(client.get(slides.url))
    Meeting.objects.filter(pk=world.upcoming_meeting.pk).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
    )
    assert_refused(client.get(slides.url), "anonymous")


def test_a_document_also_attached_where_one_may_see_it_is_served(client, world, login):
    shared = make_document("Yhteinen liite")
    attach(world.past_meeting, shared)
    attach(MeetingFactory(panel=world.other_panel, past=True), shared)
    login(world, "member")  # sees the first meeting, not the other panel's
    assert_served(client.get(shared.url))
    client.logout()
    assert_refused(client.get(shared.url), "anonymous")
    attach(world.upcoming_meeting, shared)
    assert_served(client.get(shared.url))


def test_a_document_attached_to_nothing_is_left_to_wagtail(client, world):
    """Documents that only pages use (an experiment's slides, say) need nothing more."""
    assert_served(client.get(make_document("Kokeilun kalvot").url))


def test_wagtails_collection_privacy_still_holds_for_attachments(client, world):
    private = Collection.get_first_root_node().add_child(name="Sisäiset")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = make_document("Sisäinen", collection=private)
    attach(world.upcoming_meeting, document)
    response = client.get(document.url)
    assert response.status_code == 302 and PDF not in response.content


def test_the_check_is_one_query_however_many_attachments(world):
    document = make_document("Pöytäkirja")
    for _ in range(5):
        attach(MeetingFactory(panel=PanelFactory(), past=True), document)
    attach(world.past_meeting, document)
    for role in ("anonymous", "outsider", "member", "staff_same_region", "staff_other_region"):
        with CaptureQueriesContext(connection) as queries:
            allowed = may_download(world.person(role), document)
        assert len(queries) == 1, role
        assert allowed == (role in INNER_CIRCLE)


def test_deleting_a_document_deletes_its_attachments(world):
    document = make_document("Pöytäkirja")
    attach(world.past_meeting, document)
    get_document_model().objects.filter(pk=document.pk).delete()
    assert not MeetingAttachment.objects.exists()
