"""Deadlines typed as words, always turned into an absolute date."""

from __future__ import annotations

import contextlib
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secondstory.core.deadlines import (
    add_business_days,
    add_months,
    format_deadline,
    format_distance,
    next_weekday,
    parse_deadline,
)
from secondstory.core.errors import UserError

MEETING = date(2026, 3, 25)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 days", date(2026, 3, 28)),
        ("in 3 days", date(2026, 3, 28)),
        ("3d", date(2026, 3, 28)),
        ("+3d", date(2026, 3, 28)),
        ("1 day", date(2026, 3, 26)),
        ("1 week", date(2026, 4, 1)),
        ("a week", date(2026, 4, 1)),
        ("2 weeks", date(2026, 4, 8)),
        ("two weeks", date(2026, 4, 8)),
        ("2w", date(2026, 4, 8)),
        ("fortnight", date(2026, 4, 8)),
        ("1 month", date(2026, 4, 25)),
        ("a month", date(2026, 4, 25)),
        ("5 business days", date(2026, 4, 1)),
        ("3 working days", date(2026, 3, 30)),
        ("today", MEETING),
        ("tomorrow", date(2026, 3, 26)),
        ("next week", date(2026, 4, 1)),
        ("next month", date(2026, 4, 25)),
        ("friday", date(2026, 3, 27)),
        ("Fri", date(2026, 3, 27)),
        ("next friday", date(2026, 3, 27)),
        ("this friday", date(2026, 3, 27)),
        ("by Friday", date(2026, 3, 27)),
        ("wednesday", date(2026, 4, 1)),
        ("monday", date(2026, 3, 30)),
        ("end of week", date(2026, 3, 27)),
        ("end of month", date(2026, 3, 31)),
        ("End Of The Month.", date(2026, 3, 31)),
        ("end of next month", date(2026, 4, 30)),
        ("end of quarter", date(2026, 3, 31)),
        ("2026-04-01", date(2026, 4, 1)),
        ("2026/4/1", date(2026, 4, 1)),
        ("1 april", date(2026, 4, 1)),
        ("April 1st", date(2026, 4, 1)),
        ("apr 1, 2027", date(2027, 4, 1)),
        ("1 mar", date(2027, 3, 1)),
    ],
)
def test_accepted_forms(text: str, expected: date) -> None:
    assert parse_deadline(text, MEETING) == expected


def test_month_end_and_quarter_end_on_the_last_day_move_on() -> None:
    last = date(2026, 3, 31)
    assert parse_deadline("end of month", last) == date(2026, 4, 30)
    assert parse_deadline("end of quarter", last) == date(2026, 6, 30)


def test_friday_on_a_friday_is_the_next_one() -> None:
    assert parse_deadline("friday", date(2026, 3, 27)) == date(2026, 4, 3)


def test_calendar_helpers() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)
    assert add_business_days(date(2026, 3, 27), 1) == date(2026, 3, 30)  # Fri → Mon
    assert add_business_days(date(2026, 3, 28), 5) == date(2026, 4, 6)  # Sat + 5 → Mon
    assert next_weekday(date(2026, 3, 25), 2) == date(2026, 4, 1)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "expected a deadline such as 3 days"),
        ("soonish", "expected a deadline such as 3 days"),
        ("3 fortnightly", "expected a deadline such as 3 days"),
        ("2026-02-30", "not a calendar date"),
        ("31 feb", "not a calendar date"),
        ("2026-03-01", "is before the meeting (2026-03-25)"),
        ("99999 days", "more than ten years"),
        ("2099-01-01", "more than ten years"),
        ("3 business weeks", "expected a deadline"),
    ],
)
def test_rejected_forms_say_what_was_expected(text: str, fragment: str) -> None:
    with pytest.raises(UserError) as info:
        parse_deadline(text, MEETING)
    assert fragment in str(info.value)
    assert str(info.value).startswith("deadline ")


def test_format_deadline_shows_absolute_date_and_distance() -> None:
    assert format_deadline(date(2026, 4, 1), MEETING) == "2026-04-01 Wed (+1 week)"
    assert format_deadline(date(2026, 4, 8), MEETING) == "2026-04-08 Wed (+2 weeks)"
    assert format_deadline(date(2026, 3, 28), MEETING) == "2026-03-28 Sat (+3 days)"
    assert format_deadline(date(2026, 3, 26), MEETING) == "2026-03-26 Thu (+1 day)"
    assert format_deadline(MEETING, MEETING) == "2026-03-25 Wed (meeting day)"
    assert format_deadline(date(2026, 3, 22), MEETING) == "2026-03-22 Sun (3 days before)"
    assert format_deadline(date(2026, 4, 1)) == "2026-04-01 Wed"
    assert format_distance(-14) == "2 weeks before"


meetings = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


@given(meetings, st.integers(min_value=0, max_value=3650))
def test_round_trip_iso_date(meeting: date, days: int) -> None:
    deadline = meeting + timedelta(days=days)
    assert parse_deadline(deadline.isoformat(), meeting) == deadline
    shown = format_deadline(deadline, meeting)
    assert parse_deadline(shown.split()[0], meeting) == deadline


@given(meetings, st.integers(min_value=0, max_value=500))
def test_days_and_weeks_are_exact(meeting: date, n: int) -> None:
    assert parse_deadline(f"{n} days", meeting) == meeting + timedelta(days=n)
    assert parse_deadline(f"in {n} weeks", meeting) == meeting + timedelta(weeks=n)


@given(meetings, st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]))
def test_weekday_is_within_the_next_seven_days(meeting: date, day: str) -> None:
    result = parse_deadline(f"next {day}", meeting)
    assert 1 <= (result - meeting).days <= 7
    assert result.strftime("%a").lower() == day


@given(meetings, st.integers(min_value=0, max_value=200))
def test_business_days_never_land_on_a_weekend(meeting: date, n: int) -> None:
    result = parse_deadline(f"{n} business days", meeting)
    assert result.weekday() < 5
    assert result >= meeting


@settings(max_examples=300)
@given(st.text(max_size=40), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_junk_raises_only_user_error(text: str, meeting: date) -> None:
    try:
        result = parse_deadline(text, meeting)
    except UserError:
        return
    assert result >= meeting


deadline_like = st.from_regex(
    r"\A(in |\+|next |end of )?\d{0,6} ?(days?|weeks?|months?|business days|fri|april|d|w)?"
    r"( \d{1,5})?\Z",
    fullmatch=True,
)


@settings(max_examples=300)
@given(deadline_like, st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_near_miss_input_raises_only_user_error(text: str, meeting: date) -> None:
    with contextlib.suppress(UserError):
        parse_deadline(text, meeting)


@pytest.mark.parametrize("meeting", [date(9999, 12, 31), date(9999, 12, 25), date(1, 1, 1)])
@pytest.mark.parametrize(
    "text",
    [
        "next month",
        "end of month",
        "end of next month",
        "end of quarter",
        "12 months",
        "2 years",
        "tomorrow",
        "3 weeks",
        "friday",
        "5 business days",
        "1 jan",
        "31 dec",
    ],
)
def test_ends_of_the_calendar_give_user_errors(meeting: date, text: str) -> None:
    try:
        result = parse_deadline(text, meeting)
    except UserError:
        return
    assert result >= meeting
