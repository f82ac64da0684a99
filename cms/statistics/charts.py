"""Geometry of the statistics charts, drawn as SVG by the templates, as the survey charts
are (panels.surveys.charts): numbers in, coordinates out, unit-tested without a browser.

A trend is a column chart, one group of columns per month and one column per series (a
region, when staff compare regions). A breakdown is the survey's horizontal bar chart.
Suppressed and missing values draw no column; the data table beside every chart says why.
"""

import math
from dataclasses import dataclass

from panels.surveys.charts import bar_chart

WIDTH = 640
HEIGHT = 240
LEFT = 44  # room for the axis labels
BOTTOM = 36  # room for the month labels
TOP = 12
# Colours of the series, each at least 3:1 against white (WCAG 2.1 non-text contrast).
COLOURS = ("#0b4f8a", "#8a3b12", "#2d6a2d", "#6b2d83", "#7a5c00", "#a1264d")

__all__ = ["bar_chart", "column_chart", "nice_maximum"]


@dataclass
class Column:
    x: float
    y: float
    width: float
    height: float
    colour: str


@dataclass
class Tick:
    y: float
    label: str


@dataclass
class MonthLabel:
    x: float
    label: str


@dataclass
class ColumnChart:
    width: int
    height: int
    baseline: float
    left: int
    columns: list
    ticks: list
    months: list


def nice_maximum(value):
    """The top of the scale: 1, 2 or 5 times a power of ten at or above ``value``."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def _short_month(month):
    """ "2026-03" as "3/26": short enough for 24 months side by side."""
    year, number = month.split("-")
    return f"{int(number)}/{year[2:]}"


def column_chart(months, series, *, maximum=None):
    """``months``: ["2026-01", …]; ``series``: one list of values (None for nothing to draw)
    per series, in the order of ``months``. ``maximum``: the top of the scale (100 for
    shares), else a round number above the largest value."""
    values = [value for values in series for value in values if value is not None]
    top = maximum or nice_maximum(max(values, default=0))
    plot_width = WIDTH - LEFT
    plot_height = HEIGHT - TOP - BOTTOM
    baseline = HEIGHT - BOTTOM
    group = plot_width / max(len(months), 1)
    width = group * 0.8 / max(len(series), 1)
    columns = []
    for index, values in enumerate(series):
        colour = COLOURS[index % len(COLOURS)]
        for position, value in enumerate(values):
            if value is None:
                continue
            height = round(plot_height * min(float(value), top) / top, 2)
            columns.append(
                Column(
                    x=round(LEFT + position * group + group * 0.1 + index * width, 2),
                    y=round(baseline - height, 2),
                    width=round(width, 2),
                    height=height,
                    colour=colour,
                )
            )
    ticks = [
        Tick(y=round(baseline - plot_height * fraction, 2), label=_number(top * fraction))
        for fraction in (0, 0.5, 1)
    ]
    # Every month labelled up to 12 months; beyond, every other or every third.
    step = 1 if len(months) <= 12 else math.ceil(len(months) / 12)
    labels = [
        MonthLabel(x=round(LEFT + position * group + group / 2, 2), label=_short_month(month))
        for position, month in enumerate(months)
        if position % step == 0
    ]
    return ColumnChart(WIDTH, HEIGHT, baseline, LEFT, columns, ticks, labels)


def _number(value):
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
