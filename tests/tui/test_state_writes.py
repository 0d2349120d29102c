"""Saves that a key makes (a phase change, ctrl+s) are written by a background writer: the key
never waits for the TOML, the file never goes back to an older snapshot, and quitting waits
until everything is on disk. Real assertions on the file; the writer is held with events, not
timed."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import TextArea
from tui_support import MakeApp, build_session

from secondstory.core.storage import dumps_data, load_session, save_session
from secondstory.tui.state import SessionState

pytestmark = pytest.mark.usefixtures("notes_workspaces")


class HeldRenderer:
    """Stands in for `dumps_data` in the writer: records each render, and can hold the first
    one until the test lets it go."""

    def __init__(self) -> None:
        self.hold = threading.Event()
        self.hold.set()
        self.entered = threading.Event()
        self.rendered: list[str] = []  # the notes of phase 0 in each rendered snapshot
        self.threads: list[str] = []

    def __call__(self, data: dict[str, Any]) -> str:
        self.threads.append(threading.current_thread().name)
        self.rendered.append(data["agenda"]["phases"][0].get("notes", ""))
        self.entered.set()
        assert self.hold.wait(timeout=30)
        return dumps_data(data)


@pytest.fixture
def renderer(monkeypatch: pytest.MonkeyPatch) -> HeldRenderer:
    held = HeldRenderer()
    monkeypatch.setattr("secondstory.tui.state.dumps_data", held)
    return held


@pytest.fixture
def state(tmp_path: Path, clock: Any) -> SessionState:
    path = tmp_path / "s.toml"
    save_session(build_session(), path)
    return SessionState(load_session(path), path, clock=clock)


def notes_on_disk(state: SessionState) -> str:
    return load_session(state.path).agenda.phases[0].notes


def test_a_save_renders_off_the_calling_thread(state: SessionState, renderer: HeldRenderer) -> None:
    renderer.hold.clear()
    state.session.agenda.phases[0].notes = "typed"
    state.save()  # returns while the writer is still held in the render
    assert renderer.entered.wait(timeout=30)
    assert notes_on_disk(state) == ""
    renderer.hold.set()
    assert state.wait_for_writes(timeout=30)
    assert notes_on_disk(state) == "typed"
    assert threading.current_thread().name not in renderer.threads


def test_the_newest_snapshot_wins_and_waiting_ones_are_not_rendered(
    state: SessionState, renderer: HeldRenderer
) -> None:
    renderer.hold.clear()
    for text in ("one", "two", "three"):
        state.session.agenda.phases[0].notes = text
        state.save()
        if text == "one":
            assert renderer.entered.wait(timeout=30)  # "one" is being rendered
    renderer.hold.set()
    assert state.wait_for_writes(timeout=30)
    assert renderer.rendered == ["one", "three"]  # "two" was replaced before its turn
    assert notes_on_disk(state) == "three"


def test_an_older_snapshot_written_late_never_overwrites_a_newer_one(
    state: SessionState, renderer: HeldRenderer
) -> None:
    # The app's autosave snapshot, written by its own worker after the key's save.
    state.session.agenda.phases[0].notes = "autosaved"
    older = state.snapshot()
    state.session.agenda.phases[0].notes = "after the phase change"
    state.save()
    assert state.wait_for_writes(timeout=30)
    state.write(*older)
    assert notes_on_disk(state) == "after the phase change"


def test_flush_waits_for_the_writer_then_writes_what_is_left(
    state: SessionState, renderer: HeldRenderer
) -> None:
    renderer.hold.clear()
    state.session.agenda.phases[0].notes = "before ctrl+n"
    state.save()
    assert renderer.entered.wait(timeout=30)
    state.session.agenda.phases[0].notes = "typed after ctrl+n"
    state.mark_dirty()
    done: list[bool] = []
    flusher = threading.Thread(target=lambda: done.append(state.flush()))
    flusher.start()
    # The flush cannot finish while the background write is held ...
    flusher.join(timeout=0.2)
    assert flusher.is_alive() and not done
    renderer.hold.set()
    flusher.join(timeout=30)
    # ... and then the file holds everything, the last words included.
    assert done == [True]
    assert notes_on_disk(state) == "typed after ctrl+n"
    assert state.flush() is False  # nothing left to write


async def test_quit_right_after_a_phase_change_loses_nothing(
    session_path: Path, make_app: MakeApp, renderer: HeldRenderer
) -> None:
    app = make_app(session_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.focused, TextArea)
        await pilot.press(*"first phase")
        renderer.hold.clear()
        await pilot.press("ctrl+n")  # saves at once: held in the background writer
        assert renderer.entered.wait(timeout=30)
        await pilot.pause()
        await pilot.press(*"second")
        # Every render (the key's save, the autosave's) is held: the disk is still in phase 1.
        assert load_session(session_path).agenda.current == 0
        state = app.state
        assert state is not None
        wait = state.wait_for_writes

        def quitting_waits(timeout: float | None = None) -> bool:
            renderer.hold.set()  # let the writer go only once quitting waits for it
            return wait(timeout)

        state.wait_for_writes = quitting_waits  # type: ignore[method-assign]
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    saved = load_session(session_path)
    assert saved.agenda.current == 1
    assert saved.agenda.phases[0].notes == "first phase"
    assert saved.agenda.phases[1].notes == "second"


async def test_a_phase_change_keeps_the_key_off_the_render(
    session_path: Path, make_app: MakeApp, renderer: HeldRenderer
) -> None:
    app = make_app(session_path)
    async with app.run_test() as pilot:
        renderer.hold.clear()
        await pilot.press("ctrl+n")  # the app goes on while the render is held
        assert renderer.entered.wait(timeout=30)
        await pilot.press("ctrl+n")
        assert app.state is not None and app.state.session.agenda.current == 2
        renderer.hold.set()
        assert app.state.wait_for_writes(timeout=30)
        assert load_session(session_path).agenda.current == 2
        assert app.state.path == session_path
        assert "MainThread" not in renderer.threads
