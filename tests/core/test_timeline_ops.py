"""Timeline editing, ordering, navigation and findings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secondstory.core import timeline_ops as ops
from secondstory.core.errors import UserError
from secondstory.core.model import (
    ContributingFactor,
    Incident,
    Session,
    TimelineEvent,
    WhyChain,
    WhyStep,
)

T0 = datetime(2026, 3, 22, 14, 0, tzinfo=UTC)


def t(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def session_with(*minutes: float) -> Session:
    s = Session(incident=Incident(id="INC-1", title="t"))
    for i, m in enumerate(minutes):
        ops.add_event(s, t(m), f"event {i}")
    return s


def ids(s: Session) -> list[str]:
    return [e.id for e in s.timeline]


def test_add_keeps_time_order_and_ids() -> None:
    s = session_with(10, 0, 5)
    assert ids(s) == ["E-2", "E-3", "E-1"]
    index = ops.add_event(s, t(7), "alert fired", kind="alert", decision_point=True)
    assert index == 2 and s.timeline[2].kind == "alert" and s.timeline[2].decision_point
    assert s.timeline[2].id == "E-4"


def test_add_at_an_existing_time_goes_after_the_others() -> None:
    s = session_with(0, 5, 5)
    index = ops.add_event(s, t(5), "later at the same minute")
    assert index == 3


def test_add_normalises_to_utc_and_rejects_naive_or_empty() -> None:
    s = session_with()
    ops.add_event(s, datetime(2026, 3, 22, 15, 0, tzinfo=timezone(timedelta(hours=1))), "x")
    assert s.timeline[0].at == T0 and s.timeline[0].at.tzinfo is UTC
    with pytest.raises(ValueError):
        ops.add_event(s, datetime(2026, 3, 22, 15, 0), "naive")
    with pytest.raises(UserError, match="expected some text"):
        ops.add_event(s, T0, "   ")


def test_edit_time_moves_the_event() -> None:
    s = session_with(0, 5, 10)
    assert ops.edit_event(s, "E-1", at=t(7)) == 1
    assert ids(s) == ["E-2", "E-1", "E-3"]
    assert ops.edit_event(s, "E-1", text="renamed", kind="alert") == 1
    assert s.timeline[1].text == "renamed"
    with pytest.raises(UserError, match="E-9: no such timeline event"):
        ops.edit_event(s, "E-9", text="x")


def test_move_only_reorders_events_at_the_same_time() -> None:
    s = session_with(0, 5, 5, 9)
    assert ops.move_event(s, 2, -1) == 1
    assert ids(s) == ["E-1", "E-3", "E-2", "E-4"]
    with pytest.raises(UserError, match="different times: edit the time"):
        ops.move_event(s, 1, -1)
    assert ops.move_event(s, 0, -1) == 0  # top: nothing moves
    assert ops.move_event(s, 3, 1) == 3  # bottom: nothing moves
    assert ops.is_sorted(s.timeline)


def test_delete_clears_links_and_restore_brings_them_back() -> None:
    s = session_with(0, 5, 10)
    finding = ops.add_finding(s, "no load test covers the pool", "E-2")
    s.five_whys.append(WhyChain(id="W-1", problem="p", steps=[WhyStep(answer="a", event_id="E-2")]))
    s.contributing_factors.append(ContributingFactor(id="CF-1", text="c", event_id="E-2"))
    deleted = ops.delete_event(s, "E-2")
    assert ids(s) == ["E-1", "E-3"]
    assert finding.event_id is None
    assert s.five_whys[0].steps[0].event_id is None
    assert s.contributing_factors[0].event_id is None
    assert ops.restore_event(s, deleted) == 1
    assert ids(s) == ["E-1", "E-2", "E-3"]
    assert finding.event_id == "E-2"
    assert s.five_whys[0].steps[0].event_id == "E-2"
    assert s.contributing_factors[0].event_id == "E-2"
    with pytest.raises(UserError, match="already in the timeline"):
        ops.restore_event(s, deleted)


def test_restore_after_other_changes_still_keeps_order() -> None:
    s = session_with(0, 5, 10)
    deleted = ops.delete_event(s, "E-1")
    ops.add_event(s, t(-5), "earlier")
    assert ops.restore_event(s, deleted) == 1
    assert ops.is_sorted(s.timeline)


def test_ensure_sorted_is_stable() -> None:
    s = session_with()
    s.timeline = [
        TimelineEvent(id="E-1", at=t(5), text="a"),
        TimelineEvent(id="E-2", at=t(0), text="b"),
        TimelineEvent(id="E-3", at=t(5), text="c"),
    ]
    assert ops.ensure_sorted(s)
    assert ids(s) == ["E-2", "E-1", "E-3"]
    assert not ops.ensure_sorted(s)


def test_decision_points_and_notes() -> None:
    s = session_with(0, 5)
    assert ops.toggle_decision_point(s, 1) is True
    assert not ops.has_decision_notes(s.timeline[1])
    ops.set_decision_notes(s, "E-2", known=" pool errors only ", missing="no pool metric")
    notes = s.timeline[1].decision
    assert (notes.known, notes.why_sensible, notes.missing) == (
        "pool errors only",
        "",
        "no pool metric",
    )
    assert ops.has_decision_notes(s.timeline[1])
    assert ops.toggle_decision_point(s, 1) is False


def test_navigation() -> None:
    s = session_with(*range(10))
    for i in (2, 5, 6):
        ops.toggle_decision_point(s, i)
    nav = ops.TimelineNav.build(s.timeline)
    assert nav.next_event(None) == 0 and nav.next_event(3) == 4 and nav.next_event(9) is None
    assert nav.previous_event(None) == 9 and nav.previous_event(0) is None
    assert nav.next_decision(None) == 2
    assert nav.next_decision(2) == 5 and nav.next_decision(5) == 6
    assert nav.next_decision(6) is None
    assert nav.previous_decision(6) == 5 and nav.previous_decision(2) is None
    assert nav.previous_decision(None) == 6
    assert nav.index_of("E-4") == 3 and nav.index_of("E-99") is None
    empty = ops.TimelineNav.build([])
    assert empty.next_event(None) is None and empty.next_decision(None) is None


@given(st.lists(st.booleans(), max_size=60), st.integers(min_value=-1, max_value=60))
def test_decision_navigation_matches_a_linear_scan(flags: list[bool], current: int) -> None:
    events = [
        TimelineEvent(id=f"E-{i}", at=t(i), text="x", decision_point=f) for i, f in enumerate(flags)
    ]
    nav = ops.TimelineNav.build(events)
    here = None if current < 0 else current
    start = -1 if here is None else here
    forward = [i for i, f in enumerate(flags) if f and i > start]
    assert nav.next_decision(here) == (forward[0] if forward else None)
    limit = len(flags) if here is None else here
    backward = [i for i, f in enumerate(flags) if f and i < limit]
    assert nav.previous_decision(here) == (backward[-1] if backward else None)


def test_findings_and_promotion_to_a_factor() -> None:
    s = session_with(0, 5)
    finding = ops.add_finding(s, " no load test covers the pool ", "E-2")
    assert finding.id == "F-1" and finding.text == "no load test covers the pool"
    assert ops.findings_at(s, "E-2") == [finding]
    with pytest.raises(UserError, match="E-7: no such timeline event"):
        ops.add_finding(s, "x", "E-7")
    factor = ops.promote_finding_to_factor(s, "F-1", category="testing")
    assert (factor.id, factor.text, factor.event_id, factor.category) == (
        "CF-1",
        "no load test covers the pool",
        "E-2",
        "testing",
    )
    assert finding.promoted_to == "factor:CF-1"
    with pytest.raises(UserError, match="already promoted to factor:CF-1"):
        ops.promote_finding_to_action(s, "F-1")


def test_promotion_to_an_action_keeps_the_origin() -> None:
    s = session_with(0)
    ops.add_finding(s, "pool exhaustion has no alert", "E-1")
    item = ops.promote_finding_to_action(s, "F-1", owner="Backend", priority="P0")
    assert (item.id, item.origin, item.owner, item.priority) == (
        "A-1",
        "finding:F-1",
        "Backend",
        "P0",
    )
    assert s.findings[0].promoted_to == "action:A-1"


def test_edit_and_delete_finding() -> None:
    s = session_with(0)
    ops.add_finding(s, "a")
    ops.edit_finding(s, "F-1", "b")
    assert s.findings[0].text == "b"
    assert ops.delete_finding(s, "F-1").text == "b"
    with pytest.raises(UserError, match="F-1: no such finding"):
        ops.delete_finding(s, "F-1")


def test_suggested_milestone_kinds_are_understood_by_the_facts() -> None:
    from secondstory.core.timeline_facts import milestone_for_kind

    named = {milestone_for_kind(k) for k in ops.SUGGESTED_KINDS} - {None}
    assert named == {"started", "detected", "acknowledged", "mitigated", "resolved"}
