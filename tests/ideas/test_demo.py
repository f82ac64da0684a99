import pytest
from django.core.management import call_command

from ideas.demo import seed_ideas
from ideas.models import Comment, Flag, Idea, IdeaRound, Phase, Support

pytestmark = pytest.mark.django_db


def counts():
    return tuple(m.objects.count() for m in (IdeaRound, Idea, Comment, Support, Flag))


def test_demo_rounds_cover_the_phases_and_run_again_without_duplicates(settings):
    settings.DEBUG = False
    call_command("seed_demo")
    first = counts()
    seed_ideas()
    assert counts() == first
    phases = {round_.phase for round_ in IdeaRound.objects.all()}
    assert {Phase.IDEATION, Phase.DEVELOPMENT, Phase.EVALUATION, Phase.CLOSED} <= phases
    assert IdeaRound.objects.filter(panel__isnull=False).exists()
    assert IdeaRound.objects.values("region").distinct().count() >= 3
    assert Comment.objects.filter(parent__isnull=False).exists()
    assert Flag.objects.open().count() == 1


def test_demo_ideas_work_without_the_panels_seed():
    seed_ideas()
    assert IdeaRound.objects.count() == 6
