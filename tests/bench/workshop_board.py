"""Time a workshop board's pages, live snapshot and exports at 10, 300 and 1,000 notes (not a
test: prints a table).

    DJANGO_SETTINGS_MODULE=cms.settings.test .venv/bin/python tests/bench/workshop_board.py

Runs on a throw-away test database (SQLite by default, or DATABASE_URL) that it creates and
destroys itself.

The world is tests/panels/workshops/conftest.py's (a panel, its member and facilitator, a
workshop with a network board and a client card). The network board grows to each size by
bulk_create, as fill() of tests/panels/workshops/test_queries.py fills it: notes across the
regions, each linked to the one before, a comment on each, dots on the first three, the
second hidden; with the change log the services would have written for them (one entry a
note, link, comment and dot), so that catching up from 0 has them all to send. The booklet
holds one decision and one next step, and is published, so that the member may read it.

Each case is measured as the panel member (the direct calls as the server makes them): one
warm-up, then ROUNDS rounds; the queries are those of the last round. "x 10" is the median
against the same case's median at 10 notes, measured first in the same run.
"""

import itertools
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
)
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

ROUNDS = 5
SIZES = (10, 300, 1_000)
VOTED = 3


def grow(world, size):
    """Add notes to the network board until it has ``size``, as fill() adds them, and the
    change log entries the services would have written for them."""
    from panels.workshops.models import BoardChange, ChangeKind, Note, NoteComment, NoteLink, Vote

    board = world.network
    people = [world.person(role) for role in ("member", "guest", "facilitator")]
    regions = board.template.region_keys()
    colours = board.template.colour_keys()
    start = Note.objects.filter(board=board).count()
    previous = Note.objects.filter(board=board).order_by("-pk").first()
    notes = Note.objects.bulk_create(
        Note(
            board=board,
            region=regions[i % len(regions)],
            colour=colours[i % len(colours)],
            text=f"Lappu {i}",
            position=i,
            author=people[i % 3],
            edited_by=people[(i + 1) % 3] if i % 4 == 0 else None,
        )
        for i in range(start, size)
    )
    links = NoteLink.objects.bulk_create(
        NoteLink(board=board, source=a, target=b, label="ohjaa", created_by=people[0])
        for a, b in itertools.pairwise([previous, *notes] if previous else notes)
    )
    votes = Vote.objects.bulk_create(
        Vote(note=note, person=people[0]) for note in notes[: max(0, VOTED - start)]
    )
    comments = NoteComment.objects.bulk_create(
        NoteComment(note=note, author=people[i % 3], body=f"Kommentti {i}")
        for i, note in zip(range(start, size), notes, strict=True)
    )
    at = timezone.now() - timedelta(minutes=5)
    BoardChange.objects.bulk_create(
        [
            *(
                BoardChange(
                    board=board, kind=ChangeKind.NOTE, note_id=note.pk, actor=note.author, at=at
                )
                for note in notes
            ),
            *(
                BoardChange(
                    board=board, kind=ChangeKind.LINK, link_id=link.pk, actor=people[0], at=at
                )
                for link in links
            ),
            *(
                BoardChange(
                    board=board, kind=ChangeKind.NOTE, note_id=vote.note_id, actor=people[0], at=at
                )
                for vote in votes
            ),
            *(
                BoardChange(
                    board=board,
                    kind=ChangeKind.NOTE,
                    note_id=item.note_id,
                    actor=item.author,
                    at=at,
                )
                for item in comments
            ),
        ]
    )
    return notes


def measure(call, prepare=lambda: None):
    """One warm-up, then ROUNDS rounds of ``call(prepare())``; ``prepare`` is not timed."""
    call(prepare())
    timings = []
    for _ in range(ROUNDS):
        argument = prepare()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            call(argument)
            timings.append((time.perf_counter() - start) * 1000)
    return len(queries), statistics.median(timings), min(timings)


def main():
    setup_test_environment()
    old = connection.creation.create_test_db(verbosity=0)
    try:
        from panels.workshops import exports, live, services
        from panels.workshops.models import Board
        from tests.panels.workshops.conftest import build_workshop_world

        world = build_workshop_world()
        facilitator = world.person("facilitator")
        board, workshop = world.network, world.workshop
        first = grow(world, SIZES[0])
        services.hide_note(first[1], facilitator, reason="Asiaton")
        services.add_decision(workshop, facilitator, text="Päätös", board=board)
        services.add_next_step(workshop, facilitator, text="Askel", owner="Sote")
        services.save_card(world.card, facilitator, {"name": "Aino"})
        services.publish_booklet(workshop, facilitator)

        client = Client()
        client.force_login(world.person("member"))

        def get(url):
            def call(_argument):
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
                if response.streaming:
                    b"".join(response.streaming_content)

            return call

        def socket_board():
            # As the socket loads it before its hello (panels.workshops.consumers).
            return Board.objects.select_related("workshop__panel", "workshop__focus_board").get(
                pk=board.pk
            )

        def download_board():
            # As the PNG download loads it (panels.workshops.views.common.board_for).
            return Board.objects.select_related(
                "workshop__panel__region", "workshop__focus_board", "locked_by", "card_edited_by"
            ).get(pk=board.pk)

        cases = [
            ("board page", get(reverse("panels:workshop_board", args=[board.pk])), None),
            ("structured view", get(reverse("panels:workshop_board_list", args=[board.pk])), None),
            (
                "catch-up ?after=0",
                get(reverse("panels:workshop_board_live", args=[board.pk]) + "?after=0"),
                None,
            ),
            ("hello snapshot", live.snapshot, socket_board),
            ("board PNG", exports.board_png, download_board),
            ("booklet PDF", get(reverse("panels:workshop_booklet_pdf", args=[workshop.pk])), None),
        ]
        results = {}
        for size in SIZES:
            grow(world, size)
            for name, call, prepare in cases:
                results[name, size] = measure(call, prepare or (lambda: None))

        print(
            f"{'case':<18} {'notes':>6} {'queries':>8} {'median ms':>10} {'min ms':>8} {'x 10':>6}"
        )
        for name, _call, _prepare in cases:
            baseline = results[name, SIZES[0]][1]
            for size in SIZES:
                queries, median, fastest = results[name, size]
                print(
                    f"{name:<18} {size:>6} {queries:>8} {median:>10.1f} {fastest:>8.1f} "
                    f"{median / baseline:>6.1f}"
                )
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)


if __name__ == "__main__":
    main()
