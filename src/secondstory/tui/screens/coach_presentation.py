"""Presentation mode with the language coach: flags stay off the shared screen unless asked for.

Flags are the facilitator's. By default the shared screen shows the item under discussion as
plain text. When the facilitator turns on `Session.language.show_in_presentation` (palette:
"Language: show flags on shared screen"), the flagged words of that item are marked there too,
so the room can look at the wording together.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo

from rich.text import Text
from textual.widgets import Static

from secondstory.tui.coach_hub import CoachHub
from secondstory.tui.screens.presentation_screen import PresentationScreen, discussion
from secondstory.tui.state import SessionState

ERROR_LEVEL = 3


class CoachedPresentationScreen(PresentationScreen):
    DEFAULT_CSS = """
    CoachedPresentationScreen > .coached-presentation--flag-warning {
        color: $flag-warning; text-style: underline;
    }
    CoachedPresentationScreen > .coached-presentation--flag-error {
        color: $flag-error; text-style: bold underline;
    }
    """
    COMPONENT_CLASSES = {
        "coached-presentation--flag-warning",
        "coached-presentation--flag-error",
    }

    def __init__(
        self, state: SessionState, tz: tzinfo | None, item: Callable[[], str | None]
    ) -> None:
        super().__init__(state, tz, item)
        self._item_source = item
        self._marked: tuple[object, ...] | None = None
        self._drawn: Text | None = None

    def update_view(self, now: datetime) -> None:
        super().update_view(now)
        self._mark_item()

    def _mark_item(self) -> None:
        """Draw the item under discussion with or without marks, when either changed."""
        item = self._item_source()
        title, body = discussion(self.state, item)
        if title != "Under discussion" or not item:
            self._marked = None
            return
        hub = CoachHub.of(self)
        coach = hub.coach if hub is not None else None
        show = coach is not None and hub is not None and hub.show_in_presentation
        key = (item, show, hub.generation if hub is not None else -1)
        box = self.query_one("#pres-item-text", Static)
        if not show or coach is None:
            if self._drawn is not None and box.content is self._drawn:
                box.update(Text(item))  # flags were just turned off: the plain item again
            self._marked, self._drawn = key, None
            return
        # The base screen redraws the item as plain text whenever anything on it changes.
        if key == self._marked and box.content is self._drawn:
            return
        self._marked = key
        text = Text(item)
        warning = self.get_component_rich_style("coached-presentation--flag-warning", partial=True)
        error = self.get_component_rich_style("coached-presentation--flag-error", partial=True)
        for flag in coach.check(item):
            text.stylize(error if flag.level >= ERROR_LEVEL else warning, flag.start, flag.end)
        self._drawn = text
        box.update(text)
