"""The "last time" panel: what earlier postmortems left open, and what rhyming incidents left.

Two lists, read from the folder of the open session in a worker thread (a folder can hold
hundreds of sessions; the core keeps a parse cache): the open action items of earlier
postmortems, overdue first and most overdue first, and the open items of earlier incidents
that share a cause category with this session's five whys (rhyming incidents), with the shared
category. Session files that cannot be read are listed with the reason and skipped.

On the highlighted item, d marks it done, i in progress, w won't do, o open again: a small
prompt takes an optional note, then that session's file is changed and saved atomically, as
`secondstory action` does (`core.followup.set_action_status`). Tab moves between the lists,
r reads the folder again, Escape (or the panel's key) closes.
"""

from __future__ import annotations

import os
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Static
from textual.worker import Worker, WorkerState

from secondstory.core.errors import UserError
from secondstory.core.followup import OpenItem
from secondstory.tui.last_time_data import LastTime, StatusChanged, change_status, load_last_time
from secondstory.tui.screens.dialog_screen import BoxScreen
from secondstory.tui.screens.status_note_screen import STATUS_WORDS, StatusNoteScreen
from secondstory.tui.state import SessionState
from secondstory.tui.widgets.open_items_table import OpenItemsTable

KEYS = "d done · i in progress · w won't do · Tab next list · Esc close"
SKIPPED_SHOWN = 3
"""Unreadable files named one per line; the rest are counted."""
MAX_ROWS = 200
"""Rows per list: the most overdue come first, and a few hundred rows would hold up the screen
for a moment as they are built; `secondstory actions` lists every item."""


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def summary_line(data: LastTime) -> str:
    overdue = sum(1 for item in data.items if item.overdue)
    incidents = len({item.path for item in data.items})
    line = (
        f"{plural(len(data.items), 'open item')} from {plural(incidents, 'earlier postmortem')}"
        f" · {overdue} overdue"
    )
    if data.later:
        line += f" · {plural(data.later, 'later incident')} left out"
    if len(data.items) > MAX_ROWS or len(data.rhyming) > MAX_ROWS:
        line += f" · the first {MAX_ROWS} of each list shown (secondstory actions lists all)"
    return line


def detail_content(item: OpenItem) -> Content:
    action = item.action
    deadline = action.deadline.isoformat() if action.deadline else "none"
    facts = [
        f"owner {action.owner or '—'}",
        action.priority,
        STATUS_WORDS.get(action.status, action.status),
        f"deadline {deadline} ({item.due_label})",
    ]
    causes = ", ".join(item.categories) or "no cause category"
    lines = [
        Content.styled(f"{action.id} {action.title}", "bold"),
        Content(" · ".join(facts)),
        Content.styled(
            f"From {item.incident_id} {item.incident_title} ({item.severity}) · "
            f"{item.path.name} · causes: {causes}",
            "$text-muted",
        ),
    ]
    if action.success_criteria:
        lines.append(Content.styled(f"Done when: {action.success_criteria}", "$text-muted"))
    return Content("\n").join(lines)


class LastTimeScreen(BoxScreen[None]):
    DEFAULT_CSS = """
    LastTimeScreen {
        #lt-box { width: 96%; max-width: 140; height: 94%; }
        #lt-summary { height: auto; color: $text-secondary; }
        #lt-lists { height: 1fr; }
        #lt-open { height: auto; max-height: 60%; background: transparent; }
        #lt-rhyme-head { height: auto; margin-top: 1; color: $text-secondary; }
        #lt-rhyme { height: auto; max-height: 40%; background: transparent; }
        #lt-quiet { height: auto; color: $text-muted; }
        #lt-foot { height: auto; }
        #lt-detail {
            height: 5;
            border-top: solid $secondary 50%;
            text-wrap: nowrap;
            text-overflow: ellipsis;
        }
        #lt-message { height: auto; color: $text-success; }
        #lt-message.-error { color: $text-error; }
        #lt-skipped { height: auto; max-height: 5; color: $text-warning; }
        OpenItemsTable:focus { background-tint: $foreground 3%; }
    }
    """

    BINDINGS = [
        Binding("d", "status('done')", "Done", tooltip="Mark the highlighted item done"),
        Binding("i", "status('in-progress')", "In progress", tooltip="Mark it in progress"),
        Binding("w", "status('wont-do')", "Won't do", tooltip="Mark it won't do, with why"),
        Binding("o", "status('open')", "Open", show=False, tooltip="Mark it open again"),
        Binding("r", "reload", "Reload", show=False, tooltip="Read the sessions folder again"),
        Binding("escape", "close", "Close"),
    ]

    def __init__(self, state: SessionState) -> None:
        super().__init__()
        self.state = state
        self.data: LastTime | None = None
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical(id="lt-box", classes="dialog-box") as box:
            box.border_title = "Last time · open items from earlier postmortems"
            box.border_subtitle = KEYS
            yield Static(
                f"Loading… reading the sessions in {self.state.path.parent}",
                id="lt-summary",
                markup=False,
            )
            with Vertical(id="lt-lists"):
                yield OpenItemsTable(id="lt-open")
                yield Static("", id="lt-rhyme-head", markup=False)
                yield OpenItemsTable(rhyming=True, id="lt-rhyme")
                yield Static("", id="lt-quiet", markup=False)
            with Vertical(id="lt-foot"):
                yield Static("", id="lt-detail")
                yield Static("", id="lt-message", markup=False)
                yield Static("", id="lt-skipped", markup=False)

    def on_mount(self) -> None:
        for selector in ("#lt-open", "#lt-rhyme", "#lt-rhyme-head", "#lt-quiet", "#lt-detail"):
            self.query_one(selector).display = False
        self.query_one("#lt-message").display = False
        self.query_one("#lt-skipped").display = False
        self._load()

    # Loading ----------------------------------------------------------------------------------

    def today(self) -> date:
        return self.state.now().astimezone(getattr(self.app, "display_tz", None)).date()

    def _load(self) -> None:
        self.busy = True
        self.refresh_bindings()
        session, path, today = self.state.session, self.state.path, self.today()
        self.run_worker(
            lambda: load_last_time(session, path, today),
            name="last-time",
            group="last-time-load",
            thread=True,
            exclusive=True,
            exit_on_error=False,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        if worker.group == "last-time-load":
            event.stop()
            self.busy = False
            if event.state == WorkerState.SUCCESS and isinstance(worker.result, LastTime):
                self._show(worker.result)
            else:
                self.query_one("#lt-summary", Static).update(
                    f"Could not read {self.state.path.parent}: {worker.error}"
                )
            self.refresh_bindings()
        elif worker.group == "last-time-status":
            event.stop()
            self.busy = False
            if event.state == WorkerState.SUCCESS and isinstance(worker.result, StatusChanged):
                self._changed(worker.result)
            else:
                self._failed(worker.error)
            self.refresh_bindings()

    def _show(self, data: LastTime) -> None:
        self.data = data
        open_table = self.query_one("#lt-open", OpenItemsTable)
        rhyme_table = self.query_one("#lt-rhyme", OpenItemsTable)
        had_focus = self.focused if isinstance(self.focused, OpenItemsTable) else None
        summary = self.query_one("#lt-summary", Static)
        if data.items:
            summary.update(summary_line(data))
        elif data.earlier:
            summary.update(
                f"No open items from earlier postmortems in {data.folder}: "
                f"{plural(data.earlier, 'earlier postmortem')} read, every item closed."
            )
        else:
            summary.update(f"No open items from earlier postmortems in {data.folder}.")
        open_table.display = bool(data.items)
        open_table.show_items(data.items[:MAX_ROWS])
        rhyme_table.display = bool(data.rhyming)
        rhyme_table.show_items(data.rhyming[:MAX_ROWS])
        head = self.query_one("#lt-rhyme-head", Static)
        head.display = bool(data.earlier)
        if not data.categories:
            head.update(
                "Rhyming incidents: give this session's five-whys chains a cause category to "
                "find earlier incidents with the same cause."
            )
        elif data.rhyming:
            head.update(f"Rhyming incidents (same cause: {', '.join(data.categories)})")
        else:
            head.update(
                "Rhyming incidents: no open items from earlier incidents with the same cause "
                f"({', '.join(data.categories)})."
            )
        quiet = self.query_one("#lt-quiet", Static)
        quiet.display = bool(data.quiet_rhymes)
        quiet.update(
            "Same cause, every item closed: "
            + "; ".join(
                f"{r.incident_id} {r.incident_title} ({', '.join(r.shared_categories)})"
                for r in data.quiet_rhymes
            )
        )
        skipped = self.query_one("#lt-skipped", Static)
        skipped.display = bool(data.skipped)
        if data.skipped:
            # The folder is named above; the file name is enough here.
            prefix = f"{data.folder}{os.sep}"
            lines = [f"Skipped, could not read ({len(data.skipped)}):"]
            lines += [p.removeprefix(prefix) for p in data.skipped[:SKIPPED_SHOWN]]
            if len(data.skipped) > SKIPPED_SHOWN:
                lines.append(
                    f"… and {len(data.skipped) - SKIPPED_SHOWN} more "
                    "(secondstory list names them all)"
                )
            skipped.update("\n".join(lines))
        target = had_focus if had_focus is not None and had_focus.items else None
        target = target or (open_table if data.items else rhyme_table if data.rhyming else None)
        if target is not None:
            target.focus()
        self._show_detail()

    # The highlighted item -----------------------------------------------------------------------

    def current_table(self) -> OpenItemsTable | None:
        focused = self.focused
        return focused if isinstance(focused, OpenItemsTable) else None

    def current(self) -> OpenItem | None:
        table = self.current_table()
        return table.current() if table is not None else None

    def _show_detail(self) -> None:
        item = self.current()
        detail = self.query_one("#lt-detail", Static)
        detail.display = item is not None
        if item is not None:
            detail.update(detail_content(item))
        self.refresh_bindings()

    @on(DataTable.RowHighlighted)
    def _moved(self) -> None:
        self._show_detail()

    def on_descendant_focus(self) -> None:
        self._show_detail()

    def say(self, message: str, error: bool = False) -> None:
        note = self.query_one("#lt-message", Static)
        note.update(message)
        note.display = bool(message)
        note.set_class(error, "-error")

    # Status changes ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "status":
            item = self.current()
            return not self.busy and item is not None and item.action.status != parameters[0]
        if action == "reload":
            return not self.busy
        return True

    def action_status(self, status: str) -> None:
        item = self.current()
        if item is None or self.busy:
            return
        word = STATUS_WORDS.get(status, status)
        heading = f"{item.incident_id} {item.action.id}: mark {word}"
        line = f"{item.action.title}\n{item.action.owner or 'no owner'} · {item.due_label}"

        def confirmed(note: str | None) -> None:
            if note is not None:
                self._write(item, status, note)

        self.app.push_screen(StatusNoteScreen(heading, line, status), confirmed)

    def _write(self, item: OpenItem, status: str, note: str) -> None:
        self.busy = True
        self.refresh_bindings()
        now = self.state.now()
        self.run_worker(
            lambda: change_status(item, status, note, now),
            name="last-time-status",
            group="last-time-status",
            thread=True,
            exit_on_error=False,
        )

    def _changed(self, result: StatusChanged) -> None:
        where = f"{result.incident_id} {result.action_id}"
        if result.change is None:
            self.say(f"{where} is already {STATUS_WORDS.get(result.before, result.before)}.")
            return
        before = STATUS_WORDS.get(result.before, result.before)
        after = STATUS_WORDS.get(result.change.status, result.change.status)
        self.say(f"{where}: {before} → {after}. Saved {result.path.name}.")
        self._load()

    def _failed(self, error: BaseException | None) -> None:
        if isinstance(error, UserError):
            reason = "; ".join(error.problems)
        elif isinstance(error, OSError):
            reason = f"{getattr(error, 'filename', '') or 'the file'}: {error.strerror or error}"
        else:
            reason = str(error)
        self.say(f"Not changed: {reason}", error=True)

    # Closing ----------------------------------------------------------------------------------

    def action_reload(self) -> None:
        if not self.busy:
            self.say("")
            self._load()

    def action_close(self) -> None:
        self.dismiss(None)
