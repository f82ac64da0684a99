"""The geometry of the SVG charts."""

import pytest

from panels.surveys.charts import (
    BAR_LABEL_SPACE,
    BAR_WIDTH,
    RADAR_RADIUS,
    RADAR_SIZE,
    bar_chart,
    radar_chart,
)


def test_bars_are_proportional_to_their_percentage():
    chart = bar_chart([("Kyllä", 50, "50 %"), ("Ei", 100, "100 %"), ("En osaa sanoa", 0, "0 %")])
    plot = BAR_WIDTH - BAR_LABEL_SPACE
    assert [bar.width for bar in chart.bars] == [plot / 2, plot, 0]
    assert [bar.y for bar in chart.bars] == [20, 60, 100]
    assert chart.height == 120
    assert chart.bars[0].value_x == plot / 2 + 6


def test_bars_are_clamped_and_labels_shortened():
    chart = bar_chart([("x" * 100, 150, "150 %"), ("y", -5, "-5 %")])
    assert chart.bars[0].width == BAR_WIDTH - BAR_LABEL_SPACE
    assert chart.bars[1].width == 0
    assert len(chart.bars[0].label) == 42 and chart.bars[0].label.endswith("…")


def test_radar_axes_start_at_the_top_and_go_clockwise():
    chart = radar_chart(["A", "B", "C", "D"], [("Keskiarvo", [10, 5, 0, None], "avg")])
    centre = RADAR_SIZE / 2
    tops = [(axis.x, axis.y) for axis in chart.axes]
    assert tops == [
        (centre, centre - RADAR_RADIUS),
        (centre + RADAR_RADIUS, centre),
        (centre, centre + RADAR_RADIUS),
        (centre - RADAR_RADIUS, centre),
    ]
    points = [tuple(map(float, p.split(","))) for p in chart.series[0].points.split()]
    assert points[0] == (centre, centre - RADAR_RADIUS)
    assert points[1] == (centre + RADAR_RADIUS / 2, centre)
    assert points[2] == (centre, centre) and points[3] == (centre, centre)
    assert [axis.anchor for axis in chart.axes] == ["middle", "start", "middle", "end"]
    assert len(chart.rings) == 5


def test_fewer_than_three_domains_make_no_wheel():
    assert radar_chart(["A", "B"], []) is None


@pytest.mark.parametrize("value", [11, -3])
def test_radar_values_are_clamped(value):
    chart = radar_chart(["A", "B", "C"], [("x", [value, 0, 0], "c")])
    _x, y = map(float, chart.series[0].points.split()[0].split(","))
    assert y == (RADAR_SIZE / 2 - RADAR_RADIUS if value > 0 else RADAR_SIZE / 2)
