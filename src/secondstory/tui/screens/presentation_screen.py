"""Presentation mode, for the shared screen: the timer as large as the terminal allows.

Shows the phase and what comes next, the ground rules while an opening phase runs, and the item
under discussion (from the workspace, else the phase's prompts). Facilitator notes never appear.

The facilitator keeps walking while the room watches: keys the screen does not use itself go to
the workspace underneath (`MainScreen.presentation_key`), so the timeline's next / previous event
and decision point keys and the five whys' chain keys work here too, and the item shown follows
in the same frame.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, VerticalScroll
from textual.widgets import Static

from secondstory.tui.screens.main_screen import MainScreen
from secondstory.tui.screens.session_screen import SessionScreen
from secondstory.tui.state import SessionState
from secondstory.tui.timefmt import format_countdown, format_mmss, minutes
from secondstory.tui.widgets.big_timer import BigTimer
from secondstory.tui.widgets.bullets import bullet_list
from secondstory.tui.widgets.meeting_clock import meeting_figures
from secondstory.tui.widgets.phase_timer import TIMER_STATES


def discussion(state: SessionState, item: str | None) -> tuple[str, list[str]]:
    """The boxed list at the bottom of the shared screen: a title and its entries."""
    phase = state.current_phase()
    if phase is None:
        return "", []
    if phase.kind == "opening":
        return "Ground rules", list(phase.prompts)
    if item:
        return "Under discussion", [item]
    return "For discussion", list(phase.prompts)


class PresentationScreen(SessionScreen):
    CSS_PATH = "presentation_screen.tcss"
    BINDINGS = [Binding("escape", "app.toggle_presentation", "Leave presentation", show=False)]

    def __init__(
        self, state: SessionState, tz: tzinfo | None, item: Callable[[], str | None]
    ) -> None:
        super().__init__(state)
        self._tz = tz
        self._item = item
        self._shown: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        with HorizontalGroup(id="pres-top"):
            yield Static(id="pres-incident", markup=False)
            yield Static(id="pres-meeting", markup=False)
        yield Static(id="pres-phase", markup=False)
        yield BigTimer(id="pres-timer")
        yield Static(id="pres-state", markup=False)
        yield Static(id="pres-next", markup=False)
        with VerticalScroll(id="pres-item") as box:
            box.can_focus = False
            yield Static(id="pres-item-text", markup=False)

    def on_key(self, event: events.Key) -> None:
        if self._walk(event.key):
            event.stop()
            event.prevent_default()
            self.update_view(self.state.now())

    def _walk(self, key: str) -> bool:
        """Hand the key to the workspace of the main screen under this one, if it walks with it."""
        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, MainScreen):
                return screen.presentation_key(key)
        return False

    def update_view(self, now: datetime) -> None:
        state = self.state
        inc = state.session.incident
        phase = state.current_phase()
        figures = meeting_figures(state, now, self._tz)
        if figures.started:
            meeting = f"{format_mmss(figures.remaining)} left · ends ≈{figures.ends}"
            if figures.late >= 60:
                meeting += f" (+{format_mmss(figures.late)})"
        else:
            meeting = f"{minutes(figures.planned)} planned"
        if phase is None:
            shown: tuple[object, ...] = ("empty",)
            if shown != self._shown:
                self._shown = shown
                self.query_one("#pres-phase", Static).update("This session has no agenda")
            return
        status = state.phase_status(now=now)
        following = state.next_phase_of(status.index)
        if status.state == "over":
            line = "Time is up"
        elif status.running:
            line = f"left of {minutes(status.budget)}"
        elif status.elapsed > 0:
            line = "Paused"
        else:
            line = "Not started"
        title, body = discussion(state, self._item())
        shown = (
            inc.id,
            inc.title,
            meeting,
            status.index,
            phase.title,
            format_countdown(status.remaining),
            status.state,
            line,
            following.title if following else None,
            title,
            tuple(body),
        )
        if shown == self._shown:
            return
        self._shown = shown
        self.query_one("#pres-incident", Static).update(f"{inc.id} · {inc.title}")
        self.query_one("#pres-meeting", Static).update(f"Meeting: {meeting}")
        self.query_one("#pres-phase", Static).update(
            f"{status.index + 1}/{len(state.phases)}  {phase.title}"
        )
        self.query_one("#pres-timer", BigTimer).update(format_countdown(status.remaining))
        self.query_one("#pres-state", Static).update(
            f"{line} · {format_mmss(status.overrun)} over" if status.state == "over" else line
        )
        if following is None:
            upcoming = "Last phase"
        else:
            budget = state.phase_status(status.index + 1, now).budget
            upcoming = f"Next: {following.title} · {minutes(budget)}"
        self.query_one("#pres-next", Static).update(upcoming)
        box = self.query_one("#pres-item", VerticalScroll)
        box.border_title = title
        box.display = bool(body)
        text = self.query_one("#pres-item-text", Static)
        text.update(bullet_list(body) if len(body) > 1 else Text(body[0] if body else ""))
        for name in TIMER_STATES:
            self.set_class(status.state == name, f"-{name}")
