"""Editing action items: ids, validation, typed deadlines, status history, deletion."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from secondstory.core import action_ops as ops
from secondstory.core.errors import UserError
from secondstory.core.model import Finding, Incident, Meeting, ParkedItem, Session

NOW = datetime(2026, 3, 25, 15, 30, tzinfo=UTC)


def session() -> Session:
    return Session(
        incident=Incident(id="INC-1", title="t"),
        meeting=Meeting(scheduled_at=datetime(2026, 3, 25, 15, tzinfo=UTC)),
    )


def test_add_gives_sequential_ids_and_trims() -> None:
    s = session()
    first = ops.add_action(s, "  Add pool alert ", owner=" Backend ", priority="P0")
    second = ops.add_action(s, "Load test in CI", term="long", type="detect")
    assert (first.id, second.id) == ("A-1", "A-2")
    assert first.title == "Add pool alert" and first.owner == "Backend"
    assert second.term == "long" and second.type == "detect"


def test_add_rejects_bad_values_without_changing_the_session() -> None:
    s = session()
    with pytest.raises(UserError, match="priority"):
        ops.add_action(s, "x", priority="P9")  # type: ignore[arg-type]
    assert s.actions == []


def test_edit_changes_only_given_fields_and_keeps_identity() -> None:
    s = session()
    item = ops.add_action(s, "Add alert", owner="Backend")
    same = ops.edit_action(s, "A-1", priority="P1", success_criteria=" fires at 90% ")
    assert same is item
    assert (item.priority, item.success_criteria, item.owner) == ("P1", "fires at 90%", "Backend")


def test_failed_edit_changes_nothing() -> None:
    s = session()
    item = ops.add_action(s, "Add alert", owner="Backend")
    with pytest.raises(UserError, match="action A-1: term"):
        ops.edit_action(s, "A-1", owner="Ops", term="forever")  # type: ignore[arg-type]
    assert item.owner == "Backend"


def test_unknown_action_is_a_user_error() -> None:
    with pytest.raises(UserError, match="A-9: no such action item"):
        ops.edit_action(session(), "A-9", title="x")


def test_deadline_text_is_relative_to_the_meeting() -> None:
    s = session()
    ops.add_action(s, "Add alert")
    assert ops.set_deadline_text(s, "A-1", "2 weeks", today=date(2026, 1, 1)) == date(2026, 4, 8)
    assert s.actions[0].deadline == date(2026, 4, 8)
    assert ops.set_deadline_text(s, "A-1", "  ", today=date(2026, 1, 1)) is None
    assert s.actions[0].deadline is None


def test_deadline_text_before_the_meeting_is_dated_from_today() -> None:
    s = Session(incident=Incident(id="INC-1", title="t"))
    ops.add_action(s, "Add alert")
    assert ops.set_deadline_text(s, "A-1", "tomorrow", today=date(2026, 3, 1)) == date(2026, 3, 2)
    with pytest.raises(UserError, match="deadline 'whenever'"):
        ops.set_deadline_text(s, "A-1", "whenever", today=date(2026, 3, 1))
    assert s.actions[0].deadline == date(2026, 3, 2)


def test_status_changes_are_recorded() -> None:
    s = session()
    ops.add_action(s, "Add alert")
    assert ops.set_status(s, "A-1", "in-progress", NOW, "started")
    assert not ops.set_status(s, "A-1", "in-progress", NOW)
    item = s.actions[0]
    assert item.status == "in-progress"
    assert [(h.status, h.note) for h in item.history] == [("in-progress", "started")]


def test_delete_frees_findings_and_parked_items() -> None:
    s = session()
    ops.add_action(s, "Add alert")
    s.findings.append(Finding(id="F-1", text="x", promoted_to="action:A-1"))
    s.parking_lot.append(ParkedItem(at=NOW, text="y", promoted_to="action:A-1"))
    removed = ops.delete_action(s, "A-1")
    assert removed.id == "A-1" and s.actions == []
    assert s.findings[0].promoted_to is None
    assert s.parking_lot[0].promoted_to is None
