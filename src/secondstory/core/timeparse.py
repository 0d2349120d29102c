"""Event times typed by the facilitator, and the clock strings the timeline shows.

Accepted input (case does not matter):

- a bare time `14:23`, `14:23:05`, `2:23 pm`, `2pm`, read in the session's time zone;
- a time with a zone: `14:23 UTC`, `14:23Z`, `14:23 Europe/Berlin`, `14:23 +01:00`,
  `14:23 CET` (abbreviations: the session's and attendees' zones first, then a fixed table);
- a date and time: `2026-03-22 14:23`, `2026-03-22 14:23 +01:00`, ISO `2026-03-22T14:23:05Z`;
- a relative time after the previous event: `+5m`, `+90s`, `+1h30m`, `+1h 30m`, `-2m`.

A bare time gets its date from the context's anchor (the previous event, or the incident start):
of the same clock time on the anchor's day, the day before and the day after, the one nearest
the anchor wins. So `00:05` after an event at 23:50 lands on the next day (midnight rolled), and
`23:55` typed after 00:05 lands on the day before. A local time that does not exist (skipped by
a daylight-saving change) is refused; one that happens twice takes the first occurrence.

Every result is an aware datetime in UTC. Every mistake raises `UserError` saying what was
expected; nothing else escapes, whatever is typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from secondstory.core.errors import UserError
from secondstory.core.model import Session

EXPECTED = (
    "expected a time such as 14:23, 14:23:05 UTC, 14:23 Europe/Berlin, "
    "2026-03-22 14:23 +01:00, or +5m after the previous event"
)

# Fixed offsets (minutes) for abbreviations people type. Zones in the session are asked first,
# so `IST` means Dublin summer time in a session whose attendees are in Europe/Dublin.
ABBREVIATIONS: dict[str, int] = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "WET": 0,
    "WEST": 60,
    "BST": 60,
    "CET": 60,
    "CEST": 120,
    "EET": 120,
    "EEST": 180,
    "MSK": 180,
    "IST": 330,
    "SGT": 480,
    "HKT": 480,
    "JST": 540,
    "KST": 540,
    "AEST": 600,
    "AEDT": 660,
    "NZST": 720,
    "NZDT": 780,
    "HST": -600,
    "AKST": -540,
    "AKDT": -480,
    "PST": -480,
    "PDT": -420,
    "MST": -420,
    "MDT": -360,
    "CST": -360,
    "CDT": -300,
    "EST": -300,
    "EDT": -240,
}

_UNITS = {
    "d": 86400,
    "day": 86400,
    "days": 86400,
    "h": 3600,
    "hr": 3600,
    "hrs": 3600,
    "hour": 3600,
    "hours": 3600,
    "m": 60,
    "min": 60,
    "mins": 60,
    "minute": 60,
    "minutes": 60,
    "s": 1,
    "sec": 1,
    "secs": 1,
    "second": 1,
    "seconds": 1,
}
_FLAGS = re.ASCII | re.IGNORECASE
_RELATIVE = re.compile(r"^([+-])\s*((?:\d{1,6}\s*[a-z]+\s*)+)$", _FLAGS)
_RELATIVE_PART = re.compile(r"(\d{1,6})\s*([a-z]+)", _FLAGS)
_ABSOLUTE = re.compile(
    r"""^
    (?:(?P<date>\d{4}-\d{1,2}-\d{1,2})(?:\s*T\s*|\s+))?
    (?P<hour>\d{1,2})
    (?::(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d{1,6})\d*)?)?)?
    \s*(?P<ampm>[ap]\.?\s?m\.?(?![a-z]))?
    \s*(?P<zone>.*)
    $""",
    re.VERBOSE | _FLAGS,
)
_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$", _FLAGS)
_MAX_RELATIVE = timedelta(days=366)


@dataclass(frozen=True)
class TimeContext:
    """What a typed time is read against."""

    zone: str = "UTC"
    """IANA zone for bare times (the session's `Incident.timezone`)."""
    anchor: datetime | None = None
    """Picks the day of a bare time: the previous event, or the incident start."""
    previous: datetime | None = None
    """Relative times (`+5m`) count from here; defaults to the anchor."""
    also_zones: tuple[str, ...] = ()
    """Further zones whose abbreviations are understood (attendees' zones)."""


def _err(text: str, detail: str = EXPECTED) -> UserError:
    shown = text if len(text) <= 60 else text[:57] + "..."
    return UserError(f"time {shown!r}: {detail}")


@lru_cache(maxsize=256)
def _zone_by_name(name: str) -> tzinfo | None:
    if name.upper() in {"UTC", "Z", "ETC/UTC"}:
        return UTC
    # ZoneInfo accepts paths; refuse anything that is not a plain zone key before asking it.
    if not re.fullmatch(r"[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+){0,2}", name) or ".." in name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        pass
    folded = _zones_folded().get(name.lower())
    return ZoneInfo(folded) if folded else None


@lru_cache(maxsize=1)
def _zones_folded() -> dict[str, str]:
    # Only built when someone types a zone in the wrong case: listing zones reads the tz database.
    from zoneinfo import available_timezones

    return {key.lower(): key for key in available_timezones()}


def get_zone(name: str) -> tzinfo:
    """The tzinfo for an IANA zone name (any case), or `UserError` naming what was expected."""
    zone = _zone_by_name(name.strip())
    if zone is None:
        raise UserError(
            f"time zone {name!r}: expected an IANA zone such as UTC, Europe/Berlin or "
            "America/New_York"
        )
    return zone


def is_zone(name: str) -> bool:
    return _zone_by_name(name.strip()) is not None


def _fixed(minutes: int) -> tzinfo:
    return UTC if minutes == 0 else timezone(timedelta(minutes=minutes))


def _abbreviation_zone(word: str, context: TimeContext, near: date) -> tzinfo | None:
    upper = word.upper()
    noon = datetime.combine(near, time(12))
    for name in (context.zone, *context.also_zones):
        zone = _zone_by_name(name) if name else None
        if zone is None:
            continue
        for probe in (noon, noon.replace(month=1, day=1), noon.replace(month=7, day=1)):
            local = probe.replace(tzinfo=zone)
            if local.tzname() == upper:
                offset = local.utcoffset()
                if offset is not None:
                    return timezone(offset) if offset else UTC
    if upper in ABBREVIATIONS:
        return _fixed(ABBREVIATIONS[upper])
    return None


def _parse_zone(raw: str, text: str, context: TimeContext, near: date) -> tzinfo | None:
    """None means "no zone typed": the caller uses the session zone."""
    word = raw.strip()
    if not word:
        return None
    offset = _OFFSET.match(word)
    if offset:
        sign, hours, minutes = offset.groups()
        total = int(hours) * 60 + int(minutes or 0)
        if int(hours) > 23 or int(minutes or 0) > 59:
            raise _err(text, f"offset {word!r} is out of range (-23:59 to +23:59)")
        return _fixed(-total if sign == "-" else total)
    zone = _abbreviation_zone(word, context, near) if word.isalpha() else None
    if zone is None:
        zone = _zone_by_name(word)
    if zone is None:
        raise _err(
            text,
            f"unknown time zone {word!r}: expected UTC, an offset such as +01:00, "
            "or a zone such as Europe/Berlin",
        )
    return zone


def _relative(text: str, match: re.Match[str], context: TimeContext) -> datetime:
    base = context.previous or context.anchor
    if base is None:
        raise _err(text, "a relative time such as +5m needs a previous event; type a clock time")
    seconds = 0
    for number, unit in _RELATIVE_PART.findall(match.group(2)):
        if unit.lower() not in _UNITS:
            raise _err(text, f"unknown unit {unit!r}: use s, m, h or d, as in +1h30m")
        seconds += int(number) * _UNITS[unit.lower()]
    if seconds > _MAX_RELATIVE.total_seconds():
        raise _err(text, "a relative time of more than a year is surely a typo")
    delta = timedelta(seconds=seconds)
    try:
        result = base + delta if match.group(1) == "+" else base - delta
        return result.astimezone(UTC)
    except OverflowError:
        raise _err(text, "that is outside the calendar") from None


def _clock_parts(text: str, match: re.Match[str]) -> time:
    hour = int(match.group("hour"))
    minute_s, second_s = match.group("minute"), match.group("second")
    ampm = match.group("ampm")
    if minute_s is None and ampm is None:
        raise _err(text)
    if ampm:
        if not 1 <= hour <= 12:
            raise _err(text, f"{hour} is not an hour on a 12-hour clock (1 to 12 am/pm)")
        hour = hour % 12 + (12 if ampm[0].lower() == "p" else 0)
    minute = int(minute_s or 0)
    second = int(second_s or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise _err(text, "hours run 00-23, minutes and seconds 00-59")
    fraction = match.group("fraction")
    micro = int(fraction.ljust(6, "0")) if fraction else 0
    return time(hour, minute, second, micro)


def _parse_date(text: str, raw: str) -> date:
    try:
        year, month, day = (int(p) for p in raw.split("-"))
        return date(year, month, day)
    except ValueError:
        raise _err(text, f"{raw} is not a calendar date (expected YYYY-MM-DD)") from None


def _localise(naive: datetime, zone: tzinfo, text: str) -> datetime:
    local = naive.replace(tzinfo=zone)
    try:
        back = local.astimezone(UTC).astimezone(zone)
    except OverflowError:
        raise _err(text, "that is outside the calendar") from None
    if back.replace(tzinfo=None) != naive:
        name = getattr(zone, "key", str(zone))
        raise _err(
            text,
            f"{naive:%H:%M} does not exist in {name} on {naive:%Y-%m-%d} "
            "(the clocks went forward); give the time in UTC",
        )
    return local


def parse_event_time(text: str, context: TimeContext) -> datetime:
    """An event time typed by the facilitator, as an aware UTC datetime (see module doc)."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise _err(text)
    relative = _RELATIVE.match(cleaned)
    if relative:
        return _relative(text, relative, context)
    match = _ABSOLUTE.match(cleaned)
    if not match:
        raise _err(text)
    clock = _clock_parts(text, match)
    typed_date = _parse_date(text, match.group("date")) if match.group("date") else None
    anchor = context.anchor or context.previous
    near = typed_date or (anchor.date() if anchor else date(2000, 1, 1))
    zone = _parse_zone(match.group("zone"), text, context, near)
    if zone is None:
        zone = get_zone(context.zone) if context.zone else UTC
    if typed_date is not None:
        return _localise(datetime.combine(typed_date, clock), zone, text).astimezone(UTC)
    if anchor is None:
        raise _err(
            text,
            "no date to put it on yet: type the date too, such as 2026-03-22 14:23",
        )
    try:
        anchor_day = anchor.astimezone(zone).date()
        candidates = []
        for shift in (-1, 0, 1):
            naive = datetime.combine(anchor_day + timedelta(days=shift), clock)
            try:
                candidates.append(_localise(naive, zone, text).astimezone(UTC))
            except UserError:
                if shift == 0:
                    raise
    except OverflowError:
        raise _err(text, "that is outside the calendar") from None
    return min(candidates, key=lambda c: (abs(c - anchor), c))


def session_time_context(
    session: Session, *, after: int | None = None, editing: int | None = None
) -> TimeContext:
    """The context for typing a time in a session.

    `after=i`: a new event after row i (anchor and `+5m` base: row i). `editing=i`: row i's
    new time (the day comes from its current time, `+5m` counts from the row before it).
    Neither: a new event at the end (after the last row; with an empty timeline the anchor is
    the incident start, else the first header time that is set).
    """
    timeline = session.timeline
    incident = session.incident
    header = (
        incident.started_at
        or incident.detected_at
        or incident.acknowledged_at
        or incident.mitigated_at
        or incident.resolved_at
    )
    anchor: datetime | None
    previous: datetime | None
    if editing is not None and 0 <= editing < len(timeline):
        anchor = timeline[editing].at
        previous = timeline[editing - 1].at if editing > 0 else header or anchor
    elif after is not None and 0 <= after < len(timeline):
        anchor = previous = timeline[after].at
    elif timeline:
        anchor = previous = timeline[-1].at
    else:
        anchor = previous = header
    zones = [incident.timezone] + [p.timezone for p in session.people if p.timezone]
    also = tuple(dict.fromkeys(z for z in zones[1:] if z and z != zones[0]))
    return TimeContext(
        zone=incident.timezone or "UTC", anchor=anchor, previous=previous, also_zones=also
    )


def zone_abbreviation(at: datetime, zone: str) -> str:
    """`CET`, `EDT`, `UTC`...; zones without a letter abbreviation give their offset (`+03`)."""
    name = at.astimezone(get_zone(zone)).tzname() or zone
    return "UTC" if name in {"UTC", "Z"} else name


def format_clock(
    at: datetime, zone: str = "UTC", *, seconds: bool = False, label: bool = False
) -> str:
    """`14:23` in `zone`; `seconds` adds `:05`; `label` appends the abbreviation (`15:23 CET`)."""
    local = at.astimezone(get_zone(zone))
    text = local.strftime("%H:%M:%S" if seconds else "%H:%M")
    if label:
        text += " " + ("UTC" if zone.upper() == "UTC" else (local.tzname() or zone))
    return text


def format_utc(at: datetime, *, seconds: bool = False) -> str:
    """The timeline's main column: UTC `HH:MM` (`HH:MM:SS` with `seconds`)."""
    return format_clock(at, "UTC", seconds=seconds)


def format_event_time(at: datetime, zone: str = "UTC") -> str:
    """A full, re-parsable form for edit fields: `2026-03-22 14:23 UTC`, `... 15:23:05 +01:00`.

    Seconds appear when non-zero; fractions of a second are dropped.
    """
    local = at.astimezone(get_zone(zone))
    clock = "%H:%M:%S" if local.second else "%H:%M"
    if zone.upper() == "UTC":
        return local.strftime(f"%Y-%m-%d {clock}") + " UTC"
    offset = local.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    minutes = abs(minutes)
    return local.strftime(f"%Y-%m-%d {clock}") + f" {sign}{minutes // 60:02d}:{minutes % 60:02d}"


def format_relative(delta: timedelta) -> str:
    """`+1h30m`, `+90s` → `+1m30s`, `-2m`: the form `parse_event_time` reads back."""
    total = int(delta.total_seconds())
    sign = "-" if total < 0 else "+"
    total = abs(total)
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{v}{u}" for v, u in ((days, "d"), (hours, "h"), (minutes, "m"), (secs, "s")) if v]
    return sign + ("".join(parts) or "0s")
