"""The filters of the list endpoints, validated by django-filter: a bad value is a 400 that
says which parameter and why, never a server error or a silently ignored filter."""

from datetime import UTC

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField
from drf_spectacular.utils import extend_schema_field
from taggit.models import TaggedItem

from ideas.feedback.models import OfficialResponse, StatusChange
from ideas.feedback.statuses import ExperimentStatus, IdeaStatus
from ideas.models import Idea, IdeaRound
from panels.models import Region

REGION_HELP = _("The region's slug, e.g. lappi (see /api/v1/regions/).")
ROUND_HELP = _("The round's slug or id.")
THEME_HELP = _("A theme's slug.")
CHANGED_HELP = _("Only what changed at or after this moment (ISO 8601, e.g. 2026-03-01T00:00Z).")
# The largest id a database column holds (BigAutoField): a larger number names nothing, and
# would make the database driver fail rather than find no row.
MAX_ID = 2**63 - 1


@extend_schema_field({"type": "integer", "format": "int64", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """A whole number in the ids' range: "1.5" or a 30-digit number is a clear 400."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, max_value=MAX_ID, **kwargs)


class MomentField(IsoDateTimeField):
    """An ISO 8601 moment, in UTC: any offset Python reads (+19:11) is a moment, but
    PostgreSQL takes offsets up to 15:59 only, and a moment past year 1 or 9999 in UTC is
    none the database holds."""

    def to_python(self, value):
        moment = super().to_python(value)
        if moment is None:
            return None
        try:
            return moment.astimezone(UTC)
        except OverflowError:
            raise ValidationError(
                _("Enter a moment between the years 1 and 9999."), code="invalid"
            ) from None


class ChangedSinceFilter(django_filters.IsoDateTimeFilter):
    field_class = MomentField


def region_filter(field_name):
    return django_filters.ModelChoiceFilter(
        field_name=field_name,
        queryset=Region.objects.all(),
        to_field_name="slug",
        help_text=REGION_HELP,
    )


def filter_round(queryset, lookup, value):
    value = value.strip()
    if value.isascii() and value.isdigit():
        if int(value) > MAX_ID:
            return queryset.none()
        return queryset.filter(**{f"{lookup}_id": int(value)})
    return queryset.filter(**{f"{lookup}__slug": value})


def with_theme(queryset, idea_lookup, slug):
    """Through Idea.objects.with_theme: the tag join Django 6.1 deprecates is avoided there."""
    tagged = Idea.objects.with_theme(slug).values("pk")
    return queryset.filter(**{f"{idea_lookup}__in": tagged})


class RoundFilter(django_filters.FilterSet):
    region = region_filter("region")
    theme = django_filters.CharFilter(method="by_theme", help_text=_("A theme the round offers."))
    changed_since = ChangedSinceFilter(
        field_name="created_at", lookup_expr="gte", help_text=CHANGED_HELP
    )

    def by_theme(self, queryset, name, value):
        # A subquery, as Idea.objects.with_theme does, rather than taggit's generic join.
        tagged = TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(IdeaRound), tag__slug=value
        ).values("object_id")
        return queryset.filter(pk__in=tagged)


class IdeaFilter(django_filters.FilterSet):
    region = region_filter("round__region")
    round = django_filters.CharFilter(method="by_round", help_text=ROUND_HELP)
    status = django_filters.ChoiceFilter(choices=IdeaStatus.choices)
    theme = django_filters.CharFilter(method="by_theme", help_text=THEME_HELP)
    changed_since = ChangedSinceFilter(
        method="by_change",
        help_text=_("Ideas posted, edited, moved or answered at or after this moment (ISO 8601)."),
    )

    def by_round(self, queryset, name, value):
        return filter_round(queryset, "round", value)

    def by_theme(self, queryset, name, value):
        return with_theme(queryset, "pk", value)

    def by_change(self, queryset, name, value):
        moved = StatusChange.objects.filter(idea=OuterRef("pk"), created_at__gte=value)
        answered = OfficialResponse.objects.filter(
            Q(published_at__gte=value) | Q(edited_at__gte=value), idea=OuterRef("pk")
        )
        return queryset.filter(
            Q(created_at__gte=value) | Q(edited_at__gte=value) | Exists(moved) | Exists(answered)
        )


class IdeaRecordFilter(django_filters.FilterSet):
    """For the records of ideas (status changes, responses): by their idea's place and kind."""

    region = region_filter("idea__round__region")
    round = django_filters.CharFilter(method="by_round", help_text=ROUND_HELP)
    idea = IdFilter(field_name="idea_id", help_text=_("The idea's id."))
    theme = django_filters.CharFilter(method="by_theme", help_text=THEME_HELP)

    def by_round(self, queryset, name, value):
        return filter_round(queryset, "idea__round", value)

    def by_theme(self, queryset, name, value):
        return with_theme(queryset, "idea", value)


class StatusChangeFilter(IdeaRecordFilter):
    status = django_filters.ChoiceFilter(
        field_name="to_status", choices=IdeaStatus.choices, help_text=_("The status moved to.")
    )
    changed_since = ChangedSinceFilter(
        field_name="created_at", lookup_expr="gte", help_text=CHANGED_HELP
    )


class ResponseFilter(IdeaRecordFilter):
    status = django_filters.ChoiceFilter(
        field_name="decision", choices=IdeaStatus.choices, help_text=_("The decision.")
    )
    changed_since = ChangedSinceFilter(method="by_change", help_text=CHANGED_HELP)

    def by_change(self, queryset, name, value):
        return queryset.filter(Q(published_at__gte=value) | Q(edited_at__gte=value))


class PageFilter(django_filters.FilterSet):
    region = region_filter("region")
    language = django_filters.CharFilter(
        field_name="locale__language_code", help_text=_("The page's language: fi, sv or en.")
    )
    changed_since = ChangedSinceFilter(
        field_name="last_published_at", lookup_expr="gte", help_text=CHANGED_HELP
    )


class ExperimentFilter(PageFilter):
    status = django_filters.ChoiceFilter(choices=ExperimentStatus.choices)
    theme = django_filters.CharFilter(
        field_name="themes__slug", distinct=True, help_text=THEME_HELP
    )


class PracticeFilter(PageFilter):
    theme = django_filters.CharFilter(
        field_name="themes__slug", distinct=True, help_text=THEME_HELP
    )


class SurveyFilter(django_filters.FilterSet):
    region = region_filter("region")
    changed_since = ChangedSinceFilter(
        field_name="opens_at", lookup_expr="gte", help_text=_("Surveys opened at or after this.")
    )
