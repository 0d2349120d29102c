"""The language coach in the app: marks in the phase notes, the flags panel, dismissing (saved
in the session file, still dismissed after reopening), next/previous flag, the header's count,
the palette commands, presentation mode, and rebuilding the coach when the roster changes."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
from rich.console import Group
from rich.text import Text
from textual.color import Color
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Static
from tui_support import MakeApp, started_session, written

from secondstory.core.model import Dismissal, Person
from secondstory.core.storage import load_session, save_session
from secondstory.tui.app import SecondStoryApp
from secondstory.tui.coach_hub import CoachHub
from secondstory.tui.screens.main_screen import MainScreen
from secondstory.tui.screens.presentation_screen import PresentationScreen
from secondstory.tui.widgets.flags_panel import FlagsPanel
from secondstory.tui.widgets.text_fields import NoteArea

pytestmark = pytest.mark.usefixtures("notes_workspaces")

BLAME = "John should have checked the lag"


def screen_text(app: Any) -> str:
    svg = app.export_screenshot()
    return html.unescape("".join(re.findall(r">([^<]*)</text>", svg))).replace("\xa0", " ")


async def coach_ready(pilot: Pilot[Any]) -> CoachHub:
    """Wait until the coach is built (a worker, after the first frame) and installed."""
    app = pilot.app
    hub = CoachHub.of(app)
    assert hub is not None
    for _ in range(100):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if hub.coach is not None:
            return hub
    raise AssertionError("the coach was never installed")


def notes(app: SecondStoryApp) -> NoteArea:
    area = app.screen.query_one("#notes", NoteArea)
    assert app.focused is area
    return area


def panel_text(panel: FlagsPanel) -> str:
    body = panel.query_one("#flags-body", Static).content
    assert isinstance(body, Group)
    return "\n".join(t.plain for t in body.renderables if isinstance(t, Text))


def header_count(app: SecondStoryApp) -> str:
    badge = app.screen.query_one("#flag-count", Static)
    return str(badge.content) if badge.has_class("-some") else ""


@pytest.fixture
def meeting(tmp_path: Path, clock: Any) -> Path:
    """The timeline phase is running; its notes end with a line of their own."""
    path = tmp_path / "INC-TEST-0001.toml"
    session = started_session(clock.now)
    session.agenda.phases[1].notes = "14:02 pool size lowered from 50 to 10\n"
    save_session(session, path)
    return path


async def test_typing_marks_the_span_before_the_next_frame(
    meeting: Path, make_app: MakeApp
) -> None:
    app = make_app(meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        await coach_ready(pilot)
        area = notes(app)
        assert not area.flags
        # No pause after the last key: the flag is there as soon as the key is handled.
        await pilot.press(*BLAME)
        (flag,) = area.flags
        assert flag.rule_id.startswith("counterfactual.")
        text = "\n".join(area.document.lines)
        assert text[flag.start : flag.end] == "should have checked"
        assert area.location_of(flag.start) == (1, 5)
        assert area.location_of(flag.end) == (1, 24)

        # get_line carries the mark, in the theme's flag colour ...
        warning = Color.parse(app.theme_variables["flag-warning"]).rich_color
        line = area.get_line(1)
        (span,) = line.spans
        assert (span.start, span.end) == (5, 24)
        style = line.get_style_at_offset(app.console, 6)
        assert style.underline and style.color == warning

        # ... and so does the drawn line, although the cursor is on it.
        await pilot.pause()
        strip = area.render_line(1)
        found = [s for s in strip if "should" in s.text or "checked" in s.text]
        assert found, strip.text
        assert all(s.style is not None and s.style.color == warning for s in found)
        assert all(s.style is not None and s.style.underline for s in found)
        assert "the lag" not in "".join(s.text for s in found)


async def test_the_panel_shows_the_question_and_the_rewrite(
    meeting: Path, make_app: MakeApp
) -> None:
    app = make_app(meeting)
    async with app.run_test(size=(160, 48)) as pilot:
        await coach_ready(pilot)
        panel = app.screen.query_one(FlagsPanel)
        assert not panel.display or not panel.has_class("-shown")
        await pilot.press(*BLAME)
        await pilot.pause()
        assert panel.has_class("-shown")
        (flag,) = notes(app).flags
        shown = panel_text(panel)
        assert "“should have checked”" in shown
        assert flag.message in shown
        assert flag.suggestion in shown
        assert "“should have checked”" in screen_text(app)
        assert panel.border_title == "Language · 1 question"
        # f9 hides it, and brings it back.
        await pilot.press("f9")
        await pilot.pause()
        assert not panel.has_class("-shown")
        await pilot.press("f9")
        await pilot.pause()
        assert panel.has_class("-shown")
        # A field without flags: no panel.
        await pilot.press("ctrl+a", "shift+end", "backspace")
        await pilot.pause()
        assert not panel.has_class("-shown")


async def test_the_panel_quotes_the_words_once(meeting: Path, make_app: MakeApp) -> None:
    app = make_app(meeting)
    async with app.run_test(size=(160, 48)) as pilot:
        await coach_ready(pilot)
        await pilot.press(*"It was careless")
        await pilot.pause()
        (flag,) = notes(app).flags
        assert flag.message.startswith('"careless" ')
        shown = panel_text(app.screen.query_one(FlagsPanel))
        # The message opens by quoting the words (the command line needs that); the panel
        # quotes them already and says them once.
        assert shown.startswith("▸ “careless” " + flag.message.removeprefix('"careless" '))
        assert shown.count("careless") == 1


async def test_dismissing_saves_to_the_file_and_holds_after_reopening(
    meeting: Path, make_app: MakeApp
) -> None:
    app = make_app(meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        await coach_ready(pilot)
        area = notes(app)
        await pilot.press(*BLAME)
        assert len(area.flags) == 1
        await pilot.press("f8")
        await pilot.pause()
        assert not area.flags
        assert not app.screen.query_one(FlagsPanel).has_class("-shown")
        assert area.get_line(1).spans == []
        written(app)
        saved = load_session(meeting)
        assert saved.language.dismissed == [
            Dismissal(rule="counterfactual.modal-perfect", sentence=BLAME)
        ]
        assert saved.agenda.phases[1].notes.endswith(BLAME)

    reopened = make_app(meeting)
    async with reopened.run_test(size=(120, 36)) as pilot:
        await coach_ready(pilot)
        area = notes(reopened)
        assert not area.flags
        # The same sentence again stays quiet; another sentence with the same words does not.
        await pilot.press("enter", "enter", *BLAME, "enter", "enter", *"Priya should have paged")
        assert [flag.text for flag in area.flags] == ["should have paged"]


async def test_next_and_previous_flag_select_the_spans(meeting: Path, make_app: MakeApp) -> None:
    app = make_app(meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        await coach_ready(pilot)
        area = notes(app)
        await pilot.press(*"Dana failed to notice the alert. It was obviously a typo.")
        first, second = area.flags
        assert (first.text, second.text) == ("failed to notice", "obviously")
        # The cursor is after both: next wraps to the first.
        await pilot.press("f5")
        assert area.selected_text == "failed to notice"
        assert area.selection.end == area.location_of(first.end)
        await pilot.press("f5")
        assert area.selected_text == "obviously"
        await pilot.press("f5")
        assert area.selected_text == "failed to notice"
        await pilot.press("f4")
        assert area.selected_text == "obviously"
        await pilot.press("f4")
        assert area.selected_text == "failed to notice"
        # f8 dismisses the one that is selected, not the other.
        await pilot.press("f8")
        assert [f.text for f in area.flags] == ["obviously"]


async def test_the_header_counts_open_flags_across_the_session(
    meeting: Path, make_app: MakeApp
) -> None:
    session = load_session(meeting)
    session.agenda.phases[0].notes = "The pool was too small, obviously."
    save_session(session, meeting)
    app = make_app(meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        hub = await coach_ready(pilot)
        assert header_count(app) == "⚑ 1 flag"
        await pilot.press(*BLAME)
        hub.recount()  # what the half-second timer does
        assert hub.count == 2
        assert header_count(app) == "⚑ 2 flags"
        await pilot.press("f8")
        await pilot.pause()
        assert header_count(app) == "⚑ 1 flag"


async def test_the_palette_dismisses_and_moves(meeting: Path, make_app: MakeApp) -> None:
    app = make_app(meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        await coach_ready(pilot)
        area = notes(app)
        await pilot.press(*"Dana failed to notice the alert. It was obviously a typo.")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in (
            "Language: dismiss flag",
            "Language: next flag",
            "Language: previous flag",
            "Language: show flags on shared screen",
            "Language: hide flags panel",
        ):
            assert title in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Language: next flag", "enter")
        await pilot.pause()
        assert app.focused is area
        assert area.selected_text == "failed to notice"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Language: dismiss flag", "enter")
        await pilot.pause()
        assert [f.text for f in area.flags] == ["obviously"]
        written(app)
        assert len(load_session(meeting).language.dismissed) == 1


async def test_presentation_hides_flags_until_the_palette_turns_them_on(
    meeting: Path, make_app: MakeApp, monkeypatch: Any, clock: Any
) -> None:
    app = make_app(meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        await coach_ready(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        workspace = main.workspace()
        assert workspace is not None
        monkeypatch.setattr(workspace, "presentation_item", lambda: BLAME)
        await pilot.press("f2")
        await pilot.pause()
        shared = app.screen
        assert isinstance(shared, PresentationScreen)
        item = shared.query_one("#pres-item-text", Static)

        def spans() -> list[Any]:
            content = item.content
            return list(content.spans) if isinstance(content, Text) else []

        assert BLAME in screen_text(app)
        assert spans() == []
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        commands["Language: show flags on shared screen"].callback()
        app.update_views()  # the next clock tick
        await pilot.pause()
        assert [(s.start, s.end) for s in spans()] == [(5, 24)]
        app.action_save()  # (the autosave would write it within a second)
        written(app)
        assert load_session(meeting).language.show_in_presentation is True
        # A tick that redraws the timer (and with it the item) keeps the marks.
        clock.advance(seconds=1)
        app.update_views()
        await pilot.pause()
        assert len(spans()) == 1
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        commands["Language: hide flags on shared screen"].callback()
        app.update_views()
        await pilot.pause()
        assert spans() == []


async def test_a_new_person_in_the_roster_rebuilds_the_coach(
    meeting: Path, make_app: MakeApp
) -> None:
    app = make_app(meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        hub = await coach_ready(pilot)
        assert app.state is not None
        before = hub.coach
        assert before is not None and "Zoltan Kovacs" not in before.config.roster
        app.state.session.people.append(Person(name="Zoltan Kovacs"))
        hub.recount()
        after = hub.coach
        assert after is not None and after is not before
        assert "Zoltan Kovacs" in after.config.roster
        area = notes(app)
        await pilot.press(*"Zoltan Kovacs forgot the alert.")
        assert [f.subject for f in area.flags] == ["person"]
