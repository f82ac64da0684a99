"""Geometry of the survey charts, drawn as SVG by the templates (panels/includes/...).

Plain numbers in, coordinates out, so the geometry is unit-tested without a browser. The
charts are pictures for sighted readers: every chart has a data table beside it.
"""

import math
from dataclasses import dataclass

BAR_WIDTH = 320  # viewBox width of a bar chart
BAR_LABEL_SPACE = 44  # room for the value after the longest bar
BAR_ROW = 40  # height of one row: its label above, the bar below
BAR_HEIGHT = 14
LABEL_CHARS = 42

RADAR_SIZE = 360
RADAR_RADIUS = 110
RADAR_LABEL_CHARS = 18
RADAR_RINGS = (2, 4, 6, 8, 10)
# Room beside the wheel for the labels of the side axes.
RADAR_SIDE_ROOM = 100


def _shorten(label, limit):
    label = str(label)
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


@dataclass
class Bar:
    label: str
    value_label: str
    label_y: float
    y: float
    width: float
    value_x: float


@dataclass
class BarChart:
    width: int
    height: int
    bars: list


def bar_chart(rows):
    """A horizontal bar per row. ``rows``: (label, percent, value_label); a bar's length is
    its percentage of the whole plot width, so charts of the same kind compare."""
    plot = BAR_WIDTH - BAR_LABEL_SPACE
    bars = []
    for index, (label, percent, value_label) in enumerate(rows):
        top = index * BAR_ROW
        width = round(plot * max(0.0, min(float(percent), 100.0)) / 100, 2)
        bars.append(
            Bar(
                label=_shorten(label, LABEL_CHARS),
                value_label=str(value_label),
                label_y=top + 14,
                y=top + 20,
                width=width,
                value_x=round(width + 6, 2),
            )
        )
    return BarChart(width=BAR_WIDTH, height=max(len(rows), 1) * BAR_ROW, bars=bars)


@dataclass
class Axis:
    label: str
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str


@dataclass
class Series:
    name: str
    points: str
    css_class: str


@dataclass
class RadarChart:
    size: int
    center: float
    rings: list
    axes: list
    series: list

    @property
    def view_box(self):
        return f"{-RADAR_SIDE_ROOM} 0 {self.size + 2 * RADAR_SIDE_ROOM} {self.size}"


def _point(index, count, value, maximum):
    """Axis ``index`` of ``count`` points straight up first and goes clockwise."""
    angle = -math.pi / 2 + 2 * math.pi * index / count
    distance = RADAR_RADIUS * max(0.0, min(float(value), maximum)) / maximum
    center = RADAR_SIZE / 2
    return (
        round(center + distance * math.cos(angle), 2),
        round(center + distance * math.sin(angle), 2),
    )


def _polygon(values, maximum):
    count = len(values)
    return " ".join(
        f"{x},{y}" for x, y in (_point(i, count, v or 0, maximum) for i, v in enumerate(values))
    )


def radar_chart(labels, series, maximum=10):
    """A radar ("life wheel") chart: one axis per label, one polygon per series.

    ``series``: (name, values, css_class), values in the order of ``labels``; a missing value
    (None) is drawn at the centre."""
    count = len(labels)
    if count < 3:
        # Fewer than three axes do not make a wheel; the table says it all.
        return None
    axes = []
    for index, label in enumerate(labels):
        x, y = _point(index, count, maximum, maximum)
        angle = -math.pi / 2 + 2 * math.pi * index / count
        label_x = round(RADAR_SIZE / 2 + (RADAR_RADIUS + 14) * math.cos(angle), 2)
        label_y = round(RADAR_SIZE / 2 + (RADAR_RADIUS + 14) * math.sin(angle) + 4, 2)
        cos = math.cos(angle)
        anchor = "middle" if abs(cos) < 0.2 else ("start" if cos > 0 else "end")
        axes.append(Axis(_shorten(label, RADAR_LABEL_CHARS), x, y, label_x, label_y, anchor))
    rings = [_polygon([ring] * count, maximum) for ring in RADAR_RINGS if ring <= maximum]
    drawn = [Series(name, _polygon(values, maximum), css) for name, values, css in series]
    return RadarChart(size=RADAR_SIZE, center=RADAR_SIZE / 2, rings=rings, axes=axes, series=drawn)
