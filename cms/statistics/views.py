"""The public statistics pages and their CSV and JSON per figure.

Everyone sees the default period (the last 12 months) and one scope; staff, decision-makers
and administrators (``user.is_staff``) may pick the months and compare regions. A visitor's
query string is ignored rather than refused: the numbers are public either way, and a shared
link from staff still opens."""

import csv
from urllib.parse import urlencode

from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from ideas.feedback.timeliness_views import csv_cell
from panels.models import Region

from .figures import BREAKDOWN, FIGURES, PERCENT, compute
from .forms import StatisticsForm
from .periods import default_period
from .presenting import present, scope_name
from .suppression import fewer_than


def picks_period(user):
    return user.is_authenticated and user.is_staff


def _choices(request, region):
    """(form or None, period, regions to show, the query string that keeps the choice).
    A form with errors shows them, and the figures stay those of the default period."""
    period, regions = default_period(), [region]
    if not picks_period(request.user):
        return None, period, regions, ""
    form = StatisticsForm(request.GET or None)
    if not (form.is_bound and form.is_valid()):
        return form, period, regions, ""
    period = form.cleaned_data["period"]
    regions += [other for other in form.cleaned_data["compare"] if other != region]
    query = urlencode(
        {"start": period.start.strftime("%Y-%m"), "end": period.end.strftime("%Y-%m")}
    )
    return form, period, regions, query


def statistics_page(request, region_slug=None):
    region = get_object_or_404(Region, slug=region_slug) if region_slug else None
    form, period, regions, query = _choices(request, region)
    shown = [present(slug, regions, period, query) for slug in FIGURES]
    return render(
        request,
        "statistics/page.html",
        {
            "region": region,
            "scope_name": scope_name(region),
            "regions": Region.objects.order_by("name"),
            "form": form,
            "period": period,
            "participation": [item for item in shown if item.figure.slug in PARTICIPATION],
            "influence": [item for item in shown if item.figure.slug not in PARTICIPATION],
            "compared": regions[1:],
        },
    )


PARTICIPATION = {
    "participants",
    "participants-by-role",
    "participants-by-client-group",
    "participants-by-municipality",
    "ideas",
    "comments",
    "survey-responses",
    "meetings",
    "meeting-attendance",
    "live-participants",
}


def export(request, slug, extension, region_slug=None):
    if slug not in FIGURES:
        raise Http404(_("No such figure."))
    region = get_object_or_404(Region, slug=region_slug) if region_slug else None
    period = default_period()
    if picks_period(request.user) and request.GET:
        form = StatisticsForm(request.GET)
        if not form.is_valid():
            messages = [str(error) for errors in form.errors.values() for error in errors]
            return HttpResponseBadRequest(" ".join(messages), content_type="text/plain")
        period = form.cleaned_data["period"]
    result = compute(slug, region=region, start=period)
    if extension == "json":
        return JsonResponse(result, json_dumps_params={"ensure_ascii": False, "indent": 1})
    return csv_response(result)


def csv_response(result):
    name = f"{result['region'] or 'kohtaamo'}-{result['figure']}-{result['period']['start'][:7]}"
    name += f"-{result['period']['end'][:7]}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    breakdown = result["kind"] == BREAKDOWN
    share = result["unit"] == PERCENT
    header = [_("group") if breakdown else _("month"), _("value"), _("note")]
    if share:
        header += [_("counted"), _("out of")]
    writer.writerow(header)
    for row in result["rows"]:
        line = [
            csv_cell(row["group"] if breakdown else row["month"]),
            "" if row["value"] is None else row["value"],
            fewer_than() if row["suppressed"] else "",
        ]
        if share:
            line += [
                "" if row["numerator"] is None else row["numerator"],
                "" if row["denominator"] is None else row["denominator"],
            ]
        writer.writerow(line)
    writer.writerow(
        [
            _("total"),
            "" if result["total"] is None else result["total"],
            fewer_than() if result["total_suppressed"] else "",
        ]
    )
    return response
