"""Voices: who has spoken in this phase, so the facilitator can go round the room.

Who has not been heard yet (observers and the facilitator are not counted), then the attendees
in session order, each marked heard or not yet, observers marked as listeners; space (or
Enter) on a name flips the mark in `Phase.spoken` through `core.voices`, `c` clears the
phase's marks, `p` opens the attendee list (`screens/people_screen.py`). With
`reminder=True` (the opening) it also reminds the room that observers listen and that their
questions go to the parking lot.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from secondstory.core.model import Person, Session
from secondstory.core.voices import not_heard, observers, reset_spoken, toggle_spoken
from secondstory.tui.keys import PARK_KEY


def person_label(person: Person, heard: bool) -> Content:
    if person.observer:
        return Content.assemble(
            ("  ", ""), (person.name, "$text-muted"), (" · observer, listens", "$text-muted italic")
        )
    extra = [person.role] if person.role else []
    if person.facilitator:
        extra.append("facilitator")
    return Content.assemble(
        ("✓ ", "$text-success bold") if heard else ("○ ", "$text-muted"),
        (person.name, "" if heard else "bold"),
        (f" · {', '.join(extra)}" if extra else "", "$text-muted"),
    )


class VoicesPanel(Vertical):
    DEFAULT_CSS = """
    VoicesPanel {
        height: auto;
        border: round $secondary 50%;
        border-title-color: $text-secondary;
        border-subtitle-color: $text-muted;
        &:focus-within { border: round $secondary; border-title-style: bold; }
        OptionList.voices-list {
            height: auto;
            max-height: 12;
            background: transparent;
            padding: 0 1;
            scrollbar-size-vertical: 1;
        }
        Static { height: auto; padding: 0 1; }
        .voices-waiting { color: $text-warning; }
        .voices-waiting.-all { color: $text-success; }
        .voices-reminder { color: $text-accent; }
        &.-fill OptionList.voices-list { height: 1fr; max-height: 100%; }
        &.-fill.-empty { height: auto; }
    }
    """

    BINDINGS = [
        Binding(
            "space", "toggle_heard", "Heard", tooltip="Mark the highlighted attendee heard or not"
        ),
        Binding("c", "clear", "Clear marks", tooltip="Clear this phase's marks"),
        Binding("p", "app.people", "People", tooltip="Add or edit the attendees"),
    ]

    class Changed(Message):
        """The marks changed in the session."""

    def __init__(
        self,
        session: Session,
        phase_index: int,
        *,
        reminder: bool = False,
        fill: bool = False,
        id: str | None = None,  # noqa: A002  (Textual's own name for it)
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.session = session
        self.phase_index = phase_index
        self.reminder = reminder
        # With a height set from outside, the names scroll inside whatever room is left.
        self.set_class(fill, "-fill")
        self._list = OptionList(compact=True, classes="voices-list")
        self._waiting = Static("", classes="voices-waiting", markup=False)
        self._reminder = Static("", classes="voices-reminder", markup=False)

    def compose(self) -> ComposeResult:
        # Who is still to be heard comes first: it is what the facilitator looks for.
        yield self._waiting
        yield self._reminder
        yield self._list

    def on_mount(self) -> None:
        self.show()

    @property
    def voice_list(self) -> OptionList:
        return self._list

    def show(self) -> None:
        session = self.session
        spoken = set(session.agenda.phases[self.phase_index].spoken)
        people = session.people
        keep = self._list.highlighted
        self._list.set_options(
            Option(person_label(p, p.name in spoken), disabled=p.observer) for p in people
        )
        if keep is not None and people:
            self._list.highlighted = min(keep, len(people) - 1)
        elif people and self._list.highlighted is None:
            self._list.highlighted = 0
        self._list.display = bool(people)
        self.set_class(not people, "-empty")
        expected = [p for p in people if not p.observer and not p.facilitator]
        waiting = not_heard(session, self.phase_index) if people else []
        heard = len(expected) - len(waiting)
        self.border_title = f"Voices · {heard} of {len(expected)} heard" if expected else "Voices"
        if not people:
            self._waiting.update(
                "No attendees yet: add them with People in the palette (ctrl+p) to go round "
                "the room."
            )
        elif not expected:
            self._waiting.update("Nobody to go round: only the facilitator and observers.")
        elif waiting:
            self._waiting.update("Not heard yet: " + ", ".join(waiting))
        else:
            self._waiting.update("Everyone has been heard in this phase.")
        self._waiting.set_class(bool(expected) and not waiting, "-all")
        watchers = observers(session)
        names = ", ".join(p.name for p in watchers)
        self._reminder.update(
            f"Observers listen: {names}. Their questions go to the parking lot ({PARK_KEY})."
            if watchers
            else ""
        )
        self._reminder.display = self.reminder and bool(watchers)
        self.border_subtitle = "space: heard · c: clear" if expected else ""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("toggle_heard", "clear"):
            return bool(self.session.people) and self._list.has_focus
        return True

    def action_toggle_heard(self) -> None:
        index = self._list.highlighted
        if index is not None:
            self._flip(index)

    def action_clear(self) -> None:
        reset_spoken(self.session, self.phase_index)
        self._changed()

    def _flip(self, index: int) -> None:
        person = self.session.people[index]
        if person.observer:
            return
        toggle_spoken(self.session, person.name, self.phase_index)
        self._changed()

    def _changed(self) -> None:
        self.show()
        self.post_message(self.Changed())

    @on(OptionList.OptionSelected, ".voices-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._flip(event.option_index)
