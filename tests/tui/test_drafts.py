"""Text typed into a one-line field and not yet entered survives a killed terminal.

Autosave writes it to the session's `drafts`; a field with the same key brings it back when
it opens again; entering or dropping the text clears it. Each test presses the real keys and
reads the session file back. The "kill" is a second app started on the file as the first left
it: nothing the first app does on its way out is written after the last autosave.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_ws_actions import at_actions, ready
from test_ws_lists import focused_add_line, lists_session
from textual.pilot import Pilot
from tui_support import MakeApp, build_session, saved

from secondstory.core.exporters.json_export import render_json
from secondstory.core.storage import load_session, save_session
from secondstory.tui.app import SecondStoryApp
from secondstory.tui.screens.main_screen import MainScreen
from secondstory.tui.widgets.action_form import ActionForm
from secondstory.tui.widgets.text_fields import NoteInput

TITLE_KEY = "action:New action item:title"


@pytest.fixture
def actions_path(tmp_path: Path) -> Path:
    return at_actions(build_session(), tmp_path / "INC-TEST-0001.toml")


@pytest.fixture
def lists_path(tmp_path: Path) -> Path:
    path = tmp_path / "INC-LISTS-1.toml"
    save_session(lists_session(), path)
    return path


async def type_in_add_line(app: SecondStoryApp, pilot: Pilot[Any], text: str) -> None:
    await focused_add_line(app, pilot)
    await pilot.press(*text)


async def open_new_action(app: SecondStoryApp, pilot: Pilot[Any]) -> ActionForm:
    await ready(app, pilot)
    await pilot.press("a")
    await pilot.pause()
    form = app.screen
    assert isinstance(form, ActionForm)
    return form


async def test_a_title_typed_but_not_entered_is_written_and_brought_back(
    actions_path: Path, make_app: MakeApp
) -> None:
    app = make_app(actions_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_new_action(app, pilot)
        await pilot.press(*"Alert when the pool")
        session = await saved(app, actions_path)
        assert session.drafts == {TITLE_KEY: "Alert when the pool"}
        assert session.actions == []
    # The first app is gone without entering the title; its last autosave is what is on disk.
    assert load_session(actions_path).drafts == {TITLE_KEY: "Alert when the pool"}

    app = make_app(actions_path)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_new_action(app, pilot)
        title = form.query_one("#action-title", NoteInput)
        assert title.value == "Alert when the pool"
        await pilot.press(*" passes 80%", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        session = await saved(app, actions_path)
        assert [item.title for item in session.actions] == ["Alert when the pool passes 80%"]
        assert session.drafts == {}


async def test_escape_drops_the_draft(actions_path: Path, make_app: MakeApp) -> None:
    app = make_app(actions_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_new_action(app, pilot)
        await pilot.press(*"Half a thought")
        assert (await saved(app, actions_path)).drafts == {TITLE_KEY: "Half a thought"}
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert (await saved(app, actions_path)).drafts == {}


async def test_a_list_line_typed_but_not_entered_comes_back(
    lists_path: Path, make_app: MakeApp
) -> None:
    path = lists_path
    app = make_app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        await type_in_add_line(app, pilot, "Rollback was quick")
        session = await saved(app, path)
        assert session.drafts == {"list:went_well": "Rollback was quick"}
        assert session.went_well == []

    app = make_app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        field = await focused_add_line(app, pilot)
        assert field.value == "Rollback was quick"
        await pilot.press("enter")
        session = await saved(app, path)
        assert [note.text for note in session.went_well] == ["Rollback was quick"]
        assert session.drafts == {}


async def test_quitting_enters_a_typed_list_line_and_leaves_no_draft(
    lists_path: Path, make_app: MakeApp
) -> None:
    path = lists_path
    app = make_app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        await type_in_add_line(app, pilot, "Paging worked")
        await pilot.press("ctrl+q")
        await pilot.pause()
    session = load_session(path)
    assert [note.text for note in session.went_well] == ["Paging worked"]
    assert session.drafts == {}


def test_drafts_stay_out_of_the_json_export() -> None:
    session = build_session()
    session.drafts["list:went_well"] = "typed, not entered"
    assert "typed, not entered" not in render_json(session)
