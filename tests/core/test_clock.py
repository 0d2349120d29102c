"""The agenda clock: derived time, zero drift, extensions and re-plans."""

from __future__ import annotations

from datetime import timedelta

import pytest

from secondstory.core import clock as c
from secondstory.core.agendas import load_agenda
from secondstory.core.model import Session
from secondstory.core.sessions import new_session
from secondstory.core.storage import dumps_session, loads_session


def test_simulated_90_minute_meeting_with_pauses_has_zero_drift(clock) -> None:
    agenda = load_agenda("sync-90")
    t0 = clock.now
    c.start(agenda, clock.now)
    running = 0.0
    # Each phase runs its planned minutes in uneven steps with a pause in the middle.
    for index, phase in enumerate(agenda.phases):
        assert agenda.current == index
        budget = phase.planned_minutes * 60
        first = budget * 0.37
        clock.advance(seconds=first)
        c.pause(agenda, clock.now)
        clock.advance(minutes=3)  # paused time counts for nothing
        c.start(agenda, clock.now)
        clock.advance(seconds=budget - first)
        running += budget
        status = c.phase_status(agenda, index, clock.now)
        assert status.elapsed == pytest.approx(budget, abs=1e-6)
        assert status.remaining == pytest.approx(0, abs=1e-6)
        c.next_phase(agenda, clock.now)
    meeting = c.meeting_status(agenda, clock.now)
    assert meeting.elapsed == pytest.approx(90 * 60, abs=1e-6)
    assert meeting.remaining == pytest.approx(0, abs=1e-6)
    # Wall time includes the five pauses of three minutes.
    assert clock.now - t0 == timedelta(minutes=90 + 15)
    assert running == 90 * 60


def test_reopened_session_resumes_with_the_right_remaining_time(clock) -> None:
    session = new_session("INC-1", "t", agenda="sync-90")
    c.start(session.agenda, clock.now)
    clock.advance(minutes=2, seconds=30)
    text = dumps_session(session)  # saved while running, then the app is killed
    clock.advance(minutes=1)  # time passes while nobody has it open
    reopened: Session = loads_session(text)
    assert c.is_running(reopened.agenda)
    status = c.phase_status(reopened.agenda, 0, clock.now)
    assert status.remaining == pytest.approx(5 * 60 - 210)


def test_next_and_previous_keep_the_clock_running_and_paused_stays_paused(clock) -> None:
    agenda = load_agenda("sync-56")
    assert c.next_phase(agenda, clock.now) and agenda.current == 1
    assert not c.is_running(agenda)  # moving while paused does not start the clock
    c.start(agenda, clock.now)
    clock.advance(seconds=10)
    assert c.previous_phase(agenda, clock.now)
    assert agenda.current == 0 and c.is_running(agenda)
    assert not c.previous_phase(agenda, clock.now)  # already first
    assert agenda.phases[1].actual[-1].end == clock.now


def test_toggle_starts_and_pauses(clock) -> None:
    agenda = load_agenda("short-30")
    assert c.toggle(agenda, clock.now) is True
    clock.advance(seconds=42)
    assert c.toggle(agenda, clock.now) is False
    clock.advance(minutes=10)
    assert c.phase_elapsed(agenda.phases[0], clock.now) == 42


def test_extend_adds_to_the_budget_and_states_follow(clock) -> None:
    agenda = load_agenda("sync-90")  # frame phase: 5 minutes
    c.start(agenda, clock.now)
    clock.advance(minutes=2, seconds=59)
    assert c.phase_status(agenda, 0, clock.now).state == "ok"
    clock.advance(seconds=2)
    assert c.phase_status(agenda, 0, clock.now).state == "warning"
    clock.advance(minutes=3)
    status = c.phase_status(agenda, 0, clock.now)
    assert status.state == "over" and status.overrun == pytest.approx(61)
    c.extend(agenda, clock.now, 300)
    status = c.phase_status(agenda, 0, clock.now)
    assert status.budget == 600 and status.state == "ok"


def test_replan_shrinks_later_phases_so_the_meeting_ends_on_time(clock) -> None:
    agenda = load_agenda("sync-90")
    c.start(agenda, clock.now)
    clock.advance(minutes=15)  # the 5-minute frame overran by 10 minutes
    assert c.replan(agenda, clock.now)
    later = agenda.phases[1:]
    assert sum(c.phase_budget(p) for p in later) == 75 * 60
    # In proportion: 15:30:25:15 scaled from 85 to 75 minutes.
    assert [c.phase_budget(p) for p in later] == [794, 1588, 1324, 794]
    meeting = c.meeting_status(agenda, clock.now)
    assert meeting.projected_end == clock.now + timedelta(minutes=75)
    assert not c.replan(agenda, clock.now)  # already on time


def test_projected_end_counts_overrun_and_later_phases(clock) -> None:
    agenda = load_agenda("sync-90")
    c.start(agenda, clock.now)
    clock.advance(minutes=1)
    meeting = c.meeting_status(agenda, clock.now)
    assert meeting.projected_end == clock.now + timedelta(minutes=89)
    assert meeting.started_at == clock.now - timedelta(minutes=1)


@pytest.mark.parametrize(
    ("remaining", "shown"),
    [(300, "05:00"), (299.2, "05:00"), (0.4, "00:01"), (0, "+00:00"), (-61.7, "+01:01")],
)
def test_countdown_format(remaining: float, shown: str) -> None:
    assert c.format_countdown(remaining) == shown


def test_split_whole_sums_exactly() -> None:
    assert sum(c.split_whole(61, [5, 15, 30, 25, 15])) == 61
    assert c.split_whole(10, [0, 0]) == [0, 0]
