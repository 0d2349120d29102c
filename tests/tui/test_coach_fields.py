"""The coached text fields on their own: where marks go (code points, several lines), the
one-line `NoteInput`, and the helpers that place the cursor on a flag."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from rich.text import Text
from textual.app import App, ComposeResult
from textual.color import Color
from textual.pilot import Pilot
from tui_support import build_session

from secondstory.core.language import Flag, Level
from secondstory.tui.coach_hub import CoachHub
from secondstory.tui.state import SessionState
from secondstory.tui.themes import variable_defaults
from secondstory.tui.widgets.text_fields import (
    NoteArea,
    NoteInput,
    flag_at,
    flag_step,
    line_marks,
)


def make_flag(start: int, end: int, level: Level = Level.WARNING) -> Flag:
    return Flag("r", "c", level, start, end, 0, 0, 0, 0, "", "", "", "", "", "")


class FieldsApp(App[None]):
    """The smallest app a coached field runs in: a session state and the flag colours."""

    def __init__(self, state: SessionState, area_text: str = "") -> None:
        super().__init__()
        self.state: SessionState | None = state
        self._area_text = area_text

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return variable_defaults(self.current_theme.to_color_system().generate())

    def compose(self) -> ComposeResult:
        yield NoteInput(id="answer")
        yield NoteArea(self._area_text, id="area")


def fields_app(tmp_path: Path, area_text: str = "") -> FieldsApp:
    return FieldsApp(SessionState(build_session(), tmp_path / "s.toml"), area_text)


async def coach_ready(pilot: Pilot[Any]) -> CoachHub:
    hub = CoachHub.of(pilot.app)
    assert hub is not None
    for _ in range(100):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if hub.coach is not None:
            return hub
    raise AssertionError("the coach was never installed")


# Placing marks ---------------------------------------------------------------------------


@given(
    lines=st.lists(st.text(alphabet="ab é🚀", max_size=12), min_size=1, max_size=6),
    data=st.data(),
)
def test_line_marks_cover_exactly_the_flagged_characters(lines: list[str], data: Any) -> None:
    text = "\n".join(lines)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    marks = line_marks([make_flag(start, end)], lines, starts)
    marked = {
        starts[row] + col
        for row, spans in marks.items()
        for s, e, _ in spans
        for col in range(s, e)
    }
    expected = {i for i in range(start, end) if text[i] != "\n"}
    assert marked == expected


def test_errors_are_marked_as_errors() -> None:
    marks = line_marks([make_flag(0, 2, Level.ERROR), make_flag(3, 4)], ["abcd"], [0, 5])
    assert marks == {0: [(0, 2, True), (3, 4, False)]}


def test_flag_at_prefers_the_flag_under_the_cursor_then_the_nearest() -> None:
    flags = [make_flag(5, 10), make_flag(10, 14), make_flag(30, 35)]
    assert flag_at(flags, 7) == 0
    assert flag_at(flags, 10) == 1  # on the second, just after the first
    assert flag_at(flags, 14) == 1  # just after the second
    assert flag_at(flags, 0) == 0
    assert flag_at(flags, 25) == 2
    assert flag_at([], 3) is None


@given(
    spans=st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=8),
    offset=st.integers(0, 80),
)
def test_flag_at_agrees_with_a_plain_search(spans: list[tuple[int, int]], offset: int) -> None:
    flags = sorted((make_flag(s, s + n) for s, n in spans), key=lambda f: f.start)

    def reference() -> int | None:
        inside = [i for i, f in enumerate(flags) if f.start <= offset < f.end]
        after = [i for i, f in enumerate(flags) if f.start <= offset <= f.end]
        if inside or after:
            return (inside or after)[0]
        if not flags:
            return None
        distances = [max(f.start - offset, offset - f.end) for f in flags]
        return distances.index(min(distances))

    assert flag_at(flags, offset) == reference()


def test_flag_step_wraps_both_ways() -> None:
    flags = [make_flag(5, 10), make_flag(20, 24)]
    assert flag_step(flags, 0, 1) == 0
    assert flag_step(flags, 5, 1) == 1
    assert flag_step(flags, 20, 1) == 0
    assert flag_step(flags, 20, -1) == 0
    assert flag_step(flags, 5, -1) == 1
    assert flag_step([], 5, 1) is None


# NoteArea --------------------------------------------------------------------------------


async def test_marks_count_code_points_and_span_lines(tmp_path: Path) -> None:
    text = "Zoë 🚀 said: Priya should have\nchecked the lag.\n\nIt was obviously fine."
    app = fields_app(tmp_path, text)
    async with app.run_test(size=(80, 12)) as pilot:
        area = app.query_one("#area", NoteArea)
        assert not area.flags  # no coach yet: no marks, no error
        await coach_ready(pilot)
        spanning, obvious = area.flags
        assert text[spanning.start : spanning.end] == "should have\nchecked"
        marks = {i: [(s.start, s.end) for s in area.get_line(i).spans] for i in range(4)}
        # Columns count code points: "ë" and "🚀" are one each (the rocket is two cells wide).
        assert marks == {0: [(18, 29)], 1: [(0, 7)], 2: [], 3: [(7, 16)]}
        assert area.get_line(0).plain[18:29] == "should have"
        assert area.location_of(obvious.start) == (3, 7)
        assert area.offset_of((3, 7)) == obvious.start


async def test_undo_and_load_text_recheck(tmp_path: Path) -> None:
    app = fields_app(tmp_path)
    async with app.run_test(size=(80, 12)) as pilot:
        await coach_ready(pilot)
        area = app.query_one("#area", NoteArea)
        area.focus()
        await pilot.press(*"It was obviously")
        assert [f.text for f in area.flags] == ["obviously"]
        area.undo()
        assert not area.flags
        area.redo()
        assert len(area.flags) == 1
        area.load_text("They were careless.")
        assert [f.text for f in area.flags] == ["careless"]


# NoteInput -------------------------------------------------------------------------------


async def test_note_input_marks_dismisses_and_moves(tmp_path: Path) -> None:
    app = fields_app(tmp_path)
    async with app.run_test(size=(80, 12)) as pilot:
        hub = await coach_ready(pilot)
        answer = app.query_one("#answer", NoteInput)
        answer.focus()
        await pilot.press(*"the on-call failed to notice; obviously")
        failed, obvious = answer.flags
        assert answer.value[failed.start : failed.end] == "failed to notice"
        assert failed.level == Level.ERROR

        # The highlighter marks the spans in the error and warning colours.
        shown = Text(answer.value)
        answer.stylize_flags(shown)
        error = Color.parse(app.theme_variables["flag-error"]).rich_color
        warning = Color.parse(app.theme_variables["flag-warning"]).rich_color
        assert shown.get_style_at_offset(app.console, failed.start).color == error
        assert shown.get_style_at_offset(app.console, obvious.start + 1).color == warning
        assert shown.get_style_at_offset(app.console, 0).color is None
        await pilot.pause()
        drawn = answer.render_line(0)
        styled = [s for s in drawn if "failed" in s.text]
        assert styled and styled[0].style is not None and styled[0].style.color == error

        await pilot.press("f5")
        assert answer.selection == (failed.start, failed.end)
        await pilot.press("f5")
        assert answer.selection == (obvious.start, obvious.end)
        await pilot.press("f8")
        assert [f.text for f in answer.flags] == ["failed to notice"]
        assert app.state is not None
        (dismissal,) = app.state.session.language.dismissed
        assert dismissal.rule == obvious.rule_id
        assert hub.coach is not None and hub.coach.is_dismissed(obvious.rule_id, obvious.sentence)
        assert (tmp_path / "s.toml").is_file()  # saved at once
