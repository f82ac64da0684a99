"""What a search finds for a person: one candidate query per kind of thing, merged by rank,
then only the shown page of results loaded and highlighted.

Visibility is asked of the apps, never decided here: ``Idea.objects.visible_to``,
``Comment.objects.visible_to`` and ``IdeaRound.objects.visible_to`` (narrowed to what their
lists show: hidden and withdrawn ideas and hidden comments are not listed, as in a round's
own word filter), and Wagtail's live pages without a view restriction in the reader's locale.
A filter narrows these sets and never widens them, and nothing is counted, so the filters
tell nothing of what is hidden.
"""

from dataclasses import dataclass
from datetime import datetime
from itertools import groupby

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q
from django.utils.html import strip_tags
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from taggit.models import TaggedItem
from wagtail.models import Locale, Page

from cms.experiments.models import (
    ExperimentPage,
    ExperimentThemedItem,
    PracticePage,
    PracticeThemedItem,
)
from cms.models import ImpactReportPage
from ideas.models import Comment, Idea, IdeaRound
from panels.models import Region

from .highlight import highlight, snippet
from .kinds import PAGE_KINDS, Kind
from .text import text_match, words_of

# Candidates read per kind: a search is for finding, not for listing everything.
CANDIDATES_PER_KIND = 200
PAGE_MODELS = {
    Kind.EXPERIMENT: ExperimentPage,
    Kind.PRACTICE: PracticePage,
    Kind.IMPACT_REPORT: ImpactReportPage,
}


@dataclass(frozen=True)
class Criteria:
    query: str
    kind: str = ""
    region: Region | None = None
    theme: object = None  # a taggit Tag
    language: str = "fi"

    @property
    def words(self):
        return words_of(self.query)

    def wants(self, kind):
        return not self.kind or self.kind == kind


@dataclass(frozen=True)
class Hit:
    kind: str
    pk: int
    rank: float
    moment: datetime | None

    def order(self):
        """Best rank first, then newest; undated last."""
        return (-self.rank, -self.moment.timestamp() if self.moment else float("inf"))


@dataclass
class Result:
    kind: str
    title: SafeString
    snippet: SafeString
    url: str
    region: str
    moment: datetime | None

    @property
    def kind_label(self):
        return Kind(self.kind).label


def find(user, criteria):
    """Every hit ``user`` may see, best first: a list of ``Hit``."""
    hits = []
    for kind, finder in ((Kind.IDEA, _ideas), (Kind.COMMENT, _comments), (Kind.ROUND, _rounds)):
        if criteria.wants(kind):
            hits.extend(finder(user, criteria))
    if not criteria.kind or criteria.kind in PAGE_KINDS:
        hits.extend(_pages(criteria))
    return sorted(hits, key=Hit.order)


def _ranked(queryset, kind, moment_field):
    rows = queryset.order_by("-search_rank", f"-{moment_field}", "-pk").values_list(
        "pk", "search_rank", moment_field
    )
    return [Hit(kind, pk, rank, moment) for pk, rank, moment in rows[:CANDIDATES_PER_KIND]]


def _tagged(model, tag):
    return TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(model), tag=tag
    ).values("object_id")


def _ideas(user, criteria):
    ideas = Idea.objects.visible_to(user).public()
    if criteria.region:
        ideas = ideas.filter(round__region=criteria.region)
    if criteria.theme:
        ideas = ideas.filter(pk__in=_tagged(Idea, criteria.theme))
    found = text_match(
        ideas, title=["title"], body=["body"], query=criteria.query, language=criteria.language
    )
    return _ranked(found, Kind.IDEA, "created_at")


def _comments(user, criteria):
    # visible_to lets the region's staff and the author act on comments of a hidden or
    # withdrawn idea and of a draft or restricted page: the search lists only what the idea
    # and page lists show, as it does for ideas.
    comments = (
        Comment.objects.visible_to(user)
        .public()
        .filter(
            Q(idea__isnull=False, idea__hidden_at__isnull=True, idea__withdrawn_at__isnull=True)
            | Q(discussion__is_public=True)
        )
    )
    if criteria.region:
        comments = comments.filter(
            Q(idea__round__region=criteria.region) | Q(discussion__region=criteria.region)
        )
    if criteria.theme:
        comments = comments.filter(idea__in=_tagged(Idea, criteria.theme))
    found = text_match(
        comments, title=[], body=["body"], query=criteria.query, language=criteria.language
    )
    return _ranked(found, Kind.COMMENT, "created_at")


def _rounds(user, criteria):
    rounds = IdeaRound.objects.visible_to(user)
    if criteria.region:
        rounds = rounds.filter(region=criteria.region)
    if criteria.theme:
        rounds = rounds.filter(pk__in=_tagged(IdeaRound, criteria.theme))
    found = text_match(
        rounds,
        title=["title"],
        body=["description"],
        query=criteria.query,
        language=criteria.language,
    )
    return _ranked(found, Kind.ROUND, "ideation_starts")


def _page_content_types():
    types = ContentType.objects.get_for_models(*PAGE_MODELS.values())
    return {kind: types[model].pk for kind, model in PAGE_MODELS.items()}


def _pages(criteria):
    """Wagtail's search over the live pages of the reader's locale, then narrowed in one
    query to the public ones and the chosen type, region and theme."""
    locale = Locale.get_active()
    searched = (
        Page.objects.live()
        .filter(locale=locale, depth__gt=1)
        .search(criteria.query, operator="and")
        .annotate_score("search_score")
    )
    scores = {page.pk: page.search_score or 0.0 for page in searched[:CANDIDATES_PER_KIND]}
    if not scores:
        return []
    types = _page_content_types()
    kinds_by_type = {pk: kind for kind, pk in types.items()}
    pages = Page.objects.live().public().filter(pk__in=scores)
    if criteria.kind == Kind.PAGE:
        pages = pages.exclude(content_type__in=types.values())
    elif criteria.kind:
        pages = pages.filter(content_type=types[criteria.kind])
    if criteria.region:
        pages = pages.filter(
            Q(experimentpage__region=criteria.region)
            | Q(practicepage__region=criteria.region)
            | Q(impactreportpage__region=criteria.region)
        )
    if criteria.theme:
        themed = ExperimentThemedItem.objects.filter(tag=criteria.theme).values("content_object")
        practiced = PracticeThemedItem.objects.filter(tag=criteria.theme).values("content_object")
        pages = pages.filter(Q(pk__in=themed) | Q(pk__in=practiced))
    words = criteria.words
    hits = []
    for pk, type_id, title, moment in pages.values_list(
        "pk", "content_type", "title", "last_published_at"
    ):
        rank = scores[pk]
        if not _is_postgres_rank(rank):
            # Wagtail's SQLite and fallback scores are not comparable with the others: rank
            # as the database kinds do there, the title holding every word first.
            rank = 1.0 if all(word in title.lower() for word in words) else 0.0
        hits.append(Hit(kinds_by_type.get(type_id, Kind.PAGE), pk, rank, moment))
    return hits


def _is_postgres_rank(score):
    return connection.vendor == "postgresql" and score is not None


# --- Loading the shown results ---------------------------------------------------------------


def load(hits, criteria, request):
    """``Result`` objects for ``hits`` (one page of them), in their order: one query per kind
    on the page (one more per page type for plain pages)."""
    words = criteria.words
    by_kind = {
        kind: [hit.pk for hit in group]
        for kind, group in groupby(sorted(hits, key=lambda h: h.kind), key=lambda h: h.kind)
    }
    loaded = {}
    for kind, pks in by_kind.items():
        for pk, result in LOADERS[kind](pks, words, request):
            loaded[(kind, pk)] = result
    return [loaded[(hit.kind, hit.pk)] for hit in hits if (hit.kind, hit.pk) in loaded]


def _region_name(region):
    return region.name if region else ""


def _load_ideas(pks, words, request):
    for idea in Idea.objects.filter(pk__in=pks).select_related("round__region"):
        yield (
            idea.pk,
            Result(
                Kind.IDEA,
                highlight(idea.title, words),
                snippet(idea.body, words),
                idea.get_absolute_url(),
                _region_name(idea.round.region),
                idea.created_at,
            ),
        )


def _load_comments(pks, words, request):
    comments = Comment.objects.filter(pk__in=pks).select_related(
        "idea__round__region", "discussion__region"
    )
    for comment in comments:
        place = comment.place
        region = comment.idea.round.region if comment.idea_id else comment.discussion.region
        title = _("Comment on “%(title)s”") % {"title": place.title}
        yield (
            comment.pk,
            Result(
                Kind.COMMENT,
                highlight(title, words),
                snippet(comment.body, words),
                comment.get_absolute_url(),
                _region_name(region),
                comment.created_at,
            ),
        )


def _load_rounds(pks, words, request):
    for round_ in IdeaRound.objects.filter(pk__in=pks).select_related("region"):
        yield (
            round_.pk,
            Result(
                Kind.ROUND,
                highlight(round_.title, words),
                snippet(round_.description, words),
                round_.get_absolute_url(),
                _region_name(round_.region),
                round_.ideation_starts,
            ),
        )


def _stream_text(value):
    """The words of a StreamField's raw data, without rendering it (no queries)."""
    if isinstance(value, str):
        return strip_tags(value)
    if isinstance(value, dict):
        return " ".join(_stream_text(v) for k, v in value.items() if k not in {"type", "id"})
    if isinstance(value, list | tuple):
        return " ".join(_stream_text(v) for v in value)
    return ""


def _page_result(kind, page, text, words, request, region=None):
    return (
        page.pk,
        Result(
            kind,
            highlight(page.title, words),
            snippet(text, words),
            page.get_url(request=request),
            _region_name(region),
            page.last_published_at,
        ),
    )


def _region_page_loader(kind, text_fields):
    def loader(pks, words, request):
        model = PAGE_MODELS[kind]
        for page in model.objects.filter(pk__in=pks).select_related("region"):
            parts = [getattr(page, name) for name in text_fields]
            if kind == Kind.IMPACT_REPORT:
                parts.append(_stream_text(page.body.raw_data))
            text = " ".join(filter(None, parts))
            yield _page_result(kind, page, text, words, request, page.region)

    return loader


def _load_pages(pks, words, request):
    for page in Page.objects.filter(pk__in=pks).specific():
        parts = [getattr(page, "lead", ""), page.search_description]
        body = getattr(page, "body", None)
        if body is not None and hasattr(body, "raw_data"):
            parts.append(_stream_text(body.raw_data))
        yield _page_result(Kind.PAGE, page, " ".join(filter(None, parts)), words, request)


LOADERS = {
    Kind.IDEA: _load_ideas,
    Kind.COMMENT: _load_comments,
    Kind.ROUND: _load_rounds,
    Kind.EXPERIMENT: _region_page_loader(
        Kind.EXPERIMENT, ("summary", "goal", "what_was_tried", "result", "lessons_learned")
    ),
    Kind.PRACTICE: _region_page_loader(
        Kind.PRACTICE, ("summary", "basic_idea", "needs", "target_group")
    ),
    Kind.IMPACT_REPORT: _region_page_loader(Kind.IMPACT_REPORT, ("intro", "period")),
    Kind.PAGE: _load_pages,
}
