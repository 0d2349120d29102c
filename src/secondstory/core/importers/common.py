"""What every timeline importer shares: the parsed-event record, options, time handling, and
the merge into a session (filtering, de-duplication, ordering, new ids).

Parsers turn a file into `Imported` records and never touch the session; `merge` is the only
step that changes it, and it runs after every parser error has had its chance to be raised,
so a bad file changes nothing.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

from pydantic import TypeAdapter

from secondstory.core.errors import UserError
from secondstory.core.model import Session, TimelineEvent, next_id

Progress = Callable[[str, int, int], None]
"""Called as `progress(what, done, total)` every `PROGRESS_EVERY` items of a large input."""

PROGRESS_EVERY = 1000

ROLLOVER_SLACK = timedelta(hours=1)
"""A dateless time earlier than the previous one by more than this is taken as the next day;
smaller steps back are hand-typed lines slightly out of order, kept on the same day."""

NOTE_DUPLICATE_WINDOW = timedelta(seconds=90)
"""A PagerDuty note and the annotate entry it produced are one event if this close in time."""


@dataclass(slots=True)
class Imported:
    """One event read from a source, before it gets an id in the session."""

    at: datetime
    text: str
    source: str
    source_id: str
    kind: str = "event"
    author: str = ""
    annotations: list[str] = field(default_factory=list)
    decision_point: bool = False


@dataclass
class Parsed:
    events: list[Imported] = field(default_factory=list)
    filtered: Counter[str] = field(default_factory=Counter)
    """Entries left out on purpose, by reason (notifications, joins and leaves, ...)."""
    notes: list[str] = field(default_factory=list)
    """`FILE:LINE: note: ...` lines worth telling the user (a midnight rollover, ...)."""


@dataclass(frozen=True)
class ImportOptions:
    format: str = "auto"
    tz: str | None = None
    """Zone for times that name none; default: the incident's timezone."""
    date: date | None = None
    """Day for times without a date; default: the day the incident started."""
    since: str | None = None
    until: str | None = None
    channels: tuple[str, ...] = ()
    """Slack channels to import (names, `#name` or ids); empty means all."""
    pinned_or_reacted: bool = False
    include_notifications: bool = False
    """Keep PagerDuty `notify_log_entry` rows (who was paged how), left out by default."""
    progress: Progress | None = None


@dataclass(frozen=True)
class Context:
    """What a parser needs to know besides the file: names, zone, day and options."""

    label: str
    zone: tzinfo
    day: date | None
    options: ImportOptions

    def tick(self, what: str, done: int, total: int) -> None:
        if self.options.progress is not None and done and done % PROGRESS_EVERY == 0:
            self.options.progress(what, done, total)


# --- time zones -------------------------------------------------------------------------------

_ABBREVIATIONS = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "EST": -300,
    "EDT": -240,
    "CDT": -300,
    "MST": -420,
    "MDT": -360,
    "PST": -480,
    "PDT": -420,
    "CET": 60,
    "CEST": 120,
    "BST": 60,
    "EET": 120,
    "EEST": 180,
    "JST": 540,
    "AEST": 600,
    "AEDT": 660,
    "NZST": 720,
    "NZDT": 780,
}
_AMBIGUOUS = {"CST", "IST", "AST", "ADT"}
_OFFSET = re.compile(r"^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)
ZONE_HELP = "UTC, an offset like +01:00, or an IANA name like Europe/Berlin"


def zone_from_name(name: str) -> tzinfo | None:
    """A zone for `UTC`, `+01:00`, `UTC-5`, `PST`, `Europe/Berlin`; None if unknown."""
    upper = name.upper()
    if upper in _ABBREVIATIONS:
        minutes = _ABBREVIATIONS[upper]
        return UTC if minutes == 0 else timezone(timedelta(minutes=minutes), upper)
    match = _OFFSET.match(name)
    if match:
        sign, hours, mins = match.group(1), int(match.group(2)), int(match.group(3) or 0)
        if hours > 14 or mins > 59:
            return None
        delta = timedelta(hours=hours, minutes=mins)
        return timezone(-delta if sign == "-" else delta)
    if upper in _AMBIGUOUS or not re.fullmatch(r"[A-Za-z][A-Za-z0-9_+\-/]*", name):
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def unknown_zone(name: str) -> str:
    if name.upper() in _AMBIGUOUS:
        return f"the time zone {name!r} is ambiguous; use {ZONE_HELP}"
    return f"unknown time zone {name!r}; use {ZONE_HELP}"


# --- stamps: `[YYYY-MM-DD ]HH:MM[:SS][ am/pm][ ZONE]` ----------------------------------------

_STAMP = re.compile(
    r"(?:(?P<date>\d{4}-\d{2}-\d{2})[ T])?"
    r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:[.,](?P<f>\d+))?)?(?!\d)"
    r"(?:\s?(?P<ampm>[AaPp]\.?[Mm]\.?)(?![A-Za-z]))?"
)
_ZONE_TOKEN = re.compile(
    r"\s*(?P<zone>Z(?![A-Za-z])|[+-]\d{2}:?\d{2}(?!\d)"
    r"|(?:UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?(?![A-Za-z0-9])"
    r"|[A-Za-z_]+/[A-Za-z0-9_+\-/]+|[A-Z]{2,5}(?![A-Za-z]))"
)


class StampError(ValueError):
    """A stamp that looks like a time but is not a valid one (25:00, 2026-02-30)."""


@dataclass(frozen=True)
class Stamp:
    day: date | None
    clock: time
    zone: tzinfo | None


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise StampError(f"{text} is not a date (expected YYYY-MM-DD)") from None


def split_stamp(
    text: str, *, zone_expected: Callable[[str], bool] | None = None
) -> tuple[Stamp, str] | None:
    """Read a stamp at the start of `text`; returns it and the rest, or None if there is none.

    A word after the time that looks like a zone but is not one is left in the rest, unless
    `zone_expected(what follows the word)` says a zone must have been meant: then it is an error.
    """
    match = _STAMP.match(text)
    if match is None:
        return None
    hour, minute = int(match.group("h")), int(match.group("m"))
    second = int(match.group("s") or 0)
    micro = int((match.group("f") or "0")[:6].ljust(6, "0"))
    ampm = (match.group("ampm") or "").replace(".", "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            raise StampError(f"{match.group(0).strip()} is not a time of day (1-12 with am/pm)")
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise StampError(f"{match.group(0).strip()} is not a time of day (00:00 to 23:59:59)")
    day = parse_day(match.group("date")) if match.group("date") else None
    rest = text[match.end() :]
    zone: tzinfo | None = None
    zmatch = _ZONE_TOKEN.match(rest)
    if zmatch:
        candidate = zone_from_name(zmatch.group("zone"))
        if candidate is not None:
            zone, rest = candidate, rest[zmatch.end() :]
        elif zone_expected is not None and zone_expected(rest[zmatch.end() :]):
            raise StampError(unknown_zone(zmatch.group("zone")))
    return Stamp(day, time(hour, minute, second, micro), zone), rest


class DayCursor:
    """Places dateless times on a day: the last date seen, rolling over at midnight.

    Rollover compares the times as written, whatever zone each names: a typist who writes
    `14:26 PDT` then `14:27 UTC` means the same day, though the second is earlier in absolute time.
    """

    def __init__(self, day: date | None, zone: tzinfo, notes: list[str]) -> None:
        self.day = day
        self.zone = zone
        self.notes = notes
        self.previous: datetime | None = None
        """The previous time on the written clock (naive), for the rollover check."""

    def set_day(self, day: date) -> None:
        self.day = day
        self.previous = None

    def place(self, stamp: Stamp, where: str) -> datetime:
        zone = stamp.zone or self.zone
        if stamp.day is not None:
            self.set_day(stamp.day)
        elif self.day is None:
            raise UserError(
                f"{where}: {stamp.clock.isoformat('minutes')} has no date; add a date "
                "line (YYYY-MM-DD) before it, set the incident's start time, or pass --date"
            )
        else:
            written = datetime.combine(self.day, stamp.clock)
            if self.previous is not None and written < self.previous - ROLLOVER_SLACK:
                self.day += timedelta(days=1)
                self.notes.append(
                    f"{where}: note: {stamp.clock.isoformat('minutes')} is earlier than the "
                    f"line before; taken as the next day, {self.day.isoformat()}"
                )
        assert self.day is not None
        self.previous = datetime.combine(self.day, stamp.clock)
        return datetime.combine(self.day, stamp.clock, zone)


def parse_bound(value: str, flag: str, zone: tzinfo, day: date | None) -> datetime:
    """`--since`/`--until`: an ISO date and time, or `HH:MM` on the incident's day."""
    value = value.strip()
    try:
        split = split_stamp(value, zone_expected=lambda after: not after.strip())
    except StampError as error:
        raise UserError(f"{flag}: {error}") from None
    if split is not None and not split[1].strip():
        stamp = split[0]
        use_day = stamp.day or day
        if use_day is None:
            raise UserError(
                f"{flag}: {value} has no date; write a full date and time "
                "(2026-03-22T14:00) or set the incident's start time, or pass --date"
            )
        return datetime.combine(use_day, stamp.clock, stamp.zone or zone)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise UserError(
            f"{flag}: expected an ISO date and time (2026-03-22T14:00:00Z) or HH:MM on the "
            f"incident's day; found {value!r}"
        ) from None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=zone)


def content_id(at: datetime, text: str) -> str:
    """A stable id for sources without their own: a hash of the time and the text."""
    key = f"{at.astimezone(UTC).isoformat()}\n{text}".encode()
    return hashlib.sha1(key, usedforsecurity=False).hexdigest()[:16]


def decision_marked(text: str) -> bool:
    return "decision:" in text.lower()


def shorten(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --- Slack thread ids: the sort key needs the parent's time for replies -----------------------


def slack_source_id(channel: str, ts: str, thread_ts: str | None) -> str:
    """`CHANNEL:TS`, or `CHANNEL:THREAD_TS:TS` for a reply (so it can sort with its parent)."""
    return f"{channel}:{thread_ts}:{ts}" if thread_ts else f"{channel}:{ts}"


def slack_time(ts: str) -> datetime:
    """A Slack `ts` (`1711633260.000100`, seconds since the epoch) as an aware UTC time."""
    whole, _, frac = ts.partition(".")
    seconds = int(whole)
    micros = int(frac[:6].ljust(6, "0")) if frac else 0
    return datetime.fromtimestamp(seconds, UTC) + timedelta(microseconds=micros)


def _parent(source: str, kind: str, source_id: str | None) -> tuple[str, datetime] | None:
    """A Slack reply's parent: its source id and time; None for anything else."""
    if source == "slack" and kind == "reply" and source_id:
        parts = source_id.split(":")
        if len(parts) == 3:
            try:
                return f"{parts[0]}:{parts[1]}", slack_time(parts[1])
            except ValueError:
                return None
    return None


def _order(
    at: datetime, parent: tuple[str, datetime] | None, present: set[str]
) -> tuple[datetime, datetime]:
    # A reply sorts right after its parent, but only when the parent is in the timeline;
    # an orphan reply (parent filtered out) goes by its own time.
    if parent is not None and parent[0] in present:
        return (parent[1], at)
    return (at, at)


def sort_timeline(timeline: list[TimelineEvent]) -> None:
    """Sort in place by time, except that Slack thread replies follow their parent.

    Stable: events at the same time keep their order. The app can call this after an edit.
    """
    present = {e.source_id for e in timeline if e.source == "slack" and e.source_id}
    timeline.sort(key=lambda e: _order(e.at, _parent(e.source, e.kind, e.source_id), present))


# --- merge ------------------------------------------------------------------------------------


def _content_key(source: str, kind: str, text: str) -> str | None:
    # PagerDuty reports a note twice: as an incident note and as the annotate entry it made.
    if source == "pagerduty" and kind in ("note", "annotate"):
        return " ".join(text.split()).lower()
    return None


@functools.cache
def _events_adapter() -> TypeAdapter[list[TimelineEvent]]:
    return TypeAdapter(list[TimelineEvent])


def _events(first_number: int, items: list[Imported]) -> list[TimelineEvent]:
    # One validation call for the whole list: a third faster than building events one by one,
    # which shows on a 10,000-entry import.
    return _events_adapter().validate_python(
        [
            {
                "id": f"E-{first_number + n}",
                "at": item.at,
                "text": item.text,
                "kind": item.kind,
                "decision_point": item.decision_point,
                "source": item.source,
                "source_id": item.source_id,
                "author": item.author,
                "annotations": item.annotations,
            }
            for n, item in enumerate(items)
        ]
    )


@dataclass
class ImportResult:
    source: str
    format: str
    added: list[TimelineEvent]
    duplicates: int
    filtered: Counter[str]
    notes: list[str]

    def summary(self) -> str:
        total = sum(self.filtered.values())
        reasons = ", ".join(f"{why}: {n}" for why, n in sorted(self.filtered.items()))
        filtered = f"filtered {total}" + (f" ({reasons})" if total else "")
        return (
            f"added {len(self.added)} event{'s' if len(self.added) != 1 else ''}, "
            f"skipped {self.duplicates} duplicate{'s' if self.duplicates != 1 else ''}, "
            f"{filtered}"
        )


def merge(
    session: Session,
    parsed: Parsed,
    *,
    source: str,
    fmt: str,
    since: datetime | None = None,
    until: datetime | None = None,
    apply: bool = True,
) -> ImportResult:
    """Add the parsed events that are new to the session's timeline, in time order.

    An event is already there when an event with the same `source` and `source_id` is. The
    timeline is re-sorted (stable, so events at the same time keep their order).
    """
    filtered = Counter(parsed.filtered)
    seen = {(e.source, e.source_id) for e in session.timeline if e.source_id}
    by_content: dict[str, list[datetime]] = {}
    for e in session.timeline:
        existing = _content_key(e.source, e.kind, e.text)
        if existing is not None:
            by_content.setdefault(existing, []).append(e.at)
    fresh: list[Imported] = []
    duplicates = 0
    for item in parsed.events:
        if (since is not None and item.at < since) or (until is not None and item.at > until):
            filtered["outside --since/--until"] += 1
            continue
        key = (item.source, item.source_id)
        content = _content_key(item.source, item.kind, item.text)
        if key in seen or (
            content is not None
            and any(abs(t - item.at) <= NOTE_DUPLICATE_WINDOW for t in by_content.get(content, ()))
        ):
            duplicates += 1
            continue
        seen.add(key)
        if content is not None:
            by_content.setdefault(content, []).append(item.at)
        fresh.append(item)
    present = {e.source_id for e in session.timeline if e.source == "slack" and e.source_id}
    present.update(i.source_id for i in fresh if i.source == "slack")
    fresh.sort(key=lambda i: _order(i.at, _parent(i.source, i.kind, i.source_id), present))
    first = next_id("E", [e.id for e in session.timeline])
    number = int(first.rpartition("-")[2])
    added = _events(number, fresh)
    if apply and added:
        # In place: assigning a new list would re-validate every event of the session.
        session.timeline.extend(added)
        sort_timeline(session.timeline)
    return ImportResult(source, fmt, added, duplicates, filtered, list(parsed.notes))
