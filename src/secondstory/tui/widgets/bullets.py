"""A bulleted list whose wrapped lines hang under the text, not under the bullet."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text


def bullet_list(items: list[str], bullet: str = "•") -> Table:
    grid = Table.grid(padding=(0, 1, 0, 0), expand=True)
    grid.add_column(width=len(bullet), no_wrap=True)
    grid.add_column(ratio=1)
    for item in items:
        grid.add_row(bullet, Text(item))
    return grid
