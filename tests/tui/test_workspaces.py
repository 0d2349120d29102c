"""The workspace registry: a phase kind picks its workspace; the notes workspace is the default."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import TextArea
from tui_support import ItemWorkspace, MakeApp

from secondstory.core.model import Agenda, Incident, Session
from secondstory.core.storage import save_session
from secondstory.tui import workspaces
from secondstory.tui.screens.main_screen import MainScreen
from secondstory.tui.workspaces.notes import NotesWorkspace

pytestmark = pytest.mark.usefixtures("notes_workspaces")


def test_unlisted_kinds_get_the_notes_workspace() -> None:
    assert workspaces.workspace_class("debrief") is NotesWorkspace


def test_a_target_that_is_not_a_workspace_is_refused(monkeypatch: Any) -> None:
    monkeypatch.setitem(workspaces.WORKSPACES, "debrief", "pathlib:Path")
    with pytest.raises(TypeError, match="not a Workspace"):
        workspaces.workspace_class("debrief")


async def test_registered_workspace_is_shown_and_feeds_presentation(
    session_path: Path, make_app: MakeApp, monkeypatch: Any
) -> None:
    monkeypatch.setitem(workspaces.WORKSPACES, "timeline", "tui_support:ItemWorkspace")
    app = make_app(session_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert isinstance(screen.workspace(), NotesWorkspace)
        await pilot.press("ctrl+n")  # the timeline phase
        await pilot.pause()
        assert isinstance(screen.workspace(), ItemWorkspace)
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen.query_one("#pres-item").border_title == "Under discussion"
        await pilot.press("f2", "ctrl+n")
        await pilot.pause()
        assert isinstance(screen.workspace(), NotesWorkspace)
        assert isinstance(app.focused, TextArea)


async def test_a_session_without_phases_opens_and_keys_do_no_harm(
    tmp_path: Path, make_app: MakeApp
) -> None:
    path = tmp_path / "empty.toml"
    save_session(Session(incident=Incident(id="E-1", title="Empty"), agenda=Agenda()), path)
    app = make_app(path)
    async with app.run_test() as pilot:
        for key in ("ctrl+t", "ctrl+n", "ctrl+r", "ctrl+g", "ctrl+f", "f2"):
            await pilot.press(key)
        await pilot.pause()
        assert app.is_running
        app.tick()
