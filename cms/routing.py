"""Every app's websocket routes, in one list for the ASGI application."""

from ideas.thread.routing import websocket_urlpatterns as ideas_patterns
from live.routing import websocket_urlpatterns as live_patterns
from panels.meetings.routing import websocket_urlpatterns as meetings_patterns
from panels.workshops.routing import websocket_urlpatterns as workshops_patterns

websocket_urlpatterns = [
    *live_patterns,
    *meetings_patterns,
    *workshops_patterns,
    *ideas_patterns,
]
