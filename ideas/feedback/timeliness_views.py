"""The response-time dashboard page and its CSV export. The figures and their definitions are
in ``ideas.feedback.timeliness``; this module decides who sees which regions and renders them.

Like the moderation queue, the dashboard does not exist for people it is not for: anonymous
visitors are asked to log in, everyone else without ``feedback.see_response_dashboard`` gets a
404, and so does a filter naming a region or round outside the viewer's regions.
"""

import csv
from datetime import timedelta

import rules
from django import forms
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ideas.models import IdeaRound
from ideas.service_feedback import timeliness as feedback_timeliness
from ideas.service_feedback.models import Status as FeedbackStatus
from panels.models import Municipality
from panels.places.filters import MunicipalityField, in_municipality

from . import timeliness
from .statuses import IdeaStatus

# The page lists this many overdue ideas, the longest waiting first; the CSV has all of them.
OVERDUE_SHOWN = 100

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class RoundChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.region.name})"


class DashboardFilterForm(forms.Form):
    region = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=gettext_lazy("Region"),
        empty_label=gettext_lazy("All my regions"),
    )
    round = RoundChoiceField(
        queryset=None,
        required=False,
        label=gettext_lazy("Idea round"),
        empty_label=gettext_lazy("All rounds"),
    )
    # The chosen region's municipalities, or every region's under its name (panels.places).
    municipality = MunicipalityField(empty_label=gettext_lazy("All municipalities"))

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions.order_by("name")
        region = self.data.get("region") if self.is_bound else None
        self.fields["municipality"].offer(
            Municipality.objects.filter(region__in=regions),
            shown_region=int(region) if region and str(region).isdigit() else None,
        )
        self.fields["round"].queryset = (
            IdeaRound.objects.filter(region__in=regions)
            .select_related("region")
            .order_by("region__name", "-ideation_starts", "title")
        )

    def clean(self):
        data = super().clean()
        region, round_ = data.get("region"), data.get("round")
        if region and round_ and round_.region_id != region.pk:
            self.add_error("round", _("That round is not in the chosen region."))
            # The template gives the error this id, so that screen readers read it with the field.
            self.fields["round"].widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": "id_round-error"}
            )
        municipality = data.get("municipality")
        region = region or (round_.region if round_ else None)
        if municipality and region and municipality.region_id != region.pk:
            self.add_error("municipality", _("That municipality is not in the chosen region."))
            self.fields["municipality"].widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": "id_municipality-error"}
            )
        return data

    def names_unknown_choice(self):
        """A region or round outside the viewer's regions: for them it does not exist."""
        return any(
            error.code == "invalid_choice"
            for name in ("region", "round", "municipality")
            for error in self.errors.as_data().get(name, [])
        )


class Scope:
    """What one request looks at: the filter form, the regions and the round (or None)."""

    def __init__(self, request):
        regions = timeliness.regions_for(request.user)
        self.form = DashboardFilterForm(request.GET or None, regions=regions)
        self.regions = regions
        self.round = None
        self.municipality = None
        if self.form.is_bound:
            if self.form.names_unknown_choice():
                raise Http404
            if self.form.is_valid():
                chosen = self.form.cleaned_data
                self.round = chosen["round"]
                if self.round is not None:
                    self.regions = regions.filter(pk=self.round.region_id)
                elif chosen["region"] is not None:
                    self.regions = regions.filter(pk=chosen["region"].pk)
                self.municipality = chosen["municipality"]
                if self.municipality is not None and self.round is None:
                    self.regions = regions.filter(pk=self.municipality.region_id)
        self.ideas = timeliness.ideas_in_scope(self.regions, self.round)
        if self.municipality is not None:
            # The municipality's rounds and the whole region's (panels.places.filters).
            self.ideas = in_municipality(
                self.ideas, self.municipality, region="round__region", field="round__municipality"
            )

    def feedback(self):
        """Spontaneous feedback in scope: of the municipality, if one is chosen, and that which
        names none."""
        feedback = feedback_timeliness.feedback_in_scope(self.regions)
        if self.municipality is not None:
            feedback = in_municipality(feedback, self.municipality)
        return feedback

    def rounds(self):
        rounds = IdeaRound.objects.filter(region__in=self.regions)
        if self.round is not None:
            rounds = rounds.filter(pk=self.round.pk)
        if self.municipality is not None:
            rounds = in_municipality(rounds, self.municipality)
        return rounds.select_related("region", "panel", "municipality").order_by(
            "region__name", "-ideation_starts", "title"
        )


def _refuse(request):
    """None when the person may see the dashboard, else the answer to give them."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not rules.has_perm("feedback.see_response_dashboard", request.user):
        raise Http404
    return None


def response_dashboard(request):
    refusal = _refuse(request)
    if refusal is not None:
        return refusal
    scope = Scope(request)
    now = timezone.now()
    target = timeliness.target_days()
    by_region = timeliness.figures_by(
        scope.ideas, timeliness.BY_REGION, now=now, target_days=target
    )
    by_round = timeliness.figures_by(scope.ideas, timeliness.BY_ROUND, now=now, target_days=target)
    # Rows for every region and round in scope, also those without ideas yet.
    region_rows = [
        (region, by_region.get(region.pk) or timeliness.Figures())
        for region in scope.regions.order_by("name")
    ]
    round_rows = [
        (round_, by_round.get(round_.pk) or timeliness.Figures()) for round_ in scope.rounds()
    ]
    overdue = timeliness.overdue_ideas(scope.ideas, now=now, target_days=target)
    overdue = list(overdue[:OVERDUE_SHOWN])
    for idea in overdue:  # display only: at most OVERDUE_SHOWN rows, no query
        idea.waited_days = timeliness.days(idea.waited)
    overdue_count = sum(figures.overdue for figures in by_region.values())
    export_query = request.GET.urlencode() if scope.form.is_valid() else ""
    # Spontaneous feedback, counted as ideas are, by region; and who sent it, by client group.
    feedback = scope.feedback()
    feedback_by_region = feedback_timeliness.figures_by_region(
        feedback, now=now, target_days=target
    )
    feedback_rows = [
        (region, feedback_by_region.get(region.pk) or timeliness.Figures())
        for region, _figures in region_rows
    ]
    return render(
        request,
        "feedback/dashboard.html",
        {
            "form": scope.form,
            "target_days": target,
            "region_rows": region_rows,
            "round_rows": round_rows,
            "overdue": overdue,
            "overdue_count": overdue_count,
            "overdue_more": max(overdue_count - len(overdue), 0),
            "export_query": export_query,
            "feedback_rows": feedback_rows,
            "feedback_split": feedback_timeliness.client_group_split(feedback),
            "municipality": scope.municipality,
        },
    )


def csv_cell(value):
    """A value as a CSV cell that no spreadsheet runs as a formula: text starting with a
    formula character gets a leading apostrophe, which spreadsheets show as plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _date(moment):
    return "" if moment is None else timezone.localtime(moment).isoformat(timespec="minutes")


def _days(duration):
    return "" if duration is None else f"{timeliness.days(duration):.1f}"


class _Echo:
    """A file-like object whose write returns the line, for streaming with csv.writer."""

    def write(self, value):
        return value


def response_dashboard_csv(request):
    """One row per idea in scope, read from the database in chunks. (Under ASGI Django gathers a
    synchronous stream before sending it; a row is a few hundred bytes, so a region with ten
    thousand ideas is still only a few megabytes.)"""
    refusal = _refuse(request)
    if refusal is not None:
        return refusal
    scope = Scope(request)
    now = timezone.now()
    target = timeliness.target_days()
    overdue_after = now - timedelta(days=target)
    # Translated now: the rows are written after the view has returned.
    statuses = {value: str(label) for value, label in IdeaStatus.choices}
    yes, no = _("yes"), _("no")
    header = [
        _("Region"),
        _("Idea round"),
        _("Idea id"),
        _("Title"),
        _("Created"),
        _("Status"),
        _("First response"),
        _("Days to first response"),
        _("Days waiting"),
        _("Overdue"),
        _("Feedback: answered the idea"),
        _("Feedback: partly"),
        _("Feedback: did not answer"),
    ]
    ideas = timeliness.export_rows(scope.ideas, now=now)

    def lines():
        writer = csv.writer(_Echo())
        # A byte order mark, so that spreadsheets read the Finnish and Swedish letters right.
        yield "\ufeff" + writer.writerow(header)
        for idea in ideas.iterator(chunk_size=500):
            answered = idea.first_response_at is not None
            row = [
                idea.round.region.name,
                idea.round.title,
                idea.pk,
                idea.title,
                _date(idea.created_at),
                statuses.get(idea.status, idea.status),
                _date(idea.first_response_at),
                _days(idea.response_time),
                "" if answered else _days(idea.waited),
                no if answered or idea.created_at >= overdue_after else yes,
                idea.feedback_yes,
                idea.feedback_partly,
                idea.feedback_no,
            ]
            yield writer.writerow([csv_cell(value) for value in row])

    filename = f"response-times-{timezone.localdate(now).isoformat()}.csv"
    return StreamingHttpResponse(
        lines(),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def response_dashboard_feedback_csv(request):
    """One row per item of spontaneous feedback in scope: its timing and outcome, never its
    text nor anything about who sent it. One query, read in chunks."""
    refusal = _refuse(request)
    if refusal is not None:
        return refusal
    scope = Scope(request)
    now = timezone.now()
    overdue_after = now - timedelta(days=timeliness.target_days())
    statuses = {value: str(label) for value, label in FeedbackStatus.choices}
    yes, no = _("yes"), _("no")
    header = [
        _("Region"),
        _("Feedback id"),
        _("Service area"),
        _("Client group"),
        _("Received"),
        _("Outcome"),
        _("Answered"),
        _("Days to answer"),
        _("Days waiting"),
        _("Overdue"),
    ]
    items = (
        feedback_timeliness.with_timing(scope.feedback(), now)
        .select_related("region", "service_area", "client_group")
        .order_by("region__name", "created_at", "pk")
    )

    def lines():
        writer = csv.writer(_Echo())
        yield "\ufeff" + writer.writerow(header)
        for item in items.iterator(chunk_size=500):
            answered = item.answered_at is not None
            row = [
                item.region.name,
                item.pk,
                item.service_area.name,
                item.client_group.name if item.client_group else "",
                _date(item.created_at),
                statuses.get(item.status, item.status),
                _date(item.answered_at),
                _days(item.response_time),
                "" if answered else _days(item.waited),
                no if answered or item.created_at >= overdue_after else yes,
            ]
            yield writer.writerow([csv_cell(value) for value in row])

    filename = f"feedback-response-times-{timezone.localdate(now).isoformat()}.csv"
    return StreamingHttpResponse(
        lines(),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
