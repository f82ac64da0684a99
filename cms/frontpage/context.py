"""What the home page adds to its template context: the overview of the chosen region, the
region chooser's choices and the link to the chosen region's landing page."""

from django.utils.translation import get_language

from . import caching
from .models import RegionHomePage
from .overview import overview_for
from .regions import all_regions, chosen_region


def region_page_urls():
    """{region id: the URL of its landing page in this language}: public, so cached."""

    def build():
        pages = RegionHomePage.objects.live().public().filter(locale__language_code=get_language())
        return {page.region_id: page.url for page in pages.defer_streamfields()}

    return caching.cached(f"region-pages:{get_language()}", build)


def home_context(request):
    regions = all_regions()
    region = chosen_region(request, regions)
    return {
        "overview": overview_for(request.user, region),
        "regions": regions,
        "region_page_url": region_page_urls().get(region.pk) if region else None,
    }
