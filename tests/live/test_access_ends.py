"""Every live surface closes at once when access ends while it is open.

The matrix: every kind of person watching an idea thread (public and panel rounds), a
meeting room and their own /ws/me/ channel, times every way access can end: the idea hidden,
withdrawn, moved or deleted; the round becoming a panel's; a membership or facilitation
ending; an official taken off a region or losing the role; a logout, a new password, a
deactivation, the account deleted. Who loses access is told "forbidden" and closed with 4403;
who keeps it stays connected and goes on receiving.
"""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client
from django.utils import timezone

from accounts.roles import Role
from cms.asgi import application
from ideas import services as idea_services
from ideas.models import Comment, Idea
from panels import services as panel_services
from panels.meetings import services as meeting_services
from tests.factories import MembershipFactory, PanelFactory, RegionFactory, UserFactory
from tests.ideas.factories import CommentFactory, IdeaFactory, IdeaRoundFactory
from tests.panels.factories import MeetingFactory
from tests.sockets import ORIGIN, next_of

pytestmark = pytest.mark.django_db(transaction=True)

db = sync_to_async

KINDS = [
    "anonymous",
    "developer_client",
    "member",
    "author",
    "facilitator",
    "region_staff",
    "region_decision_maker",
    "other_region_staff",
    "administrator",
]


def make_world(panel_round=False):
    region = RegionFactory()
    panel = PanelFactory(region=region)
    people = {
        "anonymous": None,
        "developer_client": UserFactory(display_name="Kehittäjäasiakas"),
        "member": MembershipFactory(panel=panel, person=UserFactory(expert=True)).person,
        "author": MembershipFactory(panel=panel).person,
        "facilitator": UserFactory(display_name="Fasilitaattori"),
        "region_staff": UserFactory(staff=True),
        "region_decision_maker": UserFactory(decision_maker=True),
        "other_region_staff": UserFactory(staff=True),
        "administrator": UserFactory(administrator=True),
    }
    panel.facilitators.add(people["facilitator"])
    region.officials.add(people["region_staff"], people["region_decision_maker"])
    RegionFactory().officials.add(people["other_region_staff"])
    idea_round = IdeaRoundFactory(region=region, panel=panel if panel_round else None)
    idea = IdeaFactory(round=idea_round, author=people["author"])
    return {"region": region, "panel": panel, "round": idea_round, "idea": idea, **people}


def signed_in(user):
    """A session of ``user``: the test client that holds it, and its cookie header."""
    client = Client()
    client.force_login(user)
    return client, (b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode())


async def open_socket(path, user=None):
    """(socket, client holding the session or None); the hello frame is read."""
    headers, client = [ORIGIN], None
    if user is not None:
        client, cookie = await db(signed_in)(user)
        headers.append(cookie)
    socket = WebsocketCommunicator(application, path, headers=headers)
    connected, code = await socket.connect()
    assert connected, f"{path} refused with {code}"
    assert (await socket.receive_json_from())["type"] == "hello"
    return socket, client


async def closed_for_good(socket):
    """The socket says why, closes with 4403 and sends nothing after that."""
    error = await next_of(socket, "error")
    assert error["code"] == "forbidden" and error["message"]
    while (output := await socket.receive_output(timeout=3))["type"] != "websocket.close":
        assert output["type"] == "websocket.send"
    assert output["code"] == 4403


async def still_open(socket):
    """The socket still answers, and still gets the thread's news."""
    await socket.send_json_to({"type": "catch_up", "after": 0, "since": None})
    await next_of(socket, "caught_up")


# --- Idea threads: what happens to the idea or its round ------------------------------------


def hide(world):
    idea = Idea.objects.get(pk=world["idea"].pk)
    idea.hidden_at = timezone.now()
    idea.save()


def withdraw(world):
    idea_services.withdraw_idea(world["author"], Idea.objects.get(pk=world["idea"].pk))


def delete(world):
    Idea.objects.get(pk=world["idea"].pk).delete()


def make_panel_only(world):
    idea_round = world["round"]
    idea_round.refresh_from_db()
    idea_round.panel = world["panel"]
    idea_round.save()


# Who may still watch a public idea after it is hidden or withdrawn: its author, the region's
# staff and administrators (ideas.models.IdeaQuerySet.visible_to).
KEEP_HIDDEN = {"author", "region_staff", "administrator"}
KEEP_PANEL_ONLY = {
    "member",
    "author",
    "facilitator",
    "region_staff",
    "region_decision_maker",
    "administrator",
}

IDEA_CHANGES = {
    "hidden": (hide, KEEP_HIDDEN),
    "withdrawn": (withdraw, KEEP_HIDDEN),
    "deleted": (delete, set()),
    "round made panel-only": (make_panel_only, KEEP_PANEL_ONLY),
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("change", list(IDEA_CHANGES))
async def test_a_public_idea_thread_closes_for_whoever_may_no_longer_see_it(kind, change):
    world = await db(make_world)()
    apply, keepers = IDEA_CHANGES[change]
    socket, _ = await open_socket(f"/ws/ideas/{world['idea'].pk}/", world[kind])
    try:
        await next_of(socket, "presence")  # fully connected
        await db(apply)(world)
        if kind in keepers:
            await still_open(socket)
        else:
            await closed_for_good(socket)
    finally:
        await socket.disconnect()


# --- Idea threads in a panel's round: what happens to the person ----------------------------


def end_membership(person, world):
    panel_services.leave_panel(person, world["panel"])


def take_off_facilitators(person, world):
    world["panel"].facilitators.remove(person)


def take_off_region(person, world):
    world["region"].officials.remove(person)


def lose_role(person, world):
    person.refresh_from_db()
    person.role = Role.DEVELOPER_CLIENT
    person.save()


def lose_administrator(person, world):
    person.refresh_from_db()
    person.is_superuser = False
    person.role = Role.DEVELOPER_CLIENT
    person.save()


PERSON_CHANGES = [
    ("member", end_membership),
    ("author", end_membership),
    ("facilitator", take_off_facilitators),
    ("region_staff", take_off_region),
    ("region_staff", lose_role),
    ("region_decision_maker", take_off_region),
    ("region_decision_maker", lose_role),
    ("administrator", lose_administrator),
]


@pytest.mark.parametrize(
    "kind, change", PERSON_CHANGES, ids=[f"{k}-{c.__name__}" for k, c in PERSON_CHANGES]
)
async def test_a_panel_thread_closes_when_the_persons_place_ends(kind, change):
    world = await db(make_world)(panel_round=True)
    path = f"/ws/ideas/{world['idea'].pk}/"
    socket, _ = await open_socket(path, world[kind])
    bystander, _ = await open_socket(
        path, world["facilitator" if kind != "facilitator" else "member"]
    )
    try:
        await next_of(socket, "presence")
        await next_of(bystander, "presence")
        await db(change)(world[kind], world)
        # An author who leaves the panel loses its round's ideas too, their own included.
        await closed_for_good(socket)
        await still_open(bystander)
    finally:
        await socket.disconnect()
        await bystander.disconnect()


# --- The person's session, on every surface -------------------------------------------------


def log_out(person, client):
    client.logout()


def new_password(person, client):
    person.refresh_from_db()
    person.set_password("aivan-uusi-salasana-77")
    person.save()


def deactivate(person, client):
    person.refresh_from_db()
    person.is_active = False
    person.save()


def account_deleted(person, client):
    from accounts.privacy.erasure import delete_account

    person.refresh_from_db()
    delete_account(person)


SESSION_ENDS = [log_out, new_password, deactivate, account_deleted]


def make_room_world():
    world = make_world(panel_round=True)
    meeting = MeetingFactory(panel=world["panel"])
    meeting_services.open_room(world["facilitator"], meeting)
    world["meeting"] = meeting
    return world


SURFACES = {
    "public idea thread": lambda world: f"/ws/ideas/{world['idea'].pk}/",
    "panel idea thread": lambda world: f"/ws/ideas/{world['idea'].pk}/",
    "meeting room": lambda world: f"/ws/meetings/{world['meeting'].pk}/room/",
    "own channel": lambda world: "/ws/me/",
}


@pytest.mark.parametrize("end", SESSION_ENDS, ids=lambda end: end.__name__)
@pytest.mark.parametrize("surface", list(SURFACES))
async def test_every_socket_of_a_session_closes_when_the_session_ends(surface, end):
    world = await db(make_room_world)()
    if surface == "public idea thread":
        world["idea"] = await db(IdeaFactory)(author=world["author"])
    person = world["member"]
    path = SURFACES[surface](world)
    socket, client = await open_socket(path, person)
    other_person, _ = await open_socket(path, world["author"])
    try:
        await db(end)(person, client)
        await closed_for_good(socket)
        # Someone else on the same surface is not disturbed.
        await other_person.send_json_to({"type": "ping"})
        await next_of(other_person, "pong")
    finally:
        await socket.disconnect()
        await other_person.disconnect()


async def test_logging_out_in_one_browser_leaves_the_other_browsers_sockets_open():
    world = await db(make_world)()
    path = f"/ws/ideas/{world['idea'].pk}/"
    phone, phone_client = await open_socket(path, world["member"])
    laptop, _ = await open_socket(path, world["member"])
    try:
        await db(phone_client.logout)()
        await closed_for_good(phone)
        await still_open(laptop)
    finally:
        await phone.disconnect()
        await laptop.disconnect()


async def test_a_logged_out_tab_hears_no_more_notices():
    world = await db(make_world)()
    socket, client = await open_socket("/ws/me/", world["member"])
    try:
        await db(client.logout)()
        await closed_for_good(socket)
    finally:
        await socket.disconnect()


# --- Rechecked on every catch-up and post, even when nobody announced the change -------------


async def test_a_catch_up_after_a_silent_change_sends_nothing_and_closes():
    """A change that sends no signal (a bulk update) is still caught on the next catch-up."""
    world = await db(make_world)()
    idea = world["idea"]
    await db(CommentFactory)(idea=idea, body="Paneelin sisäinen")
    socket, _ = await open_socket(f"/ws/ideas/{idea.pk}/", world["developer_client"])
    try:
        await next_of(socket, "presence")
        await db(Idea.objects.filter(pk=idea.pk).update)(hidden_at=timezone.now())
        await socket.send_json_to({"type": "catch_up", "after": 0, "since": None})
        await closed_for_good(socket)
    finally:
        await socket.disconnect()


async def test_a_post_after_a_silent_change_is_refused_and_closes():
    world = await db(make_world)(panel_round=True)
    idea, member = world["idea"], world["member"]
    socket, _ = await open_socket(f"/ws/ideas/{idea.pk}/", member)
    try:
        await next_of(socket, "presence")
        await db(world["panel"].memberships.filter(person=member).update)(status="removed")
        await socket.send_json_to({"type": "post", "body": "Vielä täällä?", "client_id": "c1"})
        await closed_for_good(socket)
        assert not await db(Comment.objects.filter(author=member).exists)()
    finally:
        await socket.disconnect()
