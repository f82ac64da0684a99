"""The entry point for HTTP in production: gunicorn's sync workers serve it behind nginx
(platform/README.md says why). Websockets are served by daphne, through cms.asgi."""

import os

from django.core.wsgi import get_wsgi_application

from cms.forwarded import ForwardedForFromTrustedProxy

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

application = ForwardedForFromTrustedProxy(get_wsgi_application())
