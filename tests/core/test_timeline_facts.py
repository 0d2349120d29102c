"""Timeline facts: milestones and their fallbacks, durations, gaps and long gaps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from secondstory.core.model import Incident, Session, TimelineEvent
from secondstory.core.timeline_facts import (
    compute_facts,
    format_duration,
    milestone_for_kind,
)

T0 = datetime(2026, 3, 22, 14, 0, tzinfo=UTC)


def ev(n: int, minutes: float, kind: str = "event") -> TimelineEvent:
    return TimelineEvent(id=f"E-{n}", at=T0 + timedelta(minutes=minutes), text=f"e{n}", kind=kind)


def session(events: list[TimelineEvent], **incident: datetime) -> Session:
    return Session(incident=Incident(id="INC-1", title="t", **incident), timeline=events)


def test_header_times_give_the_durations() -> None:
    s = session(
        [ev(1, 0), ev(2, 30)],
        started_at=T0,
        detected_at=T0 + timedelta(minutes=4),
        acknowledged_at=T0 + timedelta(minutes=6),
        mitigated_at=T0 + timedelta(minutes=15),
        resolved_at=T0 + timedelta(minutes=30),
    )
    facts = compute_facts(s)
    d = facts.durations
    assert d.to_detect == timedelta(minutes=4)
    assert d.to_acknowledge == timedelta(minutes=2)  # from detection
    assert d.to_mitigate == timedelta(minutes=15)
    assert d.to_resolve == timedelta(minutes=30)
    assert all(m.source == "header" for m in facts.milestones.values())
    assert facts.problems == ()


def test_event_kinds_stand_in_for_missing_header_times() -> None:
    events = [
        ev(1, 0, "deploy"),
        ev(2, 3, "Alert"),
        ev(3, 5, "ack"),
        ev(4, 20, "Mitigation"),
        ev(5, 25, "resolved"),
        ev(6, 26, "alert"),
    ]
    facts = compute_facts(session(events, started_at=T0 - timedelta(minutes=1)))
    assert facts.milestones["started"].source == "header"
    assert facts.milestones["detected"].source == "event:E-2"  # the first alert, not the last
    assert facts.milestones["acknowledged"].source == "event:E-3"
    assert facts.durations.to_detect == timedelta(minutes=4)
    assert facts.durations.to_resolve == timedelta(minutes=26)
    assert facts.row(1).milestone == "detected"
    assert facts.row(5).milestone is None


def test_start_falls_back_to_the_first_event_only_before_detection() -> None:
    facts = compute_facts(session([ev(1, 0, "deploy"), ev(2, 3, "alert")]))
    assert facts.milestones["started"].source == "first-event"
    assert facts.durations.to_detect == timedelta(minutes=3)
    assert facts.row(0).milestone == "started"
    # When the first event is the detection itself, the start is unknown, not zero.
    facts = compute_facts(session([ev(1, 0, "alert"), ev(2, 3)]))
    assert facts.at("started") is None
    assert facts.durations.to_detect is None
    assert facts.durations.to_acknowledge is None


def test_acknowledge_counts_from_start_when_detection_is_unknown() -> None:
    facts = compute_facts(session([ev(1, 0), ev(2, 7, "acknowledged")], started_at=T0))
    assert facts.durations.to_acknowledge == timedelta(minutes=7)


def test_out_of_order_milestones_are_reported() -> None:
    s = session(
        [],
        started_at=T0,
        detected_at=T0 + timedelta(minutes=10),
        resolved_at=T0 + timedelta(minutes=5),
    )
    facts = compute_facts(s)
    assert len(facts.problems) == 1 and "resolved" in facts.problems[0]
    assert facts.durations.to_resolve == timedelta(minutes=5)


def test_gaps_and_the_long_gap_rule() -> None:
    # Two-minute rhythm, one 30-minute stall: threshold is max(10 min, 3 x 2 min) = 10 min.
    minutes = [0, 2, 4, 6, 36, 38, 40]
    facts = compute_facts(session([ev(i, m) for i, m in enumerate(minutes)]))
    assert facts.gaps[0] is None
    assert facts.gaps[4] == timedelta(minutes=30)
    assert facts.median_gap == timedelta(minutes=2)
    assert facts.threshold == timedelta(minutes=10)
    assert facts.long_gap_rows == [4]
    assert facts.row(4).long_gap and not facts.row(5).long_gap


def test_long_gap_threshold_scales_with_a_slow_rhythm() -> None:
    # Median 20 minutes: a 45-minute gap is ordinary, a 61-minute one stands out.
    minutes = [0, 20, 40, 60, 80, 125, 186]
    facts = compute_facts(session([ev(i, m) for i, m in enumerate(minutes)]))
    assert facts.threshold == timedelta(minutes=60)
    assert facts.long_gap_rows == [6]


def test_same_time_events_do_not_drag_the_median_to_zero() -> None:
    # Median of the non-zero gaps (5, 5, 20) is 5 minutes, not 0; threshold 15 minutes.
    minutes = [0, 0, 0, 0, 5, 5, 10, 30]
    facts = compute_facts(session([ev(i, m) for i, m in enumerate(minutes)]))
    assert facts.median_gap == timedelta(minutes=5)
    assert facts.threshold == timedelta(minutes=15)
    assert facts.long_gap_rows == [7]


def test_since_start_per_row() -> None:
    facts = compute_facts(session([ev(1, 0), ev(2, 12)], started_at=T0 - timedelta(minutes=3)))
    assert facts.row(1).since_start == timedelta(minutes=15)
    no_start = compute_facts(session([ev(1, 0, "alert")]))
    assert no_start.row(0).since_start is None


def test_empty_and_single_event_timelines() -> None:
    empty = compute_facts(session([]))
    assert empty.gaps == () and empty.median_gap is None
    one = compute_facts(session([ev(1, 0)]))
    assert one.long_gaps == (False,) and one.threshold == timedelta(minutes=10)


def test_milestone_kind_matching() -> None:
    assert milestone_for_kind(" Impact_Start ") == "started"
    assert milestone_for_kind("PAGE") == "detected"
    assert milestone_for_kind("recovery") == "resolved"
    assert milestone_for_kind("deploy") is None


def test_format_duration() -> None:
    assert format_duration(None) == "—"
    assert format_duration(timedelta(seconds=45)) == "45s"
    assert format_duration(timedelta(minutes=4)) == "4m"
    assert format_duration(timedelta(minutes=4, seconds=30)) == "4m 30s"
    assert format_duration(timedelta(minutes=14, seconds=30)) == "14m"
    assert format_duration(timedelta(hours=1, minutes=5)) == "1h 05m"
    assert format_duration(timedelta(days=2, hours=3)) == "2d 3h"
    assert format_duration(timedelta(days=2)) == "2d"
    assert format_duration(timedelta(minutes=-3)) == "-3m"
