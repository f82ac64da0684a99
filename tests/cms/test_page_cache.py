"""The anonymous page cache (cms.page_cache): public pages from the cache for anonymous
visitors, changes visible within its lifetime, and never one person's page for another.

The test settings turn the cache off; every test here turns it on for itself.
"""

import time

import pytest
from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import path
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import never_cache

from cms import page_cache
from cms.models import HomePage, ImpactReportIndexPage, ImpactReportPage
from tests.factories import UserFactory
from tests.ideas.factories import CommentFactory, IdeaFactory, IdeaRoundFactory

pytestmark = pytest.mark.django_db

LONG_ENOUGH = 60  # seconds: no copy expires during a test unless the clock is moved


@pytest.fixture
def cache_on(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = LONG_ENOUGH


class Clock:
    """Stands in for the time module inside cms.page_cache, to expire copies at will."""

    def __init__(self):
        self.now = 1_000_000.0

    def time(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(page_cache, "time", clock)
    return clock


@pytest.fixture
def idea(db):
    return IdeaFactory(round=IdeaRoundFactory(slug="kuulemiskierros"), title="Selkokieli")


@pytest.fixture
def public_pages(demo_pages, idea):
    """The home page, the rounds, a round, an idea and an impact report."""
    home = HomePage.objects.get(locale__language_code="fi")
    index = home.add_child(instance=ImpactReportIndexPage(title="Raportit", slug="raportit"))
    report = index.add_child(
        instance=ImpactReportPage(title="Sanoitte, teimme", slug="syksy", intro="Mitä tapahtui.")
    )
    report.save_revision().publish()
    return ["/", "/rounds/", idea.round.get_absolute_url(), idea.get_absolute_url(), report.url]


def visit(url, client=None, **extra):
    """A GET as a new anonymous visitor (or ``client``): (response, queries made)."""
    with CaptureQueriesContext(connection) as queries:
        response = (client or Client()).get(url, **extra)
    return response, len(queries)


# --- Public pages --------------------------------------------------------------------------


def test_anonymous_visitors_get_public_pages_from_the_cache(cache_on, public_pages):
    for url in public_pages:
        first, queries_built = visit(url)
        assert first.status_code == 200, url
        assert queries_built > 0, url

        again, queries = visit(url)
        assert again.status_code == 200, url
        assert queries == 0, f"{url} was built again"
        assert again.content == first.content, url
        assert "Set-Cookie" not in again, url
        assert "Cookie" in again["Vary"], url
        assert again["Content-Security-Policy"] == first["Content-Security-Policy"], url


def test_a_new_comment_is_seen_once_the_copy_expires(cache_on, clock, idea):
    url = idea.get_absolute_url()
    assert "Hyvä huomio" not in visit(url)[0].content.decode()
    CommentFactory(idea=idea, body="Hyvä huomio saavutettavuudesta.")

    assert "Hyvä huomio" not in visit(url)[0].content.decode(), "served from the cache"
    clock.now += LONG_ENOUGH + 0.01
    assert "Hyvä huomio" in visit(url)[0].content.decode()


def test_a_change_is_visible_within_the_configured_time(settings, idea):
    """The real clock, the default lifetime (1 s) shortened to keep the test quick."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0.3
    url = idea.get_absolute_url()
    visit(url)
    idea.title = "Selkokieliset päätökset"
    idea.save(update_fields=["title"])
    time.sleep(0.35)
    assert "Selkokieliset päätökset" in visit(url)[0].content.decode()


def test_each_language_has_its_own_copy(cache_on, idea):
    finnish = idea.get_absolute_url()
    english = "/en" + finnish
    assert '<html lang="fi">' in visit(finnish)[0].content.decode()
    assert '<html lang="en">' in visit(english)[0].content.decode()

    (cached_finnish, queries), (cached_english, more_queries) = visit(finnish), visit(english)
    assert queries == more_queries == 0
    assert '<html lang="fi">' in cached_finnish.content.decode()
    assert '<html lang="en">' in cached_english.content.decode()


def test_the_cache_is_off_at_zero_seconds(settings, idea):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    url = idea.get_absolute_url()
    visit(url)
    assert visit(url)[1] > 0


# --- Never someone's own page --------------------------------------------------------------


def test_a_signed_in_person_is_never_served_nor_stored(cache_on, idea):
    url = idea.get_absolute_url()
    person = UserFactory(display_name="Kirsi Kirjautunut")
    signed_in = Client()
    signed_in.force_login(person)

    page, queries = visit(url, signed_in)
    assert "Kirsi Kirjautunut" in page.content.decode() and queries > 0
    anonymous, queries = visit(url)
    assert "Kirsi Kirjautunut" not in anonymous.content.decode()
    assert queries > 0, "the signed-in page was not stored, so the anonymous one is built"

    # And the anonymous copy, now stored, is not what the signed-in person gets.
    page, queries = visit(url, signed_in)
    assert "Kirsi Kirjautunut" in page.content.decode() and queries > 0


@pytest.mark.parametrize(
    "cookie",
    [settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages", "something-else"],
)
def test_a_request_with_any_cookie_is_never_served_from_the_cache(cache_on, idea, cookie):
    url = idea.get_absolute_url()
    visit(url)
    assert visit(url)[1] == 0

    with_cookie = Client()
    with_cookie.cookies[cookie] = "x" * 32
    assert visit(url, with_cookie)[1] > 0


@pytest.mark.parametrize(
    "header", [{"HTTP_AUTHORIZATION": "Basic eDp5"}, {"HTTP_HX_REQUEST": "true"}]
)
def test_a_request_with_a_personal_or_partial_header_is_never_served(cache_on, idea, header):
    url = idea.get_absolute_url()
    visit(url)
    assert visit(url, **header)[1] > 0


# --- What is stored: test views ------------------------------------------------------------

VIEW_RUNS = []


def counted(view):
    def wrapper(request):
        VIEW_RUNS.append(request.path)
        return view(request)

    return wrapper


def plain(request):
    return HttpResponse("<p>Julkinen sivu</p>")


def sets_a_cookie(request):
    response = HttpResponse("<p>Evästeellä</p>")
    response.set_cookie("seen", "1")
    return response


def renders_a_csrf_token(request):
    get_token(request)
    return HttpResponse("<form>token</form>")


def uses_a_csp_nonce(request):
    return HttpResponse(f"<script nonce='{request._csp_nonce}'></script>")


def writes_the_session(request):
    request.session["last_seen"] = "idea 7"
    return HttpResponse("<p>Muistettu</p>")


def varies_on_user_agent(request):
    response = HttpResponse("<p>Selaimen mukaan</p>")
    patch_vary_headers(response, ["User-Agent"])
    return response


def compressed(request):
    response = HttpResponse(b"\x1f\x8b compressed")
    response["Content-Encoding"] = "gzip"
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


def not_found(request):
    return HttpResponse("<p>Ei löytynyt</p>", status=404)


urlpatterns = [
    path("plain/", counted(plain)),
    path("cookie/", counted(sets_a_cookie)),
    path("csrf/", counted(renders_a_csrf_token)),
    path("nonce/", counted(uses_a_csp_nonce)),
    path("session/", counted(writes_the_session)),
    path("vary/", counted(varies_on_user_agent)),
    path("private/", counted(never_cache(plain))),
    path("gzip/", counted(compressed)),
    path("missing/", counted(not_found)),
    path("accounts/public/", counted(plain)),
    path("en/accounts/public/", counted(plain)),
    path("admin/public/", counted(plain)),
]


def views_run(url, times=2, method="get", **extra):
    """How many times the view ran for ``times`` requests, each from a new visitor."""
    before = len(VIEW_RUNS)
    for _ in range(times):
        getattr(Client(), method)(url, **extra)
    return len(VIEW_RUNS) - before


@pytest.mark.urls(__name__)
def test_a_plain_public_response_is_built_once(cache_on):
    assert views_run("/plain/") == 1


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    "url",
    ["/cookie/", "/csrf/", "/nonce/", "/session/", "/vary/", "/private/", "/gzip/", "/missing/"],
)
def test_a_response_that_is_personal_or_not_a_page_is_never_stored(cache_on, url):
    assert views_run(url) == 2


@pytest.mark.urls(__name__)
def test_a_csrf_token_or_nonce_is_never_handed_to_two_visitors(cache_on):
    tokens = {Client().get("/csrf/").cookies[settings.CSRF_COOKIE_NAME].value for _ in range(2)}
    assert len(tokens) == 2
    policies = {Client().get("/nonce/")["Content-Security-Policy"] for _ in range(2)}
    assert len(policies) == 2 and all("'nonce-" in policy for policy in policies)


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("url", ["/accounts/public/", "/en/accounts/public/", "/admin/public/"])
def test_excluded_paths_are_never_cached_in_any_language(cache_on, url):
    assert views_run(url) == 2


@pytest.mark.urls(__name__)
def test_post_is_never_cached_nor_fills_the_cache_for_get(cache_on):
    assert views_run("/plain/", method="post") == 2
    assert views_run("/plain/") == 1


@pytest.mark.urls(__name__)
def test_the_key_has_the_host_and_the_query(cache_on):
    assert views_run("/plain/?sivu=1") == 1
    assert views_run("/plain/?sivu=2") == 1
    assert views_run("/plain/", HTTP_HOST="localhost") == 1
    assert views_run("/plain/", HTTP_HOST="127.0.0.1") == 1


@pytest.mark.urls(__name__)
def test_pages_are_built_when_the_cache_is_unreachable(cache_on, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "cms.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    responses = [Client().get("/plain/") for _ in range(2)]
    assert [response.status_code for response in responses] == [200, 200]
    assert views_run("/plain/") == 2


def test_the_middleware_sees_the_language_and_the_cookies_it_must_refuse():
    """After LocaleMiddleware (the key needs the language); before the middleware that set
    cookies, read the signed-in person or build the content security policy."""
    order = settings.MIDDLEWARE.index
    here = order("cms.page_cache.PublicPageCacheMiddleware")
    assert order("django.middleware.locale.LocaleMiddleware") < here
    for later in [
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.csp.ContentSecurityPolicyMiddleware",
        "cms.unavailable.ServiceUnavailableMiddleware",
    ]:
        assert here < order(later), later
