"""The workshop pages and their actions, role by role: who sees (200), who may act (a
redirect and the change made), and everyone else (404, nothing changed). A locked board or a
finished workshop refuses changes to everyone who sees it, with the reason; and every form
keeps what was typed when it is refused."""

import pytest
from django.urls import reverse
from django.utils import translation

from panels.workshops import services
from panels.workshops.models import Board, Decision, NextStep, Note, NoteComment, NoteLink, Vote
from panels.workshops.views.common import why_closed
from tests.factories import UserFactory

from .conftest import RUN, SEE, WORKSHOP_ROLES

pytestmark = pytest.mark.django_db

# The panel's list of workshops is for its inner circle: a guest knows only their workshop.
LIST = SEE - {"guest", "workshop_facilitator"}
CREATE = {"facilitator", "staff_same_region", "administrator"}


def client_as(client, world, role):
    if role != "anonymous":
        client.force_login(world.person(role))
    return client


def a_note(world, text="Ystävät tukevat", region="own_circle"):
    return services.add_note(
        world.network, world.person("member"), region=region, colour="plain", text=text
    )


# --- Pages ------------------------------------------------------------------------------------


def page_urls(world):
    return {
        "detail": world.workshop.get_absolute_url(),
        "structured": reverse("panels:workshop_board_list", args=[world.network.pk]),
        "card": reverse("panels:workshop_card", args=[world.card.pk]),
        "csv": reverse("panels:workshop_board_csv", args=[world.network.pk]),
        "png": reverse("panels:workshop_board_png", args=[world.network.pk]),
    }


@pytest.mark.parametrize("role", WORKSHOP_ROLES)
@pytest.mark.parametrize("page", ["detail", "structured", "card", "csv", "png"])
def test_who_sees_the_workshop_pages(client, workshop_world, role, page):
    a_note(workshop_world)
    response = client_as(client, workshop_world, role).get(page_urls(workshop_world)[page])
    assert response.status_code == (200 if role in SEE else 404)


@pytest.mark.parametrize("role", WORKSHOP_ROLES)
def test_who_sees_the_panels_workshops(client, workshop_world, role):
    url = reverse("panels:workshop_list", args=[workshop_world.panel.slug])
    response = client_as(client, workshop_world, role).get(url)
    assert response.status_code == (200 if role in LIST else 404)
    if role in LIST:
        assert workshop_world.workshop.title in response.content.decode()
        assert ("/workshops/new/" in response.content.decode()) == (role in CREATE)


@pytest.mark.parametrize("role", WORKSHOP_ROLES)
def test_who_creates_a_workshop(client, workshop_world, role):
    url = reverse("panels:workshop_create", args=[workshop_world.panel.slug])
    client = client_as(client, workshop_world, role)
    assert client.get(url).status_code == (200 if role in CREATE else 404)
    response = client.post(
        url,
        {
            "title": "Palvelupolku kevät",
            "purpose": "Missä tuki katkeaa?",
            "meeting": workshop_world.upcoming_meeting.pk,
            "boards": ["service_path", "segment_card"],
        },
    )
    created = workshop_world.panel.workshops.filter(title="Palvelupolku kevät").first()
    if role in CREATE:
        assert response.status_code == 302
        assert [board.kind for board in created.boards.all()] == ["service_path", "segment_card"]
    else:
        assert response.status_code == 404 and created is None


@pytest.mark.parametrize("role", WORKSHOP_ROLES)
@pytest.mark.parametrize("page", ["edit", "booklet_edit", "booklet", "pdf"])
def test_runners_see_the_draft_booklet_and_the_settings(client, workshop_world, role, page):
    url = {
        "edit": reverse("panels:workshop_edit", args=[workshop_world.workshop.pk]),
        "booklet_edit": reverse("panels:workshop_booklet_edit", args=[workshop_world.workshop.pk]),
        "booklet": reverse("panels:workshop_booklet", args=[workshop_world.workshop.pk]),
        "pdf": reverse("panels:workshop_booklet_pdf", args=[workshop_world.workshop.pk]),
    }[page]
    response = client_as(client, workshop_world, role).get(url)
    assert response.status_code == (200 if role in RUN else 404)


@pytest.mark.parametrize("role", WORKSHOP_ROLES)
def test_the_published_booklet_is_read_by_everyone_who_sees(client, workshop_world, role):
    services.add_decision(
        workshop_world.workshop, workshop_world.person("facilitator"), text="Nuorille oma polku"
    )
    services.publish_booklet(
        workshop_world.workshop, workshop_world.person("facilitator"), summary="Tiivistelmä"
    )
    client = client_as(client, workshop_world, role)
    response = client.get(reverse("panels:workshop_booklet", args=[workshop_world.workshop.pk]))
    assert response.status_code == (200 if role in SEE else 404)
    if role in SEE:
        assert "Nuorille oma polku" in response.content.decode()
    pdf = client.get(reverse("panels:workshop_booklet_pdf", args=[workshop_world.workshop.pk]))
    assert pdf.status_code == (200 if role in SEE else 404)


# --- Taking part ------------------------------------------------------------------------------


def take_part_actions(world):
    """Each action anyone who sees the workshop may take: (url, data, did it happen)."""
    note = a_note(world)
    other = a_note(world, "Koulukuraattori", region="public_services")
    return {
        "add": (
            reverse("panels:workshop_note_add", args=[world.network.pk]),
            {"region": "others", "colour": "gap", "text": "Järjestöt puuttuvat"},
            lambda: Note.objects.filter(text="Järjestöt puuttuvat").exists(),
        ),
        "edit": (
            reverse("panels:workshop_note_edit", args=[note.pk]),
            {"text": "Ystävät ja suku", "colour": "works", "version": "1"},
            lambda: Note.objects.get(pk=note.pk).text == "Ystävät ja suku",
        ),
        "move": (
            reverse("panels:workshop_note_move", args=[note.pk]),
            {"region": "client_group", "position": ""},
            lambda: Note.objects.get(pk=note.pk).region == "client_group",
        ),
        "vote": (
            reverse("panels:workshop_note_vote", args=[note.pk]),
            {},
            lambda: Vote.objects.filter(note=note).exists(),
        ),
        "link": (
            reverse("panels:workshop_link_add", args=[world.network.pk]),
            {"source": note.pk, "target": other.pk, "label": "ohjaa"},
            lambda: NoteLink.objects.filter(source=note, target=other).exists(),
        ),
        "comment": (
            reverse("panels:workshop_note_comment", args=[note.pk]),
            {"body": "Tämä on tärkeä"},
            lambda: NoteComment.objects.filter(note=note).exists(),
        ),
        "card": (
            reverse("panels:workshop_card", args=[world.card.pk]),
            {"name": "Aino, 19", "age_group": "18–24", "situation": "Muutti juuri omilleen"},
            lambda: Board.objects.get(pk=world.card.pk).card_values.get("name") == "Aino, 19",
        ),
        "place": (
            reverse("panels:workshop_card", args=[world.card.pk]),
            {"place": f"{world.network.pk}:client_group"},
            lambda: Note.objects.filter(card=world.card).exists(),
        ),
    }


ACTIONS = ["add", "edit", "move", "vote", "link", "comment", "card", "place"]


@pytest.mark.parametrize("role", WORKSHOP_ROLES)
@pytest.mark.parametrize("action", ACTIONS)
def test_who_takes_part(client, workshop_world, role, action):
    url, data, happened = take_part_actions(workshop_world)[action]
    response = client_as(client, workshop_world, role).post(url, data)
    if role in SEE:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert happened()
    else:
        assert response.status_code == 404
        assert not happened()


@pytest.mark.parametrize("closing", ["lock", "finish"])
@pytest.mark.parametrize("role", WORKSHOP_ROLES)
@pytest.mark.parametrize("action", ACTIONS)
def test_a_closed_board_refuses_everyone(client, workshop_world, closing, role, action):
    actions = take_part_actions(workshop_world)
    facilitator = workshop_world.person("facilitator")
    if closing == "lock":
        services.lock_board(workshop_world.network, facilitator, locked=True)
        services.lock_board(workshop_world.card, facilitator, locked=True)
    else:
        services.finish_workshop(workshop_world.workshop, facilitator)
    url, data, happened = actions[action]
    response = client_as(client, workshop_world, role).post(url, data, follow=role in SEE)
    if role in SEE:
        assert response.status_code == 200
        board = Board.objects.select_related("workshop").get(pk=workshop_world.network.pk)
        with translation.override("fi"):
            reason = str(why_closed(board))
        assert reason in response.content.decode()
    else:
        assert response.status_code == 404
    assert not happened()


def test_the_structured_view_of_a_closed_board_is_read_only(client, workshop_world):
    a_note(workshop_world)
    services.lock_board(workshop_world.network, workshop_world.person("facilitator"), locked=True)
    client.force_login(workshop_world.person("member"))
    page = client.get(reverse("panels:workshop_board_list", args=[workshop_world.network.pk]))
    text = page.content.decode()
    assert "read-only" in text
    assert "/notes/add/" not in text and "/vote/" not in text


# --- Running it -------------------------------------------------------------------------------


def run_actions(world):
    note = a_note(world)
    facilitator = world.person("facilitator")
    item = services.comment(note, world.person("member"), body="Kommentti")
    hidden = a_note(world, "Piilotettu lappu")
    services.hide_note(hidden, facilitator, reason="Asiaton")
    decision = services.add_decision(world.workshop, facilitator, text="Päätös")
    step = services.add_next_step(world.workshop, facilitator, text="Selvitys", owner="Sote")
    guest = UserFactory(email="uusi.vieras@example.fi", display_name="Uusi vieras")
    world.network.refresh_from_db()
    workshop = world.workshop
    return {
        "lock": (
            reverse("panels:workshop_board_lock", args=[world.network.pk]),
            {"locked": "1"},
            lambda: Board.objects.get(pk=world.network.pk).is_locked,
        ),
        "budget": (
            reverse("panels:workshop_board_budget", args=[world.network.pk]),
            {"budget": "3"},
            lambda: Board.objects.get(pk=world.network.pk).vote_budget == 3,
        ),
        "timer": (
            reverse("panels:workshop_timer", args=[workshop.pk]),
            {"minutes": "15", "label": "Pienryhmät"},
            lambda: type(workshop).objects.get(pk=workshop.pk).timer_label == "Pienryhmät",
        ),
        "focus": (
            reverse("panels:workshop_focus", args=[workshop.pk]),
            {"board": world.network.pk},
            lambda: type(workshop).objects.get(pk=workshop.pk).focus_board_id == world.network.pk,
        ),
        "finish": (
            reverse("panels:workshop_finish", args=[workshop.pk]),
            {"finished": "1"},
            lambda: type(workshop).objects.get(pk=workshop.pk).is_finished,
        ),
        "guest": (
            reverse("panels:workshop_guests", args=[workshop.pk]),
            {"email": "UUSI.vieras@example.fi"},
            lambda: workshop.guests.filter(pk=guest.pk).exists(),
        ),
        "board": (
            reverse("panels:workshop_board_add", args=[workshop.pk]),
            {"kind": "blank", "title": "Vapaa taulu"},
            lambda: workshop.boards.filter(title="Vapaa taulu").exists(),
        ),
        "duplicate": (
            reverse("panels:workshop_board_add", args=[workshop.pk]),
            {"source": world.network.pk, "title": "Kopio"},
            lambda: workshop.boards.filter(title="Kopio", duplicated_from=world.network).exists(),
        ),
        "hide": (
            reverse("panels:workshop_note_hide", args=[note.pk]),
            {"reason": "Henkilötietoja"},
            lambda: Note.objects.get(pk=note.pk).is_hidden,
        ),
        "restore": (
            reverse("panels:workshop_note_restore", args=[hidden.pk]),
            {"reason": "Korjattu"},
            lambda: not Note.objects.get(pk=hidden.pk).is_hidden,
        ),
        "hide_comment": (
            reverse("panels:workshop_comment_hide", args=[item.pk]),
            {"reason": "Asiaton"},
            lambda: NoteComment.objects.get(pk=item.pk).hidden_at is not None,
        ),
        "decision_remove": (
            reverse("panels:workshop_decision_remove", args=[decision.pk]),
            {},
            lambda: not Decision.objects.filter(pk=decision.pk).exists(),
        ),
        "step_done": (
            reverse("panels:workshop_step_done", args=[step.pk]),
            {"done": "1"},
            lambda: NextStep.objects.get(pk=step.pk).done,
        ),
        "step_remove": (
            reverse("panels:workshop_step_remove", args=[step.pk]),
            {},
            lambda: not NextStep.objects.filter(pk=step.pk).exists(),
        ),
        "decision_add": (
            reverse("panels:workshop_booklet_edit", args=[workshop.pk]),
            {"action": "decision", "text": "Kokeillaan matalan kynnyksen pistettä"},
            lambda: workshop.decisions.filter(text__startswith="Kokeillaan").exists(),
        ),
        "publish": (
            reverse("panels:workshop_booklet_edit", args=[workshop.pk]),
            {"action": "publish", "summary": "Yhteenveto"},
            lambda: type(workshop).objects.get(pk=workshop.pk).booklet_is_published,
        ),
    }


RUN_ACTIONS = [
    "lock",
    "budget",
    "timer",
    "focus",
    "finish",
    "guest",
    "board",
    "duplicate",
    "hide",
    "restore",
    "hide_comment",
    "decision_remove",
    "step_done",
    "step_remove",
    "decision_add",
    "publish",
]


@pytest.mark.parametrize("role", WORKSHOP_ROLES)
@pytest.mark.parametrize("action", RUN_ACTIONS)
def test_who_runs_the_workshop(client, workshop_world, role, action):
    url, data, happened = run_actions(workshop_world)[action]
    response = client_as(client, workshop_world, role).post(url, data)
    if role in RUN:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert happened()
    else:
        assert response.status_code == 404
        assert not happened()


@pytest.mark.parametrize("action", ["add", "edit", "vote"])
def test_actions_are_post_only(client, workshop_world, action):
    url, _data, _happened = take_part_actions(workshop_world)[action]
    client.force_login(workshop_world.person("member"))
    assert client.get(url).status_code == 405


# --- Bad input --------------------------------------------------------------------------------


@pytest.fixture
def member(client, workshop_world):
    client.force_login(workshop_world.person("member"))
    return client


def structured_url(world):
    return reverse("panels:workshop_board_list", args=[world.network.pk])


@pytest.mark.parametrize(
    "data",
    [
        {"region": "others", "colour": "plain", "text": ""},
        {"region": "others", "colour": "plain", "text": "x" * 281},
        {"region": "moon", "colour": "plain", "text": "Kuussa asti"},
        {"region": "others", "colour": "purple", "text": "Violetti lappu"},
    ],
)
def test_a_refused_note_keeps_what_was_typed(member, workshop_world, data):
    url = reverse("panels:workshop_note_add", args=[workshop_world.network.pk])
    response = member.post(url, data)
    assert response.status_code == 200
    text = response.content.decode()
    assert "field--error" in text or "form__errors" in text
    # The form that failed is open, with the text as it was typed.
    assert "<details open>" in text
    if data["text"]:
        assert data["text"] in text
    if data["region"] == "moon":
        assert "moon" in text
    assert not Note.objects.exists()


def test_personal_details_are_asked_about_and_the_text_kept(member, workshop_world):
    url = reverse("panels:workshop_note_add", args=[workshop_world.network.pk])
    typed = "Soita Ainolle 040 123 4567"
    response = member.post(url, {"region": "others", "colour": "plain", "text": typed})
    text = response.content.decode()
    assert response.status_code == 200
    assert 'id="personal-details-warning"' in text and "040 123 4567" in text
    assert not Note.objects.exists()
    response = member.post(
        url, {"region": "others", "colour": "plain", "text": typed, "confirm_personal": "on"}
    )
    assert response.status_code == 302 and Note.objects.get().text == typed


def test_a_refused_comment_and_edit_stay_by_their_note(member, workshop_world):
    note = a_note(workshop_world)
    response = member.post(
        reverse("panels:workshop_note_comment", args=[note.pk]),
        {"body": "Hänen numeronsa on 040 123 4567"},
    )
    text = response.content.decode()
    assert 'id="personal-details-warning"' in text and "Hänen numeronsa on" in text
    response = member.post(
        reverse("panels:workshop_note_edit", args=[note.pk]), {"text": "", "colour": "plain"}
    )
    assert response.status_code == 200
    assert f'id="note-{note.pk}-edit-text"' in response.content.decode()
    assert Note.objects.get(pk=note.pk).text == "Ystävät tukevat"


def test_a_note_of_another_board_cannot_be_linked(member, workshop_world):
    note = a_note(workshop_world)
    elsewhere = services.add_board(
        workshop_world.workshop, workshop_world.person("facilitator"), kind="blank"
    )
    foreign = services.add_note(
        elsewhere, workshop_world.person("member"), region="board", colour="plain", text="Muu"
    )
    response = member.post(
        reverse("panels:workshop_link_add", args=[workshop_world.network.pk]),
        {"source": note.pk, "target": foreign.pk},
    )
    assert response.status_code == 200 and not NoteLink.objects.exists()


def test_moving_to_a_region_the_template_lacks_is_refused(member, workshop_world):
    note = a_note(workshop_world)
    response = member.post(reverse("panels:workshop_note_move", args=[note.pk]), {"region": "moon"})
    assert response.status_code == 200
    assert Note.objects.get(pk=note.pk).region == "own_circle"


def test_a_vote_over_the_budget_is_refused_with_the_reason(member, workshop_world):
    services.set_vote_budget(workshop_world.network, workshop_world.person("facilitator"), 1)
    note = a_note(workshop_world)
    url = reverse("panels:workshop_note_vote", args=[note.pk])
    assert member.post(url).status_code == 302
    response = member.post(url, follow=True)
    assert "message--error" in response.content.decode()
    assert Vote.objects.count() == 1


@pytest.mark.parametrize("budget", ["-1", "51", "kolme", ""])
def test_a_budget_out_of_range_is_refused(client, workshop_world, budget):
    client.force_login(workshop_world.person("facilitator"))
    response = client.post(
        reverse("panels:workshop_board_budget", args=[workshop_world.network.pk]),
        {"budget": budget},
    )
    assert response.status_code == 200
    assert 'class="field field--error"' in response.content.decode()
    assert Board.objects.get(pk=workshop_world.network.pk).vote_budget == 5


@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("panels:workshop_timer", {"minutes": "181"}),
        ("panels:workshop_timer", {"minutes": ""}),
        ("panels:workshop_guests", {"email": "ei-ketaan@example.fi"}),
        ("panels:workshop_guests", {"email": "ei sähköposti"}),
        ("panels:workshop_board_add", {}),
        ("panels:workshop_board_add", {"kind": "spaceship"}),
    ],
)
def test_the_facilitators_forms_refuse_bad_input(client, workshop_world, url_name, data):
    client.force_login(workshop_world.person("facilitator"))
    boards = workshop_world.workshop.boards.count()
    response = client.post(reverse(url_name, args=[workshop_world.workshop.pk]), data)
    assert response.status_code == 200
    text = response.content.decode()
    assert "field--error" in text or "form__errors" in text
    assert workshop_world.workshop.boards.count() == boards


def test_hiding_needs_a_reason(client, workshop_world):
    note = a_note(workshop_world)
    client.force_login(workshop_world.person("facilitator"))
    response = client.post(reverse("panels:workshop_note_hide", args=[note.pk]), {"reason": " "})
    assert response.status_code == 200
    assert not Note.objects.get(pk=note.pk).is_hidden


def test_a_workshop_needs_a_title_of_sensible_length(client, workshop_world):
    client.force_login(workshop_world.person("facilitator"))
    url = reverse("panels:workshop_create", args=[workshop_world.panel.slug])
    for title in ("", "x" * 201):
        response = client.post(url, {"title": title, "purpose": "Tarkoitus pysyy"})
        assert response.status_code == 200
        assert "Tarkoitus pysyy" in response.content.decode()
    assert workshop_world.panel.workshops.count() == 1


def test_a_card_field_too_long_is_refused(member, workshop_world):
    response = member.post(
        reverse("panels:workshop_card", args=[workshop_world.card.pk]), {"name": "x" * 121}
    )
    assert response.status_code == 200
    assert Board.objects.get(pk=workshop_world.card.pk).card_values == {}


# --- What each sees of a hidden note ----------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "reads"),
    [("member", True), ("guest", False), ("facilitator", True), ("decision_maker", False)],
)
def test_a_hidden_note_is_read_by_its_author_and_the_facilitators(
    client, workshop_world, role, reads
):
    note = a_note(workshop_world, "Naapurin asiat")
    services.hide_note(note, workshop_world.person("facilitator"), reason="Yksityisasia")
    client.force_login(workshop_world.person(role))
    text = client.get(structured_url(workshop_world)).content.decode()
    assert ("Naapurin asiat" in text) == reads
    assert ("Yksityisasia" in text) == reads
    assert f'id="note-{note.pk}"' in text
