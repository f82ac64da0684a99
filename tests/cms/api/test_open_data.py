"""The daily dump (manage.py export_open_data) and the /open-data/ page that serves it."""

import csv
import json
from io import StringIO

import pytest
from django.core.management import call_command

from cms.api import open_data

from .conftest import PRIVATE_EMAIL, SECRET

EN = {"accept-language": "en"}


@pytest.fixture
def dump_root(settings, tmp_path):
    settings.OPEN_DATA_ROOT = tmp_path / "open-data"
    return settings.OPEN_DATA_ROOT


def run_export():
    out = StringIO()
    call_command("export_open_data", stdout=out)
    return open_data.current_dir()


def test_every_resource_as_csv_and_json_with_the_licence(world, dump_root):
    directory = run_export()
    names = {path.name for path in directory.iterdir()}
    for resource in [*open_data.RESOURCES, "survey-results", "statistics"]:
        assert {f"{resource}.csv", f"{resource}.json"} <= names
    readme = (directory / "README.txt").read_text()
    assert "CC BY 4.0" in readme
    assert "https://creativecommons.org/licenses/by/4.0/" in readme
    assert "Attribution" in readme
    with open(directory / "ideas.csv", encoding="utf-8") as rows:
        ideas = list(csv.DictReader(rows))
    assert {row["title"] for row in ideas} >= {"Selkokieliset kirjeet", "Takaisinsoitto"}


def test_the_dump_is_what_the_api_shows(client, world, dump_root):
    directory = run_export()
    for resource in open_data.RESOURCES:
        api = client.get(f"/api/v1/{resource}/?page_size=200", headers={"accept-language": "fi"})
        dumped = json.loads((directory / f"{resource}.json").read_text())
        assert dumped == api.json()["results"], resource
    [results] = json.loads((directory / "survey-results.json").read_text())
    assert results["survey"] == world["closed_survey"].pk


def test_nothing_private_in_any_file(world, dump_root):
    directory = run_export()
    for path in directory.iterdir():
        text = path.read_text(encoding="utf-8")
        assert SECRET not in text, path.name
        assert PRIVATE_EMAIL not in text, path.name


def test_a_new_run_replaces_the_old_one_whole(world, dump_root, monkeypatch):
    first = run_export()
    second = run_export()
    assert second != first
    assert not first.exists()
    assert sorted(p.name for p in (dump_root / "releases").iterdir()) == [second.name]

    def broken(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(open_data, "statistics_rows", broken)
    with pytest.raises(RuntimeError):
        run_export()
    # The published files are untouched and no half-written directory is left.
    assert open_data.current_dir() == second
    assert sorted(p.name for p in (dump_root / "releases").iterdir()) == [second.name]


def test_the_page_lists_files_licence_and_the_api(client, world, dump_root):
    empty = client.get("/en/open-data/")
    assert empty.status_code == 200
    assert "No files have been written yet" in empty.content.decode()
    run_export()
    html = client.get("/en/open-data/").content.decode()
    assert 'href="/en/open-data/ideas.csv"' in html
    assert "CC BY 4.0" in html
    assert 'href="/api/v1/docs/"' in html
    assert 'href="/api/v1/schema/"' in html
    assert html.count("<h1") == 1


def test_files_are_downloaded_through_the_site(client, world, dump_root):
    run_export()
    response = client.get("/en/open-data/ideas.json")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    assert json.loads(b"".join(response.streaming_content))
    response.close()
    csv_file = client.get("/en/open-data/ideas.csv")
    assert csv_file.headers["Content-Type"].startswith("text/csv")
    csv_file.close()


@pytest.mark.parametrize(
    "name",
    ["..%2F..%2Fsettings.py", "..", "%2Fetc%2Fpasswd", "README.txt%00.csv", "missing.csv", ".x"],
)
def test_only_listed_files_are_served(client, world, dump_root, name):
    run_export()
    (dump_root / "secret.csv").write_text(SECRET)
    assert client.get(f"/en/open-data/{name}").status_code == 404
    assert client.get("/en/open-data/..%2Fsecret.csv").status_code == 404
