"""Hand-typed timelines: `HH:MM[:SS] [TZ] - text` lines with indented annotations.

    2026-03-22
    14:23 UTC - Alert: checkout p99 latency above 2 s
      - paged the on-call, 4 minutes after the first errors
      - Decision: roll back 4.2.1 rather than scale the pool
    14:31 - Rollback started
    2026-03-23 00:10 +01:00 - Incident resolved

A line may start with a date (`YYYY-MM-DD HH:MM ...`); a line holding only a date sets the day
for the lines after it; other dateless times take the incident's day and roll over midnight.
Lines starting with `#` (Markdown headings) are skipped; a leading `- ` bullet is allowed.
"""

from __future__ import annotations

import re

from secondstory.core.errors import UserError
from secondstory.core.importers.common import (
    Context,
    DayCursor,
    Imported,
    Parsed,
    StampError,
    content_id,
    decision_marked,
    parse_day,
    shorten,
    split_stamp,
)

SOURCE = "text"

_DATE_LINE = re.compile(r"^(?:#+\s*)?(\d{4}-\d{2}-\d{2})(?:\s*\([^)]*\))?\s*:?$")
_BULLET = re.compile(r"^[-*+•]\s+")
_SEPARATOR = re.compile(r"^\s*[-–—:]\s+|^\s*[-–—:]$")
_EXPECTED = (
    "expected a line `HH:MM[:SS] [TZ] - text`, a date line `YYYY-MM-DD`, or an indented annotation"
)


def parse_text(content: str, ctx: Context) -> Parsed:
    parsed = Parsed()
    cursor = DayCursor(ctx.day, ctx.zone, parsed.notes)
    current: Imported | None = None
    lines = content.split("\n")
    total = len(lines)
    for number, raw in enumerate(lines, 1):
        ctx.tick("lines", number, total)
        line = raw.rstrip()
        if not line.strip():
            continue
        where = f"{ctx.label}:{number}"
        if line[0] in " \t":
            if current is None:
                raise UserError(f"{where}: an indented annotation before any event; {_EXPECTED}")
            note = _BULLET.sub("", line.strip(), count=1)
            if note:
                current.annotations.append(note)
                current.decision_point = current.decision_point or decision_marked(note)
            continue
        date_line = _DATE_LINE.match(line)
        if date_line:
            try:
                cursor.set_day(parse_day(date_line.group(1)))
            except StampError as error:
                raise UserError(f"{where}: {error}") from None
            continue
        if line.startswith("#"):
            continue
        current = _event(_BULLET.sub("", line, count=1), where, cursor)
        parsed.events.append(current)
    return parsed


def _event(body: str, where: str, cursor: DayCursor) -> Imported:
    try:
        split = split_stamp(body, zone_expected=lambda after: bool(_SEPARATOR.match(after)))
    except StampError as error:
        raise UserError(f"{where}: {error}") from None
    if split is None:
        raise UserError(f"{where}: {_EXPECTED}; found {shorten(body)!r}")
    stamp, rest = split
    text = _SEPARATOR.sub("", rest, count=1).strip()
    if not text:
        raise UserError(f"{where}: expected text after the time, as in `14:23 UTC - Alert fired`")
    at = cursor.place(stamp, where)
    return Imported(
        at=at,
        text=text,
        source=SOURCE,
        source_id=content_id(at, text),
        decision_point=decision_marked(text),
    )
