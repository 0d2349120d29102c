"""A dialog to edit one five-whys step: its "why" question and its "because" answer.

Tab moves between the two fields, Enter in either saves both, Escape cancels. The change is
passed in as `apply(question, answer)`; a `UserError` from it is shown here and nothing changes.
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


class WhysStepForm(ModalScreen[bool]):
    DEFAULT_CSS = """
    WhysStepForm {
        align: center middle;
        #whys-step-box {
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
        .form-error { color: $text-error; display: none; }
        .form-error.-shown { display: block; }
    }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        question: str,
        answer: str,
        apply: Callable[[str, str], None],
        *,
        linked: str = "",
        focus_answer: bool = True,
    ) -> None:
        super().__init__()
        self._title = title
        self._question = question
        self._answer = answer
        self._apply = apply
        self._linked = linked
        self._focus_answer = focus_answer

    def compose(self) -> ComposeResult:
        with Vertical(id="whys-step-box") as box:
            box.border_title = self._title
            yield Static("Why …? (empty reads as “Why?”)", classes="form-label")
            yield NoteInput(
                self._question,
                placeholder="Why …?",
                id="whys-question",
                draft_key=f"whys:{self._title}:question",
            )
            yield Static("Because …", classes="form-label")
            yield NoteInput(
                self._answer,
                placeholder="the answer",
                id="whys-answer",
                draft_key=f"whys:{self._title}:answer",
            )
            linked = f"Linked to {self._linked} · " if self._linked else ""
            yield Static("", id="whys-step-error", classes="form-error", markup=False)
            yield Static(
                f"{linked}Tab next field · Enter saves · Esc cancels",
                classes="form-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        target = "#whys-answer" if self._focus_answer else "#whys-question"
        self.query_one(target, Input).focus()

    @on(Input.Submitted)
    def _save(self, event: Input.Submitted) -> None:
        event.stop()
        question = self.query_one("#whys-question", Input).value
        answer = self.query_one("#whys-answer", Input).value
        try:
            self._apply(question, answer)
        except UserError as error:
            message = self.query_one("#whys-step-error", Static)
            message.update(str(error))
            message.add_class("-shown")
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
