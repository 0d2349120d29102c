"""The form for adding or editing a timeline event: a modal over the workspace.

Enter saves from any field, Escape cancels. The form hands what was typed to a `save` callback
that parses and applies it; when that raises `UserError` (a time that cannot be read, an empty
text) the message is shown under the fields and nothing is changed, so the facilitator fixes the
one field and presses Enter again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Checkbox, Input, Static

from secondstory.core.errors import UserError
from secondstory.tui.screens.dialog_screen import BoxScreen
from secondstory.tui.widgets.text_fields import NoteInput

TIME_HINT = "14:23 · 14:23 UTC · 2026-03-22 14:23 +01:00 · +5m"


@dataclass(frozen=True)
class EventDraft:
    """The form's fields as typed."""

    time: str = ""
    text: str = ""
    kind: str = "event"
    author: str = ""
    decision_point: bool = False
    notes: str = ""


class TimelineEventForm(BoxScreen[bool]):
    """Dismissed with True once `save` accepted the draft, False when cancelled."""

    DEFAULT_CSS = """
    TimelineEventForm {
        #event-form { width: 76; max-width: 96%; max-height: 96%; }
        #form-context { color: $text-muted; margin-bottom: 1; }
        .row { height: 1; margin-bottom: 1; }
        .label { width: 8; color: $text-secondary; }
        Input { width: 1fr; }
        #form-decision { margin-bottom: 1; }
        #form-error { color: $error; text-style: bold; height: auto; }
    }
    """

    BINDINGS = [
        Binding("enter", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(
        self,
        title: str,
        draft: EventDraft,
        save: Callable[[EventDraft], None],
        *,
        context: str = "",
        kinds: Iterable[str] = (),
        people: Iterable[str] = (),
    ) -> None:
        super().__init__()
        self._title = title
        self._draft = draft
        self._save = save
        self._context_line = context
        self._kinds = list(dict.fromkeys(kinds))
        self._people = list(dict.fromkeys(p for p in people if p))

    def compose(self) -> ComposeResult:
        draft = self._draft
        with Vertical(id="event-form", classes="dialog-box") as box:
            box.border_title = self._title
            box.border_subtitle = "Enter saves · Esc cancels · Tab next field"
            if self._context_line:
                yield Static(self._context_line, id="form-context", markup=False)
            with Horizontal(classes="row"):
                yield Static("Time", classes="label")
                yield Input(draft.time, placeholder=TIME_HINT, id="form-time", compact=True)
            with Horizontal(classes="row"):
                yield Static("What", classes="label")
                yield NoteInput(
                    draft.text,
                    placeholder="What happened",
                    id="form-text",
                    compact=True,
                    draft_key=f"event:{self._title}:what",
                )
            with Horizontal(classes="row"):
                yield Static("Kind", classes="label")
                yield Input(
                    draft.kind,
                    placeholder="event, alert, deploy, mitigation, resolution ...",
                    suggester=SuggestFromList(self._kinds, case_sensitive=False),
                    id="form-kind",
                    compact=True,
                )
            with Horizontal(classes="row"):
                yield Static("Who", classes="label")
                yield Input(
                    draft.author,
                    placeholder="Who did or saw it (optional)",
                    suggester=SuggestFromList(self._people, case_sensitive=False),
                    id="form-author",
                    compact=True,
                )
            with Horizontal(classes="row"):
                yield Static("Notes", classes="label")
                yield NoteInput(
                    draft.notes,
                    placeholder="Facilitator's note (optional)",
                    id="form-notes",
                    compact=True,
                    draft_key=f"event:{self._title}:notes",
                )
            yield Checkbox(
                "Decision point (space toggles)",
                draft.decision_point,
                id="form-decision",
                compact=True,
            )
            yield Static(id="form-error", markup=False)

    def on_mount(self) -> None:
        first = "#form-text" if self._draft.time else "#form-time"
        self.query_one(first, Input).focus()

    def draft(self) -> EventDraft:
        """The fields as they are now."""
        return EventDraft(
            time=self.query_one("#form-time", Input).value,
            text=self.query_one("#form-text", Input).value,
            kind=self.query_one("#form-kind", Input).value,
            author=self.query_one("#form-author", Input).value,
            decision_point=self.query_one("#form-decision", Checkbox).value,
            notes=self.query_one("#form-notes", Input).value,
        )

    def action_save(self) -> None:
        try:
            self._save(self.draft())
        except UserError as error:
            self.query_one("#form-error", Static).update(str(error))
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
