"""Appreciations for the cultural debrief: a person and what they did well.

Two fields under the list: who (attendee names are suggested as you type; Enter takes the
name when only one attendee's name starts that way) and what they did well.
Enter in the first moves to the second, Enter in the second saves. In the list, `e` or Enter
edits, `d` deletes, `u` undoes the delete. Changes go through `core.lists_ops` and are
announced with `AppreciationPanel.Changed`.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import Input, OptionList, Static

from secondstory.core.errors import UserError
from secondstory.core.lists_ops import add_appreciation, edit_appreciation, remove_appreciation
from secondstory.core.model import Appreciation, Session
from secondstory.tui.widgets.list_entries import EntryList
from secondstory.tui.widgets.list_panel import match_name
from secondstory.tui.widgets.text_fields import NoteInput


def complete_name(typed: str, names: list[str]) -> str:
    """The attendee a typed name stands for (full name, a first name or the start of a name
    only one attendee has, as the suggestion shows it), else the name as typed."""
    found = match_name(typed, names)
    if found:
        return found
    start = typed.strip().casefold()
    if len(start) >= 2:
        matches = [n for n in names if n.casefold().startswith(start)]
        if len(matches) == 1:
            return matches[0]
    return typed.strip()


def appreciation_label(item: Appreciation) -> Content:
    return Content.assemble(("• ", "$text-secondary"), (item.person, "bold"), ": ", item.text)


class AppreciationPanel(Vertical):
    DEFAULT_CSS = """
    AppreciationPanel {
        height: auto;
        border: round $secondary 50%;
        border-title-color: $text-secondary;
        border-subtitle-color: $text-warning;
        &:focus-within { border: round $secondary; border-title-style: bold; }
        EntryList.appr-entries {
            height: auto;
            max-height: 8;
            background: transparent;
            padding: 0 1;
            scrollbar-size-vertical: 1;
        }
        .appr-hint { height: auto; padding: 0 1; color: $text-muted; }
        .appr-hint.-error { color: $text-error; }
        .appr-fields { height: 1; margin: 0 1; }
        .appr-person { width: 18; margin-right: 1; }
        .appr-text { width: 1fr; }
    }
    """

    BINDINGS = [
        Binding("escape", "cancel_edit", "Cancel edit", show=False),
        Binding("up", "to_entries", "Entries", show=False),
    ]

    class Changed(Message):
        """The appreciations changed in the session."""

    def __init__(
        self,
        session: Session,
        *,
        id: str | None = None,  # noqa: A002  (Textual's own name for it)
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.session = session
        self._editing: int | None = None
        self._deleted: tuple[int, Appreciation] | None = None
        names = self._names()
        self._entries = EntryList(movable=False, classes="appr-entries")
        self._hint = Static("", classes="appr-hint", markup=False)
        self._person = Input(
            placeholder="Who",
            compact=True,
            select_on_focus=False,
            classes="appr-person",
            suggester=SuggestFromList(names, case_sensitive=False) if names else None,
        )
        self._text = NoteInput(
            placeholder="what they did well",
            compact=True,
            draft_key="appreciation:what",
            select_on_focus=False,
            classes="appr-text",
        )

    def _names(self) -> list[str]:
        return [p.name for p in self.session.people if p.name.strip()]

    def compose(self) -> ComposeResult:
        yield self._entries
        yield self._hint
        with Horizontal(classes="appr-fields"):
            yield self._person
            yield self._text

    def on_mount(self) -> None:
        self._show()

    @property
    def entries(self) -> EntryList:
        return self._entries

    @property
    def person_field(self) -> Input:
        return self._person

    @property
    def text_field(self) -> NoteInput:
        return self._text

    def highlighted_item(self) -> Appreciation | None:
        index = self._entries.highlighted
        items = self.session.appreciations
        return items[index] if index is not None and index < len(items) else None

    def _show(self, highlight: int | None = None, message: str = "", error: bool = False) -> None:
        items = self.session.appreciations
        self._entries.set_options(appreciation_label(a) for a in items)
        if highlight is not None and items:
            self._entries.highlighted = max(0, min(highlight, len(items) - 1))
        self._entries.can_undo = self._deleted is not None
        self._entries.display = bool(items) or self._deleted is not None
        self.border_title = f"Appreciations ({len(items)})"
        self.border_subtitle = (
            f"editing {self._editing + 1} · Esc cancels" if self._editing is not None else ""
        )
        if not message and not items:
            message = "Who did something during the response that deserves a specific thank-you?"
        self._hint.update(message)
        self._hint.display = bool(message)
        self._hint.set_class(error, "-error")
        self._entries.refresh_bindings()

    def _changed(self) -> None:
        self.post_message(self.Changed())

    # Adding and editing ----------------------------------------------------------------------

    @on(Input.Submitted, ".appr-person")
    def _person_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self._person.value = complete_name(event.value, self._names())
            self._text.focus()

    @on(Input.Submitted, ".appr-text")
    def _text_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        typed = self._person.value.strip()
        if not typed:
            self._show(message="Who is it for? Type a name first.", error=True)
            self._person.focus()
            return
        if not event.value.strip():
            self._show(message=f"What did {typed} do well?", error=True)
            return
        self.save_typed(focus=True)

    def save_typed(self, *, focus: bool = False) -> bool:
        """Add (or, while editing, save) the appreciation in the two fields when both are
        filled in; True if the session changed. Also called before the app saves on quit or
        export, so an appreciation typed but not yet entered is kept."""
        typed = self._person.value.strip()
        text = self._text.value
        if not typed or not text.strip():
            return False
        person = complete_name(typed, self._names())
        try:
            if self._editing is not None:
                index = self._editing
                edit_appreciation(self.session, index, person=person, text=text)
                self._editing = None
                highlight: int | None = index
            else:
                add_appreciation(self.session, person, text)
                self._deleted = None
                highlight = None
        except UserError as error:
            self._show(message=str(error), error=True)
            return False
        self._person.clear()
        self._text.clear()
        self._show(highlight=highlight)
        if highlight is None:
            self._entries.scroll_end(animate=False)
            if focus:
                self._person.focus()
        elif focus:
            self._entries.focus()
        self._changed()
        return True

    def start_edit(self, index: int) -> None:
        items = self.session.appreciations
        if not 0 <= index < len(items):
            return
        self._editing = index
        self._person.value = items[index].person
        self._text.value = items[index].text
        self._text.cursor_position = len(self._text.value)
        self._show(highlight=index)
        self._text.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_edit":
            return self._editing is not None
        if action == "to_entries":
            return bool(self.session.appreciations) and not self._entries.has_focus
        return True

    def action_cancel_edit(self) -> None:
        index = self._editing
        self._editing = None
        self._person.clear()
        self._text.clear()
        self._show(highlight=index)
        self._entries.focus()

    def action_to_entries(self) -> None:
        if self._entries.highlighted is None:
            self._entries.highlighted = len(self.session.appreciations) - 1
        self._entries.focus()

    # Keys in the list ------------------------------------------------------------------------

    @on(OptionList.OptionSelected, ".appr-entries")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.start_edit(event.option_index)

    @on(EntryList.Command, ".appr-entries")
    def _command(self, event: EntryList.Command) -> None:
        event.stop()
        if event.command == "add":
            if self._editing is None:
                self._person.focus()
        elif event.command == "undo" and self._deleted is not None:
            index, item = self._deleted
            self._deleted = None
            items = self.session.appreciations
            items.insert(min(index, len(items)), item)
            self._show(highlight=index)
            self._changed()
        elif event.command == "edit" and event.index is not None:
            self.start_edit(event.index)
        elif event.command == "delete" and event.index is not None:
            if self._editing is not None:
                self.action_cancel_edit()
            item = remove_appreciation(self.session, event.index)
            self._deleted = (event.index, item)
            self._show(highlight=event.index, message="Deleted. Press u to put it back.")
            self._changed()
