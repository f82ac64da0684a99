"""Documents attached to idea rounds: staff attach them in the admin, the round page lists
them, and Wagtail serves them only to those who see the round (panels.attachments, the
before_serve_document hook in panels.wagtail_hooks). A public round's attachments are public;
a panel's round's are its members', facilitators', the region's officials' and
administrators'."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ideas.models import Phase, RoundAttachment
from panels import services as panel_services
from panels.meetings.models import MeetingAttachment
from tests.attachments import (
    INNER_CIRCLE,
    ROLES,
    add_former_member,
    assert_refused,
    assert_served,
    attachment_forms,
    make_document,
)
from tests.factories import UserFactory
from tests.panels.conftest import build_world
from tests.panels.factories import MeetingFactory

from .factories import IdeaRoundFactory
from .test_admin import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def world(db):
    world = build_world()
    add_former_member(world)
    world.public_round = IdeaRoundFactory(region=world.panel.region, title="Julkinen kierros")
    world.panel_round = IdeaRoundFactory(
        region=world.panel.region, panel=world.panel, title="Raadin kierros"
    )
    return world


@pytest.fixture
def login(client):
    def as_role(world, role):
        if role != "anonymous":
            client.force_login(world.person(role))
        return client

    return as_role


def attach(round_, document, title=""):
    return RoundAttachment.objects.create(round=round_, document=document, title=title)


# --- The admin ----------------------------------------------------------------------------


def test_staff_attach_documents_in_the_round_admin(client, world):
    round_ = world.panel_round
    paper = make_document("Taustapaperi", name="tausta.pdf")
    slides = make_document("Kalvot", name="kalvot.pptx", content=b"slides")
    client.force_login(world.person("staff_same_region"))
    url = reverse("idea_rounds:edit", args=[round_.pk])
    assert 'name="attachments-TOTAL_FORMS"' in client.get(url).content.decode()

    data = {
        **form_data(round_.region, slug=round_.slug, panel=world.panel.pk),
        **attachment_forms((slides, "Avaustilaisuuden kalvot"), paper),
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert [(a.document, a.label) for a in round_.attachments.all()] == [
        (slides, "Avaustilaisuuden kalvot"),
        (paper, "Taustapaperi"),
    ]
    round_.refresh_from_db()
    assert sorted(round_.themes.names()) == ["Asuminen", "Työ"]  # the rest saved as before


def test_a_new_round_is_saved_with_its_attachments(client, world):
    paper = make_document("Taustapaperi")
    client.force_login(world.person("staff_same_region"))
    data = {**form_data(world.panel.region), **attachment_forms(paper)}
    response = client.post(reverse("idea_rounds:add"), data)
    assert response.status_code == 302
    assert [a.document for a in RoundAttachment.objects.filter(round__slug=data["slug"])] == [paper]


def test_staff_cannot_attach_another_regions_panel_documents(client, world):
    theirs = IdeaRoundFactory(region=world.other_panel.region, panel=world.other_panel)
    secret = make_document("Toisen raadin liite")
    attach(theirs, secret)
    client.force_login(world.person("staff_same_region"))
    round_ = world.public_round
    data = {**form_data(round_.region, slug=round_.slug), **attachment_forms(secret)}
    response = client.post(reverse("idea_rounds:edit", args=[round_.pk]), data)
    assert response.status_code == 200
    [child] = response.context["form"].formsets["attachments"].forms
    assert list(child.errors) == ["document"]
    assert not round_.attachments.exists()


# --- The round page -----------------------------------------------------------------------


def test_the_round_page_lists_its_attachments(client, world, login):
    paper = make_document("Taustapaperi", file_size=230 * 1024)
    attach(world.panel_round, paper, title="Lue ensin")
    login(world, "member")
    html = client.get(world.panel_round.get_absolute_url()).content.decode()
    assert '<h2 id="attachments-heading">' in html
    assert f'<a href="{paper.url}">Lue ensin <span class="attachments__file">(PDF, 230 k' in html


@pytest.mark.parametrize("role", ["anonymous", "outsider", "member"])
def test_a_public_rounds_attachments_are_listed_to_everyone(client, world, login, role):
    attach(world.public_round, make_document("Taustapaperi"))
    login(world, role)
    assert "Taustapaperi" in client.get(world.public_round.get_absolute_url()).content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_a_panels_round_page_and_its_attachments(client, world, login, role):
    attach(world.panel_round, make_document("Raadin taustapaperi"))
    login(world, role)
    response = client.get(world.panel_round.get_absolute_url())
    if role in INNER_CIRCLE:
        assert "Raadin taustapaperi" in response.content.decode()
    else:
        assert response.status_code == 404


def test_the_round_page_asks_once_for_all_its_attachments(client, world, login):
    login(world, "member")
    url = world.panel_round.get_absolute_url()

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    attach(world.panel_round, make_document("Yksi"))
    with_one = count()
    for n in range(10):
        attach(world.panel_round, make_document(f"Liite {n}", name=f"liite{n}.pdf"))
    assert count() == with_one


# --- Downloading: the permission matrix ---------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_a_panels_round_attachment(client, world, login, role):
    paper = make_document("Raadin taustapaperi")
    attach(world.panel_round, paper)
    login(world, role)
    response = client.get(paper.url)
    if role in INNER_CIRCLE:
        assert_served(response)
    else:
        assert_refused(response, role)


@pytest.mark.parametrize("role", ROLES)
def test_a_public_rounds_attachment(client, world, login, role):
    paper = make_document("Taustapaperi")
    attach(world.public_round, paper)
    login(world, role)
    assert_served(client.get(paper.url))


def test_the_staff_member_running_a_panels_round_gets_its_attachments(client, world):
    runner = UserFactory(staff=True)
    world.panel_round.run_by = runner
    world.panel_round.save()
    paper = make_document("Taustapaperi")
    attach(world.panel_round, paper)
    client.force_login(runner)
    assert_served(client.get(paper.url))


def test_a_member_who_leaves_loses_the_rounds_attachments(client, world):
    paper = make_document("Taustapaperi")
    attach(world.panel_round, paper)
    member = world.person("member")
    client.force_login(member)
    assert_served(client.get(paper.url))
    panel_services.leave_panel(member, world.panel)
    assert_refused(client.get(paper.url), "member")


def test_a_round_that_becomes_a_panels_takes_its_attachments_along(client, world):
    paper = make_document("Taustapaperi")
    attach(world.public_round, paper)
    assert_served(client.get(paper.url))
    world.public_round.panel = world.panel
    world.public_round.save()
    assert_refused(client.get(paper.url), "anonymous")


def test_meetings_and_rounds_are_asked_together(client, world, login):
    """A document attached to a panel's past meeting and to a public round is public; one
    attached to a panel's round and another panel's past meeting reaches both panels."""
    shared = make_document("Yhteinen liite")
    MeetingAttachment.objects.create(meeting=world.past_meeting, document=shared)
    assert_refused(client.get(shared.url), "anonymous")
    attach(world.public_round, shared)
    assert_served(client.get(shared.url))

    both = make_document("Kahden raadin liite")
    attach(world.panel_round, both)
    MeetingAttachment.objects.create(
        meeting=MeetingFactory(panel=world.other_panel, past=True), document=both
    )
    login(world, "member")
    assert_served(client.get(both.url))
    login(world, "staff_other_region")
    assert_served(client.get(both.url))
    login(world, "outsider")
    assert_refused(client.get(both.url), "outsider")


def test_a_closed_public_rounds_attachments_stay_public(client, world):
    closed = IdeaRoundFactory(region=world.panel.region, phase=Phase.CLOSED)
    paper = make_document("Loppuraportti")
    attach(closed, paper)
    assert_served(client.get(paper.url))
