"""The closure check a week after the meeting, and the day-14 and day-30 follow-ups.

An incident can close when every P0 action item is done and every P1 item is in progress or
done. A P0 or P1 item marked won't-do counts as settled only when its status change records why
(the note); otherwise it blocks, because "we decided not to" must be written down. The team's
confidence and any new insights are for people to judge: the report reminds, it does not decide.

Follow-up checkpoints count calendar days from the meeting: day 7 closure check, day 14 (every
item should be in progress), day 30 (every item should be done).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from secondstory.core.model import ActionItem, Session

CLOSE_CHECK_DAY = 7
IN_PROGRESS_DAY = 14
COMPLETED_DAY = 30


@dataclass(frozen=True)
class Blocker:
    action: ActionItem
    reason: str


@dataclass(frozen=True)
class Checkpoint:
    """A follow-up day: what should hold by then, and the items that do not (yet)."""

    day: int
    due: date
    expectation: str
    reached: bool
    """Today is on or after the checkpoint."""
    lagging: tuple[ActionItem, ...]


@dataclass(frozen=True)
class ClosureReport:
    incident_id: str
    today: date
    meeting_date: date | None
    blockers: tuple[Blocker, ...]
    checkpoints: tuple[Checkpoint, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def can_close(self) -> bool:
        return not self.blockers


def _wont_do_reason(item: ActionItem) -> str:
    for change in reversed(item.history):
        if change.status == "wont-do":
            return change.note.strip()
    return ""


def settled(item: ActionItem) -> bool:
    """Done, or won't-do with the reason recorded."""
    return item.status == "done" or (item.status == "wont-do" and bool(_wont_do_reason(item)))


def _blocker(item: ActionItem) -> Blocker | None:
    if item.priority not in ("P0", "P1"):
        return None
    if item.status == "wont-do" and not _wont_do_reason(item):
        return Blocker(item, "marked won't do without a recorded reason (add one with --note)")
    if item.priority == "P0" and not settled(item):
        return Blocker(item, "P0 items must be done before closing")
    if item.priority == "P1" and item.status == "open":
        return Blocker(item, "P1 items must be in progress or done before closing")
    return None


def _checkpoints(session: Session, met: date, today: date) -> tuple[Checkpoint, ...]:
    items = session.actions
    in_progress = tuple(a for a in items if a.status == "open")
    not_done = tuple(a for a in items if not settled(a))
    points = []
    for day, expectation, lagging in (
        (IN_PROGRESS_DAY, "every action item in progress", in_progress),
        (COMPLETED_DAY, "every action item done", not_done),
    ):
        due = met + timedelta(days=day)
        points.append(Checkpoint(day, due, expectation, today >= due, lagging))
    return tuple(points)


def check_closure(session: Session, today: date) -> ClosureReport:
    blockers = tuple(b for a in session.actions if (b := _blocker(a)) is not None)
    notes: list[str] = []
    met = session.meeting_date()
    checkpoints: tuple[Checkpoint, ...] = ()
    if met is None:
        notes.append("no meeting date yet (the clock never ran and none is scheduled)")
    else:
        checkpoints = _checkpoints(session, met, today)
        check_day = met + timedelta(days=CLOSE_CHECK_DAY)
        if today < check_day:
            notes.append(f"the one-week closure check is due on {check_day.isoformat()}")
    if not any(a.priority in ("P0", "P1") for a in session.actions):
        if session.closing.risk_accepted.strip():
            notes.append(f"no P0/P1 items; risk accepted: {session.closing.risk_accepted.strip()}")
        else:
            notes.append(
                "no P0/P1 items and no recorded acceptance of the risk of recurrence "
                "(closing.risk_accepted)"
            )
    if session.closing.extension_reason.strip():
        notes.append(f"closure was postponed before: {session.closing.extension_reason.strip()}")
    return ClosureReport(session.incident.id, today, met, blockers, checkpoints, tuple(notes))


def _item_line(item: ActionItem) -> str:
    owner = item.owner or "no owner"
    return f"{item.id} [{item.priority}, {item.status}, {owner}] {item.title}"


def format_closure(report: ClosureReport) -> list[str]:
    """The report as terminal lines: verdict, blocking items, checkpoints, reminders."""
    lines: list[str] = []
    if report.can_close:
        lines.append(f"{report.incident_id}: can close: every P0 item is done, every P1 started.")
    else:
        count = len(report.blockers)
        lines.append(
            f"{report.incident_id}: cannot close yet: {count} item{'s' if count != 1 else ''} "
            "block closing."
        )
        for blocker in report.blockers:
            lines.append(f"  {_item_line(blocker.action)}")
            lines.append(f"      {blocker.reason}")
    if report.meeting_date is not None:
        lines.append(f"Meeting held {report.meeting_date.isoformat()}.")
    for point in report.checkpoints:
        if point.reached and point.lagging:
            state = f"reached; {len(point.lagging)} not there yet:"
        elif point.reached:
            state = "reached; all there."
        else:
            state = "ahead."
        lines.append(f"Day {point.day} ({point.due.isoformat()}, {point.expectation}): {state}")
        if point.reached:
            lines.extend(f"  {_item_line(item)}" for item in point.lagging)
    lines.extend(f"Note: {note}" for note in report.notes)
    if report.can_close:
        lines.append("Before closing, ask: is the team confident? Any new insights to record?")
    else:
        lines.append(
            "If closing must wait, extend the deadlines and record why (closing.extension_reason)."
        )
    return lines
