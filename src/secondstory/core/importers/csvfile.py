"""CSV timelines: a header row naming a time column and a text column.

Accepted names (any case): time `time`, `timestamp`, `at`, `datetime`, `when`, `created_at`
(or separate `date` and `time` columns); text `text`, `event`, `description`, `message`,
`summary`; optional `kind`/`type`, `author`/`who`/`user`, `annotation`/`note`, and `id` (used as
the stable id instead of a hash of time and text). Commas, semicolons and tabs are recognised.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime

from secondstory.core.errors import UserError
from secondstory.core.importers.common import (
    Context,
    DayCursor,
    Imported,
    Parsed,
    StampError,
    content_id,
    decision_marked,
    shorten,
    split_stamp,
)

SOURCE = "csv"

TIME_NAMES = ("time", "timestamp", "at", "datetime", "date_time", "when", "created_at")
DATE_NAMES = ("date", "day")
TEXT_NAMES = ("text", "event", "description", "message", "summary", "what")
KIND_NAMES = ("kind", "type", "category")
AUTHOR_NAMES = ("author", "who", "user", "by", "person", "actor")
NOTE_NAMES = ("annotation", "annotations", "note", "notes", "comment")
ID_NAMES = ("id", "source_id", "event_id")

_EPOCH = re.compile(r"^\d{9,11}(?:\.\d+)?$")


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    normal = [h.strip().lower().replace(" ", "_") for h in header]
    for name in names:
        if name in normal:
            return normal.index(name)
    return None


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def parse_csv(content: str, ctx: Context) -> Parsed:
    parsed = Parsed()
    lines = content.split("\n")
    reader = csv.reader(io.StringIO(content), delimiter=_delimiter(lines[0]), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise UserError(f"{ctx.label}:1: malformed CSV header: {error}") from None
    if not header or not any(h.strip() for h in header):
        raise UserError(f"{ctx.label}:1: expected a header row naming the time and text columns")
    time_col = _column(header, TIME_NAMES)
    date_col = _column(header, DATE_NAMES)
    if time_col is None and date_col is not None:
        time_col, date_col = date_col, None
    text_col = _column(header, TEXT_NAMES)
    if time_col is None or text_col is None:
        missing = " and ".join(
            what
            for what, col in (
                (f"a time column ({', '.join(TIME_NAMES[:3])}, ...)", time_col),
                (f"a text column ({', '.join(TEXT_NAMES[:4])}, ...)", text_col),
            )
            if col is None
        )
        raise UserError(
            f"{ctx.label}:1: expected a header naming {missing}; found {', '.join(header)}"
        )
    kind_col = _column(header, KIND_NAMES)
    author_col = _column(header, AUTHOR_NAMES)
    note_col = _column(header, NOTE_NAMES)
    id_col = _column(header, ID_NAMES)
    cursor = DayCursor(ctx.day, ctx.zone, parsed.notes)
    total = len(lines)

    def cell(row: list[str], col: int | None) -> str:
        return row[col].strip() if col is not None and col < len(row) else ""

    start = reader.line_num + 1
    while True:
        try:
            row = next(reader, None)
        except csv.Error as error:
            raise UserError(f"{ctx.label}:{start}: malformed CSV: {error}") from None
        if row is None:
            break
        where = f"{ctx.label}:{start}"
        start = reader.line_num + 1
        ctx.tick("lines", reader.line_num, total)
        if not any(c.strip() for c in row):
            continue
        when, text = cell(row, time_col), cell(row, text_col)
        if date_col is not None and cell(row, date_col):
            when = f"{cell(row, date_col)} {when}".strip()
        if not when:
            raise UserError(f"{where}: expected a time in column {header[time_col]!r}")
        if not text:
            raise UserError(f"{where}: expected text in column {header[text_col]!r}")
        at = _time(when, where, header[time_col], cursor)
        note = cell(row, note_col)
        parsed.events.append(
            Imported(
                at=at,
                text=text,
                source=SOURCE,
                source_id=cell(row, id_col) or content_id(at, text),
                kind=cell(row, kind_col) or "event",
                author=cell(row, author_col),
                annotations=[note] if note else [],
                decision_point=decision_marked(text) or decision_marked(note),
            )
        )
    return parsed


def _time(value: str, where: str, column: str, cursor: DayCursor) -> datetime:
    if _EPOCH.match(value):
        return datetime.fromtimestamp(float(value), UTC)
    try:
        split = split_stamp(value, zone_expected=lambda after: not after.strip())
    except StampError as error:
        raise UserError(f"{where}: column {column!r}: {error}") from None
    if split is not None and not split[1].strip():
        return cursor.place(split[0], where)
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        raise UserError(
            f"{where}: column {column!r}: expected a time such as 14:23, 2026-03-22 14:23 or "
            f"2026-03-22T14:23:00Z; found {shorten(value)!r}"
        ) from None
    return at if at.tzinfo is not None else at.replace(tzinfo=cursor.zone)
