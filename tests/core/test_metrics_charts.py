"""Text bar charts: width, eighths of a cell, scaling."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from secondstory.core.charts import bar, histogram, share_line


def test_bar_fills_in_eighths() -> None:
    assert bar(0, 10, 4) == "    "
    assert bar(10, 10, 4) == "████"
    assert bar(5, 10, 4) == "██  "
    assert bar(1, 32, 4) == "▏   "  # one eighth of a cell
    assert bar(3, 16, 4) == "▊   "  # six eighths


@given(st.floats(-10, 1000, allow_nan=False), st.floats(0, 1000), st.integers(0, 40))
def test_bar_is_always_exactly_width_cells(value: float, maximum: float, width: int) -> None:
    assert len(bar(value, maximum, width)) == width


def test_share_line_shows_the_percentage_or_na() -> None:
    assert share_line("done", 0.5, 10, 6) == "done    █████" + " " * 9 + "50%"
    assert share_line("done", None, 10, 6).endswith("n/a")


def test_histogram_scales_to_the_largest_row() -> None:
    lines = histogram([("a", 2), ("bb", 4)], width=4)
    assert lines == [" a │██   2", "bb │████ 4"]
    assert histogram([]) == []
