"""The front page's queries: a fixed number, with little and with much data, and none for the
overview when an anonymous visitor's copy is in the cache."""

import pytest

from cms.frontpage import caching
from cms.frontpage.regions import COOKIE_NAME
from ideas.models import Phase
from tests.factories import PanelFactory
from tests.ideas.factories import IdeaFactory, IdeaRoundFactory
from tests.panels.factories import MeetingFactory
from tests.panels.surveys.factories import SurveyFactory

from .world import add_region_page

pytestmark = pytest.mark.django_db

# Wagtail's page lookup and the sections below the home page: 9 queries, with or without the
# overview's copy in the cache. Building the anonymous overview adds 12: the region list, open
# rounds, responses, implemented ideas, meetings, surveys, experiments (two: Wagtail's view
# restrictions, then the pages), the region pages and the four of the headline figures.
HOME_WARM = 9
HOME_COLD = HOME_WARM + 12
# A signed-in member: always built fresh (their session, user, permissions and notification
# badge come on top), with their live rooms as one more query; figures and regions still cached.
MEMBER = 22
# The figures of one region take two queries more than those of all regions.
HOME_REGION_COLD = HOME_COLD + 2
# A region's landing page: Wagtail's lookup one level deeper; the overview without the
# region list and the region pages, with the figures of one region.
REGION_WARM = 10
REGION_COLD = REGION_WARM + 11


def more_of_everything(world):
    lappi = world["lappi"]
    for n in range(8):
        round_ = IdeaRoundFactory(region=lappi, slug=f"lisaa-{n}", phase=Phase.DEVELOPMENT)
        IdeaFactory.create_batch(3, round=round_)
        panel = PanelFactory(region=lappi)
        MeetingFactory(panel=panel)
        SurveyFactory(region=lappi)


def count(client, path, django_assert_num_queries, expected):
    with django_assert_num_queries(expected):
        assert client.get(path).status_code == 200


@pytest.fixture(params=[False, True], ids=["little", "much"])
def data(request, world):
    if request.param:
        more_of_everything(world)
    return world


def test_home_page_cold_and_warm(client, data, cached, django_assert_num_queries):
    client.get("/en/")  # Wagtail's site cache
    caching.bump()
    count(client, "/en/", django_assert_num_queries, HOME_COLD)
    count(client, "/en/", django_assert_num_queries, HOME_WARM)


def test_home_page_with_a_chosen_region(client, data, cached, django_assert_num_queries):
    client.get("/en/")
    caching.bump()
    client.cookies[COOKIE_NAME] = "lappi"
    count(client, "/en/", django_assert_num_queries, HOME_REGION_COLD)
    count(client, "/en/", django_assert_num_queries, HOME_WARM)


def test_home_page_for_a_member_is_built_fresh(client, data, cached, django_assert_num_queries):
    client.force_login(data["member"])
    client.get("/en/")
    count(client, "/en/", django_assert_num_queries, MEMBER)
    count(client, "/en/", django_assert_num_queries, MEMBER)


def test_region_page_cold_and_warm(client, data, cached, django_assert_num_queries):
    add_region_page(data["lappi"])
    client.get("/en/lappi/")
    caching.bump()
    count(client, "/en/lappi/", django_assert_num_queries, REGION_COLD)
    count(client, "/en/lappi/", django_assert_num_queries, REGION_WARM)
