import pytest
from channels.layers import channel_layers
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    """allauth's rate limits count in the cache: every test starts uncounted."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """A request to /sv/ or /en/ leaves that language active in the thread: start each test
    in the default language, as a fresh request would."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _own_channel_layer():
    """Each test gets a channel layer of its own, as each worker process has. pytest-asyncio
    runs every test on a new event loop, and channels_redis keeps asyncio locks on the layer:
    one that a cancelled task was waiting on stays bound to that test's loop, and the next
    test that has to wait on it fails with "bound to a different event loop"."""
    yield
    channel_layers.backends.clear()


@pytest.fixture
def make_user(db):
    return UserFactory


@pytest.fixture
def demo_pages(db):
    """The home page and a content page in every language, as seed_demo makes them."""
    from cms.demo import seed_pages

    seed_pages()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Browser tests last. Playwright keeps an event loop running in the main thread from the
    first browser test to the end of the session, and async tests (websockets, workers)
    cannot run beside it. pytest-django has ordered the rest by kind of database access by
    now; this keeps that order and moves the browser tests behind it."""
    browser = [item for item in items if "tests/e2e/" in str(item.path)]
    if browser:
        items[:] = [item for item in items if item not in browser] + browser
