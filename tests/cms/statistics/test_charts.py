"""The column chart's geometry, without a browser."""

import pytest

from cms.statistics import charts


@pytest.mark.parametrize(
    ("value", "top"), [(0, 1), (0.4, 0.5), (3, 5), (7, 10), (12, 20), (50, 50), (51, 100)]
)
def test_the_scale_ends_at_a_round_number(value, top):
    assert charts.nice_maximum(value) == pytest.approx(top)


def test_columns_stand_on_the_baseline_and_missing_values_draw_nothing():
    chart = charts.column_chart(["2026-01", "2026-02", "2026-03"], [[10, None, 5]])
    assert [column.height for column in chart.columns] == [192.0, 96.0]
    assert {column.y + column.height for column in chart.columns} == {chart.baseline}
    assert [tick.label for tick in chart.ticks] == ["0", "5", "10"]
    assert [label.label for label in chart.months] == ["1/26", "2/26", "3/26"]


def test_compared_series_stand_side_by_side_in_their_own_colours():
    chart = charts.column_chart(["2026-01"], [[50], [100]], maximum=100)
    first, second = chart.columns
    assert first.x + first.width == pytest.approx(second.x)
    assert first.height * 2 == pytest.approx(second.height)
    assert (first.colour, second.colour) == charts.COLOURS[:2]


def test_a_long_period_labels_every_other_month():
    months = [f"{2024 + index // 12}-{index % 12 + 1:02d}" for index in range(24)]
    assert len(charts.column_chart(months, [[1] * 24]).months) == 12
