"""Base for screens that show the open session and redraw from it a few times a second."""

from __future__ import annotations

from datetime import datetime

from textual.screen import Screen

from secondstory.tui.state import SessionState


class SessionScreen(Screen[None]):
    def __init__(self, state: SessionState) -> None:
        super().__init__()
        self.state = state
        self.ready = False
        """True once composed; the app's tick leaves the screen alone until then."""

    def on_mount(self) -> None:
        self.ready = True
        self.update_view(self.state.now())

    def update_view(self, now: datetime) -> None:
        """Redraw whatever depends on the session or the time."""
