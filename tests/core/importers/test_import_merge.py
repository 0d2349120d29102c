"""Merging imports into a session: duplicates, ids, order, time filters, format detection."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from importhelp import make_session

from secondstory.core.errors import UserError
from secondstory.core.importers import (
    ImportOptions,
    detect_format,
    import_source,
    sort_timeline,
)
from secondstory.core.model import Session, TimelineEvent


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_importing_twice_adds_nothing_the_second_time(fixtures: Path, session: Session) -> None:
    for name in ("timeline.txt", "timeline.csv", "pagerduty-log.json", "slack-export"):
        first = import_source(session, fixtures / name)
        assert first.added
        before = session.model_dump()
        again = import_source(session, fixtures / name)
        assert again.added == [] and again.duplicates == len(first.added)
        assert session.model_dump() == before


def test_edited_source_adds_only_the_new_lines(tmp_path: Path, session: Session) -> None:
    path = write(tmp_path, "t.txt", "14:00 - a\n14:05 - b\n")
    import_source(session, path)
    path.write_text("14:00 - a\n14:05 - b\n14:10 - c\n")
    result = import_source(session, path)
    assert [e.text for e in result.added] == ["c"] and result.duplicates == 2


def test_new_ids_continue_after_existing_ones_and_the_timeline_is_sorted(
    tmp_path: Path, session: Session
) -> None:
    session.timeline.append(
        TimelineEvent(id="E-7", at=datetime(2026, 3, 22, 14, 3, tzinfo=UTC), text="manual")
    )
    result = import_source(session, write(tmp_path, "t.txt", "14:10 - late\n14:01 - early\n"))
    assert [e.id for e in result.added] == ["E-8", "E-9"]
    assert [(e.id, e.text) for e in session.timeline] == [
        ("E-8", "early"),
        ("E-7", "manual"),
        ("E-9", "late"),
    ]


def test_dry_run_changes_nothing(fixtures: Path, session: Session) -> None:
    before = session.model_dump()
    result = import_source(session, fixtures / "timeline.txt", apply=False)
    assert len(result.added) == 6
    assert session.model_dump() == before


def test_since_and_until_filter_by_time(tmp_path: Path, session: Session) -> None:
    path = write(tmp_path, "t.txt", "13:00 - a\n14:00 - b\n15:00 - c\n16:00 - d\n")
    result = import_source(
        session, path, ImportOptions(since="14:00", until="2026-03-22T15:30:00+00:00")
    )
    assert [e.text for e in result.added] == ["b", "c"]
    assert result.filtered == {"outside --since/--until": 2}
    assert result.summary() == (
        "added 2 events, skipped 0 duplicates, filtered 2 (outside --since/--until: 2)"
    )


def test_zone_and_day_come_from_the_incident(tmp_path: Path) -> None:
    session = make_session(datetime(2026, 3, 22, 23, 30, tzinfo=UTC), timezone="Asia/Tokyo")
    result = import_source(session, write(tmp_path, "t.txt", "09:00 - morning in Tokyo\n"))
    # 23:30 UTC on the 22nd is the 23rd in Tokyo, so dateless times are on the 23rd there.
    assert result.added[0].at == datetime(2026, 3, 23, 0, 0, tzinfo=UTC)


def test_options_override_zone_and_day(tmp_path: Path, session: Session) -> None:
    result = import_source(
        session,
        write(tmp_path, "t.txt", "09:00 - x\n"),
        ImportOptions(tz="+02:00", date=date(2026, 1, 5)),
    )
    assert result.added[0].at == datetime(2026, 1, 5, 7, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (ImportOptions(tz="Mars/Olympus"), "--tz: unknown time zone 'Mars/Olympus'"),
        (ImportOptions(since="soon"), "--since: expected an ISO date and time"),
        (ImportOptions(until="25:00"), "--until: 25:00 is not a time of day"),
        (
            ImportOptions(since="15:00", until="14:00"),
            "--since 15:00 is after --until 14:00",
        ),
        (ImportOptions(format="xml"), "--format: unknown format 'xml'"),
        (ImportOptions(channels=("ops",)), "--channel: applies to slack imports only"),
        (ImportOptions(include_notifications=True), "--include-notifications: applies to"),
    ],
)
def test_bad_options_are_user_errors(
    tmp_path: Path, session: Session, options: ImportOptions, expected: str
) -> None:
    path = write(tmp_path, "t.txt", "14:00 - a\n")
    with pytest.raises(UserError) as caught:
        import_source(session, path, options)
    assert caught.value.problems[0].startswith(expected)
    assert session.timeline == []


def test_since_as_a_bare_time_needs_a_day(tmp_path: Path) -> None:
    session = make_session(None)
    with pytest.raises(UserError, match="--since: 14:00 has no date"):
        import_source(
            session,
            write(tmp_path, "t.txt", "2026-03-22 14:00 - a\n"),
            ImportOptions(since="14:00"),
        )


def test_a_bad_file_changes_nothing(tmp_path: Path, session: Session) -> None:
    import_source(session, write(tmp_path, "ok.txt", "14:00 - a\n"))
    before = session.model_dump()
    with pytest.raises(UserError):
        import_source(session, write(tmp_path, "bad.txt", "14:30 - fine\nbroken\n"))
    assert session.model_dump() == before


def test_large_imports_do_not_slow_down_quadratically(tmp_path: Path, session: Session) -> None:
    # Not a timing test: a functional check that 20,000 events merge, dedupe and keep ids unique.
    start = datetime(2026, 3, 22, 14, 0, tzinfo=UTC)
    entries = [
        {
            "id": f"R{i}",
            "type": "trigger_log_entry",
            "summary": f"e{i}",
            "created_at": (start + timedelta(seconds=i)).isoformat(),
        }
        for i in range(20_000)
    ]
    path = write(tmp_path, "pd.json", json.dumps({"log_entries": entries}))
    assert len(import_source(session, path).added) == 20_000
    assert import_source(session, path).duplicates == 20_000
    assert len({e.id for e in session.timeline}) == 20_000


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("t.txt", "14:00 - a", "text"),
        ("t.md", "14:00 - a", "text"),
        ("t.csv", "time,text", "csv"),
        ("t.tsv", "time\ttext", "csv"),
        ("export.zip", "", "slack"),
        ("pd.json", '{"log_entries": []}', "pagerduty"),
        ("pd.dat", '[{"type": "trigger_log_entry"}]', "pagerduty"),
        ("timeline", "Timestamp;Event\n14:00;a", "csv"),
        ("timeline", "14:00 UTC - a, b and c", "text"),
    ],
)
def test_detect_format(tmp_path: Path, name: str, content: str, expected: str) -> None:
    assert detect_format(write(tmp_path, name, content)) == expected


def test_detect_format_of_folders_and_slack_day_files(tmp_path: Path) -> None:
    assert detect_format(tmp_path) == "slack"
    day = write(tmp_path, "2026-03-22.json", '[{"type": "message", "ts": "1.2"}]')
    with pytest.raises(UserError, match="one day of one Slack channel"):
        detect_format(day)


def test_sort_timeline_keeps_equal_times_in_order() -> None:
    at = datetime(2026, 3, 22, 14, 0, tzinfo=UTC)
    events = [
        TimelineEvent(id="E-2", at=at + timedelta(minutes=1), text="later"),
        TimelineEvent(id="E-1", at=at, text="first"),
        TimelineEvent(id="E-3", at=at, text="second"),
    ]
    sort_timeline(events)
    assert [e.id for e in events] == ["E-1", "E-3", "E-2"]
