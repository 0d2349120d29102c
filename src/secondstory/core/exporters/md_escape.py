"""Escaping user text for GitHub-flavoured Markdown, so tables stay tables and text stays text."""

from __future__ import annotations

import re

_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# Characters that, at the start of a line, would turn plain text into a heading, quote or list.
_LINE_START = re.compile(r"^(\s*)([#>+\-*=]|\d+[.)])", re.MULTILINE)
# Every line break Python (and many editors) know, not only the three Markdown does: a stray
# U+2028 or U+0085 in a cell would otherwise split a table row for those readers.
_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _lines(value: str) -> str:
    return _BREAKS.sub("\n", value)


def text(value: str) -> str:
    """A paragraph of user text: HTML neutralised, block markers at line starts escaped."""
    value = _lines(value).translate(_HTML)
    value = _LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", value)
    # Two trailing spaces keep the author's line breaks inside one paragraph.
    return "  \n".join(line.rstrip() for line in value.strip("\n").split("\n"))


def cell(value: str) -> str:
    """One table cell: no raw pipes or newlines may escape into the table's structure."""
    value = _lines(value).translate(_HTML)
    value = value.replace("\\", "\\\\").replace("|", "\\|")
    lines = [line.strip() for line in value.strip().split("\n")]
    joined = "<br>".join(lines)
    return joined if joined else " "


def inline(value: str) -> str:
    """A short value inside a sentence or list item: one line, HTML neutralised."""
    return " ".join(value.translate(_HTML).split())


def table(header: list[str], rows: list[list[str]]) -> str:
    """A table of plain user text: every cell goes through `cell`."""
    return rendered_table(header, [[cell(c) for c in row] for row in rows])


def rendered_table(header: list[str], rows: list[list[str]]) -> str:
    """A table whose cells are already Markdown: each built from `cell` output and markup the
    exporter adds itself (emphasis, `<br>`, links), so none can hold a raw pipe or newline."""
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(c if c.strip() else " " for c in row) + " |" for row in rows]
    return "\n".join(out)
