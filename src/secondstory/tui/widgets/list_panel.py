"""One quick-entry list (went well, could be better, lucky, lessons): its entries and an add line.

Typing a line and pressing Enter adds it; "Name: text", where Name is an attendee (full name
or an unambiguous first name), records that attendee as the author. In the entries, `e` or
Enter edits (the text comes back into the add line; Escape cancels), `d` deletes, `u` puts the
last deletion back, shift+up / shift+down move. Every change goes through
`core.lists_ops` and is announced with `ListPanel.Changed`, so the workspace saves it.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList, Static

from secondstory.core.errors import UserError
from secondstory.core.lists_ops import (
    LISTS,
    ListName,
    add_note,
    edit_note,
    move_note,
    notes,
    remove_note,
)
from secondstory.core.model import Note, Session
from secondstory.tui.widgets.list_entries import EntryList
from secondstory.tui.widgets.text_fields import NoteInput


def match_name(typed: str, names: list[str]) -> str | None:
    """The attendee a typed name means: the full name, or a first name only one person has."""
    wanted = typed.strip().casefold()
    if not wanted:
        return None
    full = [n for n in names if n.casefold() == wanted]
    if full:
        return full[0]
    first = [n for n in names if n.split() and n.split()[0].casefold() == wanted]
    return first[0] if len(first) == 1 else None


def split_author(text: str, names: list[str]) -> tuple[str, str]:
    """`(author, text)`: a leading "Name:" is taken as the author when it names one attendee."""
    head, colon, rest = text.partition(":")
    author = match_name(head, names) if colon and rest.strip() else None
    return (author, rest.strip()) if author else ("", text)


def entry_label(note: Note) -> Content:
    """An entry as listed: a bullet (so entries that wrap stay apart), the text, its author."""
    return Content.assemble(
        ("• ", "$text-secondary"),
        note.text,
        (f" · {note.author}" if note.author else "", "$text-muted"),
        (" · pre-prep" if note.source == "prep" else "", "$text-muted italic"),
    )


class ListPanel(Vertical):
    DEFAULT_CSS = """
    ListPanel {
        height: 1fr;
        border: round $secondary 50%;
        border-title-color: $text-secondary;
        border-subtitle-color: $text-warning;
        &:focus-within { border: round $secondary; border-title-style: bold; }
        EntryList.list-entries {
            height: 1fr;
            background: transparent;
            padding: 0 1;
            scrollbar-size-vertical: 1;
        }
        .list-hint { height: auto; padding: 0 1; color: $text-muted; }
        .list-hint.-error { color: $text-error; }
        NoteInput { margin: 0 1; }
        &.-compact {
            height: auto;
            EntryList.list-entries { height: auto; max-height: 5; }
        }
    }
    """

    BINDINGS = [
        Binding("escape", "cancel_edit", "Cancel edit", show=False),
        Binding("up", "to_entries", "Entries", show=False),
    ]

    class Changed(Message):
        """The list changed in the session."""

        def __init__(self, panel: ListPanel) -> None:
            super().__init__()
            self.panel = panel

        @property
        def control(self) -> ListPanel:
            return self.panel

    def __init__(
        self,
        session: Session,
        name: ListName,
        *,
        compact: bool = False,
        id: str | None = None,  # noqa: A002  (Textual's own name for it)
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.set_class(compact, "-compact")
        self.session = session
        self.list_name: ListName = name
        self.heading = LISTS[name]
        self._editing: int | None = None
        self._deleted: tuple[int, Note] | None = None
        self._entries = EntryList(classes="list-entries")
        self._hint = Static("", classes="list-hint", markup=False)
        self._input = NoteInput(
            placeholder="+ add a line" if compact else "Type a line, Enter adds it",
            compact=True,
            select_on_focus=False,
            classes="list-add",
            draft_key=f"list:{name}",
        )

    def compose(self) -> ComposeResult:
        yield self._entries
        yield self._hint
        yield self._input

    def on_mount(self) -> None:
        self._show()

    # Reading ---------------------------------------------------------------------------------

    @property
    def notes(self) -> list[Note]:
        return notes(self.session, self.list_name)

    @property
    def entries(self) -> EntryList:
        return self._entries

    @property
    def add_line(self) -> NoteInput:
        return self._input

    def highlighted_note(self) -> Note | None:
        index = self._entries.highlighted
        items = self.notes
        return items[index] if index is not None and index < len(items) else None

    # Showing ---------------------------------------------------------------------------------

    def _show(self, highlight: int | None = None, message: str = "", error: bool = False) -> None:
        items = self.notes
        self._entries.set_options(entry_label(n) for n in items)
        if highlight is not None and items:
            self._entries.highlighted = max(0, min(highlight, len(items) - 1))
        self._entries.can_undo = self._deleted is not None
        self.border_title = f"{self.heading} ({len(items)})"
        self.border_subtitle = (
            f"editing {self._editing + 1} · Esc cancels" if self._editing is not None else ""
        )
        if not message and not items:
            message = "Nothing yet."
        self._hint.update(message)
        self._hint.display = bool(message)
        self._hint.set_class(error, "-error")
        # An emptied list keeps its place (and the focus) while u can still undo the delete.
        self._entries.display = bool(items) or self._deleted is not None
        self._entries.refresh_bindings()

    def _changed(self) -> None:
        self.post_message(self.Changed(self))

    # Adding and editing ----------------------------------------------------------------------

    @on(Input.Submitted, ".list-add")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip() and self._editing is not None:
            self._show(
                message=f"{self.heading}: expected some text (Escape, then d, deletes it)",
                error=True,
            )
            return
        self.save_typed(focus=True)

    def save_typed(self, *, focus: bool = False) -> bool:
        """Add (or, while editing, save) the line in the add field; True if the list changed.
        Also called before the app saves on quit or export, so a line typed but not yet
        entered is kept."""
        text = self._input.value
        if not text.strip():
            return False
        try:
            if self._editing is not None:
                index = self._editing
                edit_note(self.session, self.list_name, index, text)
                self._editing = None
                self._input.clear()
                self._show(highlight=index)
                if focus:
                    self._entries.focus()
            else:
                names = [p.name for p in self.session.people if p.name.strip()]
                author, body = split_author(text, names)
                add_note(self.session, self.list_name, body, author=author)
                self._input.clear()
                self._deleted = None
                self._show()
                self._entries.scroll_end(animate=False)
        except UserError as error:
            self._show(message=str(error), error=True)
            return False
        self._changed()
        return True

    def start_edit(self, index: int) -> None:
        items = self.notes
        if not 0 <= index < len(items):
            return
        self._editing = index
        self._input.value = items[index].text
        self._input.cursor_position = len(self._input.value)
        self._show(highlight=index)
        self._input.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_edit":
            return self._editing is not None
        if action == "to_entries":
            return bool(self.notes) and self._input.has_focus
        return True

    def action_cancel_edit(self) -> None:
        index = self._editing
        self._editing = None
        self._input.clear()
        self._show(highlight=index)
        if index is not None:
            self._entries.focus()

    def action_to_entries(self) -> None:
        if self._entries.highlighted is None:
            self._entries.highlighted = len(self.notes) - 1
        self._entries.focus()

    # Keys in the entries ---------------------------------------------------------------------

    @on(OptionList.OptionSelected, ".list-entries")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.start_edit(event.option_index)

    @on(EntryList.Command, ".list-entries")
    def _command(self, event: EntryList.Command) -> None:
        event.stop()
        index = event.index
        if event.command == "add":
            if self._editing is None:
                self._input.focus()
            return
        if event.command == "undo":
            self._undo()
            return
        if index is None:
            return
        if event.command == "edit":
            self.start_edit(index)
        elif event.command == "delete":
            self._delete(index)
        else:
            moved = move_note(
                self.session, self.list_name, index, -1 if event.command == "up" else 1
            )
            if moved != index:
                self._editing = None
                self._show(highlight=moved)
                self._changed()

    def _delete(self, index: int) -> None:
        if self._editing is not None:
            self._editing = None
            self._input.clear()
        note = remove_note(self.session, self.list_name, index)
        self._deleted = (index, note)
        self._show(highlight=index, message="Deleted. Press u to put it back.")
        self._changed()

    def _undo(self) -> None:
        if self._deleted is None:
            return
        index, note = self._deleted
        self._deleted = None
        items = self.notes
        # Straight back into the model's own list: the note was valid when it was taken out.
        items.insert(min(index, len(items)), note)
        self._show(highlight=index)
        self._entries.focus()
        self._changed()
