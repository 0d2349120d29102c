"""Event time input and the timeline's clock strings."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secondstory.core.errors import UserError
from secondstory.core.model import Incident, Person, Session, TimelineEvent
from secondstory.core.timeparse import (
    TimeContext,
    format_clock,
    format_event_time,
    format_relative,
    format_utc,
    get_zone,
    is_zone,
    parse_event_time,
    session_time_context,
    zone_abbreviation,
)

PREV = datetime(2026, 3, 22, 14, 20, tzinfo=UTC)
UTC_CTX = TimeContext(zone="UTC", anchor=PREV)
BERLIN = TimeContext(zone="Europe/Berlin", anchor=PREV)


def at(hour: int, minute: int, second: int = 0, day: int = 22, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, second, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:23", at(14, 23)),
        ("14:23:05", at(14, 23, 5)),
        ("  14:23  ", at(14, 23)),
        ("9:05", at(9, 5)),
        ("14:23 UTC", at(14, 23)),
        ("14:23 utc", at(14, 23)),
        ("14:23Z", at(14, 23)),
        ("14:23 GMT", at(14, 23)),
        ("14:23 Europe/Berlin", at(13, 23)),
        ("14:23 europe/berlin", at(13, 23)),
        ("14:23 +01:00", at(13, 23)),
        ("14:23 -0500", at(19, 23)),
        ("14:23 UTC+2", at(12, 23)),
        ("15:23 CET", at(14, 23)),
        ("10:23 EDT", at(14, 23)),
        ("2026-03-22 14:23", at(14, 23)),
        ("2026-03-22 14:23 +01:00", at(13, 23)),
        ("2026-03-22T14:23:05Z", at(14, 23, 5)),
        ("2026-03-22T14:23:05+01:00", at(13, 23, 5)),
        ("2026-03-23 01:00 America/New_York", at(5, 0, day=23)),
        ("2pm", at(14, 0)),
        ("2:23 PM", at(14, 23)),
        ("12:10 am", at(0, 10, day=23)),  # nearest to the 14:20 anchor
        ("12:10 p.m.", at(12, 10)),
        ("+5m", at(14, 25)),
        ("+90s", at(14, 21, 30)),
        ("+1h30m", at(15, 50)),
        ("+1h 30m", at(15, 50)),
        ("+ 2 min", at(14, 22)),
        ("+1d", at(14, 20, day=23)),
        ("-2m", at(14, 18)),
    ],
)
def test_accepted_forms(text: str, expected: datetime) -> None:
    result = parse_event_time(text, UTC_CTX)
    assert result == expected
    assert result.tzinfo is UTC


def test_fractional_seconds_are_kept() -> None:
    result = parse_event_time("2026-03-22T14:23:05.25Z", UTC_CTX)
    assert result == at(14, 23, 5) + timedelta(milliseconds=250)


def test_bare_time_uses_the_session_zone() -> None:
    assert parse_event_time("14:23", BERLIN) == at(13, 23)
    # The explicit zone wins over the session's.
    assert parse_event_time("14:23 UTC", BERLIN) == at(14, 23)


def test_bare_time_follows_daylight_saving_in_the_session_zone() -> None:
    summer = TimeContext(zone="Europe/Berlin", anchor=datetime(2026, 7, 1, 12, tzinfo=UTC))
    assert parse_event_time("14:23", summer) == datetime(2026, 7, 1, 12, 23, tzinfo=UTC)


def test_midnight_rolls_forward_after_a_late_event() -> None:
    late = TimeContext(anchor=at(23, 50))
    assert parse_event_time("00:05", late) == at(0, 5, day=23)


def test_time_just_before_anchor_stays_on_its_day() -> None:
    assert parse_event_time("14:10", UTC_CTX) == at(14, 10)


def test_late_time_after_an_early_anchor_goes_to_the_day_before() -> None:
    early = TimeContext(anchor=at(0, 5))
    assert parse_event_time("23:55", early) == at(23, 55, day=21)


def test_day_is_taken_in_the_typed_zone() -> None:
    # 23:30 UTC on the 22nd is already the 23rd in Berlin.
    context = TimeContext(zone="Europe/Berlin", anchor=at(23, 30))
    assert parse_event_time("00:45", context) == at(23, 45)


def test_relative_counts_from_previous_not_anchor() -> None:
    context = TimeContext(anchor=at(10, 0), previous=at(9, 0))
    assert parse_event_time("+5m", context) == at(9, 5)
    assert parse_event_time("10:30", context) == at(10, 30)


def test_abbreviation_of_a_session_zone_wins_over_the_table() -> None:
    # IST is India in the table, but Irish summer time for a Dublin session.
    dublin = TimeContext(zone="Europe/Dublin", anchor=datetime(2026, 7, 1, 12, tzinfo=UTC))
    assert parse_event_time("13:00 IST", dublin) == datetime(2026, 7, 1, 12, tzinfo=UTC)
    plain = TimeContext(anchor=datetime(2026, 7, 1, 12, tzinfo=UTC))
    assert parse_event_time("17:30 IST", plain) == datetime(2026, 7, 1, 12, tzinfo=UTC)


def test_attendee_zone_abbreviations_are_understood() -> None:
    context = TimeContext(anchor=PREV, also_zones=("Asia/Shanghai",))
    # CST is US Central in the table, China Standard Time with a Shanghai attendee.
    assert parse_event_time("22:23 CST", context) == at(14, 23)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "expected a time such as 14:23"),
        ("soon", "expected a time such as 14:23"),
        ("14", "expected a time such as 14:23"),
        ("25:00", "hours run 00-23"),
        ("14:61", "hours run 00-23"),
        ("13pm", "12-hour clock"),
        ("14:23 Mars/Olympus", "unknown time zone 'Mars/Olympus'"),
        ("14:23 XYZ", "unknown time zone 'XYZ'"),
        ("14:23 +25:00", "out of range"),
        ("2026-02-30 10:00", "2026-02-30 is not a calendar date"),
        ("2026-03-22", "expected a time such as 14:23"),
        ("+5q", "unknown unit 'q'"),
        ("+400d", "more than a year"),
        ("+", "expected a time such as 14:23"),
        ("14:23 ../../etc/passwd", "unknown time zone"),
    ],
)
def test_rejected_forms_say_what_was_expected(text: str, fragment: str) -> None:
    with pytest.raises(UserError) as info:
        parse_event_time(text, UTC_CTX)
    assert fragment in str(info.value)
    assert str(info.value).startswith("time ")


def test_nonexistent_local_time_is_refused() -> None:
    with pytest.raises(UserError, match="does not exist in Europe/Berlin"):
        parse_event_time("2026-03-29 02:30", BERLIN)


def test_ambiguous_local_time_takes_the_first_occurrence() -> None:
    result = parse_event_time("2026-10-25 02:30", BERLIN)
    assert result == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_bare_time_without_anchor_needs_a_date() -> None:
    with pytest.raises(UserError, match="type the date too"):
        parse_event_time("14:23", TimeContext())
    assert parse_event_time("2026-03-22 14:23", TimeContext()) == at(14, 23)


def test_relative_without_previous_event_is_refused() -> None:
    with pytest.raises(UserError, match="needs a previous event"):
        parse_event_time("+5m", TimeContext())


def test_relative_at_the_edge_of_the_calendar_is_a_user_error() -> None:
    edge = TimeContext(anchor=datetime(9999, 12, 31, 23, 59, tzinfo=UTC))
    with pytest.raises(UserError, match="outside the calendar"):
        parse_event_time("+5m", edge)


def test_formatting() -> None:
    moment = at(14, 23, 5)
    assert format_utc(moment) == "14:23"
    assert format_utc(moment, seconds=True) == "14:23:05"
    assert format_clock(moment, "Europe/Berlin", label=True) == "15:23 CET"
    assert format_clock(at(14, 23, month=7), "Europe/Berlin", label=True) == "16:23 CEST"
    assert format_clock(moment, "America/New_York", label=True) == "10:23 EDT"
    assert format_clock(moment, "UTC", label=True) == "14:23 UTC"
    assert format_event_time(at(14, 23)) == "2026-03-22 14:23 UTC"
    assert format_event_time(moment) == "2026-03-22 14:23:05 UTC"
    assert format_event_time(moment, "Asia/Kolkata") == "2026-03-22 19:53:05 +05:30"
    assert format_relative(timedelta(seconds=90)) == "+1m30s"
    assert format_relative(timedelta(hours=-2)) == "-2h"
    assert format_relative(timedelta(0)) == "+0s"
    assert zone_abbreviation(moment, "Asia/Dubai") == "+04"


def test_zone_lookup() -> None:
    assert is_zone("Europe/Berlin")
    assert is_zone("europe/BERLIN")
    assert not is_zone("Nowhere/Special")
    assert not is_zone("")
    assert get_zone("utc") is UTC
    with pytest.raises(UserError, match="expected an IANA zone"):
        get_zone("Moon/Base")


def test_session_time_context() -> None:
    incident = Incident(id="INC-1", title="t", timezone="Europe/Berlin", started_at=at(14, 0))
    people = [Person(name="Ana", timezone="America/New_York"), Person(name="Bo")]
    session = Session(incident=incident, people=people)
    empty = session_time_context(session)
    assert empty.anchor == at(14, 0) and empty.zone == "Europe/Berlin"
    assert empty.also_zones == ("America/New_York",)
    session.timeline = [
        TimelineEvent(id="E-1", at=at(14, 10), text="a"),
        TimelineEvent(id="E-2", at=at(14, 30), text="b"),
    ]
    assert session_time_context(session).previous == at(14, 30)
    after_first = session_time_context(session, after=0)
    assert parse_event_time("+5m", after_first) == at(14, 15)
    editing_second = session_time_context(session, editing=1)
    assert editing_second.anchor == at(14, 30)
    assert parse_event_time("+1m", editing_second) == at(14, 11)
    editing_first = session_time_context(session, editing=0)
    assert parse_event_time("+1m", editing_first) == at(14, 1)


# Property tests ------------------------------------------------------------------------------

ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"]
moments = st.datetimes(
    min_value=datetime(1971, 1, 1), max_value=datetime(2099, 12, 31), timezones=st.just(UTC)
).map(lambda d: d.replace(microsecond=0))


@given(moments, st.sampled_from(ZONES))
def test_round_trip_full_form(moment: datetime, zone: str) -> None:
    text = format_event_time(moment, zone)
    assert parse_event_time(text, TimeContext(zone="Pacific/Kiritimati")) == moment


@given(moments, st.integers(min_value=-12 * 3600 + 1, max_value=12 * 3600 - 1))
def test_round_trip_bare_utc_clock_near_the_anchor(moment: datetime, offset: int) -> None:
    # A bare clock time comes back as the same instant when within 12 hours of the anchor.
    anchor = moment + timedelta(seconds=offset)
    text = format_utc(moment, seconds=True)
    assert parse_event_time(text, TimeContext(anchor=anchor)) == moment


@given(moments, st.integers(min_value=-365 * 86400, max_value=365 * 86400))
def test_round_trip_relative(previous: datetime, seconds: int) -> None:
    delta = timedelta(seconds=seconds)
    text = format_relative(delta)
    assert parse_event_time(text, TimeContext(previous=previous)) == previous + delta


@settings(max_examples=300)
@given(
    st.text(max_size=40),
    st.sampled_from(ZONES),
    st.one_of(st.none(), moments),
)
def test_junk_raises_only_user_error(text: str, zone: str, anchor: datetime | None) -> None:
    try:
        result = parse_event_time(text, TimeContext(zone=zone, anchor=anchor))
    except UserError:
        return
    assert result.tzinfo is UTC


time_like = st.from_regex(
    r"\A[+-]?\d{1,4}(:\d{1,3}){0,2}\s?(am|pm|[a-zA-Z/_]{0,12}|[+-]\d{1,4})?\Z", fullmatch=True
)


@settings(max_examples=300)
@given(time_like, st.one_of(st.none(), moments))
def test_near_miss_input_raises_only_user_error(text: str, anchor: datetime | None) -> None:
    try:
        result = parse_event_time(text, TimeContext(zone="Europe/Berlin", anchor=anchor))
    except UserError:
        return
    assert result.tzinfo is UTC


def test_extreme_anchor_dates_do_not_escape() -> None:
    for anchor in (
        datetime(1, 1, 1, 0, 30, tzinfo=UTC),
        datetime(9999, 12, 31, 23, 30, tzinfo=UTC),
    ):
        for text in ("00:10", "23:50", "23:50 -12:00", "00:10 +14:00", "0001-01-01 00:10 +05:00"):
            with contextlib.suppress(UserError):
                parse_event_time(text, TimeContext(zone="Pacific/Kiritimati", anchor=anchor))


def test_fixed_offset_result_is_normalised_to_utc() -> None:
    result = parse_event_time("2026-03-22 14:23 +05:30", UTC_CTX)
    assert result.utcoffset() == timedelta(0)
    assert result == datetime(2026, 3, 22, 14, 23, tzinfo=timezone(timedelta(hours=5.5)))
