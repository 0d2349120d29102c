"""The small prompt before a status change on another postmortem's action item: an optional
note (why, or what changed), kept in the item's history. Enter confirms, Escape cancels."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from secondstory.tui.screens.dialog_screen import DialogScreen
from secondstory.tui.widgets.text_fields import NoteInput

STATUS_WORDS = {
    "done": "done",
    "in-progress": "in progress",
    "wont-do": "won't do",
    "open": "open",
}


class StatusNoteScreen(DialogScreen[str | None]):
    """Dismisses with the note ("" for none) to go ahead, or None to leave the item alone."""

    DEFAULT_CSS = """
    StatusNoteScreen {
        #status-box { width: 76; }
        #status-item { height: auto; margin-bottom: 1; }
        #status-keys { color: $text-muted; height: auto; }
    }
    """

    def __init__(self, heading: str, item_line: str, status: str) -> None:
        super().__init__()
        self._heading = heading
        self._item_line = item_line
        self._status = status

    def compose(self) -> ComposeResult:
        with Vertical(id="status-box", classes="dialog-box") as box:
            box.border_title = self._heading
            yield Static(self._item_line, id="status-item", markup=False)
            placeholder = (
                "why it will not be done (recommended)"
                if self._status == "wont-do"
                else "a note for the history (optional), e.g. a link to the change"
            )
            yield NoteInput(placeholder=placeholder, id="status-note")
            word = STATUS_WORDS.get(self._status, self._status)
            yield Static(
                f"Enter marks it {word} and saves that session file · Escape leaves it as it is",
                id="status-keys",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one("#status-note", NoteInput).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())
