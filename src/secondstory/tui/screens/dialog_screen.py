"""What the app's dialogs share: one bordered box in the middle of the dimmed screen, and Escape.

`BoxScreen` is the look: the screen's box carries the class `dialog-box` (and its own id, which
its screen's CSS uses for its width and whatever else differs). `DialogScreen` adds Escape,
which dismisses with None; screens whose Escape does something else (closes a view, answers
no) subclass `BoxScreen` and keep their own binding, so their keys stay in the order they list.
"""

from __future__ import annotations

from typing import TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen

ResultT = TypeVar("ResultT")


class BoxScreen(ModalScreen[ResultT]):
    """A modal screen whose box (class `dialog-box`) stands centred over the app."""

    DEFAULT_CSS = """
    BoxScreen {
        align: center middle;
        .dialog-box {
            max-width: 95%;
            height: auto;
            border: round $accent;
            border-title-color: $text-accent;
            border-title-style: bold;
            border-subtitle-color: $text-muted;
            background: $surface;
            padding: 0 1;
        }
    }
    """


class DialogScreen(BoxScreen[ResultT]):
    """A centred box that Escape dismisses with None (nothing chosen)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def action_cancel(self) -> None:
        self.dismiss(None)
