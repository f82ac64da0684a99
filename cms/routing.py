"""Every app's websocket routes, in one list for the ASGI application."""

from accounts.routing import websocket_urlpatterns as accounts_patterns
from ideas.routing import websocket_urlpatterns as ideas_patterns

websocket_urlpatterns = [*accounts_patterns, *ideas_patterns]
