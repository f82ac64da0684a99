import pytest
from django.core.cache import cache

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    """allauth's rate limits count in the cache: every test starts uncounted."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_user(db):
    return UserFactory


@pytest.fixture
def demo_pages(db):
    """The home page and a content page in every language, as seed_demo makes them."""
    from cms.demo import seed_pages

    seed_pages()
