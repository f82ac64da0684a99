"""Every statistic Kohtaamo publishes, month by month, per region or for the whole platform.

What a public figure may count (the rule, tested in tests/cms/statistics):

- **Ideas and what became of them** (ideas, comments, every influence share, days to a first
  response) count only what an anonymous visitor can see: public ideas (not hidden, not
  withdrawn) in rounds visible to visitors (``IdeaRound.objects.visible_to`` an anonymous
  user: panel rounds are left out), and public comments on them. So every such number can be
  checked against the public pages, and a panel's closed work never shows through a trend.
  The count of ideas includes ideas merged into another (each was posted); the influence
  shares leave them out, as the dashboard does.
- **People** (participants, their breakdowns, survey responses, meeting attendance, live-room
  participants) count everyone who took part, in panels too, because only suppressed
  aggregates of people are shown: a count between 1 and 4 reads "fewer than 5", with the
  differencing guard of ``suppression``; breakdowns fold small groups
  (panels.segments.splits). The verdicts "did this answer the idea?" are people's
  judgements: their share is suppressed when fewer than 5 were given.
- Meetings held are counted for every panel: that a meeting takes place is public.

Influence reuses the response-time dashboard's definitions (ideas.feedback.timeliness):
ideas in scope are those not merged into another; *answered* means at least one official
response; the share *within the target* is answered within the target / (answered +
overdue); days to the first response are the nearest-rank median. Ideas are counted in the
month they were posted, so a month's share can still grow while its ideas are answered.
An idea *reached development* if it ever moved to "in development or piloting" or
"implemented", or an experiment grew from it. Verdicts count in the month of the response.

Every figure is a few aggregate queries whatever the number of rows: months are grouped in
the database (TruncMonth, in the site's time zone), shares with conditional counts.
``compute`` returns plain JSON-serialisable dicts; ``FIGURES`` lists the figures in the
order the page shows them; ``headline`` gives the front page its three numbers.
"""

from collections import Counter, OrderedDict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, DateField, Exists, OuterRef, Q, Value
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.roles import Role
from ideas.feedback import timeliness
from ideas.feedback.models import ExperimentLink, ResponseFeedback, StatusChange, Verdict
from ideas.feedback.statuses import IdeaStatus
from ideas.models import Comment, Idea, IdeaRound, Support
from panels.meetings.models import Attendance, Meeting, RoomMessage
from panels.models import Municipality, Region
from panels.segments.models import ClientGroup
from panels.surveys.models import Response

from .periods import Period, default_period, period_of
from .suppression import MIN_GROUP_SIZE, fewer_than, suppressed_cells, suppressed_split

LICENCE = "CC BY 4.0"
PEOPLE, COUNT, PERCENT, DAYS = "people", "count", "percent", "days"
TREND, BREAKDOWN = "trend", "breakdown"
REACHED_DEVELOPMENT = (IdeaStatus.IN_DEVELOPMENT, IdeaStatus.IMPLEMENTED)


@dataclass(frozen=True)
class Figure:
    slug: str
    title: object
    description: object
    unit: str
    kind: str = TREND


def month_of(field):
    return TruncMonth(field, output_field=DateField())


def month_key(month):
    return month.strftime("%Y-%m")


# The scopes -----------------------------------------------------------------------------


def public_rounds(region):
    rounds = IdeaRound.objects.visible_to(AnonymousUser())
    return rounds if region is None else rounds.filter(region=region)


def public_ideas(region):
    """Ideas a visitor sees, in the region (or anywhere)."""
    return Idea.objects.public().filter(round__in=public_rounds(region))


def ideas_in_scope(region):
    """The dashboard's ideas in scope (not merged), narrowed to what a visitor sees."""
    regions = Region.objects.all() if region is None else Region.objects.filter(pk=region.pk)
    return timeliness.ideas_in_scope(regions).filter(round__in=public_rounds(region))


def in_region(queryset, lookup, region):
    return queryset if region is None else queryset.filter(**{lookup: region})


def contributions(region, period):
    """(person lookup, rows) of each way of taking part, in the region and the period, with
    the month each happened: ideas, comments, supports, named survey responses, attending a
    meeting, writing in a meeting's live room."""

    def window(queryset, moment):
        return queryset.filter(
            **{f"{moment}__gte": period.starts_at, f"{moment}__lt": period.ends_before}
        ).annotate(month=month_of(moment))

    return [
        ("author", window(in_region(Idea.objects.all(), "round__region", region), "created_at")),
        (
            "author",
            window(
                in_region(
                    Comment.objects.filter(idea__isnull=False), "idea__round__region", region
                ),
                "created_at",
            ),
        ),
        (
            "person",
            window(in_region(Support.objects.all(), "idea__round__region", region), "created_at"),
        ),
        (
            "respondent",
            window(in_region(Response.objects.all(), "survey__region", region), "submitted_at"),
        ),
        (
            "person",
            window(
                in_region(
                    Attendance.objects.filter(attended=True), "meeting__panel__region", region
                ),
                "meeting__starts_at",
            ),
        ),
        (
            "author",
            window(
                in_region(RoomMessage.objects.all(), "room__meeting__panel__region", region),
                "created_at",
            ),
        ),
    ]


# Building rows ----------------------------------------------------------------------------


def count_rows(period, counts, *, people):
    """Rows for a count per month; counts of people with suppression."""
    values = [counts.get(month, 0) for month in period.months]
    hidden = suppressed_cells(values) if people else [False] * len(values)
    return [
        {"month": month_key(month), "value": None if hide else value, "suppressed": hide}
        for month, value, hide in zip(period.months, values, hidden, strict=True)
    ]


def count_total(total, *, people):
    if people and 0 < total < MIN_GROUP_SIZE:
        return None, True
    return total, False


def share(part, whole):
    return None if not whole else round(100 * part / whole, 1)


def share_rows(period, parts, wholes, *, people=False):
    """Rows for a share per month: the part, the whole and the percentage. With ``people``
    a month whose whole is below the minimum shows nothing."""
    rows = []
    for month in period.months:
        part, whole = parts.get(month, 0), wholes.get(month, 0)
        hide = people and 0 < whole < MIN_GROUP_SIZE
        rows.append(
            {
                "month": month_key(month),
                "value": None if hide else share(part, whole),
                "suppressed": hide,
                "numerator": None if hide else part,
                "denominator": None if hide else whole,
            }
        )
    return rows


def share_total(parts, wholes, rows, *, people=False):
    """The share over the whole period. With ``people``, hidden months must together hold at
    least the minimum, or the total minus the shown months would give them away."""
    part, whole = sum(parts.values()), sum(wholes.values())
    if people:
        hidden = whole - sum(row["denominator"] or 0 for row in rows)
        if 0 < hidden < MIN_GROUP_SIZE or 0 < whole < MIN_GROUP_SIZE:
            return None, True
    return share(part, whole), False


def grouped(queryset, moment, period, **aggregates):
    """``{month: {name: value}}`` for the queryset in the period: one grouped query."""
    rows = (
        queryset.filter(**{f"{moment}__gte": period.starts_at, f"{moment}__lt": period.ends_before})
        .annotate(month=month_of(moment))
        .order_by()
        .values("month")
        .annotate(**aggregates)
    )
    return {row.pop("month"): row for row in rows}


def column(by_month, name):
    return {month: values[name] for month, values in by_month.items()}


# The figures ------------------------------------------------------------------------------


def people_trend(region, period):
    """Distinct people taking part per month and in the whole period: one UNION query of
    (person, month) pairs, which the database makes distinct; Python counts the pairs."""
    parts = [
        rows.filter(**{f"{person}__isnull": False}).order_by().values_list(person, "month")
        for person, rows in contributions(region, period)
    ]
    pairs = set(parts[0].union(*parts[1:]).order_by())
    by_month = Counter(month for _person, month in pairs)
    total = len({person for person, _month in pairs})
    return count_rows(period, by_month, people=True), count_total(total, people=True)


def taking_part(region, period):
    """The people who took part in the period, as a User queryset (for the breakdowns)."""
    user = get_user_model()
    took_part = Q()
    for person, rows in contributions(region, period):
        took_part |= Exists(rows.filter(**{person: OuterRef("pk")}))
    return user.objects.filter(took_part)


def breakdown(region, period, key, labels):
    counts = Counter()
    for row in taking_part(region, period).order_by().values(key).annotate(n=Count("pk")):
        counts[row[key]] += row["n"]
    splits = suppressed_split(dict(counts), labels)
    total = sum(counts.values())
    rows = [{"group": split.label, "value": split.count, "suppressed": False} for split in splits]
    if not splits:
        # Even the total is too small to show (or nobody took part).
        return rows, (None, True) if total else (0, False)
    return rows, count_total(total, people=True)


def by_role(region, period):
    return breakdown(region, period, "role", dict(Role.choices))


def labels_of(model, region):
    entries = model.objects.select_related("region")
    if region is not None:
        entries = entries.filter(region=region)
    return {
        entry.pk: entry.name if region is not None else f"{entry.name} ({entry.region})"
        for entry in entries
    }


def by_client_group(region, period):
    return breakdown(
        region, period, "self_description__client_group", labels_of(ClientGroup, region)
    )


def by_municipality(region, period):
    return breakdown(
        region, period, "self_description__municipality", labels_of(Municipality, region)
    )


def ideas_trend(region, period):
    counts = column(grouped(public_ideas(region), "created_at", period, n=Count("pk")), "n")
    return count_rows(period, counts, people=False), (sum(counts.values()), False)


def comments_trend(region, period):
    comments = Comment.objects.public().filter(idea__in=public_ideas(region))
    counts = column(grouped(comments, "created_at", period, n=Count("pk")), "n")
    return count_rows(period, counts, people=False), (sum(counts.values()), False)


def survey_responses_trend(region, period):
    responses = in_region(Response.objects.all(), "survey__region", region)
    counts = column(grouped(responses, "submitted_at", period, n=Count("pk")), "n")
    return count_rows(period, counts, people=True), count_total(sum(counts.values()), people=True)


def meetings_trend(region, period):
    held = in_region(Meeting.objects.filter(ends_at__lt=timezone.now()), "panel__region", region)
    counts = column(grouped(held, "starts_at", period, n=Count("pk")), "n")
    return count_rows(period, counts, people=False), (sum(counts.values()), False)


def attendance_trend(region, period):
    attended = in_region(Attendance.objects.filter(attended=True), "meeting__panel__region", region)
    counts = column(grouped(attended, "meeting__starts_at", period, n=Count("pk")), "n")
    return count_rows(period, counts, people=True), count_total(sum(counts.values()), people=True)


def live_trend(region, period):
    messages = in_region(
        RoomMessage.objects.filter(author__isnull=False), "room__meeting__panel__region", region
    )
    counts = column(grouped(messages, "created_at", period, n=Count("author", distinct=True)), "n")
    total = (
        messages.filter(created_at__gte=period.starts_at, created_at__lt=period.ends_before)
        .values("author")
        .distinct()
        .count()
    )
    return count_rows(period, counts, people=True), count_total(total, people=True)


def timing_counts(region, period):
    ideas = ideas_in_scope(region).filter(
        created_at__gte=period.starts_at, created_at__lt=period.ends_before
    )
    return timeliness.counts_by(
        ideas.annotate(month=month_of("created_at")),
        "month",
        now=timezone.now(),
        target_days=timeliness.target_days(),
    )


def answered_trend(region, period):
    counts = timing_counts(region, period)
    parts = {month: row["answered"] for month, row in counts.items()}
    wholes = {month: row["answered"] + row["waiting"] for month, row in counts.items()}
    rows = share_rows(period, parts, wholes)
    return rows, share_total(parts, wholes, rows)


def within_target_trend(region, period):
    counts = timing_counts(region, period)
    parts = {month: row["answered_within_target"] for month, row in counts.items()}
    wholes = {month: row["answered"] + row["overdue"] for month, row in counts.items()}
    rows = share_rows(period, parts, wholes)
    return rows, share_total(parts, wholes, rows)


def reached_development(ideas):
    moved = StatusChange.objects.filter(idea=OuterRef("pk"), to_status__in=REACHED_DEVELOPMENT)
    experiment = ExperimentLink.objects.filter(idea=OuterRef("pk"))
    return Q(status__in=REACHED_DEVELOPMENT) | Q(Exists(moved)) | Q(Exists(experiment))


def development_trend(region, period):
    ideas = ideas_in_scope(region)
    by_month = grouped(
        ideas,
        "created_at",
        period,
        reached=Count("pk", filter=reached_development(ideas)),
        ideas=Count("pk"),
    )
    parts, wholes = column(by_month, "reached"), column(by_month, "ideas")
    rows = share_rows(period, parts, wholes)
    return rows, share_total(parts, wholes, rows)


def answer_yes_trend(region, period):
    verdicts = ResponseFeedback.objects.filter(response__idea__in=ideas_in_scope(region))
    by_month = grouped(
        verdicts,
        "response__published_at",
        period,
        yes=Count("pk", filter=Q(verdict=Verdict.YES)),
        given=Count("pk"),
    )
    parts, wholes = column(by_month, "yes"), column(by_month, "given")
    rows = share_rows(period, parts, wholes, people=True)
    return rows, share_total(parts, wholes, rows, people=True)


def days_trend(region, period):
    ideas = ideas_in_scope(region).filter(
        created_at__gte=period.starts_at, created_at__lt=period.ends_before
    )
    answered = timeliness.with_timing(ideas, timezone.now()).filter(first_response_at__isnull=False)
    medians = timeliness.nearest_rank(
        answered.annotate(month=month_of("created_at")), "month", timeliness.MEDIAN
    )
    overall = timeliness.nearest_rank(answered.annotate(whole=Value(1)), "whole", timeliness.MEDIAN)
    rows = [
        {
            "month": month_key(month),
            "value": days_value(medians.get(month)),
            "suppressed": False,
        }
        for month in period.months
    ]
    return rows, (days_value(overall.get(1)), False)


def days_value(duration):
    value = timeliness.days(duration)
    return None if value is None else round(value, 1)


# The register -----------------------------------------------------------------------------


def _figure(slug, title, description, unit, computer, kind=TREND):
    return slug, (Figure(slug, title, description, unit, kind), computer)


_REGISTER = OrderedDict(
    [
        _figure(
            "participants",
            gettext_lazy("People taking part"),
            gettext_lazy(
                "Different people who posted an idea, commented, supported an idea, answered "
                "a survey under their name, attended a meeting or wrote in a meeting's live "
                "room."
            ),
            PEOPLE,
            people_trend,
        ),
        _figure(
            "participants-by-role",
            gettext_lazy("People taking part by role"),
            gettext_lazy("The people taking part in the period, by their role."),
            PEOPLE,
            by_role,
            BREAKDOWN,
        ),
        _figure(
            "participants-by-client-group",
            gettext_lazy("People taking part by client group"),
            gettext_lazy(
                "The people taking part in the period, by the client group they told us, if "
                "they did."
            ),
            PEOPLE,
            by_client_group,
            BREAKDOWN,
        ),
        _figure(
            "participants-by-municipality",
            gettext_lazy("People taking part by municipality"),
            gettext_lazy(
                "The people taking part in the period, by the municipality they told us, if "
                "they did."
            ),
            PEOPLE,
            by_municipality,
            BREAKDOWN,
        ),
        _figure(
            "ideas",
            gettext_lazy("Ideas"),
            gettext_lazy("Public ideas posted in public idea rounds."),
            COUNT,
            ideas_trend,
        ),
        _figure(
            "comments",
            gettext_lazy("Comments"),
            gettext_lazy("Public comments on those ideas."),
            COUNT,
            comments_trend,
        ),
        _figure(
            "survey-responses",
            gettext_lazy("Survey responses"),
            gettext_lazy("Responses to surveys, including interviews."),
            PEOPLE,
            survey_responses_trend,
        ),
        _figure(
            "meetings",
            gettext_lazy("Meetings held"),
            gettext_lazy("Panel meetings that have taken place, by the month they started."),
            COUNT,
            meetings_trend,
        ),
        _figure(
            "meeting-attendance",
            gettext_lazy("Meeting attendance"),
            gettext_lazy("Times a person was recorded as present at a panel meeting."),
            PEOPLE,
            attendance_trend,
        ),
        _figure(
            "live-participants",
            gettext_lazy("Live-room participants"),
            gettext_lazy("Different people who wrote in a meeting's live room."),
            PEOPLE,
            live_trend,
        ),
        _figure(
            "answered",
            gettext_lazy("Ideas with an official response"),
            gettext_lazy("Share of the ideas posted in the month that have an official response."),
            PERCENT,
            answered_trend,
        ),
        _figure(
            "answered-within-target",
            gettext_lazy("Ideas answered within the target"),
            gettext_lazy(
                "Share of the ideas whose outcome against the response-time target is known "
                "that were answered within it."
            ),
            PERCENT,
            within_target_trend,
        ),
        _figure(
            "reached-development",
            gettext_lazy("Ideas that reached development or further"),
            gettext_lazy(
                "Share of the ideas that reached development, piloting, implementation or an "
                "experiment."
            ),
            PERCENT,
            development_trend,
        ),
        _figure(
            "answer-yes",
            gettext_lazy("“Did this answer the idea?” answered yes"),
            gettext_lazy(
                "Share of the verdicts of authors and supporters on official responses that "
                "said yes."
            ),
            PERCENT,
            answer_yes_trend,
        ),
        _figure(
            "days-to-first-response",
            gettext_lazy("Days to the first response"),
            gettext_lazy("Median days from an idea to its first official response."),
            DAYS,
            days_trend,
        ),
    ]
)

FIGURES = OrderedDict((slug, figure) for slug, (figure, _computer) in _REGISTER.items())


def compute(slug, *, region=None, start=None, end=None):
    """One figure as plain data. ``start``/``end``: months (dates or "YYYY-MM"); both
    missing means the default period. Raises KeyError for an unknown figure and
    periods.PeriodError (a ValueError) for an unusable period."""
    figure, computer = _REGISTER[slug]
    period = start if isinstance(start, Period) else period_of(start, end)
    rows, (total, total_suppressed) = computer(region, period)
    return {
        "figure": figure.slug,
        "title": str(figure.title),
        "description": str(figure.description),
        "unit": figure.unit,
        "kind": figure.kind,
        "region": region.slug if region is not None else None,
        "period": period.as_dict(),
        "rows": rows,
        "total": total,
        "total_suppressed": total_suppressed,
        "minimum": MIN_GROUP_SIZE,
        "licence": LICENCE,
    }


def display(value, unit, suppressed=False):
    """A value as a person reads it: "12", "87 %", "12.5 days", "fewer than 5"."""
    if suppressed:
        return fewer_than()
    if value is None:
        return "–"
    if unit == PERCENT:
        return _("%(value)s %%") % {"value": number_format(round(value))}
    if unit == DAYS:
        return ngettext("%(value)s day", "%(value)s days", round(value)) % {
            "value": number_format(value, decimal_pos=1 if value % 1 else 0)
        }
    return number_format(value)


def headline(region=None):
    """The front page's three numbers over the default period: the share of ideas answered,
    the median days to a first response, and how many ideas reached development or
    further. ``value`` is None when there is nothing to show yet."""
    period = default_period()
    answered = compute("answered", region=region, start=period)
    days = compute("days-to-first-response", region=region, start=period)
    developed = compute("reached-development", region=region, start=period)
    reached = sum(row["numerator"] or 0 for row in developed["rows"])
    return [
        {
            "slug": "answered",
            "label": str(FIGURES["answered"].title),
            "value": answered["total"],
            "display": (
                _("%(share)s of ideas answered") % {"share": display(answered["total"], PERCENT)}
                if answered["total"] is not None
                else _("No ideas to answer yet")
            ),
        },
        {
            "slug": "days-to-first-response",
            "label": str(FIGURES["days-to-first-response"].title),
            "value": days["total"],
            "display": (
                _("median %(days)s to a first response") % {"days": display(days["total"], DAYS)}
                if days["total"] is not None
                else _("No responses yet")
            ),
        },
        {
            "slug": "reached-development",
            "label": str(FIGURES["reached-development"].title),
            "value": reached,
            "display": ngettext(
                "%(count)s idea reached development or further",
                "%(count)s ideas reached development or further",
                reached,
            )
            % {"count": number_format(reached)},
        },
    ]
