"""Websocket helpers for tests that talk to the real ASGI application (origin check and
session authentication included)."""

from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from cms.asgi import application

ORIGIN = (b"origin", b"http://testserver")


def cookie_for(user):
    """The session cookie header of ``user``, logged in."""
    client = Client()
    client.force_login(user)
    return (b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode())


async def join(path, user=None):
    """Connect to ``path`` (as ``user``, or anonymously) and read the hello frame.
    Returns (socket, hello), or (None, close code) when the connection is refused."""
    headers = [ORIGIN]
    if user is not None:
        headers.append(await sync_to_async(cookie_for)(user))
    socket = WebsocketCommunicator(application, path, headers=headers)
    connected, code = await socket.connect()
    if not connected:
        return None, code
    hello = await socket.receive_json_from()
    assert hello["type"] == "hello"
    return socket, hello


async def next_of(socket, kind, timeout=3):
    """The next frame of type ``kind``, skipping others (presence, acks)."""
    while True:
        frame = await socket.receive_json_from(timeout=timeout)
        if frame["type"] == kind:
            return frame


def seen_present(socket, frame):
    """Apply a "presence" or "presence_changed" frame to what ``socket``'s client shows as
    here (live.hub), as the page's script does; returns the people shown, in order."""
    shown = getattr(socket, "presence_shown", {})
    if frame["type"] == "presence":
        shown = {person["id"]: person for person in frame["people"] or ()}
    else:
        for person_id in frame["left"]:
            shown.pop(person_id, None)
        shown.update({person["id"]: person for person in frame["joined"]})
    socket.presence_shown = shown
    return sorted(shown.values(), key=lambda person: (person["display_name"].lower(), person["id"]))


async def presence_until(socket, names, timeout=3):
    """Read the socket's frames until its client would show exactly ``names`` as here (in
    that order); returns those people."""
    while True:
        frame = await socket.receive_json_from(timeout=timeout)
        if frame["type"] in ("presence", "presence_changed"):
            people = seen_present(socket, frame)
            if [person["display_name"] for person in people] == names:
                return people
