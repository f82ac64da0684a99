"""The workshops demo: the Lapland panel's finished SOSKU workshop with its booklet and the
decision that became an idea, an open workshop of another panel, written through the services
(so the boards' change logs are there) and idempotent."""

import pytest
from django.core.management import call_command

from ideas.demo import seed_workshop_idea
from ideas.models import Idea, Phase
from panels.workshops.demo import (
    DECISION_FOR_IDEA,
    LAPLAND_PANEL,
    LAPLAND_TITLE,
    OPEN_TITLE,
    seed_workshops,
)
from panels.workshops.models import (
    BoardChange,
    Decision,
    NextStep,
    Note,
    NoteComment,
    NoteLink,
    Vote,
    Workshop,
)

pytestmark = pytest.mark.django_db


def _counts():
    return [
        model.objects.count()
        for model in (
            Workshop,
            Note,
            NoteLink,
            Vote,
            NoteComment,
            Decision,
            NextStep,
            BoardChange,
            Idea,
        )
    ]


@pytest.fixture
def seeded(settings):
    settings.DEBUG = False
    call_command("seed_demo")


def test_the_lapland_workshop_is_finished_with_its_booklet(seeded):
    workshop = Workshop.objects.get(title=LAPLAND_TITLE)
    assert workshop.panel.slug == LAPLAND_PANEL and workshop.panel.region.slug == "lappi"
    assert workshop.is_finished and workshop.booklet_is_published
    assert workshop.booklet_summary
    assert workshop.meeting is not None and workshop.meeting.panel_id == workshop.panel_id
    assert workshop.guests.exists()
    boards = {board.kind: [] for board in workshop.boards.all()}
    for board in workshop.boards.all():
        boards[board.kind].append(board)

    (segment,) = boards["segment_card"]
    assert "nuoret aikuiset" in segment.card_values["name"]
    assert all(segment.card_values.get(key) for key in ("who", "needs", "gaps"))
    assert sorted(card.title for card in boards["client_card"]) == ["Aino, 22", "Mikko, 27"]

    (network,) = boards["network"]
    assert network.notes.count() == 20
    assert set(network.notes.values_list("region", flat=True)) == set(
        network.template.region_keys()
    )
    assert network.notes.filter(card=segment).exists()
    labels = set(network.links.values_list("label", flat=True))
    assert {"jakaa tietoa", "ohjaa"} <= labels and network.links.count() >= 6

    (path,) = boards["service_path"]
    colours = set(path.notes.values_list("colour", flat=True))
    assert {"gap", "overlap"} <= colours
    assert path.notes.filter(colour="gap").count() >= 3

    assert Vote.objects.filter(note__board__workshop=workshop).count() >= 10
    assert NoteComment.objects.filter(note__board__workshop=workshop).count() >= 3
    # Written through the services: every note is in its board's change log.
    for board in (network, path):
        logged = set(board.changes.filter(kind="note").values_list("note_id", flat=True))
        assert set(board.notes.values_list("pk", flat=True)) <= logged

    assert workshop.decisions.count() == 3
    steps = list(workshop.next_steps.all())
    assert len(steps) >= 3 and all(step.owner and step.due for step in steps)


def test_one_decision_became_an_idea_in_an_open_lapland_round(seeded, client):
    decision = Decision.objects.get(text=DECISION_FOR_IDEA)
    idea = decision.idea
    assert idea.round.region.slug == "lappi" and idea.round.phase == Phase.IDEATION
    assert idea.author.email == "tyontekija@kohtaamo.example"
    assert idea.themes.exists()
    assert Idea.objects.filter(workshop_decision__isnull=False).count() == 1
    page = client.get(idea.get_absolute_url())
    assert page.status_code == 200
    assert LAPLAND_TITLE in page.content.decode()


def test_the_open_workshop_is_of_another_panel(seeded):
    workshop = Workshop.objects.get(title=OPEN_TITLE)
    assert not workshop.is_finished and not workshop.booklet_is_published
    assert workshop.panel.slug != LAPLAND_PANEL
    kinds = set(workshop.boards.values_list("kind", flat=True))
    assert kinds == {"blank", "service_path"}
    assert Note.objects.filter(board__workshop=workshop).count() >= 4


def test_seeding_again_changes_nothing(seeded):
    first = _counts()
    seed_workshops()
    seed_workshop_idea()
    assert _counts() == first


def test_the_workshops_seed_skips_without_the_panels_seed():
    assert seed_workshops() == []
    assert seed_workshop_idea() is None
