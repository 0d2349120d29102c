"""The current phase's timer on the main screen: its title, a countdown in digits, its state.

The countdown turns the theme's warning colour in the last two minutes and its error colour,
counting up as `+MM:SS`, once the phase is over time.
"""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.containers import VerticalGroup
from textual.widgets import Digits, Static

from secondstory.tui.state import SessionState
from secondstory.tui.timefmt import format_countdown, format_mmss, minutes

TIMER_STATES = ("ok", "warning", "over")


class PhaseTimer(VerticalGroup):
    DEFAULT_CSS = """
    PhaseTimer {
        border: round $primary;
        border-title-color: $text-muted;
        padding: 0 1;
        height: auto;
        #phase-title { text-style: bold; text-wrap: nowrap; text-overflow: ellipsis; }
        #countdown { width: 1fr; text-align: center; text-style: bold; color: $timer-ok; }
        #timer-state { color: $text-muted; text-align: center; width: 1fr; }
        &.-warning {
            border: round $timer-warning;
            #countdown { color: $timer-warning; }
        }
        &.-over {
            border: heavy $timer-over;
            #countdown { color: $timer-over; }
            #timer-state { color: $timer-over; text-style: bold; }
        }
    }
    """

    def __init__(self, state: SessionState) -> None:
        super().__init__()
        self._state = state
        self._shown: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static(id="phase-title", markup=False)
        yield Digits("00:00", id="countdown")
        yield Static(id="timer-state", markup=False)

    def update_view(self, now: datetime) -> None:
        state = self._state
        phase = state.current_phase()
        if phase is None:
            shown: tuple[object, ...] = ("empty",)
            if shown != self._shown:
                self._shown = shown
                self.border_title = "No agenda"
                self.query_one("#phase-title", Static).update("This session has no phases")
            return
        status = state.phase_status(now=now)
        if status.state == "over":
            line = f"time is up · {format_mmss(status.overrun)} over"
        elif status.running:
            line = f"running · {minutes(status.budget)} budget"
        elif status.elapsed > 0:
            line = "paused · ctrl+t resumes"
        else:
            line = "not started · ctrl+t starts"
        countdown = format_countdown(status.remaining)
        total = len(state.phases)
        shown = (status.index, phase.title, countdown, status.state, line, total)
        if shown == self._shown:
            return
        self._shown = shown
        self.border_title = f"Phase {status.index + 1} of {total}"
        self.query_one("#phase-title", Static).update(phase.title)
        self.query_one("#countdown", Digits).update(countdown)
        self.query_one("#timer-state", Static).update(line)
        for name in TIMER_STATES:
            self.set_class(status.state == name, f"-{name}")
