"""The CSV timeline parser: header names, delimiters, times, and messages for bad rows."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from importhelp import make_ctx

from secondstory.core.errors import UserError
from secondstory.core.importers.csvfile import parse_csv


def test_fixture_reads_kind_author_notes_and_multiline_text(fixtures: Path) -> None:
    content = (fixtures / "timeline.csv").read_text()
    events = parse_csv(content, make_ctx(label="timeline.csv")).events
    assert [(e.at, e.kind, e.author) for e in events] == [
        (datetime(2026, 3, 22, 14, 2, tzinfo=UTC), "deploy", "CI"),
        (datetime(2026, 3, 22, 14, 23, tzinfo=UTC), "alert", "PagerDuty"),
        (datetime(2026, 3, 22, 14, 35, tzinfo=UTC), "action", "Dana Ortiz"),
        (datetime(2026, 3, 22, 14, 58, 30, tzinfo=UTC), "recovery", ""),
    ]
    assert events[1].annotations == ["paged the on-call, four minutes late"]
    assert events[2].decision_point
    assert events[3].text == "Latency back to normal\n(monitoring)"
    assert all(e.source == "csv" for e in events)


def test_semicolons_separate_date_and_time_columns_and_ids() -> None:
    content = "Date;Time;Message;ID\n2026-03-21;23:55;late alert;A1\n;00:05;next day;A2\n"
    events = parse_csv(content, make_ctx(label="t.csv", zone="Europe/Berlin")).events
    assert events[0].at == datetime(2026, 3, 21, 22, 55, tzinfo=UTC)
    assert events[1].at == datetime(2026, 3, 21, 23, 5, tzinfo=UTC)  # rolled to the 22nd, CET
    assert [e.source_id for e in events] == ["A1", "A2"]


def test_tabs_epoch_seconds_and_iso_with_offsets() -> None:
    content = "at\tdescription\n1774189380\tfrom epoch\n2026-03-22T15:00:00+01:00\toffset\n"
    events = parse_csv(content, make_ctx(label="t.tsv")).events
    assert events[0].at == datetime(2026, 3, 22, 14, 23, tzinfo=UTC)
    assert events[1].at == datetime(2026, 3, 22, 14, 0, tzinfo=UTC)


def test_blank_rows_are_skipped() -> None:
    events = parse_csv("time,text\n\n14:00,a\n,\n", make_ctx()).events
    assert [e.text for e in events] == ["a"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("moment,what\n", "t.csv:1: expected a header naming a time column"),
        ("time,body\n14:00,x\n", "t.csv:1: expected a header naming a text column"),
        ("", "t.csv:1: expected a header row"),
        ("time,text\n14:00,ok\n,missing time\n", "t.csv:3: expected a time in column 'time'"),
        ("time,text\n14:00,\n", "t.csv:2: expected text in column 'text'"),
        (
            'time,text\n14:00,"two\nlines"\nsoon,x\n',
            "t.csv:4: column 'time': expected a time such as 14:23",
        ),
        ("time,text\n24:00,x\n", "t.csv:2: column 'time': 24:00 is not a time of day"),
        ("time,text\n14:00 XYZ,x\n", "t.csv:2: column 'time': unknown time zone 'XYZ'"),
        ('time,text\n14:00,"open quote\n', "t.csv:2: malformed CSV"),
    ],
)
def test_bad_input_names_file_and_line(content: str, expected: str) -> None:
    with pytest.raises(UserError) as caught:
        parse_csv(content, make_ctx(label="t.csv"))
    assert caught.value.problems[0].startswith(expected), caught.value.problems
