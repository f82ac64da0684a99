"""Figures as a page shows them: the chart, the data table and the links, for one scope (a
region or the whole platform) or several side by side."""

from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import charts
from .figures import BREAKDOWN, FIGURES, PERCENT, compute, display


def scope_name(region):
    return region.name if region is not None else _("Whole platform")


def month_name(key):
    year, month = key.split("-")
    return date_format(date(int(year), int(month), 1), "YEAR_MONTH_FORMAT")


def export_url(slug, region, extension, query=""):
    if region is None:
        url = reverse("statistics:platform_export", args=[slug, extension])
    else:
        url = reverse("statistics:region_export", args=[region.slug, slug, extension])
    return f"{url}?{query}" if query else url


def cell(row, unit):
    return display(row.get("value"), unit, row.get("suppressed", False))


@dataclass
class Scope:
    name: str
    colour: str
    result: dict
    bars: object = None  # a breakdown's bar chart
    csv_url: str = ""
    json_url: str = ""
    total: str = ""


@dataclass
class Shown:
    figure: object
    dom_id: str
    scopes: list
    chart: object = None  # a trend's column chart, all scopes in one
    rows: list = field(default_factory=list)  # a trend's table: (month, [cell per scope])
    totals: list = field(default_factory=list)

    @property
    def is_breakdown(self):
        return self.figure.kind == BREAKDOWN

    @property
    def compares(self):
        return len(self.scopes) > 1


def breakdown_bars(result):
    total = sum(row["value"] for row in result["rows"])
    return charts.bar_chart(
        [
            (row["group"], 100 * row["value"] / total if total else 0, row["value"])
            for row in result["rows"]
        ]
    )


def present(slug, regions, period, query=""):
    """The figure ``slug`` for each of ``regions`` (None is the whole platform)."""
    figure = FIGURES[slug]
    scopes = []
    for index, region in enumerate(regions):
        result = compute(slug, region=region, start=period)
        scopes.append(
            Scope(
                name=scope_name(region),
                colour=charts.COLOURS[index % len(charts.COLOURS)],
                result=result,
                bars=breakdown_bars(result) if figure.kind == BREAKDOWN else None,
                csv_url=export_url(slug, region, "csv", query),
                json_url=export_url(slug, region, "json", query),
            )
        )
    shown = Shown(figure=figure, dom_id=f"figure-{slug}", scopes=scopes)
    for scope in scopes:
        scope.total = display(scope.result["total"], figure.unit, scope.result["total_suppressed"])
    if figure.kind != BREAKDOWN:
        months = [row["month"] for row in scopes[0].result["rows"]]
        shown.chart = charts.column_chart(
            months,
            [[row["value"] for row in scope.result["rows"]] for scope in scopes],
            maximum=100 if figure.unit == PERCENT else None,
        )
        shown.rows = [
            (
                month_name(month),
                [cell(scope.result["rows"][index], figure.unit) for scope in scopes],
            )
            for index, month in enumerate(months)
        ]
    return shown
