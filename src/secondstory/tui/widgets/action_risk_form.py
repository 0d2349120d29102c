"""A dialog to record why the risk of recurrence is accepted (`Session.closing.risk_accepted`).

The action item check asks for at least one P0/P1 item, or this note. Enter saves (an empty
note removes it), Escape cancels.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from secondstory.tui.widgets.text_fields import NoteInput


class ActionRiskForm(ModalScreen[bool]):
    DEFAULT_CSS = """
    ActionRiskForm {
        align: center middle;
        #action-risk-box {
            width: 80%;
            max-width: 100;
            height: auto;
            border: round $accent;
            border-title-color: $text-accent;
            background: $surface;
            padding: 0 1;
        }
        .form-label { color: $text-secondary; margin-top: 1; }
        .form-hint { color: $text-muted; margin-top: 1; }
    }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, note: str, urgent: int, apply: Callable[[str], None]) -> None:
        super().__init__()
        self._note = note
        self._urgent = urgent
        self._apply = apply

    def compose(self) -> ComposeResult:
        with Vertical(id="action-risk-box") as box:
            box.border_title = "Risk of recurrence accepted"
            if self._urgent:
                lead = (
                    f"There are {self._urgent} P0/P1 item(s), so the check passes anyway; "
                    "the note is still exported."
                )
            else:
                lead = "No item is P0 or P1. If that is right, say why the risk is acceptable."
            yield Static(lead, classes="form-label", markup=False)
            yield NoteInput(
                self._note,
                placeholder="e.g. the pool size is now pinned; a repeat would need a new driver",
                id="action-risk",
                draft_key="action:risk-accepted",
            )
            yield Static("Enter saves (empty removes the note) · Esc cancels", classes="form-hint")

    @on(Input.Submitted)
    def _save(self, event: Input.Submitted) -> None:
        event.stop()
        self._apply(event.value)
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
