"""The cultural debrief workspace: appreciations, the compact lists, the close checklist and the
close itself, driven by the keys and read back from the session file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input
from tui_support import MakeApp, build_session, focus_on, saved, settle

from secondstory.core.language import Coach
from secondstory.core.model import WhyChain, WhyStep
from secondstory.core.storage import load_session, save_session
from secondstory.tui.app import SecondStoryApp
from secondstory.tui.screens.close_confirm_screen import CloseConfirmScreen
from secondstory.tui.screens.main_screen import MainScreen
from secondstory.tui.widgets.appreciation_panel import complete_name
from secondstory.tui.widgets.close_panel import coach_chain_judge
from secondstory.tui.widgets.list_entries import EntryList
from secondstory.tui.widgets.list_panel import ListPanel
from secondstory.tui.widgets.text_fields import NoteArea
from secondstory.tui.workspaces.debrief import DebriefWorkspace

DEBRIEF = 4
"""The debrief phase's index, in the example and in the built session."""


@pytest.fixture
def example_debrief(example_copy: Path) -> Path:
    """The example at its debrief phase, not closed yet."""
    session = load_session(example_copy)
    session.agenda.current = DEBRIEF
    session.closing.closed_at = None
    session.incident.status = "In review"
    save_session(session, example_copy)
    return example_copy


@pytest.fixture
def scratch_debrief(tmp_path: Path) -> Path:
    """A session built from scratch, at its debrief phase: every check fails."""
    session = build_session()
    session.agenda.current = DEBRIEF
    path = tmp_path / "INC-TEST-0001.toml"
    save_session(session, path)
    return path


def workspace(app: SecondStoryApp) -> DebriefWorkspace:
    screen = app.screen if isinstance(app.screen, MainScreen) else app.main_screen
    assert isinstance(screen, MainScreen)
    found = screen.workspace()
    assert isinstance(found, DebriefWorkspace)
    return found


async def ready(app: SecondStoryApp, pilot: Pilot[Any]) -> DebriefWorkspace:
    """The workspace once its checklist has been worked out with the chain guard and the
    cursor is in the "who" field."""
    await focus_on(app, pilot, Input)
    await app.workers.wait_for_complete()
    await pilot.pause()
    ws = workspace(app)
    assert ws.close_panel.ready
    return ws


async def test_an_appreciation_is_typed_as_who_then_what(
    example_debrief: Path, make_app: MakeApp
) -> None:
    app = make_app(example_debrief)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        assert isinstance(app.focused, Input)  # the "who" field
        await pilot.press(*"pri", "enter")  # the start of one attendee's name is enough
        await pilot.press(*"ran a calm failover and said what she saw", "enter")
        session = await saved(app, example_debrief)
        assert session.appreciations[-1].person == "Priya Raman"
        assert session.appreciations[-1].text == "ran a calm failover and said what she saw"
        assert len(session.appreciations) == 3


async def test_an_appreciation_without_a_person_is_refused(
    example_debrief: Path, make_app: MakeApp
) -> None:
    app = make_app(example_debrief)
    async with app.run_test(size=(120, 36)) as pilot:
        ws = await ready(app, pilot)
        await pilot.press("tab", *"kept everyone calm", "enter")
        assert "Who is it for?" in str(ws.appreciations.query_one(".appr-hint").render())
        assert app.focused is ws.appreciations.person_field
        assert len((await saved(app, example_debrief)).appreciations) == 2


async def test_appreciations_edit_delete_and_undo(example_debrief: Path, make_app: MakeApp) -> None:
    app = make_app(example_debrief)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        await pilot.press("up")  # to the list, last appreciation
        assert isinstance(app.focused, EntryList)
        await pilot.press("e", *" and the status page", "enter")
        session = await saved(app, example_debrief)
        assert session.appreciations[1].text.endswith(
            "without waiting to be asked and the status page"
        )
        assert session.appreciations[1].person == "Alex Chen"
        await pilot.press("up", "d")
        assert [a.person for a in (await saved(app, example_debrief)).appreciations] == [
            "Alex Chen"
        ]
        await pilot.press("u")
        assert [a.person for a in (await saved(app, example_debrief)).appreciations] == [
            "Sam Okafor",
            "Alex Chen",
        ]


async def test_the_lists_can_be_added_to_in_compact_form(
    example_debrief: Path, make_app: MakeApp
) -> None:
    app = make_app(example_debrief)
    async with app.run_test(size=(160, 48)) as pilot:
        ws = await ready(app, pilot)
        lucky = ws.query_one("#list-lucky", ListPanel)
        lucky.add_line.focus()
        await pilot.press(*"The replica had spare connections", "enter")
        session = await saved(app, example_debrief)
        assert session.lucky[-1].text == "The replica had spare connections"
        assert lucky.has_class("-compact")


async def test_closing_with_every_check_passing_closes_at_once(
    example_debrief: Path, make_app: MakeApp, clock: Any
) -> None:
    app = make_app(example_debrief)
    async with app.run_test(size=(120, 36)) as pilot:
        ws = await ready(app, pilot)
        assert all(c.ok for c in ws.close_panel.checks)
        await pilot.press("ctrl+t")  # the debrief's clock runs
        clock.advance(minutes=12)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert not isinstance(app.screen, CloseConfirmScreen)
        session = await saved(app, example_debrief)
        assert session.closing.closed_at == clock.now
        assert session.incident.status == "Reviewed"
        # The agenda clock stopped at the close.
        assert session.agenda.phases[DEBRIEF].actual[-1].end == clock.now
        status = str(ws.close_panel.query_one(".close-status").render())
        assert status.startswith("Closed at")


async def test_failing_checks_ask_first_and_escape_keeps_the_meeting_open(
    scratch_debrief: Path, make_app: MakeApp, clock: Any
) -> None:
    app = make_app(scratch_debrief)
    async with app.run_test(size=(120, 36)) as pilot:
        ws = await ready(app, pilot)
        failing = [c.rule for c in ws.close_panel.checks if not c.ok]
        assert failing == ["timeline-walked", "system-cause", "action-checks", "appreciations"]
        ws.close_panel.statement_area.focus()
        await pilot.press(*"Thank you all.", "ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, CloseConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        session = await saved(app, scratch_debrief)
        assert session.closing.closed_at is None
        assert session.closing.statement == "Thank you all."  # kept as typed
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        session = await saved(app, scratch_debrief)
        assert session.closing.closed_at == clock.now
        assert session.incident.status == "Reviewed"


async def test_closing_without_a_statement_asks_for_one(
    scratch_debrief: Path, make_app: MakeApp
) -> None:
    app = make_app(scratch_debrief)
    async with app.run_test(size=(120, 36)) as pilot:
        ws = await ready(app, pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert not isinstance(app.screen, CloseConfirmScreen)
        assert isinstance(app.focused, NoteArea)
        status = str(ws.close_panel.query_one(".close-status").render())
        assert "closing statement" in status
        assert (await saved(app, scratch_debrief)).closing.closed_at is None


async def test_a_closed_meeting_can_be_reopened(example_debrief: Path, make_app: MakeApp) -> None:
    app = make_app(example_debrief)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert (await saved(app, example_debrief)).incident.status == "Reviewed"
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, CloseConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        session = await saved(app, example_debrief)
        assert session.closing.closed_at is None
        assert session.incident.status == "In review"


async def test_a_facilitator_involved_in_the_change_is_warned_about(
    example_copy: Path, make_app: MakeApp
) -> None:
    session = load_session(example_copy)
    session.agenda.current = DEBRIEF
    session.people[0].involved_in_change = True  # Morgan Lee facilitates
    save_session(session, example_copy)
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        ws = await ready(app, pilot)
        banner = ws.close_panel.query_one(".close-facilitator")
        assert banner.display
        assert "Morgan Lee facilitates but was involved in the change" in str(banner.render())


async def test_the_checklist_follows_edits_made_in_the_workspace(
    scratch_debrief: Path, make_app: MakeApp
) -> None:
    app = make_app(scratch_debrief)
    async with app.run_test(size=(120, 36)) as pilot:
        ws = await ready(app, pilot)
        assert not next(c for c in ws.close_panel.checks if c.rule == "appreciations").ok
        await pilot.press(*"Sam", "enter", *"found the release", "enter")
        assert next(c for c in ws.close_panel.checks if c.rule == "appreciations").ok


async def test_presentation_shows_the_appreciation_or_the_statement(
    example_debrief: Path, make_app: MakeApp
) -> None:
    app = make_app(example_debrief)
    async with app.run_test(size=(120, 36)) as pilot:
        ws = await ready(app, pilot)
        item = ws.presentation_item()
        assert item is not None and item.startswith("Appreciations\n• Sam Okafor: connected")
        await pilot.press("up")
        assert ws.presentation_item() == (
            "Thank you, Alex Chen: kept customers informed every few minutes without "
            "waiting to be asked"
        )
        ws.close_panel.statement_area.focus()
        await pilot.pause()
        item = ws.presentation_item()
        assert item is not None and item.startswith("Closing statement\nThank you all.")


async def test_what_is_typed_but_not_entered_is_kept_on_quit(
    scratch_debrief: Path, make_app: MakeApp
) -> None:
    app = make_app(scratch_debrief)
    async with app.run_test(size=(120, 36)) as pilot:
        ws = await ready(app, pilot)
        await pilot.press(*"Sam", "enter", *"found the release")  # no Enter
        ws.close_panel.statement_area.focus()
        await pilot.press(*"Thanks", "ctrl+q")
    session = load_session(scratch_debrief)
    assert [(a.person, a.text) for a in session.appreciations] == [("Sam", "found the release")]
    assert session.closing.statement == "Thanks"
    assert session.closing.closed_at is None


def test_the_chain_guard_of_the_language_coach_judges_the_close() -> None:
    session = build_session()
    judge = coach_chain_judge(Coach.for_session(session))
    person = WhyChain(
        id="W-1",
        problem="Checkout failed",
        steps=[WhyStep(answer="The pool was too small"), WhyStep(answer="Human error")],
        closed=True,
    )
    system = WhyChain(
        id="W-2",
        problem="Checkout failed",
        steps=[WhyStep(answer="The driver default allowed 200 connections per instance")],
        closed=True,
    )
    assert judge(person) is False
    assert judge(system) is True


def test_a_typed_name_completes_to_the_one_attendee_it_can_mean() -> None:
    names = ["Priya Raman", "Priya Shah", "Sam Okafor"]
    assert complete_name("sam", names) == "Sam Okafor"
    assert complete_name("priya r", names) == "Priya Raman"
    assert complete_name("priya", names) == "priya"  # two Priyas: left as typed
    assert complete_name("the support team", names) == "the support team"


# Snapshots ------------------------------------------------------------------------------------


def test_snapshot_debrief_of_the_example(
    snap_compare: Any, make_app: MakeApp, example_debrief: Path
) -> None:
    assert snap_compare(make_app(example_debrief), terminal_size=(160, 48), run_before=settle)


def test_snapshot_debrief_from_scratch(
    snap_compare: Any, make_app: MakeApp, scratch_debrief: Path
) -> None:
    assert snap_compare(make_app(scratch_debrief), terminal_size=(120, 36), run_before=settle)


def test_snapshot_close_confirmation(
    snap_compare: Any, make_app: MakeApp, scratch_debrief: Path
) -> None:
    async def ask(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        app = pilot.app
        assert isinstance(app, SecondStoryApp)
        workspace(app).close_panel.statement_area.focus()
        await pilot.press(*"Thank you all.", "ctrl+o")
        await pilot.pause()

    assert snap_compare(make_app(scratch_debrief), terminal_size=(120, 36), run_before=ask)


def test_snapshot_presentation_of_an_appreciation(
    snap_compare: Any, make_app: MakeApp, example_debrief: Path
) -> None:
    async def present(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("up", "up", "f2")
        await pilot.pause()

    assert snap_compare(make_app(example_debrief), terminal_size=(120, 36), run_before=present)
