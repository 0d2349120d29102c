"""Small horizontal bar charts in text, drawn with Unicode block elements (eighths of a cell)."""

from __future__ import annotations

from collections.abc import Sequence

_EIGHTHS = " ▏▎▍▌▋▊▉"
FULL = "█"


def bar(value: float, maximum: float, width: int = 20) -> str:
    """A bar `width` cells wide, filled in proportion `value / maximum`, padded with spaces."""
    if width <= 0:
        return ""
    share = 0.0 if maximum <= 0 else min(max(value / maximum, 0.0), 1.0)
    eighths = round(share * width * 8)
    full, part = divmod(eighths, 8)
    text = FULL * full + (_EIGHTHS[part] if part else "")
    return text.ljust(width)


def share_line(label: str, share: float | None, width: int = 20, label_width: int = 0) -> str:
    """`label  ███████▌      38%`; an unknown share shows as `n/a`."""
    head = label.ljust(label_width)
    if share is None:
        return f"{head}  {' ' * width}   n/a"
    return f"{head}  {bar(share, 1.0, width)} {share * 100:5.0f}%"


def histogram(rows: Sequence[tuple[str, float]], width: int = 20, unit: str = "") -> list[str]:
    """One bar per (label, count) row, scaled to the largest count."""
    if not rows:
        return []
    top = max(value for _, value in rows)
    label_width = max(len(label) for label, _ in rows)
    lines = []
    for label, value in rows:
        shown = f"{value:g}{unit}"
        lines.append(f"{label.rjust(label_width)} │{bar(value, top, width)} {shown}")
    return lines
