import pytest

from .world import build_world


@pytest.fixture
def world(demo_pages):
    return build_world()


@pytest.fixture
def cached(settings):
    """The overview's cache on, as in production (the test settings turn it off)."""
    settings.FRONT_PAGE_CACHE_SECONDS = 60
