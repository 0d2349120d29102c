"""The agenda clock: pure functions over the stamps stored in a session's agenda.

Time is never counted. Each phase keeps the intervals during which it ran; elapsed and remaining
time are computed from those stamps and the current time, which callers pass in (the app passes
the wall clock, tests pass a fake). A reopened session therefore resumes exactly where it was,
and nothing drifts however long the meeting runs.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from secondstory.core.model import Agenda, Extension, Interval, Phase, Replan

Clock = Callable[[], datetime]

WARNING_SECONDS = 120
"""The last two minutes of a phase are shown in the warning colour."""


def system_clock() -> datetime:
    return datetime.now(UTC)


def phase_elapsed(phase: Phase, now: datetime) -> float:
    total = 0.0
    for interval in phase.actual:
        end = interval.end if interval.end is not None else now
        total += max((end - interval.start).total_seconds(), 0.0)
    return total


def phase_budget(phase: Phase) -> int:
    """Seconds this phase may take: planned, plus extensions, plus re-plan changes."""
    seconds = phase.planned_minutes * 60
    seconds += sum(e.seconds for e in phase.extensions)
    seconds += sum(r.seconds_after - r.seconds_before for r in phase.replans)
    return max(seconds, 0)


@dataclass(frozen=True)
class PhaseStatus:
    index: int
    elapsed: float
    budget: int
    running: bool

    @property
    def remaining(self) -> float:
        return self.budget - self.elapsed

    @property
    def overrun(self) -> float:
        return max(-self.remaining, 0.0)

    @property
    def state(self) -> str:
        """`over`, `warning` (last two minutes) or `ok`: drives the timer's colour."""
        if self.remaining < 0 or (self.budget > 0 and self.remaining == 0):
            return "over"
        if self.remaining <= WARNING_SECONDS:
            return "warning"
        return "ok"


@dataclass(frozen=True)
class MeetingStatus:
    started_at: datetime | None
    elapsed: float
    planned: int
    """The original plan in seconds: the end the meeting aims for."""
    budget: int
    """Current plan in seconds, with extensions and re-plans."""
    projected_end: datetime | None

    @property
    def remaining(self) -> float:
        return self.budget - self.elapsed

    @property
    def overrun(self) -> float:
        return max(-self.remaining, 0.0)


def current_phase(agenda: Agenda) -> Phase | None:
    if not agenda.phases:
        return None
    return agenda.phases[min(agenda.current, len(agenda.phases) - 1)]


def is_running(agenda: Agenda) -> bool:
    phase = current_phase(agenda)
    return bool(phase and phase.actual and phase.actual[-1].end is None)


def started_at(agenda: Agenda) -> datetime | None:
    stamps = [p.actual[0].start for p in agenda.phases if p.actual]
    return min(stamps) if stamps else None


def phase_status(agenda: Agenda, index: int, now: datetime) -> PhaseStatus:
    phase = agenda.phases[index]
    running = index == agenda.current and is_running(agenda)
    return PhaseStatus(index, phase_elapsed(phase, now), phase_budget(phase), running)


def meeting_status(agenda: Agenda, now: datetime) -> MeetingStatus:
    elapsed = sum(phase_elapsed(p, now) for p in agenda.phases)
    planned = sum(p.planned_minutes * 60 for p in agenda.phases)
    budget = sum(phase_budget(p) for p in agenda.phases)
    projected = None
    if agenda.phases:
        current = phase_status(agenda, agenda.current, now)
        ahead = max(current.remaining, 0.0)
        ahead += sum(phase_budget(p) for p in agenda.phases[agenda.current + 1 :])
        projected = now + timedelta(seconds=ahead)
    return MeetingStatus(started_at(agenda), elapsed, planned, budget, projected)


def _close(agenda: Agenda, now: datetime) -> None:
    phase = current_phase(agenda)
    if phase and phase.actual and phase.actual[-1].end is None:
        phase.actual[-1].end = max(now, phase.actual[-1].start)


def _open(agenda: Agenda, now: datetime) -> None:
    phase = current_phase(agenda)
    if phase is not None and not is_running(agenda):
        phase.actual.append(Interval(start=now))


def start(agenda: Agenda, now: datetime) -> None:
    """Start or resume the current phase's clock; does nothing if it already runs."""
    _open(agenda, now)


def pause(agenda: Agenda, now: datetime) -> None:
    _close(agenda, now)


def toggle(agenda: Agenda, now: datetime) -> bool:
    """Start/pause; returns whether the clock now runs."""
    if is_running(agenda):
        pause(agenda, now)
        return False
    start(agenda, now)
    return True


def goto(agenda: Agenda, index: int, now: datetime) -> bool:
    """Move to phase `index`; a running clock keeps running on the new phase."""
    if not agenda.phases or not 0 <= index < len(agenda.phases) or index == agenda.current:
        return False
    running = is_running(agenda)
    _close(agenda, now)
    agenda.current = index
    if running:
        _open(agenda, now)
    return True


def next_phase(agenda: Agenda, now: datetime) -> bool:
    return goto(agenda, agenda.current + 1, now)


def previous_phase(agenda: Agenda, now: datetime) -> bool:
    return goto(agenda, agenda.current - 1, now)


def extend(agenda: Agenda, now: datetime, seconds: int = 300) -> None:
    phase = current_phase(agenda)
    if phase is not None:
        phase.extensions.append(Extension(at=now, seconds=seconds))


def split_whole(total: int, weights: list[int]) -> list[int]:
    """Share `total` in proportion to `weights` in whole units that sum exactly to `total`.

    Largest remainder: floor every share, then hand the units left over to the largest
    fractional parts (earlier entries win ties, so the result is stable).
    """
    weight_sum = sum(weights)
    if weight_sum <= 0:
        return [0] * len(weights)
    exact = [total * w / weight_sum for w in weights]
    shares = [int(x) for x in exact]
    left = total - sum(shares)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in order[:left]:
        shares[i] += 1
    return shares


def replan(agenda: Agenda, now: datetime) -> bool:
    """Shrink the phases after the current one in proportion so the meeting ends on time.

    Returns False when there is nothing to shrink (no later phases, or still on schedule).
    """
    if not agenda.phases:
        return False
    later = agenda.phases[agenda.current + 1 :]
    if not later:
        return False
    status = meeting_status(agenda, now)
    current = phase_status(agenda, agenda.current, now)
    spent_so_far = status.elapsed + max(current.remaining, 0.0)
    available = max(int(status.planned - spent_so_far), 0)
    budgets = [phase_budget(p) for p in later]
    if sum(budgets) <= available:
        return False
    for phase, before, after in zip(later, budgets, split_whole(available, budgets), strict=True):
        if after != before:
            phase.replans.append(Replan(at=now, seconds_before=before, seconds_after=after))
    return True


def format_mmss(seconds: float) -> str:
    """`MM:SS` for a duration (minutes may exceed 59); fractions of a second are dropped."""
    whole = int(abs(seconds))
    sign = "-" if seconds <= -1 else ""
    return f"{sign}{whole // 60:02d}:{whole % 60:02d}"


def format_countdown(remaining: float) -> str:
    """What the big timer shows: `MM:SS` left, or `+MM:SS` over once time is up.

    Counting down rounds up, so the display reads 00:00 only at the moment time is up.
    """
    if remaining > 0:
        whole = math.ceil(remaining)
        return f"{whole // 60:02d}:{whole % 60:02d}"
    over = int(-remaining)
    return f"+{over // 60:02d}:{over % 60:02d}"
