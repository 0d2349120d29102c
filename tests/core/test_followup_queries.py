"""Open items across postmortems, rhyming incidents, done dates and status changes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from secondstory.core.errors import UserError
from secondstory.core.followup import (
    done_date,
    find_action,
    incident_date,
    open_items,
    open_items_from_other_sessions,
    parse_day,
    rhyming_incidents,
    set_action_status,
)
from secondstory.core.followup_load import SessionSummary, summary_from_session
from secondstory.core.model import ActionItem, Session, StatusChange, WhyChain
from secondstory.core.sessions import new_session
from secondstory.core.storage import save_session

TODAY = date(2026, 4, 20)
NOW = datetime(2026, 4, 20, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep the follow-up parse cache out of the user's home."""
    monkeypatch.setenv("SECONDSTORY_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def session(incident: str, *actions: ActionItem, categories: tuple[str, ...] = ()) -> Session:
    s = new_session(incident, f"Incident {incident}")
    s.actions = list(actions)
    s.five_whys = [WhyChain(id=f"W-{i}", problem="p", category=c) for i, c in enumerate(categories)]
    return s


def summary(s: Session) -> SessionSummary:
    return summary_from_session(s, Path(f"{s.incident.id}.toml"))


def item(ident: str, deadline: date | None = None, **kw: object) -> ActionItem:
    return ActionItem(id=ident, title=f"Do {ident}", deadline=deadline, **kw)


def test_open_items_overdue_first_most_overdue_first_then_by_deadline() -> None:
    a = session(
        "INC-A",
        item("A-1", date(2026, 4, 18)),  # 2 days late
        item("A-2", None),  # no deadline: last
        item("A-3", date(2026, 4, 25)),  # due in 5 days
        item("A-4", date(2026, 4, 20)),  # due today: not overdue
    )
    b = session("INC-B", item("B-1", date(2026, 4, 1), status="in-progress"))  # 19 days late
    found = open_items([summary(a), summary(b)], today=TODAY)
    assert [i.action.id for i in found] == ["B-1", "A-1", "A-4", "A-3", "A-2"]
    assert [i.days_overdue for i in found] == [19, 2, 0, 0, 0]
    assert [i.overdue for i in found] == [True, True, False, False, False]
    assert found[2].days_left == 0 and found[3].days_left == 5 and found[4].days_left is None
    assert found[0].incident_id == "INC-B" and found[0].incident_title == "Incident INC-B"


def test_done_and_wont_do_items_are_not_open() -> None:
    s = session(
        "INC-A",
        item("A-1", date(2026, 4, 1), status="done"),
        item("A-2", date(2026, 4, 1), status="wont-do"),
        item("A-3", date(2026, 4, 1), status="open"),
    )
    assert [i.action.id for i in open_items([summary(s)], today=TODAY)] == ["A-3"]


def test_ties_break_on_priority_then_incident() -> None:
    d = date(2026, 4, 10)
    a = session("INC-B", item("B-1", d, priority="P2"))
    b = session("INC-A", item("A-1", d, priority="P2"), item("A-2", d, priority="P0"))
    found = open_items([summary(a), summary(b)], today=TODAY)
    assert [i.action.id for i in found] == ["A-2", "A-1", "B-1"]


def test_overdue_and_owner_filters() -> None:
    s = session(
        "INC-A",
        item("A-1", date(2026, 4, 1), owner="SRE"),
        item("A-2", date(2026, 5, 1), owner="sre "),
        item("A-3", date(2026, 4, 1), owner="Payments"),
    )
    found = open_items([summary(s)], today=TODAY, overdue_only=True)
    assert [i.action.id for i in found] == ["A-1", "A-3"]
    found = open_items([summary(s)], today=TODAY, owner="sre")
    assert [i.action.id for i in found] == ["A-1", "A-2"]
    assert open_items([summary(s)], today=TODAY, owner="sr") == []


def test_no_sessions_no_items() -> None:
    assert open_items([], today=TODAY) == []


def test_category_filter_keeps_rhyming_incidents_only() -> None:
    a = session("INC-A", item("A-1"), categories=("Capacity",))
    b = session("INC-B", item("B-1"), categories=("testing", "deployment"))
    found = open_items([summary(a), summary(b)], today=TODAY, categories=["capacity "])
    assert [i.action.id for i in found] == ["A-1"]
    assert found[0].shared_categories == ("capacity",)
    assert open_items([summary(a), summary(b)], today=TODAY, categories=[]) == []


def test_open_items_from_other_sessions_skips_the_current_one_and_broken_files(
    tmp_path: Path,
) -> None:
    save_session(session("INC-A", item("A-1", date(2026, 4, 1))), tmp_path / "INC-A.toml")
    save_session(
        session("INC-B", item("B-1", date(2026, 3, 1)), categories=("capacity",)),
        tmp_path / "INC-B.toml",
    )
    save_session(session("INC-C", item("C-1")), tmp_path / "INC-C.toml")
    (tmp_path / "broken.toml").write_text("[[[", encoding="utf-8")
    found = open_items_from_other_sessions(tmp_path, "INC-C", today=TODAY)
    assert [(i.incident_id, i.action.id, i.days_overdue) for i in found] == [
        ("INC-B", "B-1", 50),
        ("INC-A", "A-1", 19),
    ]
    rhymes = open_items_from_other_sessions(tmp_path, "INC-C", "capacity", today=TODAY)
    assert [i.action.id for i in rhymes] == ["B-1"]


def test_rhyming_incidents_newest_first() -> None:
    a = session("INC-A", categories=("capacity",))
    a.incident.started_at = datetime(2026, 1, 5, tzinfo=UTC)
    b = session("INC-B", categories=("Capacity", "testing"))
    b.incident.started_at = datetime(2026, 3, 5, tzinfo=UTC)
    c = session("INC-C", categories=("testing",))
    found = rhyming_incidents(
        [summary(a), summary(b), summary(c)], ["capacity", "testing"], "INC-C"
    )
    assert [(r.incident_id, r.shared_categories) for r in found] == [
        ("INC-B", ("capacity", "testing")),
        ("INC-A", ("capacity",)),
    ]


def test_incident_date_uses_the_incident_time_zone() -> None:
    s = session("INC-A")
    s.incident.started_at = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    s.incident.timezone = "Europe/Berlin"
    assert incident_date(summary(s)) == date(2026, 3, 2)
    s.incident.timezone = "Not/AZone"
    assert incident_date(summary(s)) == date(2026, 3, 1)


def test_done_date_is_the_start_of_the_last_run_of_done() -> None:
    def at(day: int) -> datetime:
        return datetime(2026, 4, day, 12, tzinfo=UTC)

    a = item("A-1", status="done")
    assert done_date(a) is None  # marked done by hand, no history
    a.history = [
        StatusChange(at=at(1), status="done"),
        StatusChange(at=at(3), status="open", note="reopened"),
        StatusChange(at=at(5), status="done"),
        StatusChange(at=at(9), status="done", note="a note added later"),
    ]
    assert done_date(a) == date(2026, 4, 5)
    a.status = "open"
    assert done_date(a) is None


def test_find_action_by_id_any_case_or_position() -> None:
    s = session("INC-A", item("A-1"), item("A-7"))
    assert find_action(s, "A-7").id == "A-7"
    assert find_action(s, "a-7").id == "A-7"
    assert find_action(s, "2").id == "A-7"
    with pytest.raises(UserError) as error:
        find_action(s, "A-9")
    assert error.value.problems == [
        "A-9: no such action item; expected an id (A-1, A-7) or a position from 1 to 2"
    ]
    with pytest.raises(UserError):
        find_action(s, "3")
    with pytest.raises(UserError) as empty:
        find_action(session("INC-B"), "1")
    assert "no action items" in empty.value.problems[0]


def test_set_action_status_appends_history_and_sets_status() -> None:
    s = session("INC-A", item("A-1"), item("A-2"))
    change = set_action_status(s, "2", "done", " merged in #42 ", now=NOW)
    assert change is not None
    assert s.actions[1].status == "done"
    assert s.actions[1].history == [StatusChange(at=NOW, status="done", note="merged in #42")]
    assert s.actions[0].history == []


def test_setting_the_same_status_without_a_note_changes_nothing() -> None:
    s = session("INC-A", item("A-1", status="in-progress"))
    assert set_action_status(s, "A-1", "in-progress", now=NOW) is None
    assert s.actions[0].history == []
    assert set_action_status(s, "A-1", "in-progress", "blocked on review", now=NOW) is not None
    assert len(s.actions[0].history) == 1


@pytest.mark.parametrize(
    ("ref", "status", "now", "message"),
    [
        ("A-9", "done", NOW, "no such action item"),
        ("A-1", "finished", NOW, "unknown status"),
        ("A-1", "done", datetime(2026, 4, 20, 9, 30), "UTC offset"),
    ],
)
def test_bad_status_changes_leave_the_session_untouched(
    ref: str, status: str, now: datetime, message: str
) -> None:
    s = session("INC-A", item("A-1"))
    before = s.model_dump()
    with pytest.raises(UserError) as error:
        set_action_status(s, ref, status, now=now)
    assert message in error.value.problems[0]
    assert s.model_dump() == before


def test_parse_day() -> None:
    assert parse_day("2026-04-20", "--today") == TODAY
    with pytest.raises(UserError) as error:
        parse_day("20/04/2026", "--today")
    assert error.value.problems == ["--today: expected a date as YYYY-MM-DD, got '20/04/2026'"]
