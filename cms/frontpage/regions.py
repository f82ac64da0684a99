"""The visitor's region: chosen once on the front page, remembered in a cookie.

The cookie holds a region's slug, or nothing for "all regions" (the default). It says nothing
about the person, but a request that carries it is no longer served from the public page
cache (``cms.page_cache`` treats every cookie as personal); the overview itself still comes
from the front page's own cache (``caching``), which is keyed by region.
"""

from panels.models import Region

from . import caching

COOKIE_NAME = "kohtaamo_region"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60


def all_regions():
    """Every region, for the chooser: the same for everyone, so cached."""
    return caching.cached("regions", lambda: list(Region.objects.order_by("name")))


def region_named(slug, regions):
    return next((region for region in regions if region.slug == slug), None)


def chosen_region(request, regions):
    """The region the visitor chose, or None for all regions (also when the region they
    chose has since gone)."""
    return region_named(request.COOKIES.get(COOKIE_NAME, ""), regions)
