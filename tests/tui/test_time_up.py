"""When a phase's time is up: a visible change, a notification and (unless switched off) a bell."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tui_support import MakeApp

from secondstory.core.storage import load_session, save_session
from secondstory.tui.widgets.phase_timer import PhaseTimer

pytestmark = pytest.mark.usefixtures("notes_workspaces")


class Recorder:
    def __init__(self, app: Any, monkeypatch: Any) -> None:
        self.notes: list[tuple[str, str]] = []
        self.bells = 0
        monkeypatch.setattr(app, "notify", self.notify)
        monkeypatch.setattr(app, "bell", self.bell)

    def notify(self, message: str, *, title: str = "", **kw: Any) -> None:
        self.notes.append((title, message))

    def bell(self) -> None:
        self.bells += 1


async def test_time_up_notifies_rings_and_turns_the_timer_over(
    session_path: Path, make_app: MakeApp, clock: Any, monkeypatch: Any
) -> None:
    app = make_app(session_path)
    async with app.run_test() as pilot:
        seen = Recorder(app, monkeypatch)
        await pilot.press("ctrl+t")
        clock.advance(minutes=2)
        app.tick()
        timer = app.screen.query_one(PhaseTimer)
        assert timer.has_class("-ok")
        assert seen.notes == [] and seen.bells == 0

        clock.advance(seconds=170)  # 4:50: the last two minutes
        app.tick()
        assert timer.has_class("-warning")

        clock.advance(seconds=11)  # 5:01: over
        app.tick()
        await pilot.pause()
        assert timer.has_class("-over")
        assert app.screen.query_one("#countdown").value == "+00:01"  # type: ignore[attr-defined]
        assert [title for title, _ in seen.notes] == ["Time is up"]
        assert "Opening and ground rules" in seen.notes[0][1]
        assert seen.bells == 1

        clock.advance(seconds=30)
        app.tick()
        assert seen.bells == 1  # once per time-up, not on every tick

        await pilot.press("ctrl+g")  # five more minutes ...
        clock.advance(minutes=5)  # ... and those run out too
        app.tick()
        assert seen.bells == 2


@pytest.mark.parametrize("where", ["option", "session"])
async def test_bell_can_be_switched_off(
    session_path: Path, make_app: MakeApp, clock: Any, monkeypatch: Any, where: str
) -> None:
    if where == "session":
        session = load_session(session_path)
        session.agenda.bell = False
        save_session(session, session_path)
    app = make_app(session_path, bell=where != "option")
    async with app.run_test() as pilot:
        seen = Recorder(app, monkeypatch)
        await pilot.press("ctrl+t")
        app.tick()
        clock.advance(minutes=6)
        app.tick()
        assert [title for title, _ in seen.notes] == ["Time is up"]
        assert seen.bells == 0


async def test_a_session_opened_over_time_does_not_ring(
    session_path: Path, make_app: MakeApp, clock: Any, monkeypatch: Any
) -> None:
    first = make_app(session_path)
    async with first.run_test() as pilot:
        await pilot.press("ctrl+t")
        await pilot.press("ctrl+q")
    clock.advance(minutes=30)
    app = make_app(session_path)
    async with app.run_test() as pilot:
        seen = Recorder(app, monkeypatch)
        app.tick()
        app.tick()
        assert seen.bells == 0
        assert app.screen.query_one(PhaseTimer).has_class("-over")
