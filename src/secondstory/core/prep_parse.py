"""Reading a filled-in pre-meeting document (written by `core.prep`) back into plain data.

The reader follows the headings: `## Timeline to verify` holds a table whose last column takes
comments, every other `## NAME` section belongs to one person, and its `### ...` sections hold
bullet items (role, went well, could be better, questions). An item is a bullet line plus the
indented lines under it; a paragraph typed under a heading without a bullet counts as an item
too. Fill-in markers are dropped, so an untouched section contributes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from secondstory.core.errors import UserError

FILL_IN = "_(fill in)_"
YOUR_NAME = "_(your name)_"
TIMELINE_HEADING = "Timeline to verify"

CATEGORIES = ("roles", "went_well", "could_be_better", "questions")
HEADINGS = {
    "roles": "My role during the incident",
    "went_well": "What went well",
    "could_be_better": "What could be better",
    "questions": "Questions before the meeting",
}
_KEYWORDS = (
    ("role", "roles"),
    ("went well", "went_well"),
    ("better", "could_be_better"),
    ("question", "questions"),
)

_MARKER = re.compile(r"<!--\s*secondstory prep:\s*(?P<id>\S+)\s*-->")
_H2 = re.compile(r"^##\s+(?P<title>.*?)(?:\s+#+)?\s*$")
_H3 = re.compile(r"^###\s+(?P<title>.*?)(?:\s+#+)?\s*$")
_BULLET = re.compile(r"^(?:[-*+]|\d{1,3}[.)])(?:\s+(?P<text>.*)|$)")
_FILL = re.compile(r"_?\(fill in\)_?", re.IGNORECASE)
_PIPE = re.compile(r"(?<!\\)\|")
_RULE = re.compile(r"^\s*:?-{1,}:?\s*$")
_THEMATIC_BREAK = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})\s*$")


@dataclass
class PersonInput:
    name: str
    items: dict[str, list[str]] = field(default_factory=lambda: {c: [] for c in CATEGORIES})


@dataclass
class TimelineComment:
    event_id: str
    cells: list[str]
    """The row as written (ID, time, text, source, ...): kept for rows the session lacks."""
    comment: str


@dataclass
class PrepDocument:
    incident_id: str | None = None
    incident_line: int = 0
    people: dict[str, PersonInput] = field(default_factory=dict)
    comments: list[TimelineComment] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def normalize_item(text: str) -> str:
    """What an item reads back as: trailing spaces and surrounding blank lines gone."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    if lines:
        lines[0] = lines[0].lstrip()
    return "\n".join(lines)


def _clean(text: str) -> str:
    return normalize_item(_FILL.sub("", text))


def unescape_cell(cell: str) -> str:
    return re.sub(r"<br\s*/?>", "\n", cell.strip().replace("\\|", "|"), flags=re.IGNORECASE)


def split_row(line: str) -> list[str]:
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [unescape_cell(c) for c in _PIPE.split(body)]


class _Reader:
    def __init__(self, label: str) -> None:
        self.label = label
        self.doc = PrepDocument()
        self.person: PersonInput | None = None
        self.category: str | None = None
        self.section = ""  # "", "timeline", "person", "placeholder"
        self.placeholder_line = 0
        self.placeholder_items = 0
        self.comment_col: int | None = None
        self.item: list[str] | None = None
        self.blank_run = 0
        self.paragraph = False

    def flush(self) -> None:
        if self.item is not None:
            text = _clean("\n".join(self.item))
            if text:
                if self.section == "placeholder":
                    self.placeholder_items += 1
                elif self.person is not None and self.category is not None:
                    self.person.items[self.category].append(text)
        self.item = None
        self.blank_run = 0
        self.paragraph = False

    def start_item(self, first: str, *, paragraph: bool) -> None:
        self.flush()
        self.item = [first]
        self.paragraph = paragraph

    def heading2(self, title: str, number: int) -> None:
        self.flush()
        self.end_placeholder()
        self.category = None
        self.person = None
        self.comment_col = None
        if title.lower() == TIMELINE_HEADING.lower():
            self.section = "timeline"
        elif YOUR_NAME in title or _FILL.search(title) or not title.strip("_* "):
            self.section = "placeholder"
            self.placeholder_line = number
        else:
            name = title.strip().strip("*_").strip()
            self.section = "person"
            self.person = self.doc.people.setdefault(name, PersonInput(name))

    def heading2_end(self) -> None:
        self.flush()
        self.end_placeholder()
        self.section, self.person, self.category = "", None, None

    def end_placeholder(self) -> None:
        if self.section == "placeholder" and self.placeholder_items:
            self.doc.warnings.append(
                f"{self.label}:{self.placeholder_line}: a section still named {YOUR_NAME} holds "
                f"{self.placeholder_items} item(s); put a name in its heading to import them"
            )
        self.placeholder_items = 0

    def heading3(self, title: str, number: int) -> None:
        self.flush()
        lowered = title.lower()
        self.category = next((cat for key, cat in _KEYWORDS if key in lowered), None)
        if self.category is None and self.section in ("person", "placeholder"):
            expected = ", ".join(HEADINGS.values())
            self.doc.warnings.append(
                f"{self.label}:{number}: section {title!r} is not one secondstory reads "
                f"({expected}); its items were left out"
            )

    def table_row(self, line: str, number: int) -> None:
        cells = split_row(line)
        if all(_RULE.match(c) for c in cells if c) and any(cells):
            return
        if self.comment_col is None:
            headers = [c.lower() for c in cells]
            self.comment_col = next(
                (i for i, h in enumerate(headers) if "comment" in h), len(cells) - 1
            )
            return
        comment = _clean(cells[self.comment_col]) if self.comment_col < len(cells) else ""
        if comment:
            self.doc.comments.append(TimelineComment(cells[0].strip(), cells, comment))

    def line(self, raw: str, number: int) -> None:
        line = raw.rstrip()
        if self.doc.incident_id is None and (marker := _MARKER.search(line)):
            self.doc.incident_id = marker.group("id")
            self.doc.incident_line = number
        if line.startswith("<!--"):
            return
        if h2 := _H2.match(line):
            self.heading2(h2.group("title"), number)
            return
        if h3 := _H3.match(line):
            self.heading3(h3.group("title"), number)
            return
        if _THEMATIC_BREAK.match(line):
            # A horizontal rule ends the person's section (the footer follows one).
            self.heading2_end()
            return
        if self.section == "timeline":
            if line.lstrip().startswith("|"):
                self.table_row(line, number)
            return
        if self.category is None:
            return
        if not line:
            if self.item is not None:
                self.blank_run += 1
                if self.paragraph:
                    self.flush()
            return
        if line[0] in " \t" and self.item is not None:
            body = line[2:] if line.startswith("  ") else line[1:] if line[0] == "\t" else line
            self.item.extend([""] * self.blank_run)
            self.item.append(body)
            self.blank_run = 0
            return
        bullet = _BULLET.match(line)
        if bullet:
            self.start_item(bullet.group("text") or "", paragraph=False)
        elif self.item is not None and not self.blank_run:
            self.item.append(line)  # a lazy continuation line, as Markdown reads it
        else:
            self.start_item(line, paragraph=True)


def parse_prep(text: str, label: str = "<prep>") -> PrepDocument:
    """Read a pre-meeting document; raises UserError if it is not one."""
    reader = _Reader(label)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, raw in enumerate(lines, 1):
        reader.line(raw, number)
    reader.flush()
    reader.end_placeholder()
    doc = reader.doc
    if not doc.people and not doc.comments and doc.incident_id is None:
        raise UserError(
            f"{label}:1: expected a pre-meeting document written by `secondstory prep` "
            f"(a `## {TIMELINE_HEADING}` section and one `## NAME` section per person)"
        )
    return doc
