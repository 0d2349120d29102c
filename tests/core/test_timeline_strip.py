"""The timeline strip: row widths, marks, spans and ticks at several widths and sizes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from secondstory.core.model import Incident, Session, TimelineEvent
from secondstory.core.timeline_strip import (
    DECISION_MARK,
    EVENT_MARK,
    MANY_MARK,
    ROW_AXIS,
    ROW_EVENTS,
    ROW_SPANS,
    ROW_TICKS,
    STYLES,
    TICK_CHAR,
    render_strip,
)

T0 = datetime(2026, 3, 22, 14, 20, tzinfo=UTC)


def incident_session() -> Session:
    """A 30-minute incident: start 14:20, detected 14:24, mitigated 14:40, resolved 14:50."""
    incident = Incident(
        id="INC-1",
        title="t",
        started_at=T0,
        detected_at=T0 + timedelta(minutes=4),
        mitigated_at=T0 + timedelta(minutes=20),
        resolved_at=T0 + timedelta(minutes=30),
    )
    events = [
        TimelineEvent(id=f"E-{i}", at=T0 + timedelta(minutes=m), text="x", decision_point=d)
        for i, (m, d) in enumerate([(0, False), (4, False), (7, True), (20, False), (30, False)])
    ]
    return Session(incident=incident, timeline=events)


def big_session(n: int = 2000) -> Session:
    events = [
        TimelineEvent(
            id=f"E-{i}", at=T0 + timedelta(seconds=37 * i), text="x", decision_point=i % 50 == 0
        )
        for i in range(n)
    ]
    return Session(incident=Incident(id="INC-1", title="t"), timeline=events)


def check_shape(strip_rows: tuple[str, ...], width: int) -> None:
    assert len(strip_rows) == 4
    assert all(len(row) == width for row in strip_rows)


@pytest.mark.parametrize("width", [40, 80, 200])
def test_incident_strip_at_common_widths(width: int) -> None:
    strip = render_strip(incident_session(), width)
    check_shape(strip.rows, width)
    events = strip.rows[ROW_EVENTS]
    assert events[0] == EVENT_MARK and events[-1] == EVENT_MARK
    assert events.count(DECISION_MARK) == 1
    assert events[strip.column(T0 + timedelta(minutes=7)) or 0] == DECISION_MARK
    # The spans follow the milestones, in order, and touch the strip's ends.
    span_styles = [s.style for s in strip.spans if s.row == ROW_SPANS]
    assert span_styles == ["strip.detect", "strip.mitigate", "strip.resolve"]
    span_cells = [(s.start, s.end) for s in strip.spans if s.row == ROW_SPANS]
    assert span_cells[0][0] == 0 and span_cells[-1][1] == width
    assert all(a[1] <= b[0] for a, b in zip(span_cells, span_cells[1:], strict=False))
    assert strip.rows[ROW_SPANS].startswith("├")
    assert "14:30" in strip.rows[ROW_TICKS]
    assert TICK_CHAR in strip.rows[ROW_AXIS]
    assert {s.style for s in strip.spans} <= set(STYLES)
    for span in strip.spans:
        assert 0 <= span.start < span.end <= width


def test_labels_appear_when_there_is_room() -> None:
    wide = render_strip(incident_session(), 200).rows[ROW_SPANS]
    assert "detect 4m" in wide and "mitigate 16m" in wide and "resolve 10m" in wide
    narrow = render_strip(incident_session(), 40).rows[ROW_SPANS]
    assert "mitigate" in narrow


def test_ticks_are_round_and_do_not_overlap() -> None:
    row = render_strip(incident_session(), 80).rows[ROW_TICKS]
    labels = row.split()
    assert labels == sorted(labels)
    assert all(label.endswith(("0", "5")) for label in labels)
    assert len(labels) >= 3


def test_ticks_in_another_zone() -> None:
    row = render_strip(incident_session(), 80, zone="Asia/Kolkata").rows[ROW_TICKS]
    assert "20:00" in row  # 14:30 UTC is 20:00 in India


def test_single_event() -> None:
    s = Session(
        incident=Incident(id="INC-1", title="t"),
        timeline=[TimelineEvent(id="E-1", at=T0, text="x", decision_point=True)],
    )
    for width in (1, 10, 40, 80, 200):
        strip = render_strip(s, width)
        check_shape(strip.rows, width)
        assert strip.rows[ROW_EVENTS].count(DECISION_MARK) == 1
    # Padded five minutes either side: the event sits in the middle cell.
    assert render_strip(s, 80).column(T0) == 39


def test_empty_session() -> None:
    strip = render_strip(Session(incident=Incident(id="INC-1", title="t")), 40)
    check_shape(strip.rows, 40)
    assert "no events yet" in strip.rows[ROW_EVENTS]
    assert strip.spans == () and strip.column(T0) is None


@pytest.mark.parametrize("width", [40, 80, 200])
def test_two_thousand_events(width: int) -> None:
    strip = render_strip(big_session(), width)
    check_shape(strip.rows, width)
    marks = strip.rows[ROW_EVENTS]
    # 40 decision points: at width 40 they fill nearly every cell, wider strips show both.
    assert 0 < marks.count(DECISION_MARK) <= 40
    if width > 40:
        assert MANY_MARK in marks
    assert " " not in marks  # dense: every cell has something
    event_spans = [s for s in strip.spans if s.row == ROW_EVENTS]
    assert sum(s.end - s.start for s in event_spans) == width
    # Runs of one style are merged: far fewer spans than events.
    assert len(event_spans) <= width


def test_long_incident_uses_day_ticks() -> None:
    s = big_session(3)
    s.timeline[-1].at = T0 + timedelta(days=9)
    row = render_strip(s, 80).rows[ROW_TICKS]
    assert "03-2" in row


def test_missing_milestones_merge_spans() -> None:
    s = incident_session()
    s.incident.mitigated_at = None
    spans = [sp.style for sp in render_strip(s, 80).spans if sp.row == ROW_SPANS]
    assert spans == ["strip.detect", "strip.resolve"]


def test_width_must_be_positive() -> None:
    with pytest.raises(ValueError):
        render_strip(incident_session(), 0)
