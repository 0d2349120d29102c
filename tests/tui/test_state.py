"""SessionState: timer operations save at once, writes never go backwards, time-up detection."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tui_support import build_session

from secondstory.core.storage import load_session, save_session
from secondstory.tui.state import SessionState


@pytest.fixture
def state(tmp_path: Path, clock: Any) -> SessionState:
    path = tmp_path / "s.toml"
    save_session(build_session(), path)
    return SessionState(load_session(path), path, clock=clock)


def test_timer_operations_are_saved_at_once(state: SessionState, clock: Any) -> None:
    state.toggle()
    assert state.wait_for_writes(timeout=30)  # written by the background writer
    assert load_session(state.path).agenda.phases[0].actual[0].start == clock.now
    clock.advance(seconds=30)
    assert state.next()
    assert state.wait_for_writes(timeout=30)
    assert load_session(state.path).agenda.current == 1
    assert not state.dirty


def test_an_older_snapshot_never_overwrites_a_newer_one(state: SessionState) -> None:
    state.session.agenda.phases[0].notes = "first"
    older = state.snapshot()
    state.session.agenda.phases[0].notes = "second"
    newer = state.snapshot()
    state.write(*newer)
    state.write(*older)  # a slow background write finishing late
    assert load_session(state.path).agenda.phases[0].notes == "second"


def test_flush_writes_only_when_dirty(state: SessionState) -> None:
    before = state.path.stat().st_mtime_ns
    assert state.flush() is False
    assert state.path.stat().st_mtime_ns == before
    state.session.agenda.phases[0].notes = "x"
    state.mark_dirty()
    assert state.flush() is True
    assert load_session(state.path).agenda.phases[0].notes == "x"


def test_failed_save_leaves_the_session_dirty(state: SessionState, monkeypatch: Any) -> None:
    def refuse(path: Path, text: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("secondstory.tui.state.atomic_write_text", refuse)
    state.toggle()  # the key never waits for the disk, nor fails on it
    assert state.wait_for_writes(timeout=30)
    assert state.dirty  # so the autosave tries again (and reports it)
    assert isinstance(state.save_error, OSError)
    with pytest.raises(OSError):
        state.flush()  # quitting says so
    monkeypatch.undo()
    assert state.flush() is True
    assert load_session(state.path).agenda.phases[0].actual
    assert state.save_error is None and not state.dirty


def test_time_up_is_seen_once_per_budget(state: SessionState, clock: Any) -> None:
    state.toggle()
    assert state.check_time_up() is None
    clock.advance(minutes=5)  # exactly at the budget: over
    up = state.check_time_up()
    assert up is not None and up.index == 0
    clock.advance(seconds=5)
    assert state.check_time_up() is None
    state.extend(60)
    clock.advance(seconds=60)  # the extension runs out before the next check
    assert state.check_time_up() is not None


def test_time_up_is_not_announced_for_a_phase_found_over(state: SessionState, clock: Any) -> None:
    state.toggle()
    clock.advance(minutes=7)
    assert state.check_time_up() is None  # first look: already over
    state.next()
    assert state.check_time_up() is None
    state.previous()  # back to the phase that is over
    assert state.check_time_up() is None
