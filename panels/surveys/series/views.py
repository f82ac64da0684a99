"""Series pages. Thin: permissions from panels.surveys.series.rules, numbers from ``change``
and ``own``, actions from ``services``.

Every page needs a signed-in person. A series one may not see answers 404, like the rest of
panels, and so does someone else's own wheel: the own-wheel page always shows the person
asking, and nothing takes a person from the address.
"""

from datetime import timedelta

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from panels.surveys.charts import radar_chart
from panels.surveys.models import MIN_RESPONSES_FOR_RESULTS, Survey

from . import services
from .change import group_change, round_style, signed, write_csv
from .forms import FirstRoundForm, NextRoundForm
from .models import OwnWheel, Series
from .own import wheels_over_time


def _series_for(user, pk, permission):
    series = get_object_or_404(Series.objects.select_related("region"), pk=pk)
    if not rules.has_perm(f"survey_series.{permission}", user, series):
        raise Http404
    return series


@login_required
def series_list(request):
    user = request.user
    answered = Survey.objects.answered_by(user).values("pk")
    mine = (
        Series.objects.filter(Q(rounds__survey__in=answered) | Q(rounds__own_wheels__person=user))
        .distinct()
        .select_related("region")
    )
    official = (
        Series.objects.of_officials(user)
        .select_related("region")
        .annotate(round_count=Count("rounds", distinct=True))
    )
    return render(
        request,
        "survey_series/list.html",
        {
            "mine": list(mine),
            "official": list(official),
            "can_add": rules.has_perm("survey_series.add_series", user),
        },
    )


def _rounds(series):
    return list(
        series.rounds.select_related("survey")
        .annotate(responses=Count("survey__responses"))
        .order_by("number")
    )


@login_required
def series_detail(request, pk, first_form=None, next_form=None, status=200):
    user = request.user
    series = _series_for(user, pk, "view_series")
    rounds = _rounds(series)
    can_manage = rules.has_perm("survey_series.manage_series", user, series)
    if can_manage and first_form is None and next_form is None:
        if rounds:
            next_form = NextRoundForm(initial=_next_dates(series, rounds[-1]))
        else:
            first_form = FirstRoundForm(series)
    context = {
        "series": series,
        "rounds": rounds,
        "can_manage": can_manage,
        "first_form": first_form if can_manage and not rounds else None,
        "next_form": next_form if can_manage and rounds else None,
    }
    return render(request, "survey_series/detail.html", context, status=status)


def _add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, 28))


def _next_dates(series, latest):
    """The suggested dates: the series' interval after the latest round opened, open as
    long as it was."""
    survey = latest.survey
    opens_on = _add_months(timezone.localdate(survey.opens_at), series.interval_months)
    days = 30
    if survey.closes_at:
        days = max(1, (survey.closes_at - survey.opens_at).days)
    return {"opens_on": opens_on, "closes_on": opens_on + timedelta(days=days - 1)}


@login_required
@require_POST
def start_round(request, pk):
    user = request.user
    series = _series_for(user, pk, "view_series")
    if not rules.has_perm("survey_series.manage_series", user, series):
        raise Http404
    started = series.rounds.exists()
    form = NextRoundForm(request.POST) if started else FirstRoundForm(series, request.POST)
    if form.is_valid():
        try:
            if started:
                round_ = services.start_next_round(
                    series,
                    by=user,
                    opens_at=form.opens_at,
                    closes_at=form.closes_at,
                    publish=form.cleaned_data["publish"],
                )
            else:
                round_ = services.start_first_round(series, form.cleaned_data["survey"], by=user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Round %(number)s was started.") % {"number": round_.number}
            )
            return redirect("survey_series:detail", series.pk)
    forms = {"next_form": form} if started else {"first_form": form}
    return series_detail(request, pk, status=400, **forms)


@login_required
def group_effect(request, pk):
    series = _series_for(request.user, pk, "view_group_change")
    change = group_change(series)
    for result in change.wheels:
        for domain in result.domains:
            domain.shown_change = signed(domain.change)
    return render(
        request,
        "survey_series/effect.html",
        {
            "series": series,
            "change": change,
            "round_rows": list(zip(change.rounds, change.responses, strict=True)),
            "styles": [round_style(i) for i in range(len(change.rounds))],
            "min_responses": MIN_RESPONSES_FOR_RESULTS,
        },
    )


@login_required
def group_effect_csv(request, pk):
    series = _series_for(request.user, pk, "view_group_change")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="series-{series.pk}-effect.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read the text as UTF-8
    write_csv(group_change(series), response)
    return response


@login_required
def my_wheels(request, pk):
    user = request.user
    series = _series_for(user, pk, "view_own_wheels")
    shape, found = wheels_over_time(user, series)
    wheels = []
    for wheel in shape.wheels:
        series_drawn = [
            (
                _("Round %(number)s") % {"number": round_.number},
                ratings[wheel.position],
                round_style(index),
            )
            for index, (round_, _id, ratings) in enumerate(found)
        ]
        rows = []
        for m, label in enumerate(wheel.labels):
            values = [ratings[wheel.position][m] for _r, _i, ratings in found]
            first, latest = (values[0], values[-1]) if values else (None, None)
            change = latest - first if len(values) > 1 and None not in (first, latest) else None
            rows.append((label, values, signed(change)))
        wheels.append(
            {
                "wheel": wheel,
                "chart": radar_chart(wheel.labels, series_drawn) if found else None,
                "rows": rows,
            }
        )
    return render(
        request,
        "survey_series/mine.html",
        {
            "series": series,
            "rounds": [round_ for round_, _id, _r in found],
            "copies": [(round_, wheel_id) for round_, wheel_id, _r in found if wheel_id],
            "wheels": wheels,
            "several": len(found) > 1,
        },
    )


@login_required
@require_POST
def delete_own_wheel(request, pk):
    wheel = get_object_or_404(OwnWheel.objects.select_related("round"), pk=pk)
    if not rules.has_perm("survey_series.delete_own_wheel", request.user, wheel):
        raise Http404
    series_id = wheel.round.series_id
    wheel.delete()
    messages.success(request, _("Your copy of that round's life wheel was deleted."))
    return redirect("survey_series:mine", series_id)
