"""The open session as the app sees it: the model, its file, the clock, and saving.

This module holds no widgets, so the app's behaviour (what a key does to the session, when a
phase's time is up, when the file is written) can be read and tested apart from the screens.
Every timer operation goes through `secondstory.core.clock` with `now` taken from the injected
clock and is saved at once: the snapshot is taken on the spot and a background writer renders
and writes it. Edits to notes mark the session dirty and the app flushes it on a short
interval, also writing in a background thread. Writes are atomic and never go backwards (each
snapshot is numbered); quitting waits for every write.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from secondstory.core import clock as agenda_clock
from secondstory.core.atomic import atomic_write_text
from secondstory.core.clock import Clock, MeetingStatus, PhaseStatus, system_clock
from secondstory.core.model import Phase, Session
from secondstory.core.storage import dumps_data, session_to_data

if TYPE_CHECKING:
    from secondstory.core.language import Coach


@dataclass(frozen=True)
class TimeUp:
    """A phase whose time has just run out while the app was watching it."""

    index: int
    phase: Phase


class SessionState:
    """One open session file."""

    def __init__(self, session: Session, path: Path, clock: Clock = system_clock) -> None:
        self.session = session
        self.path = path
        self.clock = clock
        self.dirty = False
        self._generation = 0
        self._written = 0
        self._write_lock = threading.Lock()
        self._writer = threading.Condition()
        self._pending: tuple[int, dict[str, Any]] | None = None
        self._writer_thread: threading.Thread | None = None
        self.save_error: Exception | None = None
        """Why the last background write failed, until one succeeds."""
        self._watch: tuple[int, int, bool] | None = None
        self.coach: Coach | None = None
        """The language coach for this session, built after the first frame by
        `tui/coach_hub.py` (compiling its rules takes longer than a frame); None until then."""

    # Reading the clock ------------------------------------------------------------------

    def now(self) -> datetime:
        return self.clock()

    @property
    def phases(self) -> list[Phase]:
        return self.session.agenda.phases

    @property
    def current_index(self) -> int:
        return min(self.session.agenda.current, max(len(self.phases) - 1, 0))

    def current_phase(self) -> Phase | None:
        return agenda_clock.current_phase(self.session.agenda)

    def next_phase_of(self, index: int) -> Phase | None:
        return self.phases[index + 1] if index + 1 < len(self.phases) else None

    def is_running(self) -> bool:
        return agenda_clock.is_running(self.session.agenda)

    def phase_status(self, index: int | None = None, now: datetime | None = None) -> PhaseStatus:
        when = self.now() if now is None else now
        return agenda_clock.phase_status(
            self.session.agenda, self.current_index if index is None else index, when
        )

    def meeting_status(self, now: datetime | None = None) -> MeetingStatus:
        return agenda_clock.meeting_status(self.session.agenda, self.now() if now is None else now)

    # Timer operations: each is saved at once ----------------------------------------------

    def toggle(self) -> bool:
        running = agenda_clock.toggle(self.session.agenda, self.now())
        self.save()
        return running

    def next(self) -> bool:
        moved = agenda_clock.next_phase(self.session.agenda, self.now())
        if moved:
            self.save()
        return moved

    def previous(self) -> bool:
        moved = agenda_clock.previous_phase(self.session.agenda, self.now())
        if moved:
            self.save()
        return moved

    def goto(self, index: int) -> bool:
        moved = agenda_clock.goto(self.session.agenda, index, self.now())
        if moved:
            self.save()
        return moved

    def extend(self, seconds: int = 300) -> None:
        agenda_clock.extend(self.session.agenda, self.now(), seconds)
        self.save()

    def replan(self) -> bool:
        changed = agenda_clock.replan(self.session.agenda, self.now())
        if changed:
            self.save()
        return changed

    def set_bell(self, on: bool) -> None:
        self.session.agenda.bell = on
        self.save()

    # Time up -------------------------------------------------------------------------------

    def check_time_up(self, now: datetime | None = None) -> TimeUp | None:
        """The current phase, if its time ran out since the last check; else None.

        Only what happens while the app watches a phase counts: opening a session whose phase
        is already over, or going back to one, does not announce it again. An extension gives
        the phase a new budget, which can run out (and be announced) once more.
        """
        if not self.phases:
            return None
        status = self.phase_status(now=now)
        over = status.state == "over"
        previous = self._watch
        self._watch = (status.index, status.budget, over)
        if not over or previous is None:
            return None
        index, budget, was_over = previous
        if index != status.index or (budget == status.budget and was_over):
            return None
        return TimeUp(status.index, self.phases[status.index])

    # Saving --------------------------------------------------------------------------------

    def mark_dirty(self) -> None:
        self.dirty = True

    def snapshot(self) -> tuple[int, dict[str, Any]]:
        """The session as plain data, numbered so an older write never lands after a newer one.

        Only the dump happens here, on the UI thread; turning it into TOML text (the slow part
        for a large session) happens in `write`, off the key path.
        """
        self._generation += 1
        self.dirty = False
        return self._generation, session_to_data(self.session)

    def write(self, generation: int, data: dict[str, Any]) -> None:
        """Write a snapshot atomically; safe to call from a worker thread."""
        text = dumps_data(data)
        with self._write_lock:
            if generation <= self._written:
                return
            atomic_write_text(self.path, text)
            self._written = generation

    def save(self) -> None:
        """Save the session as it is now: the snapshot is taken here, the TOML is rendered and
        written by the background writer (a few milliseconds later), so a key that saves (a
        phase change on a session with thousands of events) never waits for it.

        A write that fails leaves the session dirty, so the app's autosave tries again and
        reports the error; `save_error` holds it meanwhile.
        """
        generation, data = self.snapshot()
        with self._writer:
            # A newer snapshot holds everything an older one does: the older one, if still
            # waiting, is dropped rather than rendered for nothing.
            self._pending = (generation, data)
            if self._writer_thread is None:
                self._writer_thread = threading.Thread(
                    target=self._write_pending, name="secondstory-save", daemon=True
                )
                self._writer_thread.start()

    def _write_pending(self) -> None:
        while True:
            with self._writer:
                if self._pending is None:
                    self._writer_thread = None
                    self._writer.notify_all()
                    return
                generation, data = self._pending
                self._pending = None
            try:
                self.write(generation, data)
            except Exception as error:  # a full disk, a folder made read-only: retried
                self.save_error = error
                self.dirty = True
            else:
                self.save_error = None

    def wait_for_writes(self, timeout: float | None = None) -> bool:
        """Wait until the background writer has written everything handed to it (True), or
        until `timeout` seconds have passed (False)."""
        with self._writer:
            return self._writer.wait_for(lambda: self._writer_thread is None, timeout)

    def save_now(self) -> None:
        """Write the session now, in this thread; raises OSError if the write fails."""
        try:
            self.write(*self.snapshot())
        except BaseException:
            self.dirty = True
            raise
        self.save_error = None

    def flush(self) -> bool:
        """Make the file hold the session as it is now, before returning (on quit, before an
        export): wait for the background writer, then write in this thread whatever it has not
        written. True if this call wrote; raises OSError if that write fails."""
        self.wait_for_writes()
        if not self.dirty and self._written >= self._generation:
            return False
        self.save_now()
        return True
