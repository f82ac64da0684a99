""" "My impact": everything a person gave (ideas, comments, supports, survey answers, notes and
comments on co-design workshop boards, spontaneous feedback sent under their name) and what
became of it (responses, statuses, reports that cite it, experiments that grew from it; a
workshop's booklet and the ideas its decisions became; feedback's answer), newest change first.

Each kind is read in one query, with what became of its idea annotated by correlated
subqueries, so the page costs the same number of queries however long a person's history is.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Max, OuterRef, Prefetch, Q, Subquery
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language

from ideas.models import Comment, Idea, SubqueryCount, Support
from ideas.service_feedback.models import Feedback
from panels.pool.calls.impact import calls_taken_part_in
from panels.surveys.services import answered_by
from panels.workshops.models import Decision, Note, NoteComment, Workshop

from .models import Citation, ExperimentLink, OfficialResponse, StatusChange
from .statuses import IdeaStatus
from .timeline import one_per_translation

ENTRIES_PER_PAGE = 30


def _newest(model, field, ref, value=None, **filters):
    rows = model.objects.filter(idea=OuterRef(ref), **filters).order_by(f"-{field}", "-pk")
    return Subquery(rows.values(value or field)[:1])


def fate_of(ref):
    """What became of an idea, as annotations; ``ref`` is the path to the idea ("pk" from an
    idea, "idea" from a comment or a support)."""
    return {
        "latest_response_at": _newest(OfficialResponse, "published_at", ref),
        "latest_decision": _newest(OfficialResponse, "published_at", ref, value="decision"),
        "latest_response_id": _newest(OfficialResponse, "published_at", ref, value="pk"),
        "latest_status_at": _newest(StatusChange, "created_at", ref),
        "response_count": SubqueryCount(
            OfficialResponse.objects.filter(idea=OuterRef(ref)).values("pk")
        ),
        # A report and its translations are one report.
        "citation_count": SubqueryCount(
            Citation.objects.filter(idea=OuterRef(ref), page__live=True)
            .order_by()  # the default ordering would make every citation distinct
            .values("page__translation_key")
            .distinct()
        ),
        "latest_citation_at": _newest(Citation, "cited_at", ref, page__live=True),
        "latest_experiment_at": _newest(ExperimentLink, "changed_at", ref, page__live=True),
    }


@dataclass
class Entry:
    kind: str  # idea, comment, support, survey, workshop, service_feedback
    given_at: datetime
    changed_at: datetime
    item: object
    idea: Idea | None = None

    @property
    def decision_label(self):
        decision = getattr(self.idea, "latest_decision", None)
        return IdeaStatus(decision).label if decision else ""


def _changed_at(row, given_at):
    moments = [
        given_at,
        row.latest_response_at,
        row.latest_status_at,
        row.latest_citation_at,
        row.latest_experiment_at,
    ]
    return max(moment for moment in moments if moment is not None)


def my_ideas(user):
    live_citations = Citation.objects.filter(page__live=True).select_related("page__locale")
    return (
        Idea.objects.filter(author=user)
        .select_related("round")
        .annotate(**fate_of("pk"))
        .prefetch_related(Prefetch("citations", queryset=live_citations, to_attr="reports"))
        .order_by("-created_at")
    )


def _on_idea(queryset, user_field, user):
    """Comments or supports of ``user``, each with what became of its idea. Hidden and
    withdrawn ideas stay in a person's history only when they wrote the idea."""
    fate = {f"idea_{name}": value for name, value in fate_of("idea").items()}
    return (
        queryset.filter(**{user_field: user})
        # Only ideas the person may still see: not a panel's they have left.
        .filter(idea__in=Idea.objects.visible_to(user).public())
        .select_related("idea__round")
        .annotate(**fate)
    )


def _idea_fate_on(row):
    """Copy the idea's annotations from a comment or support onto its idea, so the template
    asks the same questions of every entry."""
    for name in fate_of("idea"):
        setattr(row.idea, name, getattr(row, f"idea_{name}"))
    return row.idea


def history(user):
    entries = []
    language = get_language()
    for idea in my_ideas(user):
        idea.reports = one_per_translation(idea.reports, language)
        entries.append(
            Entry("idea", idea.created_at, _changed_at(idea, idea.created_at), idea, idea)
        )
    comments = _on_idea(Comment.objects.filter(deleted_at__isnull=True), "author", user)
    for comment in comments:
        idea = _idea_fate_on(comment)
        entries.append(
            Entry(
                "comment", comment.created_at, _changed_at(idea, comment.created_at), comment, idea
            )
        )
    for support in _on_idea(Support.objects.all(), "person", user):
        idea = _idea_fate_on(support)
        entries.append(
            Entry(
                "support", support.created_at, _changed_at(idea, support.created_at), support, idea
            )
        )
    now = timezone.now()
    for survey in answered_by(user, now=now):
        # What becomes of an answer: the survey closes and its results come out.
        closed = survey.closes_at if survey.closes_at and survey.closes_at <= now else None
        changed_at = max(survey.answered_at, closed) if closed else survey.answered_at
        entries.append(Entry("survey", survey.answered_at, changed_at, survey))
    entries.extend(_workshop_entries(user))
    # Spontaneous feedback sent signed in and not anonymously: what it became (one query).
    for item in my_feedback(user):
        changed_at = item.answered_at or item.created_at
        entries.append(Entry("service_feedback", item.created_at, changed_at, item))
    ideas = [entry.idea for entry in entries if entry.idea is not None]
    ideas += [idea for entry in entries if entry.kind == "workshop" for idea in entry.item.ideas]
    _attach_experiments(ideas, language)
    entries.sort(key=lambda entry: entry.changed_at, reverse=True)
    return entries


def my_feedback(user):
    return Feedback.objects.filter(author=user).select_related(
        "region", "service_area", "idea__round"
    )


def my_workshops(user):
    """The co-design workshops the person wrote a note or a comment in and may still see, with
    how much was theirs and when they last gave something."""
    my_notes = Note.objects.filter(author=user, board__workshop=OuterRef("pk"))
    my_comments = NoteComment.objects.filter(
        author=user, deleted_at__isnull=True, note__board__workshop=OuterRef("pk")
    )
    return (
        Workshop.objects.seen_by(user)
        .filter(
            Q(pk__in=Note.objects.filter(author=user).values("board__workshop"))
            | Q(
                pk__in=NoteComment.objects.filter(author=user, deleted_at__isnull=True).values(
                    "note__board__workshop"
                )
            )
        )
        .select_related("panel")
        .annotate(
            my_note_count=SubqueryCount(my_notes.values("pk")),
            my_comment_count=SubqueryCount(my_comments.values("pk")),
            last_note_at=Subquery(
                my_notes.order_by()
                .values("board__workshop")
                .annotate(at=Max("created_at"))
                .values("at")[:1]
            ),
            last_comment_at=Subquery(
                my_comments.order_by()
                .values("note__board__workshop")
                .annotate(at=Max("created_at"))
                .values("at")[:1]
            ),
            decision_count=SubqueryCount(Decision.objects.filter(workshop=OuterRef("pk"))),
        )
    )


def _workshop_entries(user):
    """One entry per workshop: what became of it is its booklet and the ideas its decisions
    became (those the person may see), each with its own fate."""
    workshops = list(my_workshops(user))
    if not workshops:
        return []
    ideas = (
        Idea.objects.visible_to(user)
        .public()
        .filter(workshop_decision__workshop__in=workshops)
        .select_related("round", "workshop_decision")
        .annotate(**fate_of("pk"))
        .order_by("created_at", "pk")
    )
    by_workshop = {}
    for idea in ideas:
        by_workshop.setdefault(idea.workshop_decision.workshop_id, []).append(idea)
    entries = []
    for workshop in workshops:
        workshop.ideas = by_workshop.get(workshop.pk, [])
        given_at = max(at for at in (workshop.last_note_at, workshop.last_comment_at) if at)
        moments = [given_at, workshop.booklet_published_at]
        moments += [_changed_at(idea, idea.created_at) for idea in workshop.ideas]
        changed_at = max(moment for moment in moments if moment is not None)
        entries.append(Entry("workshop", given_at, changed_at, workshop))
    return entries


def _attach_experiments(ideas, language):
    """Give each idea its live experiments (``experiment_links``), in one query for all."""
    links = (
        ExperimentLink.objects.filter(idea__in={idea.pk for idea in ideas}, page__live=True)
        .select_related("page__locale")
        .order_by("linked_at", "pk")
        if ideas
        else []
    )
    by_idea = {}
    for link in links:
        by_idea.setdefault(link.idea_id, []).append(link)
    for idea in ideas:
        idea.experiment_links = one_per_translation(by_idea.get(idea.pk, []), language)


def totals(entries):
    ideas = [entry.item for entry in entries if entry.kind == "idea"]
    return {
        "ideas": len(ideas),
        "answered": sum(1 for idea in ideas if idea.response_count),
        "implemented": sum(1 for idea in ideas if idea.status == IdeaStatus.IMPLEMENTED),
        "cited": sum(1 for idea in ideas if idea.citation_count),
        "experiments": sum(1 for idea in ideas if idea.experiment_links),
        "comments": sum(1 for entry in entries if entry.kind == "comment"),
        "supports": sum(1 for entry in entries if entry.kind == "support"),
        "surveys": sum(1 for entry in entries if entry.kind == "survey"),
        "workshops": sum(1 for entry in entries if entry.kind == "workshop"),
        "service_feedback": sum(1 for entry in entries if entry.kind == "service_feedback"),
    }


@login_required
def my_impact(request):
    entries = history(request.user)
    page = Paginator(entries, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "feedback/my_impact.html",
        {
            "totals": totals(entries),
            "page_obj": page,
            "entries": page.object_list,
            # Calls to a forerunner pool the person took part in, with their results.
            "pool_calls": list(calls_taken_part_in(request.user)),
        },
    )
