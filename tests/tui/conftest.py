"""Fixtures for the app's tests: a session file built in code (so snapshots do not move when the
shipped presets or the example change) and an app factory wired to the fake clock."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path
from typing import Any

import pytest
from tui_support import MakeApp, build_session

from secondstory.core.storage import load_session, save_session
from secondstory.tui import workspaces
from secondstory.tui.app import SecondStoryApp
from secondstory.tui.state import SessionState
from secondstory.tui.themes import load_themes


@pytest.fixture
def notes_workspaces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every phase gets the notes workspace, whatever dedicated workspaces are registered.

    The app-shell tests (keys, saving, presentation, snapshots) are about the frame around the
    workspace; pinning the workspace keeps them from changing as dedicated workspaces arrive.
    """
    monkeypatch.setattr(workspaces, "WORKSPACES", {})


@pytest.fixture
def session_path(tmp_path: Path) -> Path:
    path = tmp_path / "INC-TEST-0001.toml"
    save_session(build_session(), path)
    return path


@pytest.fixture
def make_app(clock: Any) -> MakeApp:
    themes = load_themes()

    def make(path: Path | None, **kwargs: Any) -> SecondStoryApp:
        state = SessionState(load_session(path), path, clock=clock) if path else None
        kwargs.setdefault("folder", path.parent if path else Path("."))
        kwargs.setdefault("themes", themes)
        kwargs.setdefault("display_tz", UTC)
        return SecondStoryApp(state=state, clock=clock, **kwargs)

    return make
