"""Presentation mode: toggling, what the shared screen shows, and what it hides."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
from tui_support import MakeApp, started_session

from secondstory.core.storage import save_session
from secondstory.tui.screens.main_screen import MainScreen
from secondstory.tui.screens.presentation_screen import PresentationScreen
from secondstory.tui.widgets.big_timer import BigTimer

pytestmark = pytest.mark.usefixtures("notes_workspaces")


def screen_text(app: Any) -> str:
    """Everything drawn on the screen, as plain text (from the SVG screenshot)."""
    svg = app.export_screenshot()
    return html.unescape("".join(re.findall(r">([^<]*)</text>", svg))).replace("\xa0", " ")


@pytest.fixture
def running_path(tmp_path: Path, clock: Any) -> Path:
    path = tmp_path / "running.toml"
    save_session(started_session(clock.now), path)
    return path


async def test_f2_toggles_presentation_even_from_the_notes(
    running_path: Path, make_app: MakeApp
) -> None:
    app = make_app(running_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, PresentationScreen)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_presentation_hides_notes_and_shows_phase_next_and_prompts(
    running_path: Path, make_app: MakeApp
) -> None:
    app = make_app(running_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        text = screen_text(app)
        assert "Timeline walkthrough" in text
        assert "Next: Five whys · 20 min" in text
        assert "What information was missing at the time?" in text
        assert "private note" not in text
        assert app.screen.query_one(BigTimer).value == "13:20"


async def test_ground_rules_show_during_the_opening(session_path: Path, make_app: MakeApp) -> None:
    app = make_app(session_path)
    async with app.run_test() as pilot:
        await pilot.press("f2")
        await pilot.pause()
        box = app.screen.query_one("#pres-item")
        assert box.border_title == "Ground rules"
        assert "Let people finish" in screen_text(app)


async def test_workspace_item_replaces_the_prompts(
    running_path: Path, make_app: MakeApp, monkeypatch: Any
) -> None:
    app = make_app(running_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        workspace = app.screen.workspace()
        assert workspace is not None
        monkeypatch.setattr(workspace, "presentation_item", lambda: "14:02 pool resized to 10")
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen.query_one("#pres-item").border_title == "Under discussion"
        assert "14:02 pool resized to 10" in screen_text(app)


async def test_keys_drive_the_meeting_from_presentation_mode(
    running_path: Path, make_app: MakeApp, clock: Any
) -> None:
    app = make_app(running_path)
    async with app.run_test() as pilot:
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, PresentationScreen)
        assert "Five whys" in screen_text(app)
        assert app.screen.query_one(BigTimer).value == "20:00"


@pytest.mark.parametrize(("size", "min_scale"), [((80, 24), 3), ((200, 60), 8)])
async def test_big_timer_fills_the_terminal(
    running_path: Path, make_app: MakeApp, size: tuple[int, int], min_scale: int
) -> None:
    app = make_app(running_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        timer = app.screen.query_one(BigTimer)
        assert timer.scale() >= min_scale
        rendered = str(timer.render())
        # Every line of the drawing fits in the terminal.
        assert max(len(line) for line in rendered.splitlines()) <= size[0]
