"""A one-line choice among a few words (P0-P3, short/long, prevent/detect/...), keyboard first.

All the choices are on screen with the chosen one highlighted, so the room sees the options.
←/→ (or space) move the choice, a digit picks by position, a letter picks the next choice that
starts with it, and Enter asks the form around it to save (`ActionChoice.Submitted`).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.binding import Binding
from textual.content import Content
from textual.events import Key
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class ActionChoice(Widget, can_focus=True):
    DEFAULT_CSS = """
    ActionChoice {
        height: 1;
        width: 1fr;
        &:focus { background: $boost; }
    }
    """
    BINDINGS = [
        Binding("left", "move(-1)", "Previous", show=False),
        Binding("right,space", "move(1)", "Next", show=False),
        Binding("enter", "submit", "Save", show=False),
    ]

    index: reactive[int] = reactive(0)

    class Submitted(Message):
        """Enter was pressed on the choice."""

    class Changed(Message):
        def __init__(self, choice: ActionChoice, value: str) -> None:
            super().__init__()
            self.choice = choice
            self.value = value

        @property
        def control(self) -> ActionChoice:
            return self.choice

    def __init__(
        self,
        choices: Sequence[str],
        value: str,
        *,
        id: str | None = None,  # noqa: A002  (Textual's own name for it)
    ) -> None:
        super().__init__(id=id)
        self.choices = list(choices)
        self.set_reactive(ActionChoice.index, self.choices.index(value))

    @property
    def value(self) -> str:
        return self.choices[self.index]

    @value.setter
    def value(self, value: str) -> None:
        self.index = self.choices.index(value)

    def render(self) -> Content:
        parts: list[str | tuple[str, str]] = []
        for n, choice in enumerate(self.choices):
            if n:
                parts.append(" ")
            if n == self.index:
                style = "bold reverse $text-accent" if self.has_focus else "bold $text-accent"
                parts.append((f" {choice} ", style))
            else:
                parts.append((f" {choice} ", "$text-muted"))
        return Content.assemble(*parts)

    def watch_index(self) -> None:
        self.post_message(self.Changed(self, self.value))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, step: int) -> None:
        self.index = (self.index + step) % len(self.choices)

    def action_submit(self) -> None:
        self.post_message(self.Submitted())

    def on_key(self, event: Key) -> None:
        char = event.character
        if char is None or not char.isalnum():
            return
        if char.isdigit():
            # P0-P3 read as their digit; other lists count from 1.
            wanted = next((c for c in self.choices if c.endswith(char) and c[0] == "P"), None)
            position = int(char) - 1
            if wanted is not None:
                self.value = wanted
            elif 0 <= position < len(self.choices):
                self.index = position
            event.stop()
            return
        count = len(self.choices)
        for step in range(1, count + 1):
            candidate = (self.index + step) % count
            if self.choices[candidate].lower().startswith(char.lower()):
                self.index = candidate
                event.stop()
                return
