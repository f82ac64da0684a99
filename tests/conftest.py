import pytest
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


@pytest.fixture
def make_user(db):
    return UserFactory


@pytest.fixture
def demo_pages(db):
    """The home page and a content page in every language, as seed_demo makes them."""
    from cms.demo import seed_pages

    seed_pages()
