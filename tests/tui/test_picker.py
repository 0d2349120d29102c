"""`secondstory` with no file: pick a session from the folder, or create one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, OptionList, Static
from tui_support import MakeApp, written

from secondstory.core.storage import load_session
from secondstory.tui.screens.main_screen import MainScreen
from secondstory.tui.screens.picker_screen import PickerScreen, list_sessions

pytestmark = pytest.mark.usefixtures("notes_workspaces")


def test_listing_reads_good_files_and_flags_broken_ones(session_path: Path) -> None:
    (session_path.parent / "broken.toml").write_text("incident = [\n")
    found = list_sessions(session_path.parent)
    assert [f.readable for f in found] == [True, False]
    assert "INC-TEST-0001" in found[0].label and "Checkout failures" in found[0].label
    assert "cannot be read" in found[1].label


async def test_pick_a_session_and_run_it(session_path: Path, make_app: MakeApp, clock: Any) -> None:
    app = make_app(None, folder=session_path.parent)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert isinstance(app.focused, OptionList)
        await pilot.press("ctrl+t")  # no session yet: nothing happens, nothing breaks
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("ctrl+t")
        written(app)
        assert load_session(session_path).agenda.phases[0].actual[0].start == clock.now


async def test_create_a_session_from_the_picker(tmp_path: Path, make_app: MakeApp) -> None:
    app = make_app(None, folder=tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.focused, Input)  # empty folder: straight to the form
        await pilot.press(*"INC-2026-0100", "enter")
        await pilot.press(*"Queue backlog", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    created = load_session(tmp_path / "INC-2026-0100.toml")
    assert created.incident.title == "Queue backlog"
    assert created.agenda.name == "sync-90"


async def test_creating_over_an_existing_id_is_refused(
    session_path: Path, make_app: MakeApp
) -> None:
    before = session_path.read_text()
    app = make_app(None, folder=session_path.parent)
    async with app.run_test() as pilot:
        app.screen.query_one("#new-id", Input).focus()
        await pilot.press(*"INC-TEST-0001", "enter", *"Other", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        message = str(app.screen.query_one("#picker-message", Static).render())
        assert "already exists" in message
    assert session_path.read_text() == before


async def test_broken_session_file_is_reported_in_the_picker(
    tmp_path: Path, make_app: MakeApp
) -> None:
    (tmp_path / "bad.toml").write_text('[incident]\nid = "X"\ntitle = "T"\nseverity = "SEV9"\n')
    app = make_app(None, folder=tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        message = str(app.screen.query_one("#picker-message", Static).render())
        assert "bad.toml: incident.severity" in message
