"""What the endpoints give, and only that: anonymous visitors' view of the site."""

import json

import pytest
from django.utils import translation

from .conftest import PRIVATE_EMAIL, SECRET

LISTS = [
    "regions",
    "rounds",
    "ideas",
    "statuses",
    "status-changes",
    "responses",
    "experiments",
    "practices",
    "impact-reports",
    "surveys",
    "statistics",
]


def get(client, url, **headers):
    return client.get(url, headers={"accept-language": "en", **headers})


def rows(client, name):
    body = get(client, f"/api/v1/{name}/").json()
    return body["results"] if isinstance(body, dict) else body


def everything(client, world):
    """Every list, every detail of a listed row, and the survey results: as text."""
    texts = []
    for name in LISTS:
        response = get(client, f"/api/v1/{name}/?page_size=200")
        assert response.status_code == 200, name
        texts.append(response.content.decode())
    details = [
        "rounds",
        "ideas",
        "status-changes",
        "responses",
        "experiments",
        "practices",
        "impact-reports",
        "surveys",
    ]
    for name in details:
        for row in rows(client, name):
            detail = get(client, f"/api/v1/{name}/{row['id']}/")
            assert detail.status_code == 200
            texts.append(detail.content.decode())
    for row in rows(client, "statistics"):
        for region in ["", "?region=lappi"]:
            figure = get(client, f"/api/v1/statistics/{row['slug']}/{region}")
            assert figure.status_code == 200
            texts.append(figure.content.decode())
    texts.append(
        get(client, f"/api/v1/surveys/{world['closed_survey'].pk}/results/").content.decode()
    )
    return "\n".join(texts)


def test_nothing_private_appears_anywhere(client, world):
    text = everything(client, world)
    assert SECRET not in text
    assert PRIVATE_EMAIL not in text
    assert "@" not in text.replace("@example", "")  # no e-mail address of any kind


def test_hidden_and_panel_ideas_are_not_found_by_id(client, world):
    for idea in world["hidden"]:
        assert get(client, f"/api/v1/ideas/{idea.pk}/").status_code == 404
    for page in world["drafts"]:
        assert get(client, f"/api/v1/experiments/{page.pk}/").status_code == 404


def test_ideas_as_the_idea_page_shows_them(client, world):
    first, second, erased = world["ideas"]
    by_id = {row["id"]: row for row in rows(client, "ideas")}
    assert set(by_id) == {first.pk, second.pk, erased.pk}
    assert by_id[first.pk]["author"] == "Kirjoittaja"
    assert by_id[first.pk]["status"] == "under_consideration"
    assert by_id[first.pk]["themes"] == ["asuminen"]
    assert by_id[first.pk]["region"] == "lappi"
    assert by_id[erased.pk] | {"url": None} == by_id[erased.pk] | {
        "title": None,
        "body": None,
        "author": None,
        "erased": True,
        "url": None,
    }


def test_responses_with_versions_organisation_and_responder(client, world):
    [response] = rows(client, "responses")
    assert response["responder"] == "Päättäjä"
    assert response["responder_role"] == "decision_maker"
    assert response["on_behalf_of"] == "Lapin hyvinvointialue"
    assert response["reasons"] == "Selvitämme asian keväällä."
    assert [version["reasons"] for version in response["versions"]] == ["Selvitämme asian."]
    assert response["verdicts"] == {"yes": 0, "partly": 0, "no": 0}
    [change] = rows(client, "status-changes")
    assert change["to_status"] == "under_consideration"
    assert change["actor"] == "Päättäjä"


def test_pages_are_links(client, world):
    [experiment] = rows(client, "experiments")
    assert experiment["title"] == "Kokeilu A"
    assert experiment["region"] == "lappi"
    assert experiment["url"].startswith("http")
    assert [row["title"] for row in rows(client, "practices")] == ["Toimintamalli A"]
    assert [row["title"] for row in rows(client, "impact-reports")] == ["Raportti A"]


def test_survey_results_only_when_published(client, world):
    by_title = {row["title"]: row for row in rows(client, "surveys")}
    assert set(by_title) == {"Suljettu kysely", "Avoin kysely"}
    assert by_title["Suljettu kysely"]["results_published"] is True
    assert by_title["Avoin kysely"]["results"] is None
    results = get(client, f"/api/v1/surveys/{world['closed_survey'].pk}/results/").json()
    assert results["total"] == 5
    assert results["suppressed"] is False
    # Nobody answered the question: too few to show its breakdown.
    assert results["questions"][0]["suppressed"] is True
    closed = get(client, f"/api/v1/surveys/{world['open_survey'].pk}/results/")
    assert closed.status_code == 404
    assert closed.json()["detail"] == "The results of this survey are not published."


def test_statuses_in_the_language_asked_for(client, db):
    english = get(client, "/api/v1/statuses/").json()
    assert {"code": "implemented", "label": "implemented"} in english
    finnish = client.get("/api/v1/statuses/", headers={"accept-language": "fi"}).json()
    with translation.override("fi"):
        assert finnish[0]["label"] == str(translation.pgettext("idea status", "submitted"))
    assert "Accept-Language" in client.get("/api/v1/statuses/").headers["Vary"]


def test_answer_does_not_depend_on_who_asks(client, world):
    anonymous = get(client, "/api/v1/ideas/").content
    client.force_login(world["decider"])
    signed_in = get(client, "/api/v1/ideas/").content
    assert json.loads(signed_in) == json.loads(anonymous)
    assert "Set-Cookie" not in get(client, "/api/v1/ideas/").headers


def test_read_only(client, world):
    assert client.post("/api/v1/ideas/", {}).status_code == 405
    assert client.delete(f"/api/v1/ideas/{world['ideas'][0].pk}/").status_code == 405


@pytest.mark.parametrize("url", ["/api/v1/", "/api/v1/schema/", "/api/v1/schema/?format=json"])
def test_index_and_schema(client, db, url):
    assert client.get(url).status_code == 200
