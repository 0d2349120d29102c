"""The one-week closure check and the day-14 / day-30 follow-ups."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from secondstory.core.closure import check_closure, format_closure
from secondstory.core.model import ActionItem, Interval, Session, StatusChange
from secondstory.core.sessions import new_session

MET = datetime(2026, 3, 25, 14, tzinfo=UTC)


def session(*actions: ActionItem, held: bool = True) -> Session:
    s = new_session("INC-9", "Checkout failures")
    if held:
        s.agenda.phases[0].actual.append(Interval(start=MET))
    s.actions = list(actions)
    return s


def item(ident: str, priority: str, status: str = "open", note: str | None = None) -> ActionItem:
    history = []
    if note is not None:
        history.append(StatusChange(at=MET, status=status, note=note))
    return ActionItem(
        id=ident,
        title=f"Fix {ident}",
        owner="SRE",
        priority=priority,
        status=status,
        history=history,
    )


def blocking(s: Session, today: date = date(2026, 4, 1)) -> list[str]:
    return [b.action.id for b in check_closure(s, today).blockers]


def test_can_close_when_p0_done_and_p1_started() -> None:
    s = session(item("A-1", "P0", "done"), item("A-2", "P1", "in-progress"), item("A-3", "P2"))
    report = check_closure(s, date(2026, 4, 1))
    assert report.can_close
    assert report.blockers == ()


@pytest.mark.parametrize(
    ("action", "blocks"),
    [
        (item("A-1", "P0", "open"), True),
        (item("A-1", "P0", "in-progress"), True),
        (item("A-1", "P0", "done"), False),
        (item("A-1", "P0", "wont-do"), True),  # no reason recorded
        (item("A-1", "P0", "wont-do", note="replaced by the pool rewrite"), False),
        (item("A-1", "P1", "open"), True),
        (item("A-1", "P1", "in-progress"), False),
        (item("A-1", "P1", "wont-do", note=""), True),
        (item("A-1", "P1", "wont-do", note="duplicate of INC-3 A-2"), False),
        (item("A-1", "P2", "open"), False),
        (item("A-1", "P3", "wont-do"), False),
    ],
)
def test_closure_rule(action: ActionItem, blocks: bool) -> None:
    assert blocking(session(action)) == (["A-1"] if blocks else [])


def test_report_names_each_blocking_item_with_owner_and_status() -> None:
    s = session(item("A-1", "P0", "in-progress"), item("A-2", "P1"))
    lines = format_closure(check_closure(s, date(2026, 4, 1)))
    text = "\n".join(lines)
    assert lines[0] == "INC-9: cannot close yet: 2 items block closing."
    assert "A-1 [P0, in-progress, SRE] Fix A-1" in text
    assert "A-2 [P1, open, SRE] Fix A-2" in text
    assert "P0 items must be done" in text
    assert "extend the deadlines and record why" in text


def test_checkpoints_count_from_the_meeting_day() -> None:
    s = session(item("A-1", "P1", "in-progress"), item("A-2", "P2", "open"))
    early = check_closure(s, date(2026, 3, 30))
    assert [(p.day, p.due, p.reached) for p in early.checkpoints] == [
        (14, date(2026, 4, 8), False),
        (30, date(2026, 4, 24), False),
    ]
    assert "the one-week closure check is due on 2026-04-01" in early.notes
    later = check_closure(s, date(2026, 4, 24))
    day14, day30 = later.checkpoints
    assert day14.reached and [a.id for a in day14.lagging] == ["A-2"]
    assert day30.reached and [a.id for a in day30.lagging] == ["A-1", "A-2"]
    text = "\n".join(format_closure(later))
    assert "Day 14 (2026-04-08, every action item in progress): reached; 1 not there yet:" in text
    assert "Day 30 (2026-04-24, every action item done): reached; 2 not there yet:" in text


def test_no_meeting_date_means_no_checkpoints() -> None:
    report = check_closure(session(item("A-1", "P0", "done"), held=False), date(2026, 4, 1))
    assert report.checkpoints == ()
    assert any("no meeting date" in n for n in report.notes)


def test_without_p0_p1_items_the_report_asks_for_the_accepted_risk() -> None:
    s = session(item("A-1", "P2"))
    report = check_closure(s, date(2026, 4, 1))
    assert report.can_close
    assert any("no recorded acceptance" in n for n in report.notes)
    s.closing.risk_accepted = "A repeat costs minutes; the rewrite lands next quarter."
    report = check_closure(s, date(2026, 4, 1))
    assert any(n.startswith("no P0/P1 items; risk accepted: A repeat") for n in report.notes)


def test_no_action_items_at_all_can_close() -> None:
    report = check_closure(session(), date(2026, 4, 1))
    assert report.can_close
    assert format_closure(report)[0].startswith("INC-9: can close")
