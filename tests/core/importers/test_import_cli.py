"""`secondstory import`: exit codes, summaries, dry runs, and files left alone on errors."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from secondstory.cli.main import main
from secondstory.core.storage import load_session


def run(session_file: Path, *args: str) -> int:
    return main(["import", "--sessions-dir", str(session_file.parent), *args])


def test_import_by_incident_id_saves_and_summarises(
    session_file: Path, fixtures: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(session_file, "INC-7", str(fixtures / "pagerduty-log.json")) == 0
    out = capsys.readouterr().out
    assert out == (
        f"added 5 events, skipped 0 duplicates, filtered 1 (notifications: 1) to {session_file}\n"
    )
    timeline = load_session(session_file).timeline
    assert [e.source_id for e in timeline] == ["R1TRIGGER", "R3ACK", "R4NOTE", "R5ESC", "R6RESOLVE"]
    assert all(e.source == "pagerduty" for e in timeline)


def test_second_import_adds_nothing_and_leaves_the_file_alone(
    session_file: Path, fixtures: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(fixtures / "timeline.txt")
    assert run(session_file, str(session_file), source) == 0
    before = session_file.read_bytes()
    assert run(session_file, str(session_file), source) == 0
    assert session_file.read_bytes() == before
    assert capsys.readouterr().out.splitlines()[-1] == (
        "added 0 events, skipped 6 duplicates, filtered 0"
    )


def test_dry_run_lists_events_and_writes_nothing(
    session_file: Path, fixtures: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = session_file.read_bytes()
    args = ["INC-7", str(fixtures / "slack-export"), "--dry-run", "--pinned-or-reacted"]
    assert run(session_file, *args, "--channel", "incident-checkout") == 0
    assert session_file.read_bytes() == before
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("E-1     2026-03-22 14:23:00 UTC  message     Checkout latency")
    assert lines[0].endswith("(Dana Ortiz)")
    assert lines[1].startswith("E-2     2026-03-22 14:50:00 UTC  reply       Thanks & confirmed")
    assert lines[2] == (
        "dry run, nothing written: would have added 2 events, skipped 0 duplicates, "
        "filtered 5 (joins and leaves: 1, not pinned or reacted: 4)"
    )


@pytest.mark.parametrize(
    ("content", "args", "expected"),
    [
        ("14:00 - a\nnonsense\n", [], "{src}:2: expected a line `HH:MM[:SS] [TZ] - text`"),
        ("14:00 - a\n", ["--tz", "Nowhere/City"], "--tz: unknown time zone 'Nowhere/City'"),
        ("14:00 - a\n", ["--date", "22/03/2026"], "--date: expected YYYY-MM-DD"),
        ("14:00 - a\n", ["--since", "whenever"], "--since: expected an ISO date and time"),
        (
            '{"log_entries": [{"id": "R1"}]}',
            ["--format", "pagerduty"],
            "{src}: $.log_entries[0].type: expected a string; missing",
        ),
    ],
)
def test_bad_input_exits_2_with_a_message_and_changes_nothing(
    session_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str,
    args: list[str],
    expected: str,
) -> None:
    source = tmp_path / "src.txt"
    source.write_text(content)
    before = session_file.read_bytes()
    assert run(session_file, "INC-7", str(source), *args) == 2
    assert session_file.read_bytes() == before
    err = capsys.readouterr().err
    assert err.startswith(expected.format(src=source)), err


def test_missing_source_and_session(
    session_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(session_file, "INC-7", str(tmp_path / "nope.txt")) == 2
    assert "nope.txt: no such file or folder" in capsys.readouterr().err
    assert run(session_file, "INC-404", str(tmp_path / "nope.txt")) == 2
    assert "INC-404: no such file" in capsys.readouterr().err


def test_notes_go_to_stderr(
    session_file: Path, fixtures: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(session_file, "INC-7", str(fixtures / "timeline.txt")) == 0
    assert "timeline.txt:11: note: 00:20 is earlier" in capsys.readouterr().err


def test_large_imports_report_progress_on_stderr(
    session_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    start = datetime(2026, 3, 22, 14, 0, tzinfo=UTC)
    entries = [
        {
            "id": f"R{i}",
            "type": "trigger_log_entry",
            "summary": f"e{i}",
            "created_at": (start + timedelta(seconds=i)).isoformat(),
        }
        for i in range(10_000)
    ]
    source = tmp_path / "big.json"
    source.write_text(json.dumps({"log_entries": entries}))
    assert run(session_file, "INC-7", str(source)) == 0
    err = capsys.readouterr().err.splitlines()
    # stderr is not a terminal here: a line every 5,000 entries.
    assert err == [
        "importing: 5,000 of 10,000 PagerDuty entries",
        "importing: 10,000 of 10,000 PagerDuty entries",
    ]
    assert len(load_session(session_file).timeline) == 10_000
