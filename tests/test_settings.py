"""Every settings module loads; production refuses to start unsafely and passes check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "SECRET_KEY": "Vb3-qLh9_TzR2wXe7KpN4mJc8YsA1uFd6GoHi0ZtWrEq5BnMk-8Xr",
    "ALLOWED_HOSTS": "kohtaamo.example.fi",
    "DATABASE_URL": "sqlite:///" + str(ROOT / "unused.sqlite3"),
    "REDIS_URL": "redis://127.0.0.1:6379/12",
    "SITE_URL": "https://kohtaamo.example.fi",
}
SCRUBBED = {
    "DATABASE_URL",
    "REDIS_URL",
    "SECRET_KEY",
    "SECRET_KEY_FALLBACKS",
    "SITE_URL",
    "ALLOWED_HOSTS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}
PRINT_SETTINGS = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'env': s.KOHTAAMO_ENV, 'debug': s.DEBUG, "
    "'layer': s.CHANNEL_LAYERS['default']['BACKEND'], 'cache': s.CACHES['default']['BACKEND'], "
    "'db': s.DATABASES['default']['ENGINE'], 'verification': s.ACCOUNT_EMAIL_VERIFICATION}))"
)


def run(args, module, **env):
    clean = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    return subprocess.run(
        args,
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": module, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_of(module, **env):
    import json

    result = run([sys.executable, "-c", PRINT_SETTINGS], module, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("module", ["cms.settings.dev", "cms.settings.test"])
def test_development_settings_load_with_the_embedded_default(module):
    loaded = settings_of(module)
    assert loaded["db"] == "django.db.backends.sqlite3"
    assert loaded["layer"] == "channels.layers.InMemoryChannelLayer"
    assert loaded["cache"] == "django.core.cache.backends.locmem.LocMemCache"


def test_redis_url_switches_layer_and_cache_to_redis():
    loaded = settings_of("cms.settings.dev", REDIS_URL="redis://127.0.0.1:6379/3")
    assert loaded["layer"] == "channels_redis.core.RedisChannelLayer"
    assert loaded["cache"] == "cms.cache.ResilientRedisCache"


def test_database_url_is_honoured():
    loaded = settings_of(
        "cms.settings.dev", DATABASE_URL="postgres://kohtaamo@127.0.0.1:5432/kohtaamo"
    )
    assert loaded["db"] == "django.db.backends.postgresql"


@pytest.mark.parametrize(
    "database_url", ["sqlite:///unused.sqlite3", "postgres://kohtaamo@127.0.0.1:5432/kohtaamo"]
)
def test_system_checks_pass_on_each_database(database_url):
    """manage.py migrate runs these checks first; tests alone never do."""
    result = run(
        [sys.executable, "manage.py", "check"], "cms.settings.dev", DATABASE_URL=database_url
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_load_with_real_values():
    loaded = settings_of("cms.settings.production", **PRODUCTION_ENV)
    assert loaded == {**loaded, "env": "production", "debug": False, "verification": "mandatory"}


@pytest.mark.parametrize(
    "missing, message",
    [
        ("SECRET_KEY", "Set SECRET_KEY"),
        ("ALLOWED_HOSTS", "Set ALLOWED_HOSTS"),
        ("REDIS_URL", "Set REDIS_URL"),
        ("SITE_URL", "Set SITE_URL"),
    ],
)
def test_production_refuses_to_start_without(missing, message):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = run([sys.executable, "-c", PRINT_SETTINGS], "cms.settings.production", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_refuses_the_development_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": "dev-only-insecure-key-change-me"}
    result = run([sys.executable, "-c", PRINT_SETTINGS], "cms.settings.production", **env)
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_passes_check_deploy_without_warnings():
    result = run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        "cms.settings.production",
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_a_plain_http_site_url():
    """Links in e-mail would send people's sign-in and unsubscribe tokens in the clear."""
    env = {**PRODUCTION_ENV, "SITE_URL": "http://kohtaamo.example.fi"}
    result = run([sys.executable, "-c", PRINT_SETTINGS], "cms.settings.production", **env)
    assert result.returncode != 0
    assert "Set SITE_URL" in result.stderr


def test_secret_key_fallbacks_are_read_from_the_environment():
    result = run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.SECRET_KEY_FALLBACKS)",
        ],
        "cms.settings.dev",
        SECRET_KEY_FALLBACKS="old-one, older-one",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['old-one', 'older-one']"
