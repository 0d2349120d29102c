"""Follow-up commands end to end: actions, action, close-check, metrics, tracker exports."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from secondstory.cli.main import main
from secondstory.core.model import ActionItem, Interval, Session, StatusChange, WhyChain
from secondstory.core.sessions import new_session
from secondstory.core.storage import load_session, save_session

TODAY = "2026-04-20"


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep the follow-up parse cache out of the user's home."""
    monkeypatch.setenv("SECONDSTORY_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def write(folder: Path, s: Session) -> Path:
    path = folder / f"{s.incident.id}.toml"
    save_session(s, path)
    return path


def held(ident: str, *actions: ActionItem, severity: str = "SEV2", day: int = 25) -> Session:
    s = new_session(ident, f"Incident {ident}", severity=severity)  # type: ignore[arg-type]
    s.incident.started_at = datetime(2026, 3, 20, 9, tzinfo=UTC)
    s.agenda.phases[0].actual.append(Interval(start=datetime(2026, 3, day, 14, tzinfo=UTC)))
    s.actions = list(actions)
    s.five_whys = [WhyChain(id="W-1", problem="p", category="capacity")]
    return s


def act(ident: str, deadline: date | None, **kw: object) -> ActionItem:
    return ActionItem(id=ident, title=f"Do {ident}", deadline=deadline, **kw)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    sessions = tmp_path / "sessions"
    sessions.mkdir()
    write(
        sessions,
        held(
            "INC-1",
            act("A-1", date(2026, 4, 10), owner="SRE", priority="P1"),
            act("A-2", date(2026, 4, 30), owner="Payments"),
            act("A-3", date(2026, 4, 1), status="done"),
        ),
    )
    write(sessions, held("INC-2", act("A-1", date(2026, 3, 31), owner="sre", priority="P0")))
    write(sessions, held("INC-3", act("A-1", None, owner="DB", status="in-progress")))
    return sessions


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_actions_table_overdue_first(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The table fits the terminal; pin a wide one so the titles are not shortened.
    monkeypatch.setenv("COLUMNS", "200")
    code, out, err = run(capsys, "actions", "--sessions-dir", str(folder), "--today", TODAY)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["DUE", "PRI", "STATUS"]
    assert lines[1].startswith("20 days late  P0") and "INC-2 Incident INC-2" in lines[1]
    assert lines[2].startswith("10 days late  P1") and "A-1 Do A-1" in lines[2]
    assert lines[3].startswith("in 10 days    P2")
    assert lines[4].startswith("no deadline   P2  in-progress")
    assert lines[-1] == "4 open items, 2 overdue."


def test_actions_filters(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["actions", "--sessions-dir", str(folder), "--today", TODAY, "--format", "json"]
    _, out, _ = run(capsys, *base, "--overdue")
    assert [(r["incident"], r["action"]) for r in json.loads(out)] == [
        ("INC-2", "A-1"),
        ("INC-1", "A-1"),
    ]
    _, out, _ = run(capsys, *base, "--owner", "SRE")
    rows = json.loads(out)
    assert [r["owner"] for r in rows] == ["sre", "SRE"]
    assert rows[0]["days_overdue"] == 20 and rows[0]["file"] == "INC-2.toml"
    code, out, _ = run(capsys, "actions", "--sessions-dir", str(folder), "--owner", "nobody")
    assert code == 0 and "no open action items for owner 'nobody'" in out


def test_actions_csv(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(
        capsys, "actions", "--sessions-dir", str(folder), "--today", TODAY, "--format", "csv"
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["incident"] for r in rows] == ["INC-2", "INC-1", "INC-1", "INC-3"]
    assert rows[3]["deadline"] == "" and rows[0]["categories"] == "capacity"


def test_broken_files_are_reported_and_the_rest_still_listed(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "broken.toml").write_text("[incident]\nid = \n", encoding="utf-8")
    code, out, err = run(capsys, "actions", "--sessions-dir", str(folder), "--today", TODAY)
    assert code == 2
    assert "4 open items" in out
    assert err.startswith(f"{folder / 'broken.toml'}:2:")
    code, out, err = run(capsys, "metrics", "--sessions-dir", str(folder), "--today", TODAY)
    assert code == 2 and "Postmortem metrics: 3 sessions" in out and "broken.toml" in err


def test_no_sessions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "actions", "--sessions-dir", str(tmp_path / "none"))
    assert code == 0 and out.startswith("no open action items in ")
    code, out, _ = run(capsys, "metrics", "--sessions-dir", str(tmp_path), "--format", "json")
    assert code == 0 and json.loads(out)["sessions"] == 0


@pytest.mark.parametrize("command", ["actions", "metrics"])
def test_bad_today_is_exit_2(
    folder: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    code, _, err = run(capsys, command, "--sessions-dir", str(folder), "--today", "tomorrow")
    assert code == 2
    assert err.strip() == "--today: expected a date as YYYY-MM-DD, got 'tomorrow'"


def test_action_sets_status_by_id_and_by_position(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = folder / "INC-1.toml"
    code, out, _ = run(
        capsys, "action", "--sessions-dir", str(folder), "INC-1", "a-2", "--status", "in-progress"
    )
    assert code == 0 and "A-2 open -> in-progress" in out
    before = datetime.now(UTC)
    code, _, _ = run(capsys, "action", str(path), "1", "--status", "done", "--note", "merged #42")
    assert code == 0
    session = load_session(path)
    a1, a2 = session.actions[0], session.actions[1]
    assert a2.status == "in-progress" and a2.history[-1].status == "in-progress"
    assert a1.status == "done"
    assert a1.history[-1].note == "merged #42" and a1.history[-1].at >= before.replace(
        microsecond=0
    )


def test_action_at_records_when_it_happened(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = folder / "INC-2.toml"
    assert main(["action", str(path), "A-1", "--status", "done", "--at", "2026-04-02"]) == 0
    assert load_session(path).actions[0].history == [
        StatusChange(at=datetime(2026, 4, 2, tzinfo=UTC), status="done")
    ]
    code, out, _ = run(capsys, "action", str(path), "A-1", "--status", "done")
    assert code == 0 and "already done; nothing changed" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["A-9", "--status", "done"], "A-9: no such action item; expected an id (A-1, A-2, A-3)"),
        (["4", "--status", "done"], "or a position from 1 to 3"),
        (["A-1", "--status", "done", "--at", "last tuesday"], "--at: expected YYYY-MM-DD"),
    ],
)
def test_action_errors_change_nothing(
    folder: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    path = folder / "INC-1.toml"
    before = path.read_bytes()
    code, _, err = run(capsys, "action", str(path), *args)
    assert code == 2 and message in err
    assert path.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["INC-1.toml", "INC-2.toml", "INC-3.toml"]


def test_action_unknown_status_is_rejected_by_the_parser(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["action", str(folder / "INC-1.toml"), "A-1", "--status", "finished"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'finished'" in capsys.readouterr().err


def test_close_check_exit_codes(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "close-check", "--sessions-dir", str(folder), "INC-2")
    assert code == 1
    assert "cannot close yet: 1 item block" in out and "A-1 [P0, open, sre] Do A-1" in out
    assert main(["action", str(folder / "INC-2.toml"), "A-1", "--status", "done"]) == 0
    capsys.readouterr()
    code, out, _ = run(capsys, "close-check", str(folder / "INC-2.toml"), "--today", "2026-04-30")
    assert code == 0 and out.startswith("INC-2: can close")
    assert "Day 30 (2026-04-24, every action item done): reached; all there." in out


def test_close_check_on_a_broken_file_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.toml"
    path.write_text("not toml at all", encoding="utf-8")
    code, _, err = run(capsys, "close-check", str(path))
    assert code == 2 and err.startswith(f"{path}:1:")


def test_metrics_table_and_json(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "metrics", "--sessions-dir", str(folder), "--today", TODAY)
    assert code == 0
    assert "Time to postmortem" in out and "target: under 5 business days" in out
    assert "█" in out and "%" in out
    assert "Recurring causes, last 6 months" in out and "capacity │" in out
    code, out, _ = run(
        capsys,
        "metrics",
        "--sessions-dir",
        str(folder),
        "--today",
        TODAY,
        "--format",
        "json",
        "--since",
        "2026-01-01",
    )
    data = json.loads(out)
    assert code == 0 and data["since"] == "2026-01-01" and data["sessions"] == 3
    assert [i["business_days"] for i in data["time_to_postmortem"]["incidents"]] == [3, 3, 3]
    assert data["recurring_causes"]["categories"][0]["category"] == "capacity"


@pytest.mark.parametrize(
    ("fmt", "start"),
    [
        ("jira-csv", "Summary,Issue Type,"),
        ("github", "#!/bin/sh\n"),
        ("ics", "BEGIN:VCALENDAR\r\n"),
    ],
)
def test_tracker_exports_through_the_export_command(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, start: str
) -> None:
    out = tmp_path / f"out.{fmt}"
    code = main(["export", "--sessions-dir", str(folder), "INC-1", "--format", fmt, "-o", str(out)])
    assert code == 0
    assert out.read_bytes().decode("utf-8").startswith(start)
