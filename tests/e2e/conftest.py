"""The browser harness: a real daphne server, Debian's Chromium driven by Playwright, axe-core.

Every later journey uses the fixtures here: ``live_url`` (the server, on the test database),
``page`` (pytest-playwright's page in Chromium) and ``assert_accessible`` (axe-core, failing on
serious or critical violations).

Without /usr/bin/chromium the tests skip and say how to install it; with
KOHTAAMO_REQUIRE_BROWSER=1 (set by CI) they fail instead.
"""

import os
import shutil

import pytest
from django.core.management import call_command
from django.db import connections

from tests.servers import DaphneServer

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session", autouse=True)
def _orm_beside_playwright(django_db_setup, django_db_blocker):
    """Playwright's sync API runs an event loop in the test's thread; the ORM calls the tests
    make to arrange and check data (and pytest-django's database set-up) are still plain
    synchronous calls. Session-scoped and autouse, so it is in force before Playwright starts.

    Yields what the database looked like after migrations (see ``_serialized_rollback_here``),
    taken now, while the thread still has its first database connection. Tests that ran
    before the browser tests may have flushed the database without restoring it (post_migrate
    then re-creates groups and content types under new ids); the browser tests start from
    the migrated state again."""
    contents = {
        alias: getattr(connections[alias], "_test_serialized_contents", None)
        for alias in connections
    }
    with django_db_blocker.unblock():
        for alias, serialized in contents.items():
            if serialized is not None:
                call_command(
                    "flush",
                    verbosity=0,
                    interactive=False,
                    database=alias,
                    inhibit_post_migrate=True,
                    # Restored rows keep their ids; the sequences must stay past them.
                    reset_sequences=False,
                )
                connections[alias].creation.deserialize_db_from_string(serialized)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield contents


@pytest.fixture
def _serialized_rollback_here(_orm_beside_playwright):
    """Once Playwright's event loop runs in this thread, asgiref hands the thread a new
    database connection object, which lacks the serialized contents Django keeps on the first
    one. Without them, the flush after each test would re-run post_migrate (new content type
    ids, which a long-running server process has cached) and nothing would be restored. Put
    them back on the connection in use."""
    for alias, contents in _orm_beside_playwright.items():
        if contents is not None:
            connections[alias]._test_serialized_contents = contents


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
    if shutil.which(CHROMIUM):
        return
    message = (
        f"Browser tests need Chromium at {CHROMIUM}: install it with "
        "'apt-get install chromium' (or set CHROMIUM to its path)."
    )
    if os.environ.get("KOHTAAMO_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(message)
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.skip(reason=message))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fi-FI", "timezone_id": "Europe/Helsinki"}


@pytest.fixture(scope="session")
def daphne_server(django_db_setup):
    """One daphne process for the session, serving the test database."""
    server = DaphneServer().start()
    yield server
    server.stop()


@pytest.fixture
def live_url(
    daphne_server, _serialized_rollback_here, transactional_db, django_db_serialized_rollback
):
    """The server's URL. The test's rows are committed, so the server process sees them.

    The database is emptied after each test; serialized rollback restores what migrations
    put there (Wagtail's root page and locale, the role groups) for the next one.
    """
    return daphne_server.url


@pytest.fixture
def live_server_mail(daphne_server):
    """The e-mail the server has sent, as email.message.EmailMessage objects."""
    return daphne_server.sent_mail


@pytest.fixture
def assert_accessible():
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page, context=""):
        results = axe.run(page)
        violations = [
            v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")
        ]
        details = "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(str(node["target"]) for node in v["nodes"][:5])
            for v in violations
        )
        assert not violations, f"axe found violations on {context or page.url}:\n{details}"

    return check
