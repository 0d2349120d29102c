"""Action item deadlines and follow-up checks as an iCalendar file (RFC 5545).

One VTODO per action item with a deadline (DUE, SUMMARY, DESCRIPTION, PRIORITY, STATUS), and one
all-day VEVENT for each follow-up checkpoint counted from the meeting day: the closure check
(day 7), day 14 (items in progress) and day 30 (items done). Lines end in CRLF, are folded at 75
octets without splitting a character, and text escapes backslash, `;`, `,` and line breaks.

The output is reproducible: DTSTAMP is the latest time recorded in the session (a status change,
a clock stamp, the scheduled meeting), not the time of export, and UIDs derive from the incident
and item ids, so importing a newer export updates the same entries.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from secondstory import __version__
from secondstory.core.closure import CLOSE_CHECK_DAY, COMPLETED_DAY, IN_PROGRESS_DAY
from secondstory.core.errors import UserError
from secondstory.core.exporters.trackers import clean, issue_body, issue_title
from secondstory.core.model import ActionItem, Session

PRIORITY = {"P0": 1, "P1": 3, "P2": 5, "P3": 7}
STATUS = {
    "open": "NEEDS-ACTION",
    "in-progress": "IN-PROCESS",
    "done": "COMPLETED",
    "wont-do": "CANCELLED",
}
LINE_OCTETS = 75
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def escape_text(text: str) -> str:
    """A TEXT value: backslash, semicolon, comma and line breaks escaped, other controls dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    text = text.replace("\n", "\\n")
    return _CONTROL.sub("", text)


def fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets.

    A fold never splits a UTF-8 character or a backslash escape (RFC 5545 allows the latter,
    but some readers unescape before they unfold).
    """
    if len(line.encode("utf-8")) <= LINE_OCTETS:
        return line
    units = re.findall(r"\\.|.", line, re.DOTALL)
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for unit in units:
        octets = len(unit.encode("utf-8"))
        if size + octets > LINE_OCTETS:
            pieces.append("".join(current))
            current, size = [], 1  # a continuation line starts with one space
        current.append(unit)
        size += octets
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _day(value: date) -> str:
    return value.strftime("%Y%m%d")


def stamp_of(session: Session) -> datetime:
    """The latest time the session records: stands in for "now" so exports are reproducible."""
    stamps: list[datetime] = []
    for phase in session.agenda.phases:
        for interval in phase.actual:
            stamps.append(interval.start)
            if interval.end is not None:
                stamps.append(interval.end)
    stamps += [c.at for a in session.actions for c in a.history]
    inc = session.incident
    for value in (
        session.meeting.scheduled_at,
        session.closing.closed_at,
        inc.started_at,
        inc.resolved_at,
    ):
        if value is not None:
            stamps.append(value)
    return max(stamps, default=_EPOCH)


def _uid(session: Session, part: str) -> str:
    return escape_text(f"{session.incident.id}.{clean(part)}@secondstory")


def _done_at(action: ActionItem) -> datetime | None:
    for change in reversed(action.history):
        if change.status == "done":
            return change.at
    return None


def _todo(session: Session, action: ActionItem, stamp: str) -> list[str]:
    assert action.deadline is not None
    lines = [
        "BEGIN:VTODO",
        f"UID:{_uid(session, 'action.' + action.id)}",
        f"DTSTAMP:{stamp}",
        f"SUMMARY:{escape_text(f'{issue_title(action)} ({session.incident.id})')}",
        f"DESCRIPTION:{escape_text(issue_body(session, action).rstrip())}",
        f"DUE;VALUE=DATE:{_day(action.deadline)}",
        f"PRIORITY:{PRIORITY[action.priority]}",
        f"STATUS:{STATUS[action.status]}",
        "CATEGORIES:postmortem",
    ]
    done_at = _done_at(action) if action.status == "done" else None
    if done_at is not None:
        lines.append(f"COMPLETED:{_utc(done_at)}")
    lines.append("END:VTODO")
    return lines


def _checks(session: Session, met: date) -> list[tuple[int, str, str]]:
    inc = f"{session.incident.id}: {clean(session.incident.title).strip()}"
    items = (
        "\n".join(f"- {clean(a.id)} [{a.priority}] {issue_title(a)}" for a in session.actions)
        or "(no action items)"
    )
    return [
        (
            CLOSE_CHECK_DAY,
            "closure check",
            f"Can {inc} close? Every P0 item done, every P1 in progress or done; the team "
            f"confident; new insights recorded. Run: secondstory close-check "
            f"{session.incident.id}\n\n{items}",
        ),
        (
            IN_PROGRESS_DAY,
            "day-14 follow-up",
            f"Every action item of {inc} should be in progress.\n\n{items}",
        ),
        (
            COMPLETED_DAY,
            "day-30 follow-up",
            f"Every action item of {inc} should be done.\n\n{items}",
        ),
    ]


def render_ics(session: Session) -> str:
    met = session.meeting_date()
    dated = [a for a in session.actions if a.deadline is not None]
    if not dated and met is None:
        raise UserError(
            f"{session.incident.id}: nothing to put in a calendar yet: no action item has a "
            "deadline and the meeting has no date"
        )
    stamp = _utc(stamp_of(session))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//secondstory//secondstory {__version__}//EN",
        "CALSCALE:GREGORIAN",
    ]
    for action in dated:
        lines += _todo(session, action, stamp)
    if met is not None:
        for day, name, text in _checks(session, met):
            when = met + timedelta(days=day)
            lines += [
                "BEGIN:VEVENT",
                f"UID:{_uid(session, f'day{day}')}",
                f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{_day(when)}",
                f"DTEND;VALUE=DATE:{_day(when + timedelta(days=1))}",
                f"SUMMARY:{escape_text(f'{session.incident.id}: {name}')}",
                f"DESCRIPTION:{escape_text(text)}",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
