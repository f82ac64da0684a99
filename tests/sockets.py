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
