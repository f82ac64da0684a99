"""What is happening now, in one region or in all of them: the front page's summary.

``overview_for(user, region)`` gathers it with a fixed number of queries, whatever the amount
of data: one per kind of item, each limited to the few newest or nearest. Everything comes
through the apps' own visibility QuerySets (``visible_to``, ``in_audience_of``,
``inner_circle_of``), so the front page never shows what the visitor could not open.

Anonymous visitors all see the same overview: it is cached per region and language
(``caching``). A signed-in person may see more (their panel's rounds, surveys and live rooms),
so their overview is built fresh and never stored where someone else could get it.
"""

from dataclasses import dataclass, field, replace

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import get_language

from ideas.feedback.models import OfficialResponse, StatusChange
from ideas.feedback.statuses import ExperimentStatus, IdeaStatus
from ideas.models import OPEN_PHASES, Idea, IdeaRound
from panels.meetings.models import Meeting, MeetingRoom
from panels.models import Panel
from panels.surveys.models import Survey

from . import caching

# How many of each kind the front page shows: enough to feel alive, few enough to read.
ROUNDS = 6
RESPONSES = 4
IMPLEMENTED = 3
MEETINGS = 4
ROOMS = 4
SURVEYS = 4
EXPERIMENTS = 3


@dataclass
class Overview:
    region: object = None  # a panels.Region, or None for every region
    rounds: list = field(default_factory=list)
    responses: list = field(default_factory=list)
    implemented: list = field(default_factory=list)
    meetings: list = field(default_factory=list)
    rooms: list = field(default_factory=list)
    surveys: list = field(default_factory=list)
    experiments: list = field(default_factory=list)
    figures: list = field(default_factory=list)

    @property
    def has_decisions(self):
        return bool(self.responses or self.implemented)

    @property
    def has_meetings(self):
        return bool(self.meetings or self.rooms)


def open_rounds(user, region, now):
    """Rounds in ideation, development or evaluation now, by the staff's override or by the
    dates (the same answer as ``ideas.models.phase_at``, asked in SQL)."""
    by_dates = Q(phase_override="", ideation_starts__lte=now, closes_at__gt=now)
    rounds = (
        IdeaRound.objects.visible_to(user)
        .filter(Q(phase_override__in=OPEN_PHASES) | by_dates)
        .with_counts()
        .select_related("region", "panel")
    )
    if region is not None:
        rounds = rounds.filter(region=region)
    return list(rounds.order_by("closes_at", "title")[:ROUNDS])


def latest_responses(user, region):
    ideas = Idea.objects.visible_to(user).public()
    if region is not None:
        ideas = ideas.filter(round__region=region)
    # Each idea once, with its newest decision: a new decision is a new response, and the
    # older ones would list the same idea again.
    newer = OfficialResponse.objects.filter(idea=OuterRef("idea")).filter(
        Q(published_at__gt=OuterRef("published_at"))
        | Q(published_at=OuterRef("published_at"), pk__gt=OuterRef("pk"))
    )
    responses = (
        OfficialResponse.objects.filter(idea__in=ideas)
        .exclude(Exists(newer))
        .select_related("idea__round")
    )
    return list(responses.order_by("-published_at", "-pk")[:RESPONSES])


def implemented_ideas(user, region, responses=()):
    """Ideas that reached "implemented", newest first by the day they got there, leaving out
    those already listed with their response (``responses``): an idea is listed once. As many
    more are fetched as could be left out, so the query stays one."""
    reached = StatusChange.objects.filter(
        idea=OuterRef("pk"), to_status=IdeaStatus.IMPLEMENTED
    ).order_by("-created_at")
    ideas = (
        Idea.objects.visible_to(user)
        .public()
        .filter(status=IdeaStatus.IMPLEMENTED)
        .annotate(implemented_at=Subquery(reached.values("created_at")[:1]))
        .select_related("round")
    )
    if region is not None:
        ideas = ideas.filter(round__region=region)
    listed = {response.idea_id for response in responses}
    fetched = ideas.order_by("-implemented_at", "-pk")[: IMPLEMENTED + len(listed)]
    return [idea for idea in fetched if idea.pk not in listed][:IMPLEMENTED]


def upcoming_meetings(user, region, now):
    meetings = Meeting.objects.visible_to(user, now).upcoming(now).select_related("panel")
    if region is not None:
        meetings = meetings.filter(panel__region=region)
    return list(meetings[:MEETINGS])


def open_rooms(user, region):
    """Live rooms open now, in the panels whose rooms ``user`` may enter (the inner circle:
    meetings.rules ``see_room``). Nobody's when signed out: no query."""
    if not user.is_authenticated:
        return []
    rooms = MeetingRoom.objects.filter(
        opened_at__isnull=False,
        closed_at__isnull=True,
        meeting__panel__in=Panel.objects.inner_circle_of(user),
    ).select_related("meeting__panel")
    if region is not None:
        rooms = rooms.filter(meeting__panel__region=region)
    return list(rooms.order_by("-opened_at")[:ROOMS])


def open_surveys(user, region, now):
    """Open surveys ``user`` may answer: the public ones, their panels' and their role's."""
    surveys = Survey.objects.open(now).in_audience_of(user).select_related("region")
    if region is not None:
        surveys = surveys.filter(region=region)
    return list(surveys.order_by("closes_at", "-opens_at")[:SURVEYS])


def running_experiments(region):
    """Running experiments of this language's tree: public pages, the same for everyone."""
    from cms.experiments.models import ExperimentPage

    pages = (
        ExperimentPage.objects.live()
        .public()
        .filter(status=ExperimentStatus.RUNNING, locale__language_code=get_language())
        .select_related("region")
    )
    if region is not None:
        pages = pages.filter(Q(region=region) | Q(region__isnull=True))
    return list(pages.order_by("-first_published_at")[:EXPERIMENTS])


def headline_figures(region):
    """The three headline figures of the statistics. They are public and the same for
    everyone, so they are cached for signed-in people too."""
    try:
        from cms.statistics.figures import headline
    except ImportError:  # the statistics are optional for the front page
        return []

    def build():
        return list(headline(region=region))

    return caching.cached(f"figures:{_region_key(region)}:{get_language()}", build)


def build_overview(user, region):
    now = timezone.now()
    responses = latest_responses(user, region)
    return Overview(
        region=region,
        rounds=open_rounds(user, region, now),
        responses=responses,
        implemented=implemented_ideas(user, region, responses),
        meetings=upcoming_meetings(user, region, now),
        rooms=open_rooms(user, region),
        surveys=open_surveys(user, region, now),
        experiments=running_experiments(region),
    )


def overview_for(user, region):
    """The overview ``user`` may see. Only the anonymous one is shared through the cache."""
    if user.is_authenticated:
        overview = build_overview(user, region)
    else:
        key = f"overview:{_region_key(region)}:{get_language()}"
        overview = caching.cached(key, lambda: build_overview(AnonymousUser(), region))
    # A copy rather than a change: a cache in memory may hand out the very object it keeps.
    return replace(overview, figures=headline_figures(region))


def _region_key(region):
    return region.slug if region is not None else "-"
