"""The entries of a quick list, with one-letter keys to edit, delete, move and restore them.

The list only says what the facilitator asked for (`EntryList.Command`); the panel around it
changes the session, so the same list serves the four quick lists and the appreciations.
"""

from __future__ import annotations

from typing import Literal

from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList

CommandName = Literal["edit", "delete", "undo", "up", "down", "add"]


class EntryList(OptionList):
    BINDINGS = [
        Binding("e", "command('edit')", "Edit", tooltip="Edit the highlighted entry"),
        Binding("d,delete", "command('delete')", "Delete", tooltip="Delete the highlighted entry"),
        Binding("u", "command('undo')", "Undo delete", tooltip="Put the last deleted entry back"),
        Binding("shift+up", "command('up')", "Move up", tooltip="Move the entry up"),
        Binding("shift+down", "command('down')", "Move down", tooltip="Move the entry down"),
        Binding("a", "command('add')", "Add", tooltip="Type a new entry"),
    ]

    class Command(Message):
        """The facilitator asked for something to happen to an entry."""

        def __init__(self, entries: EntryList, command: CommandName, index: int | None) -> None:
            super().__init__()
            self.entries = entries
            self.command: CommandName = command
            self.index = index

        @property
        def control(self) -> EntryList:
            return self.entries

    def __init__(
        self,
        *,
        movable: bool = True,
        id: str | None = None,  # noqa: A002  (Textual's own name for it)
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes, compact=True)
        self.movable = movable
        self.can_undo = False
        """Set by the panel while a deleted entry can be put back."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action != "command" or not parameters:
            return True
        command = parameters[0]
        if command in ("up", "down"):
            return self.movable and self.option_count > 1
        if command in ("edit", "delete"):
            return self.highlighted is not None
        if command == "undo":
            return self.can_undo
        return True

    def action_command(self, command: CommandName) -> None:
        self.post_message(self.Command(self, command, self.highlighted))

    def action_cursor_down(self) -> None:
        # Past the last entry the cursor goes on to the add field below, the way it came up.
        if self.highlighted is None or self.highlighted >= self.option_count - 1:
            self.post_message(self.Command(self, "add", self.highlighted))
            return
        super().action_cursor_down()
