"""Filters, cursors, ETags, the rate limit, CORS, the page cache and query counts."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from ideas.models import Idea
from tests.ideas.factories import IdeaFactory, IdeaRoundFactory

EN = {"accept-language": "en"}


def results(client, url):
    response = client.get(url, headers=EN)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_filters(client, world):
    first, second, _erased = world["ideas"]
    assert {row["id"] for row in results(client, "/api/v1/ideas/?region=karjala")} == {second.pk}
    assert {row["id"] for row in results(client, "/api/v1/ideas/?theme=tyo")} == {second.pk}
    by_round = results(client, f"/api/v1/ideas/?round={world['round'].pk}")
    assert by_round == results(client, "/api/v1/ideas/?round=nuoret-2026")
    assert {row["id"] for row in by_round} == {first.pk, world["ideas"][2].pk}
    assert [row["id"] for row in results(client, "/api/v1/ideas/?status=under_consideration")] == [
        first.pk
    ]
    assert [row["slug"] for row in results(client, "/api/v1/rounds/?theme=asuminen")] == [
        "nuoret-2026"
    ]
    assert len(results(client, "/api/v1/responses/?region=lappi&status=under_consideration")) == 1


def test_changed_since_counts_moves_and_answers(client, world):
    first = world["ideas"][0]
    Idea.objects.update(created_at=timezone.now() - timedelta(days=30))
    since = (timezone.now() - timedelta(days=1)).isoformat()
    changed = results(client, f"/api/v1/ideas/?changed_since={since.replace('+', '%2B')}")
    assert [row["id"] for row in changed] == [first.pk]  # it was answered just now


@pytest.mark.parametrize(
    "query, field",
    [
        ("changed_since=yesterday", "changed_since"),
        ("region=atlantis", "region"),
        ("status=lost", "status"),
    ],
)
def test_bad_filters_are_a_clear_400(client, world, query, field):
    response = client.get(f"/api/v1/ideas/?{query}", headers=EN)
    assert response.status_code == 400
    assert field in response.json()
    assert response.json()[field][0]


def test_cursor_pages_have_no_duplicates_or_gaps(client, world):
    round_ = world["round"]
    IdeaFactory.create_batch(12, round=round_)
    expected = {row["id"] for row in results(client, "/api/v1/ideas/?page_size=200")}
    seen, url = [], "/api/v1/ideas/?page_size=5"
    while url:
        body = client.get(url, headers=EN).json()
        seen += [row["id"] for row in body["results"]]
        if len(seen) == 5:  # a new idea while reading: it comes last, nothing moves
            IdeaFactory(round=round_)
        url = body["next"]
    assert len(seen) == len(set(seen))
    assert set(seen) >= expected
    assert seen == sorted(seen)


def test_page_size_is_bounded(client, world):
    IdeaFactory.create_batch(3, round=world["round"])
    assert len(results(client, "/api/v1/ideas/?page_size=2")) == 2
    response = client.get("/api/v1/ideas/?page_size=100000", headers=EN)
    assert response.status_code == 200


def test_etag_and_304(client, world):
    response = client.get("/api/v1/ideas/")
    etag = response.headers["ETag"]
    assert "public" in response.headers["Cache-Control"]
    again = client.get("/api/v1/ideas/", headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    IdeaFactory(round=world["round"])
    assert client.get("/api/v1/ideas/", headers={"if-none-match": etag}).status_code == 200


def test_no_etag_outside_the_api(client, db):
    assert "ETag" not in client.get("/en/statistics/").headers


@override_settings(RATE_LIMITS={"api": (3, 60)})
def test_rate_limit_per_address(client, db):
    for _n in range(3):
        assert client.get("/api/v1/statuses/", REMOTE_ADDR="10.0.0.1").status_code == 200
    refused = client.get("/api/v1/statuses/", REMOTE_ADDR="10.0.0.1", headers=EN)
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    assert "too many times" in refused.json()["detail"]
    # Another address has its own count.
    assert client.get("/api/v1/statuses/", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_cors_for_reading_on_the_api_only(client, world):
    origin = {"origin": "https://example.com"}
    api = client.get("/api/v1/ideas/", headers=origin)
    assert api.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in api.headers
    assert "ETag" in api.headers["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/ideas/",
        headers={**origin, "access-control-request-method": "GET"},
    )
    assert "POST" not in preflight.headers["Access-Control-Allow-Methods"]
    page = client.get("/en/statistics/", headers=origin)
    assert "Access-Control-Allow-Origin" not in page.headers


@override_settings(PUBLIC_PAGE_CACHE_SECONDS=60, RATE_LIMITS={"api": (2, 60)})
def test_the_page_cache_leaves_the_api_alone(client, world):
    before = client.get("/api/v1/ideas/").json()["results"]
    IdeaFactory(round=world["round"])
    assert len(client.get("/api/v1/ideas/").json()["results"]) == len(before) + 1
    # Every request reached the view and was counted.
    assert client.get("/api/v1/ideas/").status_code == 429


def grow(world, name, count):
    """``count`` more rows of the list ``name``, each with what its serializer reads."""
    from wagtail.models import Site

    from cms.experiments.models import ExperimentPage, PracticePage
    from cms.models import ImpactReportPage
    from ideas.feedback import services
    from tests.panels.surveys.factories import SurveyFactory

    pages = {
        "experiments": ExperimentPage,
        "practices": PracticePage,
        "impact-reports": ImpactReportPage,
    }
    root = Site.objects.get(is_default_site=True).root_page
    for _n in range(count):
        if name in pages:
            model = pages[name]
            number = model.objects.count()
            root.add_child(
                instance=model(
                    title=f"Sivu {number}", slug=f"{name}-{number}", region=world["region"]
                )
            )
        elif name == "surveys":
            SurveyFactory(region=world["region"], closed=True)
        elif name == "rounds":
            IdeaRoundFactory(region=world["region"], themes=["asuminen", "tyo"])
        else:
            idea = IdeaFactory(round=world["round"], themes=["asuminen", "tyo"])
            response = services.publish_response(
                world["decider"], idea, decision="under_consideration", reasons="Katsotaan."
            )
            services.edit_response(world["decider"], response, reasons="Vielä.")


# Queries per list page, whatever its length: the rows, then one query per prefetched
# relation (themes, earlier versions, the site a page's address is on). The rate-limit count
# is in the cache, not the database.
LIST_QUERIES = {
    "regions": 1,
    "rounds": 2,
    "ideas": 2,
    "status-changes": 1,
    "responses": 2,
    "experiments": 2,
    "practices": 2,
    "impact-reports": 2,
    "surveys": 1,
}


@pytest.mark.parametrize("name", list(LIST_QUERIES))
def test_query_counts_stay_flat(client, world, name, django_assert_num_queries):
    grow(world, name, 10)
    with django_assert_num_queries(LIST_QUERIES[name]):
        few = client.get(f"/api/v1/{name}/?page_size=200")
    grow(world, name, 90)
    with django_assert_num_queries(LIST_QUERIES[name]):
        many = client.get(f"/api/v1/{name}/?page_size=200")
    if name != "regions":
        assert len(many.json()["results"]) >= len(few.json()["results"]) + 90


HUGE = str(2**70)


@pytest.mark.parametrize(
    "url, status",
    [
        (f"/api/v1/ideas/{HUGE}/", 404),
        (f"/api/v1/experiments/{HUGE}/", 404),
        (f"/api/v1/surveys/{HUGE}/results/", 404),
        (f"/api/v1/ideas/?round={HUGE}", 200),
        ("/api/v1/ideas/?round=%C2%B2", 200),
        (f"/api/v1/status-changes/?idea={HUGE}", 400),
        ("/api/v1/responses/?idea=1.5", 400),
        ("/api/v1/ideas/?region=a%00", 400),
        ("/api/v1/experiments/?language=a%00", 400),
        ("/api/v1/statistics/ideas/?region=a%00", 400),
        ("/api/v1/ideas/?cursor=not-a-cursor", 404),
        # PostgreSQL takes time zone offsets up to 15:59 only.
        ("/api/v1/ideas/?changed_since=1215-05-15T01:45:49.86%2B19:11", 200),
        ("/api/v1/surveys/?changed_since=0710-01-05T11:59:19-18:47", 200),
        ("/api/v1/ideas/?changed_since=0001-01-01T00:00:00%2B05:00", 400),
        ("/api/v1/responses/?changed_since=9999-12-31T23:59:00-05:00", 400),
    ],
)
def test_numbers_and_bytes_the_database_cannot_take_are_a_4xx(client, db, url, status):
    response = client.get(url, headers=EN)
    assert response.status_code == status
    assert response.json()
