import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page

from accounts.demo import DEMO_PEOPLE
from accounts.models import User
from cms.models import ContentPage, HomePage

pytestmark = pytest.mark.django_db

HOMES = [
    ("/", "fi", "Kohtaamo – aktiivisen kohtaamisen foorumi", "Siirry pääsisältöön"),
    ("/sv/", "sv", "Kohtaamo – forum för aktiva möten", "Hoppa till huvudinnehållet"),
    ("/en/", "en", "Kohtaamo – the active-encounter forum", "Skip to main content"),
]


@pytest.mark.parametrize("path, language, title, skip_link", HOMES)
def test_home_page_in_each_language(client, demo_pages, path, language, title, skip_link):
    response = client.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    assert re.findall(r"<h1[ >]", page) == ["<h1>"], "exactly one h1"
    assert f"<h1>{title}</h1>" in page
    assert skip_link in page
    assert 'id="main"' in page
    for landmark in ("<header", "<main", "<footer", "<nav"):
        assert landmark in page


def test_finnish_is_the_default_whatever_the_browser_asks(client, demo_pages):
    page = client.get("/", headers={"accept-language": "en"}).content.decode()
    assert '<html lang="fi">' in page


def test_language_switcher_links_the_translations_of_a_page(client, demo_pages):
    page = client.get("/miten-kohtaamo-toimii/").content.decode()
    assert 'href="/sv/sa-fungerar-kohtaamo/"' in page
    assert 'href="/en/how-kohtaamo-works/"' in page
    assert 'hreflang="fi" lang="fi" aria-current="true"' in page


def test_language_switcher_on_a_view_keeps_the_path(client, demo_pages):
    page = client.get("/accounts/login/").content.decode()
    assert 'href="/sv/accounts/login/"' in page
    assert 'href="/en/accounts/login/"' in page


def test_content_page_renders_its_stream(client, demo_pages):
    page = client.get("/en/how-kohtaamo-works/").content.decode()
    assert "<h1>How Kohtaamo works</h1>" in page
    assert "<h2>Levels of participation</h2>" in page


def test_home_page_query_count_is_small_and_fixed(
    client, demo_pages, django_assert_max_num_queries, settings
):
    # With the front page's overview from its cache (its own counts: tests/cms/frontpage).
    settings.FRONT_PAGE_CACHE_SECONDS = 60
    client.get("/")  # warm Wagtail's site cache
    with django_assert_max_num_queries(12):
        assert client.get("/").status_code == 200


def test_seed_demo_is_idempotent(db, settings):
    settings.DEBUG = False
    call_command("seed_demo")
    counts = (User.objects.count(), Page.objects.count(), HomePage.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Page.objects.count(), HomePage.objects.count()) == counts
    assert HomePage.objects.count() == len(settings.LANGUAGES) == 4
    assert ContentPage.objects.count() == 4
    assert User.objects.filter(email__in=[email for email, *_ in DEMO_PEOPLE]).count() == len(
        DEMO_PEOPLE
    )
    assert {user.role for user in User.objects.all()} >= {
        "developer_client",
        "expert_by_experience",
        "staff",
        "decision_maker",
    }


def test_seed_demo_prints_passwords_in_development_only(db, settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    assert "kohtaamo-demo-2026" in capsys.readouterr().out
    settings.DEBUG = False
    call_command("seed_demo")
    assert "kohtaamo-demo-2026" not in capsys.readouterr().out


def test_seed_demo_refuses_to_run_in_production(db, settings):
    settings.KOHTAAMO_ENV = "production"
    with pytest.raises(CommandError, match="never runs in production"):
        call_command("seed_demo")
    assert not User.objects.exists()


@pytest.mark.parametrize("path", ["/terms/", "/privacy/", "/sv/terms/", "/en/privacy/"])
def test_terms_and_privacy_pages(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert len(re.findall(r"<h1[ >]", response.content.decode())) == 1


def test_htmx_is_vendored_and_served(client):
    response = client.get("/static/vendor/htmx.min.js")
    assert response.status_code == 200
    assert b"htmx" in b"".join(response.streaming_content)
