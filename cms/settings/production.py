"""Production: refuses to start without a real secret key, real host names, Redis and the
site's public https address."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *

KOHTAAMO_ENV = "production"
DEBUG = False

if not SECRET_KEY or SECRET_KEY.startswith("dev-only") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a random value of at least 50 characters, e.g. "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
if not env("ALLOWED_HOSTS"):
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the host names the site answers to.")
# Without Redis each worker would keep its own limits (so N workers allow N times as many
# log-in attempts) and its own websocket groups (a post on one worker never reaches a reader
# on another).
if not REDIS_URL:
    raise ImproperlyConfigured(
        "Set REDIS_URL (e.g. redis://127.0.0.1:6379/0): every worker must share the rate limits "
        "and the live discussion groups."
    )
# Links in e-mail are built from SITE_URL: the development default points at 127.0.0.1.
_site_url = urlsplit(env("SITE_URL", ""))
if _site_url.scheme != "https" or not _site_url.hostname:
    raise ImproperlyConfigured(
        "Set SITE_URL to the site's public https address, e.g. https://kohtaamo.example.fi: "
        "links in e-mail are built from it."
    )

ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}

# Behind nginx, which terminates TLS and sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
DATABASES["default"]["CONN_MAX_AGE"] = int(env("DATABASE_CONN_MAX_AGE", "60"))
MAILERS = mailer(SMTP_BACKEND)
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[env("TASKS_BACKEND", "database")]}}
