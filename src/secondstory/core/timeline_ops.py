"""Editing and walking the timeline: events, decision points, findings, navigation.

Order: the timeline is kept sorted by time, and events at the same moment keep the order the
facilitator gave them (a stable sort; a new event goes after the others at its time). Moving an
event up or down therefore only reorders events that share a time. Swapping two different
times instead would make the list lie about when things happened, so moving past an event at
another time is refused with a message asking for the time to be edited instead.

Navigation (next/previous event, next/previous decision point) reads a `TimelineNav` built once
per change in O(n); each key press is then O(1) or O(log n), far below a frame for thousands of
events.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from secondstory.core import ids
from secondstory.core.action_ops import add_action
from secondstory.core.errors import UserError
from secondstory.core.model import (
    ActionItem,
    ActionTerm,
    ActionType,
    ContributingFactor,
    Finding,
    Priority,
    Session,
    TimelineEvent,
)

SUGGESTED_KINDS: tuple[str, ...] = (
    "event",
    "start",
    "alert",
    "acknowledge",
    "deploy",
    "change",
    "communication",
    "mitigation",
    "resolution",
)
"""Kinds offered by the app's picker; the milestone ones match `timeline_facts.MILESTONE_KINDS`
so a typed timeline yields time to detect / mitigate / resolve without header times."""


def _utc(at: datetime) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("event times must be timezone-aware")
    return at.astimezone(UTC)


def _text(text: str, what: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise UserError(f"{what}: expected some text")
    return cleaned


def event_index(session: Session, event_id: str) -> int:
    for index, event in enumerate(session.timeline):
        if event.id == event_id:
            return index
    raise UserError(f"event {event_id}: no such timeline event")


def insertion_index(timeline: Sequence[TimelineEvent], at: datetime) -> int:
    """Where an event at `at` goes: after every event at or before that time (O(log n))."""
    return bisect.bisect_right(timeline, at, key=lambda e: e.at)


def is_sorted(timeline: Sequence[TimelineEvent]) -> bool:
    return all(timeline[i - 1].at <= timeline[i].at for i in range(1, len(timeline)))


def ensure_sorted(session: Session) -> bool:
    """Stable-sort a timeline that arrived out of order (hand-edited file); True if it moved."""
    if is_sorted(session.timeline):
        return False
    session.timeline.sort(key=lambda e: e.at)
    return True


def add_event(
    session: Session,
    at: datetime,
    text: str,
    *,
    kind: str = "event",
    decision_point: bool = False,
    author: str = "",
    source: str = "manual",
) -> int:
    """Insert a new event (`E-N`) in time order; returns its index."""
    event = TimelineEvent(
        id=ids.new_id(ids.EVENT, session.timeline),
        at=_utc(at),
        text=_text(text, "event"),
        kind=kind.strip() or "event",
        decision_point=decision_point,
        author=author.strip(),
        source=source,
    )
    index = insertion_index(session.timeline, event.at)
    session.timeline.insert(index, event)
    return index


def edit_event(
    session: Session,
    event_id: str,
    *,
    at: datetime | None = None,
    text: str | None = None,
    kind: str | None = None,
    author: str | None = None,
    notes: str | None = None,
) -> int:
    """Change fields of an event; a new time moves it to its place. Returns its index."""
    index = event_index(session, event_id)
    event = session.timeline[index]
    if text is not None:
        event.text = _text(text, f"event {event_id}")
    if kind is not None:
        event.kind = kind.strip() or "event"
    if author is not None:
        event.author = author.strip()
    if notes is not None:
        event.notes = notes
    if at is not None and _utc(at) != event.at:
        session.timeline.pop(index)
        event.at = _utc(at)
        index = insertion_index(session.timeline, event.at)
        session.timeline.insert(index, event)
    return index


@dataclass
class DeletedEvent:
    """What `delete_event` removed, so `restore_event` can undo it."""

    index: int
    event: TimelineEvent
    findings: list[str] = field(default_factory=list)
    steps: list[tuple[str, int]] = field(default_factory=list)
    factors: list[str] = field(default_factory=list)


def delete_event(session: Session, event_id: str) -> DeletedEvent:
    """Remove an event and clear the links to it (findings, why steps, contributing factors)."""
    index = event_index(session, event_id)
    deleted = DeletedEvent(index, session.timeline.pop(index))
    for finding in session.findings:
        if finding.event_id == event_id:
            finding.event_id = None
            deleted.findings.append(finding.id)
    for chain in session.five_whys:
        for step_index, step in enumerate(chain.steps):
            if step.event_id == event_id:
                step.event_id = None
                deleted.steps.append((chain.id, step_index))
    for factor in session.contributing_factors:
        if factor.event_id == event_id:
            factor.event_id = None
            deleted.factors.append(factor.id)
    return deleted


def restore_event(session: Session, deleted: DeletedEvent) -> int:
    """Undo `delete_event`: put the event back and relink what still exists."""
    event = deleted.event
    if any(e.id == event.id for e in session.timeline):
        raise UserError(f"event {event.id}: already in the timeline")
    index = min(deleted.index, len(session.timeline))
    before_ok = index == 0 or session.timeline[index - 1].at <= event.at
    after_ok = index == len(session.timeline) or event.at <= session.timeline[index].at
    if not (before_ok and after_ok):
        index = insertion_index(session.timeline, event.at)
    session.timeline.insert(index, event)
    for finding in session.findings:
        if finding.id in deleted.findings:
            finding.event_id = event.id
    chains = {c.id: c for c in session.five_whys}
    for chain_id, step_index in deleted.steps:
        chain = chains.get(chain_id)
        if chain is not None and step_index < len(chain.steps):
            chain.steps[step_index].event_id = event.id
    for factor in session.contributing_factors:
        if factor.id in deleted.factors:
            factor.event_id = event.id
    return index


def move_event(session: Session, index: int, direction: Literal[-1, 1]) -> int:
    """Swap an event with its neighbour at the same time; returns its new index.

    At either end nothing moves (the same index comes back). A neighbour at a different time
    raises `UserError`: edit the time to move an event past another moment.
    """
    timeline = session.timeline
    if not 0 <= index < len(timeline):
        raise UserError(f"row {index + 1}: no such timeline row")
    target = index + direction
    if not 0 <= target < len(timeline):
        return index
    here, there = timeline[index], timeline[target]
    if here.at != there.at:
        raise UserError(
            f"event {here.id} ({here.at:%H:%M:%S}) and {there.id} ({there.at:%H:%M:%S}) happened "
            "at different times: edit the time to move it"
        )
    timeline[index], timeline[target] = there, here
    return target


def toggle_decision_point(session: Session, index: int) -> bool:
    """Mark or unmark a decision point; returns the new state."""
    event = session.timeline[index]
    event.decision_point = not event.decision_point
    return event.decision_point


def set_decision_notes(
    session: Session,
    event_id: str,
    *,
    known: str | None = None,
    why_sensible: str | None = None,
    missing: str | None = None,
) -> None:
    """The structured capture at a decision point; None leaves a field alone."""
    notes = session.timeline[event_index(session, event_id)].decision
    if known is not None:
        notes.known = known.strip()
    if why_sensible is not None:
        notes.why_sensible = why_sensible.strip()
    if missing is not None:
        notes.missing = missing.strip()


def has_decision_notes(event: TimelineEvent) -> bool:
    notes = event.decision
    return bool(notes.known.strip() or notes.why_sensible.strip() or notes.missing.strip())


@dataclass(frozen=True)
class TimelineNav:
    """Precomputed navigation over a timeline; rebuild with `build` after every change."""

    count: int
    decisions: tuple[int, ...]
    positions: dict[str, int]
    """Event id → row index."""

    @classmethod
    def build(cls, timeline: Sequence[TimelineEvent]) -> TimelineNav:
        return cls(
            count=len(timeline),
            decisions=tuple(i for i, e in enumerate(timeline) if e.decision_point),
            positions={e.id: i for i, e in enumerate(timeline)},
        )

    def next_event(self, current: int | None) -> int | None:
        """The row after `current` (the first row from nowhere); None past the end."""
        if self.count == 0:
            return None
        if current is None:
            return 0
        return current + 1 if current + 1 < self.count else None

    def previous_event(self, current: int | None) -> int | None:
        if self.count == 0:
            return None
        if current is None:
            return self.count - 1
        return current - 1 if current > 0 else None

    def next_decision(self, current: int | None) -> int | None:
        """The first decision point after `current` (O(log n)); None when there is none."""
        start = -1 if current is None else current
        pos = bisect.bisect_right(self.decisions, start)
        return self.decisions[pos] if pos < len(self.decisions) else None

    def previous_decision(self, current: int | None) -> int | None:
        start = self.count if current is None else current
        pos = bisect.bisect_left(self.decisions, start)
        return self.decisions[pos - 1] if pos > 0 else None

    def index_of(self, event_id: str) -> int | None:
        return self.positions.get(event_id)


# Findings ------------------------------------------------------------------------------------


def finding_index(session: Session, finding_id: str) -> int:
    for index, finding in enumerate(session.findings):
        if finding.id == finding_id:
            return index
    raise UserError(f"finding {finding_id}: no such finding")


def add_finding(session: Session, text: str, event_id: str | None = None) -> Finding:
    """A short finding (`F-N`), at an event when `event_id` is given."""
    if event_id is not None:
        event_index(session, event_id)
    finding = Finding(
        id=ids.new_id(ids.FINDING, session.findings),
        text=_text(text, "finding"),
        event_id=event_id,
    )
    session.findings.append(finding)
    return finding


def edit_finding(session: Session, finding_id: str, text: str) -> Finding:
    finding = session.findings[finding_index(session, finding_id)]
    finding.text = _text(text, f"finding {finding_id}")
    return finding


def delete_finding(session: Session, finding_id: str) -> Finding:
    """Remove a finding; what it was promoted to stays (its origin still names the finding)."""
    return session.findings.pop(finding_index(session, finding_id))


def findings_at(session: Session, event_id: str) -> list[Finding]:
    return [f for f in session.findings if f.event_id == event_id]


def _promotable(session: Session, finding_id: str) -> Finding:
    finding = session.findings[finding_index(session, finding_id)]
    if finding.promoted_to:
        raise UserError(f"finding {finding_id}: already promoted to {finding.promoted_to}")
    return finding


def promote_finding_to_factor(
    session: Session, finding_id: str, *, category: str = ""
) -> ContributingFactor:
    """Turn a finding into a contributing factor (`CF-N`) that keeps the finding's event."""
    finding = _promotable(session, finding_id)
    factor = ContributingFactor(
        id=ids.new_id(ids.FACTOR, session.contributing_factors),
        text=finding.text,
        category=category.strip(),
        event_id=finding.event_id,
    )
    session.contributing_factors.append(factor)
    finding.promoted_to = f"factor:{factor.id}"
    return factor


def promote_finding_to_action(
    session: Session,
    finding_id: str,
    *,
    owner: str = "",
    priority: Priority = "P2",
    term: ActionTerm = "short",
    type: ActionType = "prevent",  # noqa: A002 - the model's field name
) -> ActionItem:
    """Turn a finding into an action item whose origin is `finding:F-N`."""
    finding = _promotable(session, finding_id)
    item = add_action(
        session,
        finding.text,
        owner=owner,
        priority=priority,
        term=term,
        type=type,
        origin=f"finding:{finding.id}",
    )
    finding.promoted_to = f"action:{item.id}"
    return item
