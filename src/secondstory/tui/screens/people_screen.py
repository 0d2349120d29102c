"""The attendee list, editable in the meeting: who is in the room and in what role.

A session made from scratch has nobody in it, and going round the room, the appreciations and
the language coach's sense of who is a person all need the names. The add line takes
`name, role, team, time zone` (all but the name optional) and stays focused, so people are
entered one after another as they join; ↑ reaches the list, where `e` edits the highlighted
person, `d` removes them, and `f`, `o` and `i` flip facilitator, observer and "involved in
the change". Changes go through `core.people_ops`. Escape closes the list.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.events import Key
from textual.widgets import Input, OptionList, Static

from secondstory.core.errors import UserError
from secondstory.core.model import Person
from secondstory.core.people_ops import (
    FLAGS,
    add_person,
    edit_person,
    person_line,
    remove_person,
    toggle_flag,
)
from secondstory.tui.messages import SessionEdited
from secondstory.tui.screens.dialog_screen import ListBoxScreen
from secondstory.tui.state import SessionState
from secondstory.tui.widgets.text_fields import NoteInput

ADD_HINT = "name, role, team, time zone (only the name is needed)"


def person_row(person: Person) -> Content:
    details = [part for part in (person.role, person.team, person.timezone) if part]
    marks = [label for flag, label in FLAGS.items() if getattr(person, flag)]
    return Content.assemble(
        (person.name, "bold"),
        (f" · {' · '.join(details)}" if details else "", "$text-muted"),
        (f"  [{', '.join(marks)}]" if marks else "", "$text-accent"),
    )


class PeopleScreen(ListBoxScreen[None]):
    DEFAULT_CSS = """
    PeopleScreen #people-keys { margin-bottom: 1; }
    """

    BINDINGS = [
        Binding("e", "edit", "Edit"),
        Binding("d,delete", "remove", "Remove"),
        Binding("f", "flag('facilitator')", "Facilitator"),
        Binding("o", "flag('observer')", "Observer"),
        Binding("i", "flag('involved_in_change')", "Involved"),
        Binding("a", "add", "Add"),
        Binding("escape", "close", "Close"),
    ]

    def __init__(self, state: SessionState) -> None:
        super().__init__()
        self.state = state
        self._editing: int | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="people-box", classes="dialog-box") as box:
            box.border_subtitle = "Esc closes"
            yield Static(
                "Type each person below and press Enter, e.g. Priya Raman, On-call SRE, "
                "Payments, Europe/Berlin. ↑ goes to the list: e edit · d remove · "
                "f facilitator · o observer · i involved in the change.",
                id="people-keys",
                classes="dialog-keys",
                markup=False,
            )
            yield OptionList(id="people-list", classes="dialog-list", compact=True)
            yield Static(
                "Nobody yet.",
                id="people-empty",
                classes="dialog-empty",
                markup=False,
            )
            yield NoteInput(
                placeholder=ADD_HINT, id="people-line", classes="dialog-line", compact=True
            )
            yield Static("", id="people-message", classes="dialog-message", markup=False)

    def on_mount(self) -> None:
        self._show(highlight=0)
        self.line.focus()

    @property
    def people(self) -> OptionList:
        return self.query_one("#people-list", OptionList)

    @property
    def line(self) -> NoteInput:
        return self.query_one("#people-line", NoteInput)

    def _show(self, highlight: int | None = None, message: str = "", error: bool = False) -> None:
        people = self.state.session.people
        listed = self.people
        listed.set_options(person_row(person) for person in people)
        if highlight is not None and people:
            listed.highlighted = max(0, min(highlight, len(people) - 1))
        listed.display = bool(people)
        self.query_one("#people-empty", Static).display = not people
        speaking = len([p for p in people if not p.observer])
        box = self.query_one("#people-box", Vertical)
        box.border_title = f"Attendees · {len(people)}" + (
            f", {len(people) - speaking} observing" if speaking < len(people) else ""
        )
        self.say(message, error)
        self.refresh_bindings()

    def _edited(self) -> None:
        # The app saves within a second; the language coach learns the new roster from it.
        self.state.mark_dirty()
        self.app.post_message(SessionEdited())

    def _index(self) -> int | None:
        return self.people.highlighted if self.state.session.people else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "remove", "flag"):
            return self.people.has_focus and self._index() is not None
        if action == "add":
            return not self.line.has_focus
        return True

    def on_key(self, event: Key) -> None:
        # Between the list and the add line with the arrows, as in the app's other lists.
        people = self.state.session.people
        if event.key == "up" and self.line.has_focus and people:
            event.stop()
            # The line sits under the list: up lands on the person just above it, the last.
            self.people.highlighted = len(people) - 1
            self.people.focus()
        elif event.key == "down" and self.people.has_focus:
            index = self._index()
            if index is None or index == len(people) - 1:
                event.stop()
                self.line.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()

    def action_add(self) -> None:
        self._editing = None
        self.line.clear()
        self.line.border_title = ""
        self.line.focus()

    def action_edit(self) -> None:
        index = self._index()
        if index is None:
            return
        self._editing = index
        person = self.state.session.people[index]
        self.line.value = person_line(person)
        self.line.border_title = f"Editing {person.name}"
        self.line.focus()
        self._show(highlight=index, message="Enter saves · Escape leaves it as it was")

    def action_remove(self) -> None:
        index = self._index()
        if index is None:
            return
        person = remove_person(self.state.session, index)
        self._edited()
        self._show(highlight=index, message=f"Removed {person.name}.")

    def action_flag(self, flag: str) -> None:
        index = self._index()
        if index is None:
            return
        person = self.state.session.people[index]
        value = toggle_flag(self.state.session, index, flag)
        self._edited()
        label = FLAGS[flag]
        self._show(
            highlight=index, message=f"{person.name}: {label}" + ("" if value else " no more")
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            return
        session = self.state.session
        editing = self._editing
        try:
            if editing is None:
                person = add_person(session, event.value)
                index = len(session.people) - 1
                message = f"Added {person.name}. Next person, or Escape."
            else:
                person = edit_person(session, editing, event.value)
                index = editing
                message = f"{person.name} changed."
        except UserError as error:
            self._show(highlight=self._index(), message=str(error), error=True)
            return
        self._edited()
        self._editing = None
        self.line.clear()
        self.line.border_title = ""
        self._show(highlight=index, message=message)

    def action_close(self) -> None:
        if self._editing is not None:
            index = self._editing
            self._editing = None
            self.line.clear()
            self.line.border_title = ""
            self.people.focus()
            self._show(highlight=index)
            return
        self.dismiss(None)
