"""The entry point for websockets (and, in development, HTTP), served by daphne."""

import gc
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
# Django must be set up before anything that imports models (consumers, routing).
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from cms.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)

# What is loaded by now (Django, Wagtail, the apps) lives as long as the worker. Frozen, it is
# out of the garbage collector's sight: a full collection no longer walks it, which otherwise
# holds a busy worker's loop, and every socket on it, for about a tenth of a second.
gc.freeze()
