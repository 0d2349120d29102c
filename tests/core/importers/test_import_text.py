"""The hand-typed timeline parser: lines, dates, zones, annotations, rollover, messages."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from importhelp import make_ctx

from secondstory.core.errors import UserError
from secondstory.core.importers.text import parse_text


def parse(text: str, **kwargs: object) -> list:  # type: ignore[type-arg]
    return parse_text(text, make_ctx(**kwargs)).events  # type: ignore[arg-type]


def test_fixture_file_reads_every_event_with_annotations(fixtures: Path) -> None:
    content = (fixtures / "timeline.txt").read_text()
    parsed = parse_text(content, make_ctx(label="timeline.txt", day=None))
    events = parsed.events
    assert [e.text for e in events] == [
        "Deploy of checkout 4.2.1 finished",
        "Alert: checkout p99 latency above 2 s",
        "Dana acknowledged the page",
        "Pool size raised from 20 to 40",
        "Latency back to normal, monitoring",
        "Incident resolved",
    ]
    assert events[1].annotations == [
        "paged the on-call four minutes after the first errors",
        "dashboards showed the pool at 100%",
    ]
    assert events[3].decision_point and not events[1].decision_point
    assert events[0].at == datetime(2026, 3, 22, 14, 2, tzinfo=UTC)
    # 00:20 after 23:50 is the next day, and the user is told so.
    assert events[5].at == datetime(2026, 3, 23, 0, 20, tzinfo=UTC)
    assert parsed.notes == [
        "timeline.txt:11: note: 00:20 is earlier than the line before; "
        "taken as the next day, 2026-03-23"
    ]
    assert all(e.source == "text" and len(e.source_id) == 16 for e in events)


@pytest.mark.parametrize(
    ("line", "utc"),
    [
        ("14:23 UTC - a", datetime(2026, 3, 22, 14, 23, tzinfo=UTC)),
        ("14:24 +01:00 - b", datetime(2026, 3, 22, 13, 24, tzinfo=UTC)),
        ("14:24 -0530 - b", datetime(2026, 3, 22, 19, 54, tzinfo=UTC)),
        ("14:24 UTC+2 - b", datetime(2026, 3, 22, 12, 24, tzinfo=UTC)),
        ("14:25 Europe/Berlin - c", datetime(2026, 3, 22, 13, 25, tzinfo=UTC)),  # CET
        ("14:26 PDT - d", datetime(2026, 3, 22, 21, 26, tzinfo=UTC)),
        ("14:27:30Z - e", datetime(2026, 3, 22, 14, 27, 30, tzinfo=UTC)),
        ("14:27:30.25 UTC - e", datetime(2026, 3, 22, 14, 27, 30, 250000, tzinfo=UTC)),
        # No zone written: the default zone (New York, on daylight time by 22 March).
        ("2:28 pm - f", datetime(2026, 3, 22, 18, 28, tzinfo=UTC)),
        ("12:05 am - f", datetime(2026, 3, 22, 4, 5, tzinfo=UTC)),
        ("2026-03-22T14:23:00Z - g", datetime(2026, 3, 22, 14, 23, tzinfo=UTC)),
    ],
)
def test_zones_offsets_and_iana_names(line: str, utc: datetime) -> None:
    (event,) = parse(line + "\n", zone="America/New_York")
    assert event.at.astimezone(UTC) == utc
    assert event.text in "abcdefg"


def test_dates_on_lines_and_date_lines_set_the_day() -> None:
    events = parse(
        "2026-03-20 09:00 - first\n09:30 - same day\n\n## 2026-03-21\n- 10:00 - bulleted\n",
        day=None,
    )
    assert [e.at.date() for e in events] == [
        date(2026, 3, 20),
        date(2026, 3, 20),
        date(2026, 3, 21),
    ]
    assert events[2].text == "bulleted"


def test_small_steps_back_stay_on_the_same_day() -> None:
    events = parse("14:25 - later\n14:20 - typed out of order\n")
    assert events[1].at == datetime(2026, 3, 22, 14, 20, tzinfo=UTC)


def test_words_that_look_like_zones_stay_text_without_a_separator() -> None:
    events = parse("14:23 API latency up\n14:24 - DB - failover\n")
    assert [e.text for e in events] == ["API latency up", "DB - failover"]


def test_annotations_strip_one_bullet_and_mark_decisions() -> None:
    (event,) = parse("14:23 - x\n  - - starts with a dash\n\t* decision: roll back\n")
    assert event.annotations == ["- starts with a dash", "decision: roll back"]
    assert event.decision_point


@pytest.mark.parametrize(
    ("content", "line", "expected"),
    [
        ("14:23 - ok\nnot a timeline line\n", 2, "expected a line `HH:MM[:SS] [TZ] - text`"),
        ("  - orphan annotation\n", 1, "an indented annotation before any event"),
        ("14:23 - ok\n\n25:10 - too late\n", 3, "25:10 is not a time of day"),
        ("14:61 - x\n", 1, "14:61 is not a time of day"),
        ("13:00 pm - x\n", 1, "is not a time of day (1-12 with am/pm)"),
        ("14:23 DB - failover\n", 1, "unknown time zone 'DB'"),
        ("14:23 CST - x\n", 1, "the time zone 'CST' is ambiguous"),
        ("14:23 UTC -\n", 1, "expected text after the time"),
        ("2026-02-30\n14:00 - x\n", 1, "2026-02-30 is not a date"),
        ("2026-02-30 14:00 - x\n", 1, "2026-02-30 is not a date"),
    ],
)
def test_bad_lines_name_file_and_line(content: str, line: int, expected: str) -> None:
    with pytest.raises(UserError) as caught:
        parse(content, label="tl.txt")
    (problem,) = caught.value.problems
    assert problem.startswith(f"tl.txt:{line}: ")
    assert expected in problem


def test_a_time_without_any_day_asks_for_one() -> None:
    with pytest.raises(UserError) as caught:
        parse("# heading\n14:23 - x\n", day=None, label="tl.txt")
    assert caught.value.problems == [
        "tl.txt:2: 14:23 has no date; add a date line (YYYY-MM-DD) before it, set the "
        "incident's start time, or pass --date"
    ]


def test_same_line_gives_same_source_id_and_different_text_a_different_one() -> None:
    a, b, c = parse("14:23 - alert\n14:23 - alert\n14:23 - alert fired\n")
    assert a.source_id == b.source_id != c.source_id


# --- round trip: timelines written the way people type them read back exactly ----------------

line_text = st.text(
    st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp"), exclude_characters="\x85"),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip())
offsets = st.integers(-12 * 60, 12 * 60).map(lambda m: timezone(timedelta(minutes=m)))


def _offset_token(zone: timezone) -> str:
    minutes = int(zone.utcoffset(None).total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


@settings(max_examples=150, deadline=None)
@given(
    zone=offsets,
    written_zone=st.booleans(),
    start=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1)),
    steps=st.lists(
        st.tuples(
            st.integers(0, 22 * 3600),
            line_text,
            st.lists(line_text, max_size=3),
        ),
        min_size=1,
        max_size=12,
    ),
)
def test_round_trip_of_typed_timelines(
    zone: timezone,
    written_zone: bool,
    start: datetime,
    steps: list[tuple[int, str, list[str]]],
) -> None:
    at = start.replace(microsecond=0, tzinfo=zone)
    lines = [(at + timedelta(seconds=steps[0][0])).date().isoformat()]
    expected = []
    for gap, text, notes in steps:
        at += timedelta(seconds=gap)
        token = f" {_offset_token(zone)}" if written_zone else ""
        lines.append(f"{at:%H:%M:%S}{token} - {text}")
        lines += [f"  - {note}" for note in notes]
        expected.append((at, text.strip(), [n.strip() for n in notes]))
    label_zone = _offset_token(zone) if not written_zone else "UTC"
    events = parse("\n".join(lines) + "\n", zone=label_zone, day=None)
    assert [(e.at, e.text, e.annotations) for e in events] == expected


def test_rollover_follows_the_written_clock_across_zones() -> None:
    events = parse("14:26 PDT - a\n14:27 UTC - b\n23:50 UTC - c\n00:10 CET - d\n")
    assert [e.at.astimezone(UTC) for e in events] == [
        datetime(2026, 3, 22, 21, 26, tzinfo=UTC),
        datetime(2026, 3, 22, 14, 27, tzinfo=UTC),
        datetime(2026, 3, 22, 23, 50, tzinfo=UTC),
        datetime(2026, 3, 22, 23, 10, tzinfo=UTC),  # 00:10 CET on the 23rd
    ]
