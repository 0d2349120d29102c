"""The action items as a table, one row per item, with one-letter keys for the highlighted row.

Which columns show depends on the width: the action, its priority, deadline and the quality
mark always; owner, term, type, status, id and origin as room allows (the detail under the
table shows every field of the highlighted item). Deadlines are always absolute dates with the
weekday. The table only says what the facilitator asked for (`ActionTable.Command`); the
workspace changes the session.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal

from rich.text import Text
from textual.binding import Binding
from textual.events import Resize
from textual.message import Message
from textual.widgets import DataTable

from secondstory.core.action_checks import MAX_DEADLINE_DAYS
from secondstory.core.checks import Check
from secondstory.core.deadlines import DAY_ABBR
from secondstory.core.model import ActionItem
from secondstory.tui.widgets.action_checklist import theme_styles
from secondstory.tui.widgets.table_columns import (
    CELL_PADDING,
    Column,
    add_columns,
    cell_text,
    fit_flex,
    shown_at,
)

TableCommand = Literal["add", "edit", "delete", "priority", "term", "type", "status"]

FLEX = "action"
MIN_FLEX = 14
COLUMNS = (
    Column("warn", "", 2, 0),
    Column("id", "ID", 4, 112),
    Column("priority", "Pri", 3, 0),
    Column(FLEX, "Action", 0, 0),
    Column("owner", "Owner", 14, 58),
    Column("due", "Due", 9, 0),
    Column("term", "Term", 5, 72),
    Column("type", "Type", 8, 84),
    Column("status", "Status", 11, 100),
    Column("origin", "From", 12, 126),
)
WIDE_DATES = 70
"""From this width on, deadlines show their year too."""


def due_text(deadline: date | None, wide: bool) -> str:
    if deadline is None:
        return "—"
    day = DAY_ABBR[deadline.weekday()]
    return f"{deadline.isoformat()} {day}" if wide else f"{deadline.strftime('%m-%d')} {day}"


def layout(width: int) -> list[tuple[Column, int]]:
    """The columns a table of `width` cells shows, each with its width."""
    wide = width >= WIDE_DATES
    sized = [(c, 14 if c.key == "due" and wide else c.width) for c in shown_at(COLUMNS, width)]
    # One cell for the vertical scrollbar, so long lists do not push the last column out.
    return fit_flex(sized, width, FLEX, MIN_FLEX, scrollbar=1)


def row_cells(
    item: ActionItem,
    columns: Sequence[tuple[Column, int]],
    warnings: int,
    meeting_date: date | None,
    warn_style: str,
) -> list[Text]:
    cells: list[Text] = []
    wide = any(c.key == "due" and w > 9 for c, w in columns)
    for column, width in columns:
        key = column.key
        style = ""
        if key == "warn":
            text = f"⚠{warnings}" if warnings else "✓"
            style = warn_style if warnings else "dim"
        elif key == "id":
            text = item.id
        elif key == "priority":
            text = item.priority
            style = "bold" if item.priority in ("P0", "P1") else ""
        elif key == FLEX:
            text = item.title or "(no action yet)"
            style = "dim strike" if item.status in ("done", "wont-do") else ""
        elif key == "owner":
            text = item.owner or "—"
        elif key == "due":
            text = due_text(item.deadline, wide)
            late = (
                item.deadline is not None
                and meeting_date is not None
                and (item.deadline - meeting_date).days > MAX_DEADLINE_DAYS
            )
            style = warn_style if late else ""
        elif key == "term":
            text = item.term
        elif key == "type":
            text = item.type
        elif key == "status":
            text = item.status
        else:
            text = item.origin or "—"
        cells.append(cell_text(text, width, style))
    return cells


class ActionTable(DataTable[Text]):
    BINDINGS = [
        Binding("a", "command('add')", "Add", tooltip="Add an action item"),
        Binding("e", "command('edit')", "Edit", tooltip="Edit the highlighted item"),
        Binding("d,delete", "command('delete')", "Delete", tooltip="Delete (press twice)"),
        Binding("p", "command('priority')", "Priority", tooltip="Next priority (P0-P3)"),
        Binding("t", "command('term')", "Term", tooltip="Short term or long term"),
        Binding("y", "command('type')", "Type", tooltip="Prevent, detect, mitigate, process"),
        Binding(
            "s",
            "command('status')",
            "Status",
            tooltip="Next status: open, in progress, done, won't do (kept in the history)",
            show=False,
        ),
    ]

    class Command(Message):
        def __init__(self, table: ActionTable, command: TableCommand, row: int | None) -> None:
            super().__init__()
            self.table = table
            self.command: TableCommand = command
            self.row = row

        @property
        def control(self) -> ActionTable:
            return self.table

    def __init__(
        self,
        *,
        id: str | None = None,  # noqa: A002  (Textual's own name for it)
    ) -> None:
        super().__init__(id=id, cursor_type="row", cell_padding=CELL_PADDING, zebra_stripes=True)
        self._layout: list[tuple[Column, int]] = []
        self._ids: list[str] = []
        self._cells: dict[str, list[Text]] = {}
        self._shown: tuple[Sequence[ActionItem], Sequence[Check], date | None] | None = None

    # Showing ----------------------------------------------------------------------------------

    def show_items(
        self,
        items: Sequence[ActionItem],
        checks: Sequence[Check],
        meeting_date: date | None,
        highlight: str | None = None,
    ) -> None:
        """Fill the table; the row of item `highlight` (else the same row as before) is current.

        When the same items are shown in the same order, only the cells that changed are
        replaced: rebuilding a table of a few hundred rows costs more than a frame."""
        self._shown = (items, checks, meeting_date)
        row = self.cursor_row if self.row_count else 0
        if highlight is None:
            highlight = self.current_id()
        width = self.scrollable_content_region.width or self.size.width
        columns = layout(width)
        count = _warning_counts(checks)
        warn_style = _warn_style(self)
        ids = [item.id for item in items]
        rows = {
            item.id: row_cells(item, columns, count.get(item.id, 0), meeting_date, warn_style)
            for item in items
        }
        if columns == self._layout and self.columns and ids == self._ids:
            for item_id, cells in rows.items():
                before = self._cells.get(item_id, [])
                for (column, _), cell, old in zip(columns, cells, before, strict=False):
                    if (cell.plain, cell.style) != (old.plain, old.style):
                        self.update_cell(item_id, column.key, cell)
        else:
            self.clear(columns=columns != self._layout or not self.columns)
            if not self.columns:
                add_columns(self, columns)
            self._layout = columns
            for item_id, cells in rows.items():
                self.add_row(*cells, key=item_id)
        self._ids = ids
        self._cells = rows
        if not items:
            return
        target = ids.index(highlight) if highlight in ids else min(row, len(ids) - 1)
        if target != self.cursor_row:
            self.move_cursor(row=target, animate=False, scroll=True)

    def on_resize(self, event: Resize) -> None:
        if self._shown is None:
            return
        if layout(self.scrollable_content_region.width or event.size.width) != self._layout:
            self.show_items(*self._shown)

    def current_id(self) -> str | None:
        if not self.row_count:
            return None
        value = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return str(value) if value is not None else None

    # Keys -------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "command" and parameters and parameters[0] != "add":
            return self.row_count > 0
        return True

    def action_command(self, command: TableCommand) -> None:
        row = self.cursor_row if self.row_count else None
        self.post_message(self.Command(self, command, row))


def _warning_counts(checks: Sequence[Check]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for check in checks:
        if check.level == "warning" and check.item_id is not None:
            counts[check.item_id] = counts.get(check.item_id, 0) + 1
    return counts


def _warn_style(table: DataTable[Text]) -> str:
    colour = theme_styles(table).get("text-warning", "")
    return f"bold {colour}".strip()
