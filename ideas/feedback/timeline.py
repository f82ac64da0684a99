"""What became of an idea, as the idea page shows it: its official responses, its status
changes, the ideas merged with it and the experiments that grew from it, read in a fixed
number of queries."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils.translation import get_language

from ideas.models import Idea

from .models import ExperimentLink, OfficialResponse, ResponseFeedback, ResponseVersion, Verdict
from .statuses import allowed_transitions


@dataclass
class TimelineEntry:
    kind: str  # "status", "response" or "experiment"
    at: object
    item: object


@dataclass
class IdeaImpact:
    responses: list
    merged_ideas: list
    # The idea this one was merged into, if the viewer may see it; else None (and the page
    # says "another idea"), so that a merge never reveals a panel's or a hidden idea.
    merged_into: Idea | None
    timeline: list = field(default_factory=list)
    # Whether the status can still move (implemented and merged ideas are at the end).
    can_move: bool = False
    # The live experiments that grew from the idea (ExperimentLink rows, page loaded), each
    # once, in the reader's language where it has that translation.
    experiments: list = field(default_factory=list)


def responses_with_history(viewer):
    """Responses with their earlier versions, their responder, how those answered judged them,
    and, for ``viewer``, their own judgement (``mine``: a list of at most one)."""
    responses = OfficialResponse.objects.select_related(
        "responder", "on_behalf_of"
    ).prefetch_related(
        Prefetch("versions", queryset=ResponseVersion.objects.select_related("replaced_by"))
    )
    responses = responses.annotate(
        said_yes=Count("feedback", filter=Q(feedback__verdict=Verdict.YES)),
        said_partly=Count("feedback", filter=Q(feedback__verdict=Verdict.PARTLY)),
        said_no=Count("feedback", filter=Q(feedback__verdict=Verdict.NO)),
    )
    if viewer.is_authenticated:
        mine = ResponseFeedback.objects.filter(person=viewer)
        responses = responses.prefetch_related(Prefetch("feedback", queryset=mine, to_attr="mine"))
    return responses


def impact_of(idea, viewer):
    if viewer.is_authenticated and hasattr(idea, "supported"):
        # The page already asked whether the viewer supports the idea (with_supported_by);
        # the rule "the response answers this person" needs the same answer.
        idea.__dict__.setdefault("_rules_memo", {})[("supporter", viewer.pk)] = idea.supported
    responses = list(responses_with_history(viewer).filter(idea=idea).order_by("published_at"))
    for response in responses:
        response.idea = idea  # the rules look at response.idea.round; no query for it
    changes = list(idea.status_changes.select_related("actor").order_by("pk"))
    visible = Idea.objects.visible_to(viewer).public()
    merged = list(visible.filter(merged_into=idea).only("pk", "title"))
    targets = {change.merged_into_id for change in changes} | {idea.merged_into_id}
    targets.discard(None)
    seen = (
        {other.pk: other for other in visible.filter(pk__in=targets).only("pk", "title")}
        if targets
        else {}
    )
    for change in changes:
        change.visible_target = seen.get(change.merged_into_id)
    # A change that a response made is told in the response itself, not twice.
    made_by_responses = {response.status_change_id for response in responses}
    timeline = [
        TimelineEntry("status", change.created_at, change)
        for change in changes
        if change.pk not in made_by_responses
    ]
    timeline += [TimelineEntry("response", r.published_at, r) for r in responses]
    experiments = experiments_of(idea)
    timeline += [TimelineEntry("experiment", link.linked_at, link) for link in experiments]
    timeline.sort(key=lambda entry: entry.at)
    can_move = bool(allowed_transitions(idea.status))
    return IdeaImpact(
        responses, merged, seen.get(idea.merged_into_id), timeline, can_move, experiments
    )


def one_per_translation(rows, language):
    """Rows pointing at pages (citations, experiment links), each page once: a page and its
    translations are one report or experiment, shown in ``language`` where it has that
    translation."""
    chosen = {}
    for row in rows:
        key = row.page.translation_key
        if key not in chosen or row.page.locale.language_code == language:
            chosen[key] = row
    return list(chosen.values())


def experiments_of(idea):
    links = ExperimentLink.objects.filter(idea=idea, page__live=True).select_related("page__locale")
    return one_per_translation(links, get_language())
