"""Times, durations and cross-references in the Markdown postmortem.

The document names items by the ids the meeting gave them (F-1, W-2, CF-3, A-4) and events by
their time, as the timeline table shows them, so a reader can follow an action item back to
the finding, chain, event or parked tangent it came from, and a finding on to what it became.
Labels are plain text: the caller escapes them for where they go (`md_escape.inline` / `cell`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from secondstory.core.model import Session, TimelineEvent

_PROMOTED = {"factor": "contributing factor", "action": "action item"}
_ORIGINS = {
    "chain": "five whys",
    "factor": "contributing factor",
    "finding": "finding",
    "parked": "parking lot item",
    "action": "action item",
}


def utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def duration(delta: timedelta) -> str:
    """`45 s`, `6 min`, `1 h 05 min`, `3 d 4 h`: as precise as a reader needs."""
    seconds = int(delta.total_seconds())
    sign, seconds = ("-", -seconds) if seconds < 0 else ("", seconds)
    if seconds < 60:
        return f"{sign}{seconds} s"
    hours, minutes = divmod(seconds // 60, 60)
    if hours >= 48:
        days, hours = divmod(hours, 24)
        return f"{sign}{days} d {hours} h" if hours else f"{sign}{days} d"
    return f"{sign}{hours} h {minutes:02d} min" if hours else f"{sign}{minutes} min"


class Refs:
    """Labels for one session's items, with the incident's first day as the date to leave out."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._events = {e.id: e for e in session.timeline}
        first = min((e.at for e in session.timeline), default=None)
        self.first_day: date | None = first.astimezone(UTC).date() if first else None

    def when(self, at: datetime, *, zone: bool = True) -> str:
        """`14:21 UTC`; with the date when it is not the incident's first day."""
        moment = at.astimezone(UTC)
        text = moment.strftime("%H:%M")
        if self.first_day is not None and moment.date() != self.first_day:
            text = f"{moment.date().isoformat()} {text}"
        return f"{text} UTC" if zone else text

    def find_event(self, event_id: str | None) -> TimelineEvent | None:
        return self._events.get(event_id) if event_id else None

    def event(self, event_id: str) -> str:
        """`event at 14:21 UTC`, or the id when the event is no longer in the timeline."""
        found = self._events.get(event_id)
        if found is None:
            return f"event {event_id}"
        return f"event at {self.when(found.at)}"

    def promoted(self, promoted_to: str | None) -> str:
        """`action item A-2` for a finding or parked item that became one; empty when not."""
        if not promoted_to:
            return ""
        kind, _, ref = promoted_to.partition(":")
        return f"{_PROMOTED.get(kind, kind)} {ref}".strip()

    def origin(self, origin: str) -> str:
        """Where an action item came from, in words: `finding F-1`, `event at 14:21 UTC`."""
        kind, colon, ref = origin.strip().partition(":")
        if colon and ref and kind == "event":
            return self.event(ref)
        if colon and ref and kind in _ORIGINS:
            return f"{_ORIGINS[kind]} {ref}"
        return origin.strip()
