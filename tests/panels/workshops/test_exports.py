"""The downloads: a board's notes as CSV (formula-safe, never a hidden note's text), the board
as a PNG picture, the booklet as a PDF; each for exactly those who may read what it holds."""

import csv
import io

import pytest
from django.urls import reverse
from PIL import Image

from panels.workshops import exports, services
from panels.workshops.models import Note

from .conftest import SEE, WORKSHOP_ROLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(workshop_world):
    member = workshop_world.person("member")
    facilitator = workshop_world.person("facilitator")
    board = workshop_world.network
    first = services.add_note(
        board, member, region="own_circle", colour="gap", text="Äiti ja isä, välimatka 300 km"
    )
    formula = services.add_note(
        board, member, region="public_services", colour="plain", text='=HYPERLINK("x")'
    )
    secret = services.add_note(board, member, region="others", colour="plain", text="Salaisuus")
    services.link_notes(first, formula, member, label="jakaa tietoa")
    services.vote(first, member)
    services.comment(first, facilitator, body="Tärkeä")
    services.hide_note(secret, facilitator, reason="Yksityisasia")
    return board


def rows_of(content):
    return list(csv.reader(io.StringIO(content.decode("utf-8"))))


def test_csv_holds_the_notes_safely(board):
    content = exports.board_csv(board)
    assert not content.startswith(b"\xef\xbb\xbf")
    rows = rows_of(content)
    assert len(rows) == 4
    by_text = {row[2]: row for row in rows[1:]}
    first = by_text["Äiti ja isä, välimatka 300 km"]
    assert first[3] == "Raatilainen" and first[4] == "1" and first[5] == "1"
    assert "jakaa tietoa" in first[6]
    assert '\'=HYPERLINK("x")' in by_text
    assert "Salaisuus" not in content.decode()


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)"])
def test_cells_that_look_like_formulas_are_text(value):
    assert exports.safe_cell(value) == "'" + value
    assert exports.safe_cell("Tavallinen") == "Tavallinen"


def test_png_is_a_picture_of_the_board(board):
    image = Image.open(io.BytesIO(exports.board_png(board)))
    assert image.format == "PNG"
    assert 800 <= image.width <= 4000 and 200 <= image.height <= 30000


def test_png_of_the_service_path(workshop_world):
    facilitator = workshop_world.person("facilitator")
    path = services.add_board(workshop_world.workshop, facilitator, kind="service_path")
    # Written straight to the table: the services would rate-limit six notes in a row.
    Note.objects.bulk_create(
        Note(
            board=path,
            region="contact__worker" if index % 2 else "services__client",
            colour="overlap",
            text=("Päällekkäinen arviointi " * (index + 1)).strip(),
            position=index,
            author=facilitator,
        )
        for index in range(6)
    )
    image = Image.open(io.BytesIO(exports.board_png(path)))
    assert image.format == "PNG" and image.width > 1000


def test_pdf_is_the_booklet(board, workshop_world):
    facilitator = workshop_world.person("facilitator")
    services.add_decision(workshop_world.workshop, facilitator, text="Yhteinen ohjauspiste")
    services.add_next_step(workshop_world.workshop, facilitator, text="Selvitys", owner="Sote")
    content = exports.booklet_pdf(workshop_world.workshop, language="fi")
    assert content.startswith(b"%PDF")
    assert b"Nuorten aikuisten palvelut" in content
    assert b"/Lang (fi)" in content
    assert b"Salaisuus" not in content


@pytest.mark.parametrize("role", WORKSHOP_ROLES)
@pytest.mark.parametrize("name", ["csv", "png", "pdf"])
def test_who_downloads(client, board, workshop_world, role, name):
    services.publish_booklet(workshop_world.workshop, workshop_world.person("facilitator"))
    url = {
        "csv": reverse("panels:workshop_board_csv", args=[board.pk]),
        "png": reverse("panels:workshop_board_png", args=[board.pk]),
        "pdf": reverse("panels:workshop_booklet_pdf", args=[workshop_world.workshop.pk]),
    }[name]
    if role != "anonymous":
        client.force_login(workshop_world.person(role))
    response = client.get(url)
    assert response.status_code == (200 if role in SEE else 404)
    if role in SEE:
        assert response["Content-Disposition"].startswith("attachment; filename=")
        assert response["Content-Type"].startswith(
            {"csv": "text/csv", "png": "image/png", "pdf": "application/pdf"}[name]
        )
