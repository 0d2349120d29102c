"""Action item deadlines typed in the meeting, always turned into an absolute date.

Read relative to the meeting date (case and extra spaces do not matter):

- `2026-04-01` (also `2026/04/01`), `1 april`, `apr 1`, `1 apr 2027` (no year: the next one
  on or after the meeting day);
- `3 days`, `in 3 days`, `3d`, `+3d`, `1 week`, `two weeks`, `a month`, `2w`, `fortnight`;
- `5 business days` (also `working days`): Monday to Friday, holidays are not known;
- `today`, `tomorrow`, `next week` (7 days), `next month`;
- `friday`, `fri`, `this friday`, `next friday`: the first such weekday after the meeting day
  (never the meeting day itself). "Next friday" is ambiguous in speech; the table always shows
  the absolute date and weekday, so the room sees which Friday it became and can type a date;
- `end of week` (the first Friday after the meeting), `end of month`, `end of next month`,
  `end of quarter` (a month or quarter that ends on the meeting day moves to the next one).

A deadline before the meeting day is refused. Standard library only: pendulum would cost
~80 ms of import for nothing these rules need.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

from secondstory.core.errors import UserError

EXPECTED = (
    "expected a deadline such as 3 days, 1 week, 2 weeks, next friday, end of month, "
    "or a date like 2026-04-01"
)

WEEKDAYS = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
# Spelled out rather than taken from `calendar`, whose names follow the process locale.
_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTHS = {name: i for i, name in enumerate(_MONTH_NAMES, 1)} | {
    name[:3]: i for i, name in enumerate(_MONTH_NAMES, 1)
}
MONTHS["sept"] = 9
DAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_UNIT_DAYS = {
    "d": 1,
    "day": 1,
    "days": 1,
    "w": 7,
    "wk": 7,
    "wks": 7,
    "week": 7,
    "weeks": 7,
    "fortnight": 14,
    "fortnights": 14,
}
_MONTH_UNITS = {"mo": 1, "month": 1, "months": 1, "y": 12, "year": 12, "years": 12}
_BUSINESS = {"business", "working", "work", "workdays", "weekdays"}
_MAX_DAYS = 3660
"""Ten years: anything further is a typo, and keeps date arithmetic far from its limits."""

_FLAGS = re.ASCII | re.IGNORECASE
_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$", _FLAGS)
_AMOUNT = re.compile(
    r"^(?:in\s+)?\+?\s*(\d{1,5}|[a-z]+)\s*"
    r"(?:(business|working|work)\s+)?([a-z]+)(?:\s+(?:from\s+now|later|after))?$",
    _FLAGS,
)
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?(?:,?\s+(\d{4}))?$", _FLAGS)
_MONTH_DAY = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$", _FLAGS)


def _err(text: str, detail: str = EXPECTED) -> UserError:
    shown = text if len(text) <= 60 else text[:57] + "..."
    return UserError(f"deadline {shown!r}: {detail}")


def add_months(day: date, months: int) -> date:
    """`day` moved by whole calendar months; the 31st becomes the month's last day if needed."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_business_days(day: date, count: int) -> date:
    """`count` weekdays after `day` (Saturday and Sunday skipped; holidays are not known)."""
    weeks, rest = divmod(count, 5)
    result = day + timedelta(weeks=weeks)
    while rest:
        result += timedelta(days=1)
        if result.weekday() < 5:
            rest -= 1
    # Landing on a weekend (only when starting on one with a multiple of five) moves to Monday.
    while result.weekday() >= 5:
        result += timedelta(days=1)
    return result


def next_weekday(day: date, weekday: int) -> date:
    """The first `weekday` (Monday 0) strictly after `day`."""
    ahead = (weekday - day.weekday() - 1) % 7 + 1
    return day + timedelta(days=ahead)


def _month_end(day: date, months_ahead: int = 0) -> date:
    first = add_months(day.replace(day=1), months_ahead)
    end = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return end if end > day else _month_end(day, months_ahead + 1)


def _quarter_end(day: date) -> date:
    quarter_last_month = (day.month - 1) // 3 * 3 + 3
    end = date(day.year, quarter_last_month, calendar.monthrange(day.year, quarter_last_month)[1])
    return end if end > day else _month_end(end, 3)


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def _named_date(text: str, day_s: str, month_s: str, year_s: str | None, meeting: date) -> date:
    month = MONTHS.get(month_s)
    if month is None:
        raise _err(text)
    day = int(day_s)
    try:
        if year_s:
            return date(int(year_s), month, day)
        candidate = date(meeting.year, month, day)
        if candidate < meeting:
            candidate = date(meeting.year + 1, month, day)
        return candidate
    except ValueError:
        raise _err(text, f"{day_s} {month_s} is not a calendar date") from None


def _amount(text: str, match: re.Match[str], meeting: date) -> date | None:
    count = _number(match.group(1).lower())
    unit = match.group(3).lower()
    business = match.group(2) is not None
    if count is None:
        return None
    if count > _MAX_DAYS:
        raise _err(text, "that is more than ten years away")
    if business or unit in {"workdays", "weekdays"}:
        if unit not in {"day", "days", "d", "workdays", "weekdays"}:
            return None
        return add_business_days(meeting, count)
    if unit in _UNIT_DAYS:
        return meeting + timedelta(days=count * _UNIT_DAYS[unit])
    if unit in _MONTH_UNITS:
        return add_months(meeting, count * _MONTH_UNITS[unit])
    return None


_SIMPLE: dict[str, Callable[[date], date]] = {
    "today": lambda m: m,
    "tomorrow": lambda m: m + timedelta(days=1),
    "day after tomorrow": lambda m: m + timedelta(days=2),
    "next week": lambda m: m + timedelta(days=7),
    "fortnight": lambda m: m + timedelta(days=14),
    "in a fortnight": lambda m: m + timedelta(days=14),
    "next month": lambda m: add_months(m, 1),
    "end of week": lambda m: next_weekday(m, 4),
    "end of the week": lambda m: next_weekday(m, 4),
    "eow": lambda m: next_weekday(m, 4),
    "end of month": _month_end,
    "end of the month": _month_end,
    "eom": _month_end,
    "end of next month": lambda m: _month_end(_month_end(m)),
    "end of quarter": _quarter_end,
    "end of the quarter": _quarter_end,
    "eoq": _quarter_end,
}


def _parse(text: str, words: str, meeting: date) -> date | None:
    simple = _SIMPLE.get(words.removeprefix("by ").removeprefix("the "))
    if simple is not None:
        return simple(meeting)
    iso = _ISO.match(words)
    if iso:
        try:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            raise _err(text, f"{words} is not a calendar date (expected YYYY-MM-DD)") from None
    weekday = re.fullmatch(r"(?:(?:this|next|coming|on|by)\s+)?([a-z]+)", words, _FLAGS)
    if weekday and weekday.group(1) in WEEKDAYS:
        return next_weekday(meeting, WEEKDAYS[weekday.group(1)])
    for pattern, order in ((_DAY_MONTH, (1, 2)), (_MONTH_DAY, (2, 1))):
        named = pattern.match(words)
        if named and named.group(order[1]) in MONTHS:
            return _named_date(
                text, named.group(order[0]), named.group(order[1]), named.group(3), meeting
            )
    amount = _AMOUNT.match(words)
    if amount:
        return _amount(text, amount, meeting)
    return None


def parse_deadline(text: str, meeting_date: date) -> date:
    """A typed deadline as an absolute date (see the module doc for the forms).

    Raises `UserError` for anything else, and for a date before `meeting_date`.
    """
    words = " ".join(text.lower().split()).strip(" .!")
    if not words:
        raise _err(text)
    try:
        result = _parse(text, words, meeting_date)
    except (OverflowError, ValueError):
        # Only date arithmetic at the ends of the calendar (year 1, year 9999) gets here.
        raise _err(text, "that is outside the calendar") from None
    if result is None:
        raise _err(text)
    if (result - meeting_date).days > _MAX_DAYS:
        raise _err(text, f"{result.isoformat()} is more than ten years after the meeting")
    if result < meeting_date:
        raise _err(
            text,
            f"{result.isoformat()} is before the meeting ({meeting_date.isoformat()}); "
            "a deadline comes after it",
        )
    return result


def days_after(deadline: date, meeting_date: date) -> int:
    return (deadline - meeting_date).days


def format_distance(days: int) -> str:
    """`+5 days`, `+1 week`, `+2 weeks`, `meeting day`, `3 days before`."""
    if days == 0:
        return "meeting day"
    size = abs(days)
    if size % 7 == 0:
        amount = f"{size // 7} week" + ("s" if size != 7 else "")
    else:
        amount = f"{size} day" + ("s" if size != 1 else "")
    return f"+{amount}" if days > 0 else f"{amount} before"


def format_deadline(deadline: date, meeting_date: date | None = None) -> str:
    """`2026-04-03 Fri (+12 days)`: the absolute date, its weekday and the distance from the
    meeting; without a meeting date just `2026-04-03 Fri`."""
    text = f"{deadline.isoformat()} {DAY_ABBR[deadline.weekday()]}"
    if meeting_date is None:
        return text
    return f"{text} ({format_distance(days_after(deadline, meeting_date))})"
