"""Production refuses to start without Redis (shared limits and live groups) and without the
site's public https address (links in e-mail), as it does without a real secret key."""

import os
import subprocess
import sys

import pytest

from tests.servers import ROOT

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "Vb3-qLh9_TzR2wXe7KpN4mJc8YsA1uFd6GoHi0ZtWrEq5BnMk-8Xr",
    "ALLOWED_HOSTS": "kohtaamo.example.fi",
    "DATABASE_URL": "sqlite:///" + str(ROOT / "unused.sqlite3"),
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "SITE_URL": "https://kohtaamo.example.fi",
}
SCRUBBED = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}
LOAD = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.KOHTAAMO_ENV, settings.CACHES['default']['LOCATION'], "
    "settings.WAGTAILADMIN_BASE_URL)"
)


def load_production(**changes):
    env = {key: value for key, value in os.environ.items() if key not in SCRUBBED}
    env.update(PRODUCTION_ENV)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run(
        [sys.executable, "-c", LOAD], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_loads_with_redis_and_an_https_site_url():
    result = load_production()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "production",
        "redis://127.0.0.1:6379/0",
        "https://kohtaamo.example.fi",
    ]


@pytest.mark.parametrize("redis_url", [None, ""])
def test_production_refuses_to_start_without_redis(redis_url):
    result = load_production(REDIS_URL=redis_url)
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set REDIS_URL" in result.stderr


@pytest.mark.parametrize(
    "site_url",
    [None, "", "http://kohtaamo.example.fi", "https://", "kohtaamo.example.fi"],
)
def test_production_refuses_to_start_without_an_https_site_url(site_url):
    result = load_production(SITE_URL=site_url)
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set SITE_URL" in result.stderr


def test_the_ci_deployment_check_gives_production_what_it_needs():
    ci = (ROOT / ".ci" / "run").read_text()
    check = ci[ci.index("DJANGO_SETTINGS_MODULE=cms.settings.production") :]
    check = check[: check.index("check --deploy")]
    for variable in ["SECRET_KEY=", "ALLOWED_HOSTS=", "REDIS_URL=", "SITE_URL=https://"]:
        assert variable in check
