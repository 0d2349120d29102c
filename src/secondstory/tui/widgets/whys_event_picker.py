"""A dialog to link a five-whys answer to a timeline event, picked from the timeline.

The events are listed in order (time in UTC, id, kind, a diamond on decision points). Typing
filters them by text, id, kind or time; ↓ (or Tab) moves into the list, Enter links the
highlighted event, and the first line removes the link. Escape leaves the link as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from secondstory.core.errors import UserError
from secondstory.core.model import TimelineEvent

UNLINK_ID = "-unlink-"
SHOWN = 120
"""At most this many events are listed at once: a long timeline is narrowed by typing, and the
list stays quick to draw."""


def event_option(event: TimelineEvent, current: str | None) -> Option:
    mark = ("◆ ", "bold $text-warning") if event.decision_point else ("  ", "")
    prompt = Content.assemble(
        mark,
        (event.at.strftime("%H:%M "), "$text-secondary"),
        (f"{event.id} ", "bold"),
        event.text,
        (f"  {event.kind}", "$text-muted"),
    )
    if event.id == current:
        prompt = prompt.append(Content.styled("  (linked now)", "italic $text-accent"))
    return Option(prompt, id=event.id)


def matches(event: TimelineEvent, words: list[str]) -> bool:
    haystack = f"{event.id} {event.at.strftime('%H:%M')} {event.kind} {event.text}".casefold()
    return all(word in haystack for word in words)


class WhysEventPicker(ModalScreen[bool]):
    DEFAULT_CSS = """
    WhysEventPicker {
        align: center middle;
        #whys-event-box {
            width: 90%;
            max-width: 120;
            height: 80%;
            border: round $accent;
            border-title-color: $text-accent;
            background: $surface;
            padding: 0 1;
        }
        #whys-events { height: 1fr; }
        .form-hint { color: $text-muted; }
        .form-error { color: $text-error; display: none; }
        .form-error.-shown { display: block; }
    }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        events: Sequence[TimelineEvent],
        current: str | None,
        apply: Callable[[str | None], None],
    ) -> None:
        super().__init__()
        self._title = title
        self._events = list(events)
        self._current = current
        self._apply = apply

    def compose(self) -> ComposeResult:
        with Vertical(id="whys-event-box") as box:
            box.border_title = self._title
            yield Input(
                placeholder="Type to filter the events", id="whys-event-filter", compact=True
            )
            yield OptionList(id="whys-events", compact=True)
            yield Static("", id="whys-event-error", classes="form-error", markup=False)
            yield Static(
                "↓ list · Enter links · first line unlinks · Esc cancels", classes="form-hint"
            )

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#whys-event-filter", Input).focus()

    def _fill(self, text: str) -> None:
        words = text.casefold().split()
        found = [e for e in self._events if not words or matches(e, words)]
        start = 0
        if len(found) > SHOWN and not words:
            # Open around the linked event, so it is in view.
            ids = [e.id for e in found]
            if self._current in ids:
                start = max(0, min(ids.index(self._current) - SHOWN // 2, len(found) - SHOWN))
        shown = found[start : start + SHOWN]
        options = [Option(Content.styled("  no linked event", "italic $text-muted"), id=UNLINK_ID)]
        options += [event_option(e, self._current) for e in shown]
        hidden = len(found) - len(shown)
        if hidden:
            note = f"  … {hidden} more events: type words from the event, its id or time"
            options.append(Option(Content.styled(note, "italic $text-muted"), disabled=True))
        listing = self.query_one("#whys-events", OptionList)
        listing.set_options(options)
        ids = [e.id for e in shown]
        if not words and self._current in ids:
            listing.highlighted = ids.index(self._current) + 1
        else:
            listing.highlighted = 1 if words and shown else 0

    @on(Input.Changed, "#whys-event-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#whys-event-filter")
    def _submit_filter(self, event: Input.Submitted) -> None:
        event.stop()
        found = self.query_one("#whys-events", OptionList)
        option = found.highlighted_option
        if option is not None:
            self._pick(option.id)

    def on_key(self, event: Key) -> None:
        if event.key == "down" and self.query_one("#whys-event-filter", Input).has_focus:
            event.stop()
            self.query_one("#whys-events", OptionList).focus()

    @on(OptionList.OptionSelected, "#whys-events")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._pick(event.option.id)

    def _pick(self, option_id: str | None) -> None:
        try:
            self._apply(None if option_id in (None, UNLINK_ID) else option_id)
        except UserError as error:
            message = self.query_one("#whys-event-error", Static)
            message.update(str(error))
            message.add_class("-shown")
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
