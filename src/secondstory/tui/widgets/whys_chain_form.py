"""A small dialog for a five-whys chain's problem statement (a new chain, or an edit).

Enter saves, Escape cancels. The change itself is passed in as `apply`, which raises `UserError`
for bad input: the message is shown in the dialog and the session is left as it was.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from secondstory.core.errors import UserError
from secondstory.tui.widgets.text_fields import NoteInput


class WhysChainForm(ModalScreen[bool]):
    DEFAULT_CSS = """
    WhysChainForm {
        align: center middle;
        #whys-chain-box {
            width: 80%;
            max-width: 90;
            height: auto;
            border: round $accent;
            border-title-color: $text-accent;
            background: $surface;
            padding: 0 1;
        }
        .form-label { color: $text-secondary; margin-top: 1; }
        .form-hint { color: $text-muted; }
        .form-error { color: $text-error; display: none; }
        .form-error.-shown { display: block; }
    }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, problem: str, apply: Callable[[str], None]) -> None:
        super().__init__()
        self._title = title
        self._problem = problem
        self._apply = apply

    def compose(self) -> ComposeResult:
        with Vertical(id="whys-chain-box") as box:
            box.border_title = self._title
            yield Static(
                "What went wrong, as the customer or the system saw it?", classes="form-label"
            )
            yield NoteInput(
                self._problem,
                placeholder="e.g. Checkout requests failed for 39 minutes",
                id="whys-problem",
                draft_key=f"whys:{self._title}",
            )
            yield Static("", id="whys-chain-error", classes="form-error", markup=False)
            yield Static("Enter saves · Esc cancels", classes="form-hint")

    @on(Input.Submitted)
    def _save(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            self._apply(event.value)
        except UserError as error:
            message = self.query_one("#whys-chain-error", Static)
            message.update(str(error))
            message.add_class("-shown")
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
