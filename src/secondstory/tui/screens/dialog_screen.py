"""What the app's dialogs share: one bordered box in the middle of the dimmed screen, and Escape.

`BoxScreen` is the look: the screen's box carries the class `dialog-box` (and its own id, which
its screen's CSS uses for its width and whatever else differs). `DialogScreen` adds Escape,
which dismisses with None; screens whose Escape does something else (closes a view, answers
no) subclass `BoxScreen` and keep their own binding, so their keys stay in the order they list.
`ListBoxScreen` is the box for a list edited in place (the parking lot, the attendees): the
list, a note for when it is empty, a line to type in, and a message line under it (`say`).
"""

from __future__ import annotations

from typing import TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

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


class ListBoxScreen(BoxScreen[ResultT]):
    """A box holding a list (class `dialog-list`), a note shown while it is empty
    (`dialog-empty`), an input line (`dialog-line`) and a message line (`dialog-message`)."""

    DEFAULT_CSS = """
    ListBoxScreen {
        .dialog-box { width: 100; max-height: 90%; }
        .dialog-list { height: auto; max-height: 20; background: transparent; }
        .dialog-empty, .dialog-message, .dialog-keys { height: auto; }
        .dialog-empty, .dialog-keys { color: $text-muted; }
        .dialog-message { color: $text-success; }
        .dialog-message.-error { color: $text-error; }
        .dialog-line { margin-top: 1; }
    }
    """

    def say(self, message: str, error: bool = False) -> None:
        """Show `message` on the message line (in the error colour if `error`); "" hides it."""
        note = self.query_one(".dialog-message", Static)
        note.update(message)
        note.display = bool(message)
        note.set_class(error, "-error")
