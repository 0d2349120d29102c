"""Table columns that come and go with the table's width, and the one column that takes the rest.

Shared by the action items table and the open items table of the "last time" panel; each keeps
its own columns, which widths they widen to, and what goes in their cells.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from rich.text import Text

from secondstory.core.text_clip import clip

if TYPE_CHECKING:
    from textual.widgets import DataTable

CELL_PADDING = 1
"""Cells of padding either side of a column (the tables' `cell_padding`)."""


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: int
    shown_from: int
    """The narrowest table (in cells) that shows this column."""


ColumnT = TypeVar("ColumnT", bound=Column)


def shown_at(columns: Iterable[ColumnT], width: int) -> list[ColumnT]:
    """The columns a table of `width` cells has room for, in order."""
    return [c for c in columns if width >= c.shown_from]


def fit_flex(
    sized: Sequence[tuple[ColumnT, int]], width: int, flex: str, min_flex: int, scrollbar: int
) -> list[tuple[ColumnT, int]]:
    """`sized` with the column keyed `flex` as wide as the others leave room for in `width`
    cells (and `scrollbar` cells kept for the vertical scrollbar), but never under `min_flex`."""
    fixed = sum(w + 2 * CELL_PADDING for c, w in sized if c.key != flex)
    rest = max(min_flex, width - fixed - 2 * CELL_PADDING - scrollbar)
    return [(c, rest if c.key == flex else w) for c, w in sized]


def add_columns(table: DataTable[Text], columns: Iterable[tuple[Column, int]]) -> None:
    """Add the laid-out columns to an empty table, each keyed by its column's key."""
    for column, size in columns:
        table.add_column(column.label, key=column.key, width=size)


def cell_text(text: str, width: int, style: str = "") -> Text:
    """A cell's text on one line, clipped to its column's width."""
    return Text(clip(text, width), style=style, no_wrap=True)
