"""Tests: fast hashing, immediate tasks, e-mail kept in memory.

DATABASE_URL and REDIS_URL are honoured, so that the same suite runs on the embedded
default and against PostgreSQL and Redis.
"""

import tempfile

from .base import *

KOHTAAMO_ENV = "test"
DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
WAGTAILADMIN_BASE_URL = "http://testserver"
# Off: many tests change something and look at the same page again at once, as an anonymous
# visitor. tests/cms/test_page_cache.py turns it on where it is the subject.
PUBLIC_PAGE_CACHE_SECONDS = 0
# Likewise the front page's overview; tests/cms/frontpage turns it on where it is the subject.
FRONT_PAGE_CACHE_SECONDS = 0

# The browser tests run a real daphne server in another process, which must see the test
# database: SQLite therefore gets a file rather than living in memory.
# One file per test run, so that runs side by side never share (and corrupt) a database.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"kohtaamo-test-{os.getpid()}.sqlite3")
    }

# A daphne server started by the tests (tests/servers.py) serves the test database and writes
# the e-mail it sends to files, where the test that started it can read them.
if env("KOHTAAMO_TEST_DATABASE_NAME"):
    DATABASES["default"]["NAME"] = env("KOHTAAMO_TEST_DATABASE_NAME")
if env("KOHTAAMO_TEST_MAIL_DIR"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": env("KOHTAAMO_TEST_MAIL_DIR")},
        }
    }

# Live rooms close as soon as their last socket leaves: a test's loop ends with its sockets.
LIVE_ROOM_LINGER_SECONDS = 0
