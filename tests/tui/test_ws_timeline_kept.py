"""What the timeline keeps drawn between keys never shows an old text.

The table keeps the rows it has drawn and draws ahead the rows the next key will likely show;
the event panel keeps the wrapped lines of the events around the cursor and prepares the next
one. These tests fill those stores first (walking, and `draw_ahead` instead of waiting for its
timer), then change what they were drawn from (an edit, an added or deleted event, typing at a
decision point, a new theme, a new size) and check that the screen shows what the session says.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len, set_cell_size
from rich.color import Color
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input
from tui_support import MakeApp, build_session, open_timeline

from secondstory.core.model import TimelineEvent
from secondstory.core.storage import save_session
from secondstory.core.timeline_strip import ROW_AXIS
from secondstory.tui.app import SecondStoryApp
from secondstory.tui.widgets.timeline_event_form import TimelineEventForm
from secondstory.tui.widgets.timeline_event_view import TimelineEventView, _wrapped
from secondstory.tui.widgets.timeline_strip import CURRENT_MARK, TimelineStripView, _with_cell
from secondstory.tui.widgets.timeline_table import ELLIPSIS, TimelineTable, _fit
from secondstory.tui.workspaces.timeline import TimelineWorkspace

E6, E9 = 5, 8
"""Rows of the example's two decision points (E-6 failover, E-9 rollback)."""


def shown(widget: Widget) -> list[Strip]:
    """The widget's lines as the screen has them: kept lines, unless marked for a redraw."""
    return widget.render_lines(Region(0, 0, *widget.size))


def row_text(table: TimelineTable, index: int) -> str:
    return shown(table)[index - table.top + 1].text


def view_text(view: TimelineEventView) -> str:
    """What the panel shows, lines joined with spaces (wrapping does not matter)."""
    return " ".join(line.text.strip() for line in shown(view))


def background(line: Strip) -> Color | None:
    """The background of a line's first cell."""
    style = next(iter(line)).style
    assert style is not None
    return style.bgcolor


def assert_rows_match_session(workspace: TimelineWorkspace) -> None:
    """Every row on screen shows the event the session has at that row."""
    table = workspace.table
    timeline = workspace.session.timeline
    for y, line in enumerate(shown(table)[1:], start=1):
        index = table.top + y - 1
        if index >= len(timeline):
            break
        assert timeline[index].text[:12] in line.text, (index, line.text)


def big_session_path(tmp_path: Path, count: int = 400) -> Path:
    """`count` events a minute apart, a decision point every 25 (rows 0, 25, 50, ...)."""
    session = build_session()
    start = datetime(2026, 3, 22, 6, 0, tzinfo=UTC)
    session.timeline = [
        TimelineEvent(
            id=f"E-{i + 1}",
            at=start + timedelta(minutes=i),
            text=f"Step {i + 1} of the walk",
            decision_point=i % 25 == 0,
        )
        for i in range(count)
    ]
    path = tmp_path / "walk.toml"
    save_session(session, path)
    return path


async def edit_text(app: SecondStoryApp, pilot: Pilot[Any], text: str) -> None:
    """`e` on the current event, its text replaced by `text`, saved."""
    await pilot.press("e")
    await pilot.pause()
    form = app.screen
    assert isinstance(form, TimelineEventForm)
    assert app.focused is form.query_one("#form-text", Input)
    await pilot.press("ctrl+a", "ctrl+k", *text, "enter")
    await pilot.pause()


async def test_an_edited_event_shows_its_new_text_where_it_was_kept(
    example_copy: Path, make_app: MakeApp
) -> None:
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        workspace = await open_timeline(app, pilot)
        table = workspace.table
        view = workspace.query_one(TimelineEventView)
        # E-9 drawn by walking past it, and prepared again from E-6 as the next decision point.
        await pilot.press("d", "d", "D")
        await table.draw_ahead()
        assert table.upcoming()[0] == E9
        old = workspace.session.timeline[E9].text
        await pilot.press("d")
        await pilot.pause()
        assert old[:30] in view_text(view)
        await edit_text(app, pilot, "Roll back the driver release now")
        assert table.cursor == E9
        assert "Roll back the driver release now" in row_text(table, E9)
        assert "Roll back the driver release now" in view_text(view)
        assert old[:30] not in view_text(view)
        # Away and back through what is kept: still the new text.
        await pilot.press("D")
        await table.draw_ahead()
        await pilot.press("d")
        await pilot.pause()
        assert "Roll back the driver release now" in view_text(view)
        assert "Roll back the driver release now" in row_text(table, E9)


async def test_rows_drawn_ahead_follow_an_added_and_a_deleted_event(
    tmp_path: Path, make_app: MakeApp
) -> None:
    app = make_app(big_session_path(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        workspace = await open_timeline(app, pilot)
        table = workspace.table
        await pilot.press("home", "d")  # row 25
        await pilot.pause()
        assert table.cursor == 25
        await table.draw_ahead()
        assert table.upcoming() == [50, 0]
        visible = table.size.height - 1
        assert table.top + visible <= 50  # the next decision point is a page away
        page = range(50 - visible // 3, 50 - visible // 3 + visible)
        assert all(table.prefetched(index) for index in page)
        # An event added after row 25 moves every later row down by one.
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, TimelineEventForm)
        await pilot.press(*"+0m", "tab", *"Inserted after step 26", "enter")
        await pilot.pause()
        assert workspace.session.timeline[26].text == "Inserted after step 26"
        await table.draw_ahead()
        await pilot.press("d")
        await pilot.pause()
        assert table.cursor == 51
        assert workspace.session.timeline[51].id == "E-51"
        assert_rows_match_session(workspace)
        # Deleting moves them back up.
        await pilot.press("x")
        await pilot.pause()
        await table.draw_ahead()
        await pilot.press("D", "d")
        await pilot.pause()
        assert_rows_match_session(workspace)
        assert workspace.session.timeline[table.cursor or 0].decision_point


async def test_typing_at_a_decision_point_shows_when_walking_back_to_it(
    example_copy: Path, make_app: MakeApp
) -> None:
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        workspace = await open_timeline(app, pilot)
        table = workspace.table
        view = workspace.query_one(TimelineEventView)
        await pilot.press("d", "d", "D")  # E-9's lines are kept
        await table.draw_ahead()
        await pilot.press("d", "tab")
        await pilot.press(*" Nobody saw the pool.")
        await pilot.press("escape", "D")
        await table.draw_ahead()
        await pilot.press("d")
        await pilot.pause()
        assert workspace.session.timeline[E9].decision.known.endswith("Nobody saw the pool.")
        assert "Nobody saw the pool." in view_text(view)


def change_known(event: TimelineEvent) -> str:
    event.decision.known = "Changed in place: the pool was full"
    return event.decision.known


def change_why(event: TimelineEvent) -> str:
    event.decision.why_sensible = "Changed in place: it had worked before"
    return event.decision.why_sensible


def change_missing(event: TimelineEvent) -> str:
    event.decision.missing = "Changed in place: which client held them"
    return event.decision.missing


def change_author(event: TimelineEvent) -> str:
    event.author = "Changed in place Robin"
    return f"by {event.author}"


def change_annotations(event: TimelineEvent) -> str:
    event.annotations = ["Changed in place: lag 3m"]
    return event.annotations[0]


def change_notes(event: TimelineEvent) -> str:
    event.notes = "Changed in place: ask Sam"
    return event.notes


@pytest.mark.parametrize(
    "change",
    [change_known, change_why, change_missing, change_author, change_annotations, change_notes],
)
async def test_every_field_the_panel_shows_is_part_of_what_it_keeps(
    example_copy: Path, make_app: MakeApp, change: Callable[[TimelineEvent], str]
) -> None:
    """Whatever changes an event (the capture, the form, the coach), the kept lines go stale."""
    app = make_app(example_copy)
    async with app.run_test(size=(120, 50)) as pilot:
        workspace = await open_timeline(app, pilot)
        table = workspace.table
        view = workspace.query_one(TimelineEventView)
        await pilot.press("d", "d", "D")
        await table.draw_ahead()  # E-9 both shown before and prepared again
        expected = change(workspace.session.timeline[E9])
        await pilot.press("d")
        await pilot.pause()
        assert expected in view_text(view)


async def test_a_new_finding_shows_at_an_event_kept_before(
    example_copy: Path, make_app: MakeApp
) -> None:
    app = make_app(example_copy)
    async with app.run_test(size=(120, 50)) as pilot:
        workspace = await open_timeline(app, pilot)
        table = workspace.table
        view = workspace.query_one(TimelineEventView)
        await pilot.press("d", "d", "D")
        await table.draw_ahead()
        await pilot.press("d", "f")
        await pilot.pause()
        await pilot.press(*"No alert on pool use", "enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        workspace.table.focus()
        await pilot.press("D")
        await table.draw_ahead()
        await pilot.press("d")
        await pilot.pause()
        assert "No alert on pool use" in view_text(view)


async def test_a_new_theme_redraws_what_was_kept(example_copy: Path, make_app: MakeApp) -> None:
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        workspace = await open_timeline(app, pilot)
        table = workspace.table
        view = workspace.query_one(TimelineEventView)
        await pilot.press("d")
        await table.draw_ahead()
        dark_table = background(table.render_line(2))
        dark_view = background(view.render_line(0))
        app.theme = "secondstory-light"
        await pilot.pause()
        await pilot.press("d", "D")  # through rows and lines kept from before
        await pilot.pause()
        assert table.rich_style.bgcolor != dark_table
        for line in (table.render_line(2), table.render_line(E9 + 1)):
            assert background(line) == table.rich_style.bgcolor
        assert view.rich_style.bgcolor != dark_view
        assert background(view.render_line(0)) == view.rich_style.bgcolor


async def test_a_new_size_redraws_what_was_kept(example_copy: Path, make_app: MakeApp) -> None:
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        workspace = await open_timeline(app, pilot)
        table = workspace.table
        view = workspace.query_one(TimelineEventView)
        await pilot.press("d", "d", "D")
        await table.draw_ahead()
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        for y in range(table.size.height):
            assert table.render_line(y).cell_length == table.size.width
        for y in range(view.size.height):
            assert view.render_line(y).cell_length == view.size.width
        assert_rows_match_session(workspace)
        text = " ".join(workspace.session.timeline[E9].text.split())
        assert text[:20] in view_text(view)


async def test_the_strip_marks_the_current_event_as_the_walk_moves(
    tmp_path: Path, make_app: MakeApp
) -> None:
    """Neighbouring events often share a cell of the strip; the mark is right either way."""
    app = make_app(big_session_path(tmp_path, count=300))
    async with app.run_test(size=(120, 36)) as pilot:
        workspace = await open_timeline(app, pilot)
        table = workspace.table
        strip = workspace.query_one(TimelineStripView)
        columns = set()
        for key in ["down"] * 6 + ["d", "d", "up", "D"]:
            await pilot.press(key)
            await pilot.pause()
            picture = strip.picture
            assert picture is not None
            event = workspace.session.timeline[table.cursor or 0]
            axis = shown(strip)[ROW_AXIS].text
            assert axis.count(CURRENT_MARK) == 1
            assert axis.index(CURRENT_MARK) == picture.column(event.at)
            columns.add(picture.column(event.at))
        assert len(columns) > 2  # the walk crossed cells, and stayed in some


# The fast paths, against what they stand in for -------------------------------------------------


def fit_by_measuring(text: str, width: int) -> str:
    """What `_fit` did before its shortcut for plain ASCII: measure every character."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + ELLIPSIS


ASCII = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=30)


@given(st.one_of(ASCII, st.text(max_size=30)), st.integers(min_value=0, max_value=40))
def test_fit_is_what_measuring_every_character_gives(text: str, width: int) -> None:
    fitted = _fit(text, width)
    assert fitted == fit_by_measuring(text, width)
    if text.isascii() and text.isprintable():
        assert len(fitted) == width


PRINTABLE = st.text(
    st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"]), max_size=60
)


@given(PRINTABLE, st.integers(min_value=1, max_value=50))
def test_wrapping_a_paragraph_that_fits_is_what_rich_does(text: str, width: int) -> None:
    console = Console(width=80, color_system="truecolor")
    paragraph = Text.assemble((text, "bold"), " tail")
    expected = [
        (line.plain, list(line.render(console))) for line in paragraph.copy().wrap(console, width)
    ]
    got = [(line.plain, list(line.render(console))) for line in _wrapped(paragraph, console, width)]
    assert got == expected


RUN_STYLES = [None, Style(color="red"), Style(bold=True), Style(color="blue", bgcolor="black")]


@given(
    st.lists(
        st.tuples(st.text("ab ─│●◆", min_size=1, max_size=6), st.sampled_from(RUN_STYLES)),
        min_size=1,
        max_size=12,
    ),
    st.data(),
)
def test_marking_a_cell_of_the_strip_is_what_dividing_the_line_gives(
    runs: list[tuple[str, Style | None]], data: st.DataObject
) -> None:
    line = Strip([Segment(text, style) for text, style in runs])
    width = line.cell_length
    col = data.draw(st.integers(min_value=0, max_value=width - 1))
    current = Style(color="yellow", reverse=True)
    before, cell, after = line.divide([col, col + 1, width])
    restyled = Strip.join([before, Strip(Segment.apply_style(cell, post_style=current)), after])
    marked = Strip.join([before, Strip([Segment(CURRENT_MARK, current)]), after])
    assert list(_with_cell(line, col, None, current)) == list(restyled)
    assert list(_with_cell(line, col, CURRENT_MARK, current)) == list(marked)
    assert _with_cell(line, col, None, current).cell_length == width
