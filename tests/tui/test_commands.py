"""The command palette offers every action; export and copy write Markdown and never crash."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandPalette
from tui_support import MakeApp, written

from secondstory.core.storage import load_session
from secondstory.tui import export
from secondstory.tui.screens.presentation_screen import PresentationScreen

pytestmark = pytest.mark.usefixtures("notes_workspaces")


class FakeFormat:
    def __init__(self, text: str = "# INC-TEST-0001\n\nDoc\n", fail: Exception | None = None):
        self.text = text
        self.fail = fail

    def render(self, session: Any) -> str:
        if self.fail is not None:
            raise self.fail
        return self.text


def titles(app: Any) -> list[str]:
    return [c.title for c in app.get_system_commands(app.screen)]


async def test_every_action_is_in_the_palette(session_path: Path, make_app: MakeApp) -> None:
    app = make_app(session_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        found = titles(app)
        for title in (
            "Timer: start",
            "Phase: next",
            "Phase: previous",
            "Phase: 5 more minutes",
            "Agenda: re-plan to end on time",
            "View: presentation mode",
            "Export: Markdown file",
            "Export: copy Markdown",
            "Session: save now",
            "Bell: turn off",
            "Phase: go to 3. Five whys",
            "Quit",
            "Keys",
        ):
            assert title in found, title
        await pilot.press("ctrl+t")
        assert "Timer: pause" in titles(app)


async def test_palette_runs_a_command(session_path: Path, make_app: MakeApp) -> None:
    app = make_app(session_path)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"go to 3.", "enter")
        await pilot.pause()
        written(app)
        assert load_session(session_path).agenda.current == 2


async def test_palette_goto_and_presentation_commands(
    session_path: Path, make_app: MakeApp
) -> None:
    app = make_app(session_path)
    async with app.run_test() as pilot:
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        commands["Phase: go to 4. Action items"].callback()
        written(app)
        assert load_session(session_path).agenda.current == 3
        commands["View: presentation mode"].callback()
        await pilot.pause()
        assert isinstance(app.screen, PresentationScreen)
        assert "View: leave presentation mode" in titles(app)
        commands["Bell: turn off"].callback()
        written(app)
        assert load_session(session_path).agenda.bell is False


async def test_ctrl_s_exports_markdown_next_to_the_session(
    session_path: Path, make_app: MakeApp, monkeypatch: Any
) -> None:
    monkeypatch.setattr(export, "get_format", lambda name: FakeFormat())
    app = make_app(session_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press(*"typed just now")
        await pilot.press("ctrl+s")
    target = session_path.parent / "INC-TEST-0001.md"
    assert target.read_text() == "# INC-TEST-0001\n\nDoc\n"
    # Exporting saves the session first, so the document and the file agree.
    assert load_session(session_path).agenda.phases[0].notes == "typed just now"


async def test_export_uses_the_real_markdown_format(session_path: Path, make_app: MakeApp) -> None:
    app = make_app(session_path)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+s")
    text = (session_path.parent / "INC-TEST-0001.md").read_text()
    assert "INC-TEST-0001" in text
    assert "Checkout failures after connection pool resize" in text


async def test_copy_puts_markdown_on_the_clipboard_and_in_a_file(
    session_path: Path, make_app: MakeApp, monkeypatch: Any
) -> None:
    monkeypatch.setattr(export, "get_format", lambda name: FakeFormat("# copied\n"))
    app = make_app(session_path)
    shown: list[str] = []
    async with app.run_test() as pilot:
        monkeypatch.setattr(app, "notify", lambda message, **kw: shown.append(message))
        app.action_copy()
        await pilot.pause()
        assert app.clipboard == "# copied\n"
    assert (session_path.parent / "INC-TEST-0001.md").read_text() == "# copied\n"
    assert shown and shown[0].startswith("Copied 1 lines of Markdown")


async def test_export_failure_is_a_notification_not_a_crash(
    session_path: Path, make_app: MakeApp, monkeypatch: Any
) -> None:
    monkeypatch.setattr(
        export, "get_format", lambda name: FakeFormat(fail=ModuleNotFoundError("markdown"))
    )
    app = make_app(session_path)
    shown: list[tuple[str, str]] = []
    async with app.run_test() as pilot:
        monkeypatch.setattr(
            app,
            "notify",
            lambda message, severity="information", **kw: shown.append((severity, message)),
        )
        await pilot.press("ctrl+s")
        app.action_copy()
        await pilot.pause()
        assert app.is_running
    assert [s for s, _ in shown] == ["error", "error"]
    assert "not available" in shown[0][1]
    assert not (session_path.parent / "INC-TEST-0001.md").exists()
