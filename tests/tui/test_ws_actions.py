"""The action items workspace: Pilot tests press the real keys and read the session file back."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input, Static
from tui_support import MakeApp, build_session

from secondstory.core.action_ops import add_action
from secondstory.core.model import Session
from secondstory.core.storage import load_session, save_session
from secondstory.tui.app import SecondStoryApp
from secondstory.tui.screens.main_screen import MainScreen
from secondstory.tui.widgets.action_checklist import summary_lines
from secondstory.tui.widgets.action_choice import ActionChoice
from secondstory.tui.widgets.action_detail import check_origin, describe_origin
from secondstory.tui.widgets.action_form import ActionForm
from secondstory.tui.widgets.action_risk_form import ActionRiskForm
from secondstory.tui.widgets.action_table import layout
from secondstory.tui.workspaces import workspace_class
from secondstory.tui.workspaces.actions import ActionsWorkspace

ACTIONS_PHASE = 3  # in both the example session and tui_support.build_session
MEETING = date(2026, 3, 25)  # the example's meeting day; also the fake clock's day


def at_actions(session: Session, path: Path) -> Path:
    session.agenda.current = ACTIONS_PHASE
    save_session(session, path)
    return path


@pytest.fixture
def empty_actions(tmp_path: Path) -> Path:
    return at_actions(build_session(), tmp_path / "INC-TEST-0001.toml")


@pytest.fixture
def example_actions(example_copy: Path) -> Path:
    return at_actions(load_session(example_copy), example_copy)


async def ready(app: SecondStoryApp, pilot: Pilot[Any]) -> ActionsWorkspace:
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, MainScreen)
    workspace = screen.workspace()
    assert isinstance(workspace, ActionsWorkspace)
    return workspace


async def saved(app: SecondStoryApp, pilot: Pilot[Any], path: Path) -> Session:
    await pilot.pause()
    app.autosave()
    await app.workers.wait_for_complete()
    assert app.state is not None and not app.state.dirty
    return load_session(path)


def text_of(widget: Any) -> str:
    return str(widget.render())


def checklist_text(workspace: ActionsWorkspace) -> str:
    """The checklist's title and content as one line of plain text."""
    shown = workspace.checklist.query_one("#action-checklist-text", Static).content
    console = Console(
        width=max(workspace.checklist.size.width, 20), record=True, file=io.StringIO()
    )
    console.print(shown)
    # Wrapped lines are joined again, so a phrase can be looked for whatever the width.
    return " ".join(f"{workspace.checklist.border_title} {console.export_text()}".split())


def test_actions_phases_get_the_actions_workspace() -> None:
    assert workspace_class("actions") is ActionsWorkspace


def test_narrow_tables_keep_action_priority_and_deadline() -> None:
    narrow = [c.key for c, _ in layout(45)]
    assert narrow == ["warn", "priority", "action", "due"]
    wide = dict((c.key, w) for c, w in layout(140))
    assert set(wide) == {
        "warn",
        "id",
        "priority",
        "action",
        "owner",
        "due",
        "term",
        "type",
        "status",
        "origin",
    }
    assert wide["due"] == 14  # the year shows when there is room


def test_origins_are_checked_against_the_session(example_copy: Path) -> None:
    session = load_session(example_copy)
    assert check_origin(session, " chain:w-1 ") == "chain:W-1"
    assert check_origin(session, "") == ""
    assert describe_origin(session, "finding:F-1").startswith("finding F-1 · No dashboard")
    assert describe_origin(session, "parked:1").startswith("parked 1 · Should canaries")
    with pytest.raises(Exception, match="no chain W-9"):
        check_origin(session, "chain:W-9")
    with pytest.raises(Exception, match="expected where the item came from"):
        check_origin(session, "yesterday")


def test_summary_lines_name_what_fails() -> None:
    session = build_session()
    add_action(session, "Improve monitoring", owner="SRE")
    from secondstory.core.action_checks import check_session_actions

    lines = summary_lines(check_session_actions(session, MEETING), "")
    assert lines[0].startswith("Quality check: ")
    assert any("vague" in line for line in lines)
    assert any("no deadline" in line for line in lines)


async def test_an_item_is_added_with_a_deadline_in_words(
    example_actions: Path, make_app: MakeApp
) -> None:
    app = make_app(example_actions)
    async with app.run_test(size=(160, 48)) as pilot:
        workspace = await ready(app, pilot)
        assert app.focused is workspace.table
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, ActionForm)
        await pilot.press(*"Alert when pool use passes 80%", "tab", *"SRE", "tab")
        await pilot.press("left")  # P2 -> P1
        await pilot.press("tab", *"2 weeks")
        await pilot.pause()
        note = text_of(form.query_one("#action-deadline-note"))
        assert note == "→ 2026-04-08 Wed (+2 weeks)"
        await pilot.press("tab", *"alert fires in the weekly load test", "tab", "right")
        await pilot.press("tab", "d")  # type: detect
        await pilot.press("tab", *"finding:F-1")
        await pilot.pause()
        assert "No dashboard" in text_of(form.query_one("#action-origin-note"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)

        session = await saved(app, pilot, example_actions)
        item = session.actions[-1]
        assert item.id == "A-6"
        assert item.title == "Alert when pool use passes 80%"
        assert (item.owner, item.priority, item.deadline) == ("SRE", "P1", date(2026, 4, 8))
        assert (item.term, item.type, item.origin) == ("long", "detect", "finding:F-1")
        assert item.success_criteria == "alert fires in the weekly load test"
        # The new row is the current one; the table and detail show the absolute date.
        assert workspace.table.current_id() == "A-6"
        assert "2026-04-08 Wed" in text_of(workspace.detail)
        row = [str(cell) for cell in workspace.table.get_row("A-6")]
        assert "2026-04-08 Wed" in row


async def test_a_bad_deadline_is_shown_in_the_form_and_changes_nothing(
    example_actions: Path, make_app: MakeApp
) -> None:
    app = make_app(example_actions)
    before = load_session(example_actions).actions
    async with app.run_test() as pilot:
        await ready(app, pilot)
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ActionForm)
        deadline = form.query_one("#action-deadline", Input)
        deadline.value = "someday"
        await pilot.pause()
        assert "deadline 'someday'" in text_of(form.query_one("#action-deadline-note"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        error = form.query_one("#action-error")
        assert error.has_class("-shown") and "deadline 'someday'" in text_of(error)
        # A date before the meeting is refused the same way.
        deadline.value = "2026-03-01"
        await pilot.press("enter")
        await pilot.pause()
        assert "before the meeting" in text_of(error)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.state is not None and app.state.session.actions == before
        assert not app.state.dirty
    assert load_session(example_actions).actions == before


async def test_one_letter_keys_change_priority_term_and_type(
    example_actions: Path, make_app: MakeApp
) -> None:
    app = make_app(example_actions)
    async with app.run_test() as pilot:
        workspace = await ready(app, pilot)
        await pilot.press("down")  # P1, short, detect
        await pilot.press("p", "t", "y")
        session = await saved(app, pilot, example_actions)
        item = session.actions[1]
        assert (item.priority, item.term, item.type) == ("P2", "long", "mitigate")
        assert workspace.table.current_id() == "A-2"
        assert "A-2 is now a mitigate item" in text_of(workspace.hint)


async def test_editing_changes_status_with_a_history_entry(
    example_actions: Path, make_app: MakeApp, clock: Any
) -> None:
    app = make_app(example_actions)
    async with app.run_test() as pilot:
        await ready(app, pilot)
        await pilot.press("enter")  # edit A-1
        form = app.screen
        assert isinstance(form, ActionForm)
        status = form.query_one("#action-status", ActionChoice)
        status.focus()
        await pilot.press("right")  # open -> in-progress
        await pilot.press("enter")
        await pilot.pause()
        session = await saved(app, pilot, example_actions)
        item = session.actions[0]
        assert item.status == "in-progress"
        assert [(h.status, h.at) for h in item.history] == [("in-progress", clock.now)]
        # Nothing else moved.
        assert item.title.startswith("Set an explicit pool size")
        assert item.deadline == date(2026, 3, 27)


async def test_delete_needs_a_second_press(example_actions: Path, make_app: MakeApp) -> None:
    app = make_app(example_actions)
    async with app.run_test() as pilot:
        workspace = await ready(app, pilot)
        await pilot.press("down", "d")
        assert "Press d again to delete A-2" in text_of(workspace.hint)
        await pilot.press("down", "up", "d")
        assert app.state is not None and len(app.state.session.actions) == 5
        await pilot.press("d")
        session = await saved(app, pilot, example_actions)
        assert [a.id for a in session.actions] == ["A-1", "A-3", "A-4", "A-5"]
        # The finding the item was made from can be promoted again.
        assert session.findings[0].promoted_to is None
        assert workspace.table.current_id() == "A-3"


async def test_the_checklist_is_live_and_risk_acceptance_is_recorded(
    empty_actions: Path, make_app: MakeApp
) -> None:
    app = make_app(empty_actions)
    async with app.run_test(size=(160, 48)) as pilot:
        workspace = await ready(app, pilot)
        assert "No action items yet" in text_of(workspace.detail)
        assert "no action items yet" in checklist_text(workspace)

        await pilot.press("a", *"Improve monitoring", "tab", *"SRE", "enter")
        await pilot.pause()
        shown = checklist_text(workspace)
        assert "no vague actions" in shown
        assert "Which signal should alert, at what threshold, and who gets paged?" in shown
        assert "no P0/P1 item" in shown

        await pilot.press("r")
        assert isinstance(app.screen, ActionRiskForm)
        await pilot.press(*"the pool size is pinned now", "enter")
        await pilot.pause()
        session = await saved(app, pilot, empty_actions)
        assert session.closing.risk_accepted == "the pool size is pinned now"
        shown = checklist_text(workspace)
        assert "Risk accepted: the pool size is pinned now" in shown
        assert "no P0/P1 item and no note" not in shown


async def test_an_empty_title_and_a_bad_origin_are_refused(
    empty_actions: Path, make_app: MakeApp
) -> None:
    app = make_app(empty_actions)
    async with app.run_test() as pilot:
        await ready(app, pilot)
        await pilot.press("a", "enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActionForm)
        assert "expected what will be done" in text_of(form.query_one("#action-error"))
        form.query_one("#action-title", Input).value = "Pin the pool size"
        form.query_one("#action-origin", Input).value = "chain:W-9"
        await pilot.press("enter")
        await pilot.pause()
        assert "no chain W-9" in text_of(form.query_one("#action-error"))
        await pilot.press("escape")
        await pilot.pause()
        assert app.state is not None and app.state.session.actions == []


async def test_presentation_shows_the_current_item_and_the_checklist(
    example_actions: Path, make_app: MakeApp
) -> None:
    app = make_app(example_actions)
    async with app.run_test() as pilot:
        workspace = await ready(app, pilot)
        await pilot.press("down")
        item = workspace.presentation_item()
        assert item is not None
        lines = item.splitlines()
        assert lines[0] == "A-2 · Add a per-client connections panel to the database dashboard"
        assert "due 2026-04-03 Fri (+9 days)" in lines[1]
        assert "Quality check: 8 of 8 checks pass" in lines
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen.query_one("#pres-item").border_title == "Under discussion"
        # Walking on from the shared screen: the presented item follows.
        await pilot.press("down")
        assert (workspace.presentation_item() or "").startswith("A-3 · Load test")
        await pilot.press("k", "k", "k")
        assert (workspace.presentation_item() or "").startswith("A-1 · ")
        assert app.state is not None and len(app.state.session.actions) == 5


async def test_deadlines_beyond_thirty_days_are_warned(
    example_actions: Path, make_app: MakeApp
) -> None:
    app = make_app(example_actions)
    async with app.run_test() as pilot:
        workspace = await ready(app, pilot)
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ActionForm)
        form.query_one("#action-deadline", Input).value = "2 months"
        await pilot.press("enter")
        await pilot.pause()
        session = await saved(app, pilot, example_actions)
        assert session.actions[0].deadline == date(2026, 5, 25)
        assert "due 61 days after the meeting" in checklist_text(workspace)
        assert "⚠" in str(workspace.table.get_row("A-1")[0])


async def test_a_person_as_owner_gets_a_note_but_is_not_refused(
    example_actions: Path, make_app: MakeApp
) -> None:
    app = make_app(example_actions)
    async with app.run_test() as pilot:
        await ready(app, pilot)
        await pilot.press("a", *"Pin the pool size", "tab", *"dana whitfield")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActionForm)
        note = form.query_one("#action-error")
        assert note.has_class("-shown")
        assert "which team does Dana Whitfield act for" in text_of(note)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        session = await saved(app, pilot, example_actions)
        assert session.actions[-1].owner == "dana whitfield"
