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


def test_demo_has_answered_waiting_and_overdue_ideas(settings):
    from datetime import timedelta

    from django.utils import timezone

    from ideas.feedback.models import OfficialResponse, ResponseFeedback, StatusChange
    from ideas.feedback.statuses import IdeaStatus

    settings.DEBUG = False
    call_command("seed_demo")
    history = (
        OfficialResponse.objects.count(),
        StatusChange.objects.count(),
        ResponseFeedback.objects.count(),
    )
    seed_ideas()
    assert history == (
        OfficialResponse.objects.count(),
        StatusChange.objects.count(),
        ResponseFeedback.objects.count(),
    )
    owed = Idea.objects.awaiting_answer_or_answered()
    assert owed.answered().count() >= 4
    waiting = owed.waiting()
    overdue = waiting.filter(created_at__lt=timezone.now() - timedelta(days=30))
    assert overdue.exists()
    assert waiting.exclude(pk__in=overdue).exists()
    statuses = set(Idea.objects.values_list("status", flat=True))
    assert {
        IdeaStatus.IMPLEMENTED,
        IdeaStatus.NOT_TAKEN_FORWARD,
        IdeaStatus.IN_DEVELOPMENT,
    } <= statuses
    assert ResponseFeedback.objects.clarification_requests().count() == 1
    # Every idea's status is where its history left it.
    for idea in Idea.objects.exclude(status=IdeaStatus.SUBMITTED):
        assert idea.status_changes.order_by("created_at").last().to_status == idea.status
