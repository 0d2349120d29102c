"""The presentation timer's block font: sizes and shapes at every scale."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from secondstory.tui.widgets.block_font import (
    GLYPHS,
    best_scale,
    can_draw,
    pixel_rows,
    pixel_width,
    render_lines,
)

countdowns = st.from_regex(r"\A\+?[0-9]{2,3}:[0-5][0-9]\Z")


def test_every_glyph_is_five_rows_of_even_width() -> None:
    for ch, rows in GLYPHS.items():
        assert len(rows) == 5, ch
        assert len({len(r) for r in rows}) == 1, ch


def test_scale_one_draws_three_lines() -> None:
    lines = render_lines("12:34", 1)
    assert len(lines) == 3
    assert len(lines[0]) == pixel_width("12:34") == 4 * 3 + 1 + 4


@given(countdowns, st.integers(min_value=1, max_value=12))
def test_drawing_size_follows_the_scale(text: str, scale: int) -> None:
    lines = render_lines(text, scale)
    assert len(lines) == (5 * scale + 1) // 2
    assert {len(line) for line in lines} == {pixel_width(text) * scale}


@given(countdowns, st.integers(min_value=1, max_value=300), st.integers(min_value=1, max_value=100))
def test_best_scale_fits_and_is_largest(text: str, width: int, height: int) -> None:
    scale = best_scale(text, width, height)
    if scale:
        lines = render_lines(text, scale)
        assert len(lines) <= height and len(lines[0]) <= width
    bigger = render_lines(text, scale + 1)
    assert len(bigger) > height or len(bigger[0]) > width


def test_pixels_survive_the_half_block_drawing() -> None:
    # Every "on" pixel of the 3x5 font shows as ink at scale 2 (2x2 cells per pixel).
    lines = render_lines("8", 2)
    rows = pixel_rows("8")
    for r, row in enumerate(rows):
        for c, px in enumerate(row):
            cell = lines[r][c * 2]
            assert (cell != " ") == (px == "#")


def test_unknown_characters_are_not_drawn() -> None:
    assert can_draw("+12:34") and not can_draw("12h")
