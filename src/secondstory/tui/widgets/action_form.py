"""The dialog to add or edit an action item: every field on one screen, one line each.

Tab moves between fields; ←/→ change a choice (priority, term, type, status); Enter anywhere
saves, Escape cancels. The deadline accepts words (`3 days`, `2 weeks`, `next friday`, a date)
read relative to the meeting date, and shows the absolute date it became as you type. Owners
and origins complete from what the session already has (→ accepts a completion).

The change is passed in as `apply(draft)`; a `UserError` from reading the deadline or from
`apply` is shown in the dialog and the session is left as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import cast, get_args

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Static

from secondstory.core.deadlines import format_deadline, parse_deadline
from secondstory.core.errors import UserError
from secondstory.core.model import (
    PRIORITIES,
    ActionItem,
    ActionStatus,
    ActionTerm,
    ActionType,
    Priority,
    Session,
)
from secondstory.tui.widgets.action_choice import ActionChoice
from secondstory.tui.widgets.action_detail import describe_origin, origin_suggestions
from secondstory.tui.widgets.text_fields import NoteInput

TERMS: tuple[ActionTerm, ...] = get_args(ActionTerm)
TYPES: tuple[ActionType, ...] = get_args(ActionType)
STATUSES: tuple[ActionStatus, ...] = get_args(ActionStatus)


@dataclass(frozen=True)
class ActionDraft:
    """What the form holds when Enter is pressed; the deadline is already a date."""

    title: str
    owner: str
    priority: Priority
    deadline: date | None
    success_criteria: str
    term: ActionTerm
    type: ActionType
    status: ActionStatus
    origin: str


@dataclass(frozen=True)
class FormContext:
    """What the form needs to know about the session, without holding the session."""

    meeting_date: date
    """The date deadlines are read from (the meeting's, else today)."""
    meeting_known: bool
    owners: Sequence[str] = ()
    origins: Sequence[str] = ()
    people: Sequence[str] = ()
    """Attendees' names: an owner is a team or a role, so a name gets a gentle note."""
    describe_origin: Callable[[str], str] | None = None


def form_context(session: Session, today: date) -> FormContext:
    """The form's view of a session; `today` stands in for a meeting date not known yet."""
    meeting = session.meeting_date()
    owners = {a.owner for a in session.actions if a.owner.strip()}
    owners |= {p.team for p in session.people if p.team.strip()}
    owners |= {p.role for p in session.people if p.role.strip()}
    return FormContext(
        meeting_date=meeting or today,
        meeting_known=meeting is not None,
        owners=sorted(owners, key=str.casefold),
        origins=origin_suggestions(session),
        people=[p.name for p in session.people if p.name.strip()],
        describe_origin=lambda origin: describe_origin(session, origin),
    )


def read_deadline(text: str, meeting_date: date) -> date | None:
    """The typed deadline as a date (None when empty); `UserError` when it cannot be read."""
    if not text.strip():
        return None
    return parse_deadline(text, meeting_date)


class ActionForm(ModalScreen[bool]):
    DEFAULT_CSS = """
    ActionForm {
        align: center middle;
        #action-box {
            width: 92%;
            max-width: 110;
            height: auto;
            max-height: 100%;
            border: round $accent;
            border-title-color: $text-accent;
            background: $surface;
            padding: 0 1;
        }
        .action-grid {
            grid-size: 2;
            grid-columns: 11 1fr;
            grid-rows: 1;
            grid-gutter: 0 1;
            height: auto;
        }
        .field-label { color: $text-secondary; text-align: right; }
        .field-note {
            color: $text-muted;
            height: 1;
            padding-left: 12;
            text-wrap: nowrap;
            text-overflow: ellipsis;
        }
        .field-note.-error { color: $text-error; }
        #action-context { color: $text-muted; height: auto; }
        .form-hint { color: $text-muted; height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
        .form-error { color: $text-error; display: none; height: auto; }
        .form-error.-shown { display: block; }
    }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        item: ActionItem | None,
        context: FormContext,
        apply: Callable[[ActionDraft], None],
        *,
        origin: str = "",
        note: str = "",
    ) -> None:
        super().__init__()
        self._title = title
        self._item = item
        self._ctx = context
        self._apply = apply
        self._origin = item.origin if item is not None else origin
        self._lead = note

    def compose(self) -> ComposeResult:
        item = self._item
        ctx = self._ctx
        with Vertical(id="action-box") as box:
            box.border_title = self._title
            if self._lead:
                yield Static(self._lead, id="action-context", markup=False)
            with Grid(id="action-grid", classes="action-grid"):
                yield Static("Action", classes="field-label")
                yield NoteInput(
                    item.title if item else "",
                    placeholder="what will be done, e.g. Alert when pool use passes 80%",
                    compact=True,
                    id="action-title",
                    draft_key=f"action:{self._title}:title",
                )
                yield Static("Owner", classes="field-label")
                yield Input(
                    item.owner if item else "",
                    placeholder="a team or role, e.g. SRE",
                    compact=True,
                    id="action-owner",
                    suggester=SuggestFromList(ctx.owners, case_sensitive=False),
                )
                yield Static("Priority", classes="field-label")
                yield ActionChoice(
                    PRIORITIES, item.priority if item else "P2", id="action-priority"
                )
                yield Static("Deadline", classes="field-label")
                yield Input(
                    item.deadline.isoformat() if item and item.deadline else "",
                    placeholder="3 days, 1 week, 2 weeks, next friday, 2026-04-01",
                    compact=True,
                    id="action-deadline",
                )
            yield Static("", id="action-deadline-note", classes="field-note", markup=False)
            with Grid(id="action-grid-2", classes="action-grid"):
                yield Static("Done when", classes="field-label")
                yield NoteInput(
                    item.success_criteria if item else "",
                    placeholder="how we will know it worked, e.g. alert fires in the load test",
                    compact=True,
                    id="action-criteria",
                    draft_key=f"action:{self._title}:done-when",
                )
                yield Static("Term", classes="field-label")
                yield ActionChoice(TERMS, item.term if item else "short", id="action-term")
                yield Static("Type", classes="field-label")
                yield ActionChoice(TYPES, item.type if item else "prevent", id="action-type")
                if item is not None:
                    yield Static("Status", classes="field-label")
                    yield ActionChoice(STATUSES, item.status, id="action-status")
                yield Static("From", classes="field-label")
                yield Input(
                    self._origin,
                    placeholder="chain:W-1, finding:F-2, event:E-6 … (optional)",
                    compact=True,
                    id="action-origin",
                    suggester=SuggestFromList(ctx.origins, case_sensitive=False),
                )
            yield Static("", id="action-origin-note", classes="field-note", markup=False)
            yield Static("", id="action-error", classes="form-error", markup=False)
            yield Static(
                "Tab next · ←→ choose · → accepts a completion · Enter saves · Esc cancels",
                classes="form-hint",
            )

    def on_mount(self) -> None:
        self._show_deadline()
        self._show_origin()
        self.query_one("#action-title", Input).focus()

    # Live notes under the fields --------------------------------------------------------------

    def _set_note(self, selector: str, text: str, error: bool = False) -> None:
        note = self.query_one(selector, Static)
        note.update(text)
        note.set_class(error, "-error")

    def _show_deadline(self) -> None:
        ctx = self._ctx
        text = self.query_one("#action-deadline", Input).value
        meeting = ctx.meeting_date if ctx.meeting_known else None
        try:
            deadline = read_deadline(text, ctx.meeting_date)
        except UserError as error:
            self._set_note("#action-deadline-note", str(error), error=True)
            return
        if deadline is None:
            self._set_note("#action-deadline-note", "no deadline yet")
        else:
            self._set_note("#action-deadline-note", "→ " + format_deadline(deadline, meeting))

    def _show_origin(self) -> None:
        text = self.query_one("#action-origin", Input).value.strip()
        describe = self._ctx.describe_origin
        self._set_note("#action-origin-note", describe(text) if text and describe else "")

    @on(Input.Changed, "#action-deadline")
    def _deadline_changed(self) -> None:
        self._show_deadline()

    @on(Input.Changed, "#action-origin")
    def _origin_changed(self) -> None:
        self._show_origin()

    @on(Input.Changed, "#action-owner")
    def _owner_changed(self, event: Input.Changed) -> None:
        typed = event.value.strip().casefold()
        person = next((p for p in self._ctx.people if p.casefold() == typed), None)
        error = self.query_one("#action-error", Static)
        if person is not None:
            error.update(f"Owners are teams or roles: which team does {person} act for here?")
            error.add_class("-shown")
        else:
            error.remove_class("-shown")

    # Saving -----------------------------------------------------------------------------------

    def draft(self) -> ActionDraft:
        """The fields as a draft; `UserError` when the deadline cannot be read."""

        def text(selector: str) -> str:
            return self.query_one(selector, Input).value

        def choice(selector: str) -> str:
            return self.query_one(selector, ActionChoice).value

        status = choice("#action-status") if self._item is not None else "open"
        return ActionDraft(
            title=text("#action-title"),
            owner=text("#action-owner"),
            priority=cast(Priority, choice("#action-priority")),
            deadline=read_deadline(text("#action-deadline"), self._ctx.meeting_date),
            success_criteria=text("#action-criteria"),
            term=cast(ActionTerm, choice("#action-term")),
            type=cast(ActionType, choice("#action-type")),
            status=cast(ActionStatus, status),
            origin=text("#action-origin"),
        )

    @on(Input.Submitted)
    @on(ActionChoice.Submitted)
    def _save(self, event: Input.Submitted | ActionChoice.Submitted) -> None:
        event.stop()
        try:
            self._apply(self.draft())
        except UserError as error:
            message = self.query_one("#action-error", Static)
            message.update(str(error))
            message.add_class("-shown")
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
