"""Shortening one-line text to a column width, shared by the CLI's tables and the app's."""

from __future__ import annotations


def clip(text: str, width: int) -> str:
    """`text` on one line (runs of white space folded), cut to `width` with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"
