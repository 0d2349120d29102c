"""A one-line modal for noting or rewording a finding at a timeline event.

Enter saves, Escape cancels; a `UserError` from the `save` callback (an empty finding) is shown
in place and nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from secondstory.core.errors import UserError
from secondstory.tui.screens.dialog_screen import BoxScreen
from secondstory.tui.widgets.text_fields import NoteInput


class TimelineFindingForm(BoxScreen[bool]):
    """Dismissed with True once `save` accepted the text, False when cancelled."""

    DEFAULT_CSS = """
    TimelineFindingForm {
        #finding-form { width: 76; max-width: 96%; }
        #finding-context { color: $text-muted; }
        #finding-text { margin: 1 0; }
        #finding-error { color: $error; text-style: bold; height: auto; }
    }
    """

    BINDINGS = [
        Binding("enter", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(
        self, title: str, text: str, save: Callable[[str], None], *, context: str = ""
    ) -> None:
        super().__init__()
        self._title = title
        self._text = text
        self._save = save
        self._context_line = context

    def compose(self) -> ComposeResult:
        with Vertical(id="finding-form", classes="dialog-box") as box:
            box.border_title = self._title
            box.border_subtitle = "Enter saves · Esc cancels"
            if self._context_line:
                yield Static(self._context_line, id="finding-context", markup=False)
            yield NoteInput(
                self._text,
                placeholder="A short finding, e.g. no load test covers the connection pool",
                id="finding-text",
                compact=True,
                draft_key=f"finding:{self._title}",
            )
            yield Static(id="finding-error", markup=False)

    def on_mount(self) -> None:
        self.query_one(NoteInput).focus()

    def action_save(self) -> None:
        try:
            self._save(self.query_one(NoteInput).value)
        except UserError as error:
            self.query_one("#finding-error", Static).update(str(error))
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
