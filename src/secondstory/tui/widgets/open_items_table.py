"""Open action items of other postmortems as a table: when due, priority, owner, the item, and
the incident it came from; for rhyming incidents, the cause category shared with this one.

Columns come and go with the width (the detail under the table shows every field of the
highlighted item). Overdue items say by how much, in the warning colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.events import Resize
from textual.widgets import DataTable

from secondstory.core.followup import OpenItem
from secondstory.tui.widgets.action_checklist import theme_styles
from secondstory.tui.widgets.table_columns import (
    CELL_PADDING,
    Column,
    add_columns,
    cell_text,
    fit_flex,
    shown_at,
)

SCROLLBAR = 2


@dataclass(frozen=True)
class OpenItemsColumn(Column):
    rhyming: bool | None = None
    """Only in the rhyming table (True), only in the other one (False), or in both (None)."""


FLEX = "action"
MIN_FLEX = 16
COLUMNS = (
    OpenItemsColumn("shared", "Same cause", 16, 0, rhyming=True),
    OpenItemsColumn("due", "Due", 13, 0),
    OpenItemsColumn("priority", "Pri", 3, 0),
    OpenItemsColumn("status", "Status", 11, 104),
    OpenItemsColumn("owner", "Owner", 12, 0, rhyming=False),
    OpenItemsColumn("owner", "Owner", 12, 100, rhyming=True),
    OpenItemsColumn("deadline", "Deadline", 10, 92),
    OpenItemsColumn(FLEX, "Action", 0, 0),
    OpenItemsColumn("incident", "From", 13, 0),
)
WIDE_INCIDENT = 112
"""From this width on, the incident column shows the title after the id."""


def layout(width: int, rhyming: bool) -> list[tuple[OpenItemsColumn, int]]:
    shown = [c for c in shown_at(COLUMNS, width) if c.rhyming in (None, rhyming)]
    sized = [(c, 30 if c.key == "incident" and width >= WIDE_INCIDENT else c.width) for c in shown]
    # Room for the vertical scrollbar whether or not it shows, so that the columns stay put
    # (and the table is not filled again) when the list grows past the screen.
    return fit_flex(sized, width, FLEX, MIN_FLEX, SCROLLBAR)


def row_cells(
    item: OpenItem, columns: Sequence[tuple[OpenItemsColumn, int]], warn: str
) -> list[Text]:
    action = item.action
    cells: list[Text] = []
    for column, width in columns:
        key = column.key
        style = ""
        if key == "shared":
            text = ", ".join(item.shared_categories)
        elif key == "due":
            text = item.due_label
            style = warn if item.overdue else ("dim" if action.deadline is None else "")
        elif key == "priority":
            text = action.priority
            style = "bold" if action.priority in ("P0", "P1") else ""
        elif key == "status":
            text = action.status
        elif key == "owner":
            text = action.owner or "—"
        elif key == "deadline":
            text = action.deadline.isoformat() if action.deadline else "—"
        elif key == FLEX:
            text = f"{action.id} {action.title}"
        else:
            wide = width > column.width
            text = f"{item.incident_id} {item.incident_title}" if wide else item.incident_id
        cells.append(cell_text(text, width, style))
    return cells


def item_key(item: OpenItem) -> str:
    return f"{item.path}#{item.action.id}"


class OpenItemsTable(DataTable[Text]):
    """One row per open item; `current()` is the highlighted one."""

    def __init__(self, *, rhyming: bool = False, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, cursor_type="row", cell_padding=CELL_PADDING, zebra_stripes=True)
        self.rhyming = rhyming
        self.items: list[OpenItem] = []
        self._layout: list[tuple[OpenItemsColumn, int]] = []
        self._pending_row = 0

    def show_items(self, items: Sequence[OpenItem], row: int | None = None) -> None:
        """Fill the table; the cursor goes to `row` (kept in range), else stays where it was.

        A table not laid out yet (just shown) is filled on its first resize, once its width is
        known: filling it twice costs a noticeable moment with hundreds of rows."""
        keep = self.cursor_row if row is None else row
        self.items = list(items)
        width = self.size.width
        if not width:
            self._layout = []
            self._pending_row = keep
            return
        self._fill(width, keep)

    def _fill(self, width: int, keep: int) -> None:
        columns = layout(width, self.rhyming)
        warn = f"bold {theme_styles(self).get('text-warning', '')}".strip()
        self.clear(columns=True)
        add_columns(self, columns)
        self._layout = columns
        for item in self.items:
            self.add_row(*row_cells(item, columns, warn), key=item_key(item))
        if self.items:
            self.move_cursor(row=max(0, min(keep, len(self.items) - 1)), animate=False)

    def on_resize(self, event: Resize) -> None:
        width = event.size.width
        if width and layout(width, self.rhyming) != self._layout:
            self._fill(width, self._pending_row if not self._layout else self.cursor_row)

    def current(self) -> OpenItem | None:
        if not self.items or not 0 <= self.cursor_row < len(self.items):
            return None
        return self.items[self.cursor_row]
