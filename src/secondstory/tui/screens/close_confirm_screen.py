"""Asks before closing (or reopening) the meeting: the checklist is advice, the facilitator decides.

Enter or `y` confirms, Escape or `n` goes back; the screen returns True or False.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from secondstory.tui.screens.dialog_screen import BoxScreen
from secondstory.tui.widgets.bullets import bullet_list


class CloseConfirmScreen(BoxScreen[bool]):
    DEFAULT_CSS = """
    CloseConfirmScreen {
        #confirm-box {
            width: 72;
            max-height: 90%;
            border: round $warning;
            border-title-color: $text-warning;
        }
        #confirm-lines { height: auto; margin-bottom: 1; }
        #confirm-question { height: auto; text-style: bold; }
        #confirm-keys { height: auto; color: $text-muted; }
    }
    """

    BINDINGS = [
        Binding("enter,y", "answer(True)", "Yes", priority=True),
        Binding("escape,n", "answer(False)", "No", priority=True),
    ]

    def __init__(self, title: str, lines: list[str], question: str) -> None:
        super().__init__()
        self._title = title
        self._lines = lines
        self._question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog-box") as box:
            box.border_title = self._title
            if self._lines:
                yield Static(bullet_list(self._lines), id="confirm-lines")
            yield Static(self._question, id="confirm-question", markup=False)
            yield Static("Enter or y: yes · Escape or n: go back", id="confirm-keys")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
