"""Pilot tests: press the real keys and check what lands in the session file."""

from __future__ import annotations

import contextlib
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import TextArea
from textual.worker import WorkerFailed
from tui_support import MakeApp, started_session, written

from secondstory.core.storage import load_session, save_session
from secondstory.tui.screens.main_screen import MainScreen

pytestmark = pytest.mark.usefixtures("notes_workspaces")


async def test_ctrl_t_starts_and_pauses_with_clock_stamps(
    session_path: Path, make_app: MakeApp, clock: Any
) -> None:
    app = make_app(session_path)
    async with app.run_test() as pilot:
        started = clock.now
        await pilot.press("ctrl+t")
        written(app)
        phase = load_session(session_path).agenda.phases[0]
        assert len(phase.actual) == 1
        assert phase.actual[0].start == started
        assert phase.actual[0].end is None

        clock.advance(seconds=95)
        await pilot.press("ctrl+t")
        written(app)
        phase = load_session(session_path).agenda.phases[0]
        assert phase.actual[0].end == started + timedelta(seconds=95)


async def test_keys_work_while_typing_in_the_notes(
    session_path: Path, make_app: MakeApp, clock: Any
) -> None:
    app = make_app(session_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.focused, TextArea)
        await pilot.press("ctrl+t")
        clock.advance(minutes=3)
        await pilot.press("ctrl+n")
        written(app)
        saved = load_session(session_path).agenda
        assert saved.current == 1
        # The running clock moves on with the phase.
        assert saved.phases[0].actual[0].end == clock.now
        assert saved.phases[1].actual[0].start == clock.now
        await pilot.pause()
        assert isinstance(app.focused, TextArea)
        assert app.focused.text == ""  # the new phase's own notes

        clock.advance(minutes=1)
        await pilot.press("ctrl+r")
        written(app)
        saved = load_session(session_path).agenda
        assert saved.current == 0
        assert saved.phases[1].actual[0].end == clock.now


async def test_previous_key_does_not_clash_with_the_editor(
    session_path: Path, make_app: MakeApp
) -> None:
    """ctrl+r moves back a phase; ctrl+y (TextArea's redo) and ctrl+a/ctrl+b stay free."""
    app = make_app(session_path)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+n")
        written(app)
        assert load_session(session_path).agenda.current == 1
        for key in ("ctrl+y", "ctrl+a", "ctrl+b"):
            await pilot.press(key)
        written(app)
        assert load_session(session_path).agenda.current == 1
        await pilot.press("ctrl+r")
        written(app)
        assert load_session(session_path).agenda.current == 0


async def test_ctrl_g_gives_five_more_minutes(
    session_path: Path, make_app: MakeApp, clock: Any
) -> None:
    app = make_app(session_path)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+t")
        clock.advance(minutes=4)
        await pilot.press("ctrl+g")
        written(app)
        phase = load_session(session_path).agenda.phases[0]
        assert [(e.at, e.seconds) for e in phase.extensions] == [(clock.now, 300)]
        status = app.state.phase_status() if app.state else None
        assert status is not None and status.budget == 10 * 60


async def test_ctrl_f_replans_the_remaining_phases(
    session_path: Path, make_app: MakeApp, clock: Any
) -> None:
    app = make_app(session_path)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+t")
        clock.advance(minutes=12)  # the 5-minute opening runs 7 minutes over
        await pilot.press("ctrl+f")
        written(app)
        later = load_session(session_path).agenda.phases[1:]
        assert all(len(p.replans) == 1 for p in later)
        # What the later phases lost adds up to the overrun.
        lost = sum(p.replans[0].seconds_before - p.replans[0].seconds_after for p in later)
        assert lost == 7 * 60


async def test_notes_typed_are_autosaved(session_path: Path, make_app: MakeApp) -> None:
    app = make_app(session_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press(*"Pool at 10")
        # What the half-second interval calls (which may also have run meanwhile).
        app.autosave()
        await app.workers.wait_for_complete()
        assert load_session(session_path).agenda.phases[0].notes == "Pool at 10"
        assert app.state is not None and not app.state.dirty


async def test_ctrl_q_saves_unsaved_notes_and_quits(session_path: Path, make_app: MakeApp) -> None:
    app = make_app(session_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press(*"last words")
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    assert load_session(session_path).agenda.phases[0].notes == "last words"


async def test_reopened_running_session_shows_the_right_time(
    tmp_path: Path, make_app: MakeApp, clock: Any
) -> None:
    path = tmp_path / "running.toml"
    save_session(started_session(clock.now), path)
    clock.advance(minutes=10)  # the app was closed for ten minutes while the clock ran
    app = make_app(path)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        digits = app.screen.query_one("#countdown")
        # 15 minutes planned, 1:40 before closing, 10:00 while closed: 3:20 left.
        assert digits.value == "03:20"  # type: ignore[attr-defined]


async def test_failed_save_is_reported_not_raised(
    session_path: Path, make_app: MakeApp, monkeypatch: Any
) -> None:
    app = make_app(session_path)
    messages: list[str] = []
    async with app.run_test() as pilot:
        monkeypatch.setattr(app, "notify", lambda message, **kw: messages.append(message))

        def refuse(path: Path, text: str) -> None:
            raise PermissionError(13, "Permission denied", str(path))

        monkeypatch.setattr("secondstory.tui.state.atomic_write_text", refuse)
        await pilot.press("ctrl+t")
        # The key's save is written in the background; its failure leaves the session dirty,
        # and the next autosave (every half second) tries again and reports it.
        written(app)
        app.autosave()
        with contextlib.suppress(WorkerFailed):  # the autosave's worker fails: it should
            await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("Could not save" in m for m in messages)
        assert app.state is not None and app.state.dirty
        assert app.state.is_running()  # the change is kept in memory
