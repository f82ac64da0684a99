"""The documentation pages under the site's Content Security Policy, and the statistics."""

import re

import pytest

from cms.statistics import figures

EN = {"accept-language": "en"}


def test_documentation_page_lists_every_endpoint_without_inline_script(client, db):
    response = client.get("/api/v1/docs/", headers=EN)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    for path in ["/api/v1/ideas/", "/api/v1/statistics/{figure}/", "/api/v1/surveys/{id}/results/"]:
        assert f"GET {path}" in html
    assert "changed_since" in html
    policy = response.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]


def test_swagger_ui_runs_from_this_server_under_the_policy(client, db):
    page = client.get("/api/v1/docs/swagger/")
    assert page.status_code == 200
    html = page.content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert scripts
    for attributes, body in scripts:
        assert 'src="/' in attributes, "every script is a file from this server"
        assert not body.strip(), "no inline script"
    assert "cdn" not in html
    script = client.get("/api/v1/docs/swagger/?script=")
    assert script.status_code == 200
    assert "/api/v1/schema/" in script.content.decode()


def test_statistics_list_follows_the_statistics_page(client, db):
    rows = client.get("/api/v1/statistics/", headers=EN).json()
    assert [row["slug"] for row in rows] == list(figures.FIGURES)
    assert rows[0]["url"].endswith(f"/api/v1/statistics/{rows[0]['slug']}/")


def test_one_statistic_for_a_region_and_period(client, world):
    slug = next(iter(figures.FIGURES))
    url = f"/api/v1/statistics/{slug}/?region=lappi&start=2026-01&end=2026-03"
    body = client.get(url, headers=EN).json()
    expected = figures.compute(slug, region=world["region"], start="2026-01", end="2026-03")
    assert body["figure"] == slug
    assert body["region"] == "lappi"
    assert body["period"] == expected["period"]
    assert body["rows"] == expected["rows"]


@pytest.mark.parametrize(
    "query, field",
    [("region=atlantis", "region"), ("start=last-year", "period"), ("start=2026-13", "period")],
)
def test_bad_statistic_parameters_are_a_clear_400(client, world, query, field):
    slug = next(iter(figures.FIGURES))
    response = client.get(f"/api/v1/statistics/{slug}/?{query}", headers=EN)
    assert response.status_code == 400
    assert response.json()[field][0]


def test_unknown_figure_and_unknown_address_are_json_404s(client, db):
    for url in ["/api/v1/statistics/no-such-figure/", "/api/v1/nothing-here/"]:
        response = client.get(url, headers=EN)
        assert response.status_code == 404
        assert response.json()["detail"]
