"""Closing the meeting: the checklist rules, the facilitator warning, and the close itself."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from secondstory.core import clock
from secondstory.core.agendas import load_agenda
from secondstory.core.checks import Check, passing
from secondstory.core.errors import UserError
from secondstory.core.meeting_close import (
    CLOSE_RULES,
    close_checklist,
    close_meeting,
    default_chain_judge,
    facilitator_check,
    reopen_meeting,
)
from secondstory.core.model import (
    ActionItem,
    Appreciation,
    DecisionNotes,
    Incident,
    Person,
    Session,
    TimelineEvent,
    WhyChain,
    WhyStep,
)

NOW = datetime(2026, 3, 25, 16, 30, tzinfo=UTC)
TODAY = NOW.date()


def ready() -> Session:
    """A session that passes every rule."""
    deadline = date(2026, 4, 1)
    actions = [
        ActionItem(
            id="A-1",
            title="Add pool exhaustion alert",
            owner="Backend",
            priority="P0",
            deadline=deadline,
            success_criteria="Alert fires when pool use > 90%",
        ),
        ActionItem(
            id="A-2",
            title="Load test the pool in CI",
            owner="DevOps",
            priority="P1",
            deadline=deadline,
            success_criteria="CI fails on pool exhaustion",
            term="long",
        ),
        ActionItem(
            id="A-3",
            title="Document safe deploy windows",
            owner="Ops",
            deadline=deadline,
            success_criteria="Runbook published and linked",
        ),
    ]
    return Session(
        incident=Incident(id="INC-1", title="t", status="In review"),
        agenda=load_agenda("sync-90"),
        people=[Person(name="Dana", facilitator=True), Person(name="Ana")],
        timeline=[
            TimelineEvent(id="E-1", at=NOW - timedelta(days=3), text="deploy"),
            TimelineEvent(
                id="E-2",
                at=NOW - timedelta(days=3),
                text="rollback",
                decision_point=True,
                decision=DecisionNotes(known="pool errors"),
            ),
        ],
        five_whys=[
            WhyChain(
                id="W-1",
                problem="500s",
                closed=True,
                steps=[WhyStep(answer="load testing is not part of the pipeline")],
            ),
        ],
        actions=actions,
        appreciations=[Appreciation(person="Ana", text="kept the status page current")],
    )


def by_rule(checks: list[Check]) -> dict[str, Check]:
    return {c.rule: c for c in checks}


def test_ready_session_passes_in_rule_order() -> None:
    checks = close_checklist(ready(), today=TODAY)
    assert [c.rule for c in checks] == list(CLOSE_RULES)
    assert passing(checks), [c.message for c in checks if not c.ok]


def test_timeline_walked_rules() -> None:
    s = ready()
    s.timeline[1].decision = DecisionNotes()
    check = by_rule(close_checklist(s, today=TODAY))["timeline-walked"]
    assert check.level == "warning" and check.item_id == "E-2"
    assert "1 of 1 decision point(s) have no notes" in check.message
    # Running the timeline phase counts as walking it, even with nothing written down.
    clock.goto(s.agenda, 1, NOW)
    clock.start(s.agenda, NOW)
    check = by_rule(close_checklist(s, today=TODAY))["timeline-walked"]
    assert check.level == "ok" and "1 decision point(s) have no notes" in check.message
    s.timeline.clear()
    assert by_rule(close_checklist(s, today=TODAY))["timeline-walked"].level == "warning"


def test_no_decision_points_and_no_walk_is_a_warning() -> None:
    s = ready()
    s.timeline[1].decision_point = False
    check = by_rule(close_checklist(s, today=TODAY))["timeline-walked"]
    assert check.level == "warning" and "no decision point marked" in check.message


def test_system_cause_uses_the_judge_seam() -> None:
    s = ready()
    checks = close_checklist(s, today=TODAY, chain_ends_at_system=lambda chain: False)
    check = by_rule(checks)["system-cause"]
    assert check.level == "warning" and check.item_id == "W-1"
    assert "How did the system" in check.question
    s.five_whys[0].closed = False
    check = by_rule(close_checklist(s, today=TODAY))["system-cause"]
    assert check.level == "warning" and "no five-whys chain is closed" in check.message


def test_default_judge_catches_obvious_person_endings() -> None:
    def chain(answer: str) -> WhyChain:
        return WhyChain(id="W-1", problem="p", steps=[WhyStep(answer=answer), WhyStep()])

    assert default_chain_judge(chain("no load test in the pipeline"))
    assert not default_chain_judge(chain("human error"))
    assert not default_chain_judge(chain("the engineer forgot to check"))
    assert not default_chain_judge(chain(""))


def test_action_and_appreciation_rules() -> None:
    s = ready()
    s.actions[0].owner = ""
    s.appreciations.clear()
    checks = by_rule(close_checklist(s, today=TODAY))
    assert checks["action-checks"].level == "warning"
    assert "A-1" in checks["action-checks"].message
    assert checks["appreciations"].level == "warning"


def test_facilitator_involved_in_the_change_is_warned() -> None:
    s = ready()
    assert facilitator_check(s).level == "ok"
    s.people[0].involved_in_change = True
    check = facilitator_check(s)
    assert check.level == "warning" and "Dana" in check.message and "neutral" in check.message
    s.people[0].facilitator = False
    assert facilitator_check(s).message == "no facilitator marked"


def test_close_meeting_sets_statement_time_status_and_stops_the_clock() -> None:
    s = ready()
    clock.start(s.agenda, NOW - timedelta(minutes=5))
    close_meeting(s, "  We learned where the pool breaks. Thank you all. ", NOW)
    assert s.closing.statement == "We learned where the pool breaks. Thank you all."
    assert s.closing.closed_at == NOW
    assert s.incident.status == "Reviewed"
    assert not clock.is_running(s.agenda)
    reopen_meeting(s)
    assert s.closing.closed_at is None and s.incident.status == "In review"
    assert s.closing.statement  # kept for editing


def test_close_needs_a_statement_and_keeps_closed_status() -> None:
    s = ready()
    with pytest.raises(UserError, match="closing statement"):
        close_meeting(s, "   ", NOW)
    assert s.closing.closed_at is None and s.incident.status == "In review"
    s.incident.status = "Closed"
    close_meeting(s, "done", NOW)
    assert s.incident.status == "Closed"
    with pytest.raises(ValueError):
        close_meeting(s, "done", datetime(2026, 3, 25, 16, 30))
