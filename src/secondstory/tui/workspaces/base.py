"""What every workspace offers the screens around it.

A workspace fills the main screen for one phase. It edits the session it is given, posts
`SessionEdited` after each change so the app saves within a second, and can name the item under
discussion for presentation mode (an event, a chain, an action), which the shared screen shows,
and take the keys that walk from one such item to the next while presentation mode is on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from textual.screen import Screen
from textual.widget import Widget

from secondstory.core.model import Phase
from secondstory.tui.messages import SessionEdited
from secondstory.tui.state import SessionState


class Workspace(Widget):
    DEFAULT_CSS = """
    Workspace {
        height: 1fr;
        width: 1fr;
    }
    """

    def __init__(
        self,
        state: SessionState,
        phase_index: int,
        *,
        id: str | None = None,  # noqa: A002  (Textual's own name for it)
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.state = state
        self.phase_index = phase_index

    @property
    def phase(self) -> Phase:
        return self.state.phases[self.phase_index]

    def edited(self) -> None:
        """Call after changing the session: it is saved within a second."""
        self.state.mark_dirty()
        self.post_message(SessionEdited())

    def open_form(self, form: Screen[Any], callback: Callable[[Any], None] | None = None) -> bool:
        """Push a form or picker over the workspace, unless one is already open.

        Keys typed in a burst (text meant for a field, landing on a list) are all delivered
        to the workspace before the first form they open is shown; without this each "e" or
        "f" among them stacked another form, one Escape each to get out of."""
        if not self.in_front():
            return False
        self.app.push_screen(form, callback)
        return True

    def in_front(self) -> bool:
        """Whether the workspace's screen is the one the facilitator sees: requests queued
        behind a form that has since opened over it are dropped (see `open_form`)."""
        return self.app.screen is self.screen

    def commit(self) -> None:
        """Copy anything typed but not yet in the session into it; called before every save
        the facilitator asks for (quit, export), so a keystroke still in flight is not lost."""

    def presentation_item(self) -> str | None:
        """The item under discussion, for the shared screen; None shows the phase prompts."""
        return None

    def presentation_key(self, key: str) -> bool:
        """A key pressed while presentation mode covers the workspace. A workspace whose keys
        walk its items (next event, next chain) acts on the same key here, so the facilitator
        walks on while the room watches the big display; return True when the key was used.
        Only moves: nothing is edited from the shared screen."""
        return False

    def focus_default(self) -> None:
        """Put the cursor where the facilitator types first."""
        self.focus()

    def update_view(self, now: datetime) -> None:
        """Called a few times a second; override to show anything that depends on time."""
