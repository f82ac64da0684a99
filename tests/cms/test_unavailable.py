"""With Redis away, pages are served and what must be counted is refused with a 503 "try
again in a moment" (cms.cache, cms.unavailable): never a server error, never let through.

"Away" is the cache the settings configure for a REDIS_URL where nothing listens, so these run
without any Redis. tests/test_faults.py stops and starts a real one under real workers.
"""

import json
import os
import subprocess
import sys

import pytest
from django.db import OperationalError
from django.test import RequestFactory
from django.utils import translation
from redis.exceptions import ConnectionError as RedisConnectionError

from accounts.limits import LimitUnavailable, count
from cms import unavailable
from cms.cache import ResilientRedisCache
from tests.factories import PASSWORD
from tests.servers import ROOT, free_port

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"
BUSY = "Try again in a moment"


@pytest.fixture(scope="module")
def redis_url_where_nothing_listens():
    return f"redis://127.0.0.1:{free_port()}/0"


@pytest.fixture(scope="module")
def configured_caches(redis_url_where_nothing_listens):
    """CACHES exactly as the settings make them from REDIS_URL."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, json; django.setup(); from django.conf import settings; "
            "print(json.dumps(settings.CACHES))",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "REDIS_URL": redis_url_where_nothing_listens,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def redis_away(settings, configured_caches):
    settings.CACHES = configured_caches


def test_the_home_page_is_served_without_redis(client, demo_pages, redis_away):
    response = client.get("/")
    assert response.status_code == 200
    assert client.get("/en/").status_code == 200


def test_the_login_page_is_shown_without_redis(client, redis_away):
    assert client.get(LOGIN).status_code == 200


def test_a_login_without_redis_is_refused_with_try_again(client, make_user, redis_away):
    person = make_user()
    response = client.post(LOGIN, {"login": person.email, "password": PASSWORD})
    assert response.status_code == 503
    assert BUSY in response.content.decode()
    assert response["Retry-After"] == "5"
    # Not let through uncounted, even with the right password.
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "path, form",
    [
        ("/en/accounts/signup/", {"email": "uusi@example.org", "password1": "x" * 12}),
        ("/en/accounts/password/reset/", {"email": "kuka@example.org"}),
    ],
)
def test_other_counted_account_actions_without_redis_are_refused(client, redis_away, path, form):
    response = client.post(path, form)
    assert response.status_code == 503
    assert BUSY in response.content.decode()


def test_an_abuse_limit_without_redis_refuses(redis_away):
    with pytest.raises(LimitUnavailable):
        count("idea", "user:1")


def test_the_cache_reads_miss_and_counting_raises_while_redis_is_away(
    redis_url_where_nothing_listens,
):
    cache = ResilientRedisCache(redis_url_where_nothing_listens, {})
    assert cache.get("wagtail_site_root_paths", "missing") == "missing"
    assert cache.get_many(["a", "b"]) == {}
    cache.set("a", 1)  # skipped, not raised
    assert cache.set_many({"a": 1}) == ["a"]
    for counting in [
        lambda: cache.add("limit", 0),
        lambda: cache.incr("limit"),
        lambda: cache.delete("limit"),
    ]:
        with pytest.raises(RedisConnectionError):
            counting()


@pytest.mark.parametrize(
    "error",
    [
        RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused."),
        LimitUnavailable(),
        OperationalError('connection to server at "db.internal" failed'),
    ],
)
def test_an_outage_in_a_view_answers_503(error):
    request = RequestFactory().post("/en/accounts/login/")
    middleware = unavailable.ServiceUnavailableMiddleware(lambda request: None)
    with translation.override("en"):
        response = middleware.process_exception(request, error)
    assert response.status_code == 503
    assert BUSY in response.content.decode()
    assert "db.internal" not in response.content.decode()


def test_other_errors_are_left_alone():
    request = RequestFactory().get("/")
    middleware = unavailable.ServiceUnavailableMiddleware(lambda request: None)
    assert middleware.process_exception(request, ValueError("a bug")) is None


def test_the_page_falls_back_to_its_bare_form(monkeypatch):
    original = unavailable.render_to_string

    def layout_fails(template_name, *args, **kwargs):
        if template_name == "cms/unavailable.html":
            raise OperationalError("the database is away too")
        return original(template_name, *args, **kwargs)

    monkeypatch.setattr(unavailable, "render_to_string", layout_fails)
    with translation.override("en"):
        response = unavailable.unavailable_response(RequestFactory().get("/"))
    assert response.status_code == 503
    assert BUSY in response.content.decode()
