"""The action items workspace: the table of items, the highlighted item in full, and the live
quality check beside them (below them when the screen is narrow).

Keys on the table: a add, e or Enter edit, d delete (press twice), p next priority, t short or
long term, y next type, s next status (each change kept in the item's history); r records (or
edits) the note that the risk of recurrence is accepted.
Adding and editing use one dialog with every field; deadlines are typed as words (`2 weeks`,
`next friday`) or dates, read relative to the meeting date, and always shown as dates. Every
change goes through `core.action_ops`, and the checklist is recomputed after it.
"""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical
from textual.events import DescendantFocus, Key, Resize
from textual.widgets import DataTable, Static

from secondstory.core import action_ops
from secondstory.core.action_checks import check_session_actions
from secondstory.core.checks import Check
from secondstory.core.errors import UserError
from secondstory.core.model import PRIORITIES, ActionItem, ActionTerm
from secondstory.tui.widgets.action_checklist import ActionChecklist, summary_lines
from secondstory.tui.widgets.action_detail import ActionDetail, check_origin, item_lines
from secondstory.tui.widgets.action_form import (
    STATUSES,
    TYPES,
    ActionDraft,
    ActionForm,
    form_context,
)
from secondstory.tui.widgets.action_risk_form import ActionRiskForm
from secondstory.tui.widgets.action_table import ActionTable
from secondstory.tui.workspaces.base import Workspace

WIDE = 100
"""From this width on, the checklist sits beside the table instead of below it."""
TALL = 34
"""From this height on, the detail under the table has room for more lines."""

HINT = "a add · e edit · d delete · p priority · t term · y type · s status · r risk accepted"
EMPTY = (
    "No action items yet. Press a to add the first: what will be done, which team owns it, "
    "by when, and how we will know it worked."
)


def require_title(draft: ActionDraft) -> None:
    """Refuse a draft with nothing to do; the rest is checked by `core.action_ops`."""
    if not draft.title.strip():
        raise UserError(
            "action: expected what will be done, such as 'Alert when pool use passes 80%'"
        )


class ActionsWorkspace(Workspace):
    DEFAULT_CSS = """
    ActionsWorkspace {
        layout: vertical;
        #actions-hint { height: 1; color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis; }
        #actions-hint.-error { color: $text-error; }
        #actions-hint.-warning { color: $text-warning; text-style: bold; }
        #actions-hint.-done { color: $text-success; }
        #actions-body { height: 1fr; layout: vertical; }
        #actions-main {
            height: 1fr;
            border: round $secondary 50%;
            border-title-color: $text-secondary;
            &:focus-within { border: round $secondary; border-title-style: bold; }
        }
        #actions-table { height: 1fr; background: transparent; }
        #actions-checklist { height: auto; max-height: 8; }
        &.-tall #actions-detail { height: 9; }
        &.-wide #actions-body { layout: horizontal; }
        &.-wide #actions-checklist { width: 36; height: 1fr; max-height: 100%; margin-left: 1; }
    }
    """

    BINDINGS = [
        Binding("r", "risk", "Risk", tooltip="Record why the risk of recurrence is accepted"),
    ]

    def compose(self) -> ComposeResult:
        self._armed: str | None = None
        self.hint = Static(HINT, id="actions-hint", markup=False)
        self.table = ActionTable(id="actions-table")
        self.detail = ActionDetail("", id="actions-detail")
        self.checklist = ActionChecklist(id="actions-checklist")
        yield self.hint
        with Container(id="actions-body"):
            with Vertical(id="actions-main"):
                yield self.table
                yield self.detail
            yield self.checklist

    def on_mount(self) -> None:
        self.refresh_all()

    # Reading ----------------------------------------------------------------------------------

    def today(self) -> date:
        return self.state.now().date()

    def meeting_date(self) -> date:
        return self.state.session.meeting_date() or self.today()

    def checks(self) -> list[Check]:
        return check_session_actions(self.state.session, self.today())

    def current(self) -> ActionItem | None:
        item_id = self.table.current_id()
        if item_id is None:
            return None
        return next((a for a in self.state.session.actions if a.id == item_id), None)

    # Showing ----------------------------------------------------------------------------------

    def refresh_all(self, highlight: str | None = None) -> None:
        session = self.state.session
        checks = self.checks()
        self._checks = checks
        meeting = self.meeting_date()
        self.table.show_items(session.actions, checks, meeting, highlight)
        count = len(session.actions)
        main = self.query_one("#actions-main", Vertical)
        main.border_title = f"Action items ({count})"
        self.checklist.show_checks(checks, session.closing.risk_accepted)
        self._show_detail()

    def _show_detail(self) -> None:
        self.detail.show_item(
            self.state.session, self.current(), self._checks, self.meeting_date(), EMPTY
        )

    def say(self, message: str, level: str = "") -> None:
        self.hint.update(message)
        for name in ("error", "warning", "done"):
            self.hint.set_class(level == name, f"-{name}")

    def changed(self, message: str, highlight: str | None = None, level: str = "done") -> None:
        self.refresh_all(highlight)
        self.edited()
        self.say(message, level)

    @on(DataTable.RowHighlighted, "#actions-table")
    def _row_moved(self) -> None:
        self._show_detail()

    @on(DescendantFocus)
    def _focused(self) -> None:
        self._armed = None
        self.say(HINT)

    def on_key(self, event: Key) -> None:
        if self._armed is not None and event.key not in ("d", "delete"):
            self._armed = None
            self.say(HINT)

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.height >= TALL, "-tall")
        wide = event.size.width >= WIDE
        if wide != self.has_class("-wide") or not hasattr(self, "_sized"):
            self._sized = True
            self.set_class(wide, "-wide")
            self.checklist.compact = not wide
            self.checklist.show_checks(self._checks, self.state.session.closing.risk_accepted)

    # Commands ---------------------------------------------------------------------------------

    @on(DataTable.RowSelected, "#actions-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._edit()

    @on(ActionTable.Command)
    def _command(self, event: ActionTable.Command) -> None:
        event.stop()
        if not self.in_front():
            return
        if event.command == "add":
            self._add()
            return
        item = self.current()
        if item is None:
            return
        session = self.state.session
        if event.command == "edit":
            self._edit()
        elif event.command == "delete":
            self._delete(item)
        elif event.command == "priority":
            following = PRIORITIES[(PRIORITIES.index(item.priority) + 1) % len(PRIORITIES)]
            action_ops.edit_action(session, item.id, priority=following)
            self.changed(f"{item.id} is now {following}.", item.id)
        elif event.command == "term":
            term: ActionTerm = "long" if item.term == "short" else "short"
            action_ops.edit_action(session, item.id, term=term)
            self.changed(f"{item.id} is now {term} term.", item.id)
        elif event.command == "type":
            kind = TYPES[(TYPES.index(item.type) + 1) % len(TYPES)]
            action_ops.edit_action(session, item.id, type=kind)
            self.changed(f"{item.id} is now a {kind} item.", item.id)
        elif event.command == "status":
            status = STATUSES[(STATUSES.index(item.status) + 1) % len(STATUSES)]
            action_ops.set_status(session, item.id, status, self.state.now())
            self.changed(f"{item.id} is now {status} (s again: next status).", item.id)

    def _add(self) -> None:
        session = self.state.session

        def apply(draft: ActionDraft) -> None:
            require_title(draft)
            origin = check_origin(session, draft.origin)
            action_ops.add_action(
                session,
                draft.title,
                owner=draft.owner,
                priority=draft.priority,
                deadline=draft.deadline,
                success_criteria=draft.success_criteria,
                term=draft.term,
                type=draft.type,
                origin=origin,
            )

        def done(saved: bool | None) -> None:
            if saved:
                item = session.actions[-1]
                self.changed(f"{item.id} added.", item.id)
            self.table.focus()

        form = ActionForm("New action item", None, form_context(session, self.today()), apply)
        self.open_form(form, done)

    def _edit(self) -> None:
        item = self.current()
        if item is None:
            return
        session = self.state.session
        now = self.state.now()

        def apply(draft: ActionDraft) -> None:
            require_title(draft)
            origin = check_origin(session, draft.origin)
            action_ops.edit_action(
                session,
                item.id,
                title=draft.title,
                owner=draft.owner,
                priority=draft.priority,
                deadline=draft.deadline,
                clear_deadline=draft.deadline is None,
                success_criteria=draft.success_criteria,
                term=draft.term,
                type=draft.type,
            )
            # `edit_action` does not take the origin; it is a plain link, checked above.
            item.origin = origin
            if draft.status != item.status:
                action_ops.set_status(session, item.id, draft.status, now)

        def done(saved: bool | None) -> None:
            if saved:
                self.changed(f"{item.id} saved.", item.id)
            self.table.focus()

        form = ActionForm(f"Edit {item.id}", item, form_context(session, self.today()), apply)
        self.open_form(form, done)

    def _delete(self, item: ActionItem) -> None:
        if self._armed != item.id:
            self._armed = item.id
            self.say(f"Press d again to delete {item.id} {item.title!r}", "warning")
            return
        self._armed = None
        index = action_ops.action_index(self.state.session, item.id)
        action_ops.delete_action(self.state.session, item.id)
        remaining = self.state.session.actions
        following = remaining[min(index, len(remaining) - 1)].id if remaining else None
        self.changed(f"{item.id} deleted.", following)

    def action_risk(self) -> None:
        session = self.state.session
        urgent = sum(1 for a in session.actions if a.priority in ("P0", "P1"))

        def apply(note: str) -> None:
            session.closing.risk_accepted = note.strip()

        def done(saved: bool | None) -> None:
            if saved:
                recorded = session.closing.risk_accepted
                self.changed("Accepted risk recorded." if recorded else "Accepted risk removed.")
            self.table.focus()

        self.open_form(ActionRiskForm(session.closing.risk_accepted, urgent, apply), done)

    # Workspace --------------------------------------------------------------------------------

    def presentation_key(self, key: str) -> bool:
        # The shared screen follows the item being discussed: the table's own up/down keys.
        step = {"down": 1, "j": 1, "up": -1, "k": -1}.get(key)
        if step is None or not self.table.row_count:
            return False
        row = min(max(self.table.cursor_row + step, 0), self.table.row_count - 1)
        self.table.move_cursor(row=row, animate=False, scroll=True)
        return True

    def presentation_item(self) -> str | None:
        session = self.state.session
        checks = self.checks()
        item = self.current()
        lines: list[str] = []
        if item is not None:
            lines += [text for text, _ in item_lines(session, item, checks, self.meeting_date())]
            lines.append("")
        lines += summary_lines(checks, session.closing.risk_accepted)
        return "\n".join(lines)

    def focus_default(self) -> None:
        if not self.is_attached:
            return  # already replaced by the next phase's workspace
        self.table.focus()
