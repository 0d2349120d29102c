"""Closing the meeting: the checklist, the neutral-facilitator warning, and the close itself.

Checklist rules (ids stable, one result each; advice, never a block):

- `timeline-walked`: the timeline has events, and either every decision point has at least one
  of known / why it made sense / what was missing filled in, or the agenda's timeline phase was
  run (its clock started at least once): a walk that found nothing to write down still
  happened. Without a timeline phase in the agenda, only the first condition can pass.
- `system-cause`: at least one *closed* five-whys chain ends at a system cause. Whether it does
  is judged by the `chain_ends_at_system` callable passed in: the language coach supplies the
  real guard (person / "human error" detection); `default_chain_judge` is a small stand-in.
- `action-checks`: the action item quality checks give no warnings.
- `appreciations`: at least one appreciation is recorded.
- `neutral-facilitator`: a warning when the person marked facilitator is also marked
  `involved_in_change`.

`close_meeting` records the closing statement and time, stops the agenda clock and sets the
incident status to `Reviewed`: the postmortem is done. `Closed` is for later, when the action
items are done (the one-week closure check), so an already `Closed` incident stays `Closed`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime

from secondstory.core import clock
from secondstory.core.action_checks import check_session_actions
from secondstory.core.checks import Check
from secondstory.core.errors import UserError
from secondstory.core.model import Session, WhyChain
from secondstory.core.timeline_ops import has_decision_notes
from secondstory.core.whys_ops import last_answer

ChainJudge = Callable[[WhyChain], bool]
"""True when a chain ends at a system cause (not a person, not "human error")."""

CLOSE_RULES: dict[str, str] = {
    "timeline-walked": "timeline walked",
    "system-cause": "at least one chain ends at a system cause",
    "action-checks": "action item checks pass",
    "appreciations": "appreciations recorded",
    "neutral-facilitator": "a neutral facilitator",
}
"""Rule id → checklist line, in display order."""

_PERSON_ENDING = re.compile(
    r"\b(human error|operator error|user error|pilot error|mistake|careless(ness)?|"
    r"forgot|didn'?t (check|notice|test|follow)|should have|someone|somebody|"
    r"(the )?(engineer|developer|operator|on-?call( engineer)?)\b)",
    re.IGNORECASE,
)


def default_chain_judge(chain: WhyChain) -> bool:
    """Stand-in until the language coach's chain guard is passed in: the last answer exists and
    does not name an error of a person in obvious words. It does not know attendees' names."""
    answer = last_answer(chain)
    return bool(answer) and _PERSON_ENDING.search(answer) is None


def _timeline_check(session: Session) -> Check:
    rule = "timeline-walked"
    if not session.timeline:
        return Check(rule, "warning", None, "the timeline has no events", "What happened first?")
    decisions = [e for e in session.timeline if e.decision_point]
    bare = [e for e in decisions if not has_decision_notes(e)]
    ran = any(p.kind == "timeline" and p.actual for p in session.agenda.phases)
    if decisions and not bare:
        return Check(rule, "ok", None, f"all {len(decisions)} decision point(s) discussed")
    if ran:
        note = f"; {len(bare)} decision point(s) have no notes" if bare else ""
        return Check(rule, "ok", None, f"the timeline walk ran{note}")
    if not decisions:
        return Check(
            rule,
            "warning",
            None,
            "no decision point marked, and the timeline phase has not run",
            "Where did someone have to choose what to do next?",
        )
    return Check(
        rule,
        "warning",
        bare[0].id,
        f"{len(bare)} of {len(decisions)} decision point(s) have no notes",
        "What did they know then, why did the action make sense, what was missing?",
    )


def _cause_check(session: Session, judge: ChainJudge) -> Check:
    rule = "system-cause"
    closed = [c for c in session.five_whys if c.closed]
    if not closed:
        return Check(
            rule,
            "warning",
            None,
            "no five-whys chain is closed yet",
            "Which chain has reached something in the system we can change?",
        )
    good = [c.id for c in closed if judge(c)]
    if good:
        return Check(rule, "ok", good[0], f"{', '.join(good)} end(s) at a system cause")
    return Check(
        rule,
        "warning",
        closed[0].id,
        f"{', '.join(c.id for c in closed)} end(s) at a person or an error, not the system",
        "How did the system make that possible? What would have caught it?",
    )


def _actions_check(session: Session, today: date) -> Check:
    failing = [c for c in check_session_actions(session, today) if c.level == "warning"]
    if not failing:
        return Check("action-checks", "ok", None, "every action item check passes")
    return Check(
        "action-checks",
        "warning",
        None,
        f"{len(failing)} action item warning(s): {failing[0].message}",
        failing[0].question,
    )


def _appreciation_check(session: Session) -> Check:
    count = len(session.appreciations)
    if count:
        return Check("appreciations", "ok", None, f"{count} appreciation(s) recorded")
    return Check(
        "appreciations",
        "warning",
        None,
        "no appreciation recorded",
        "Who did something during the response that deserves a specific thank-you?",
    )


def facilitator_check(session: Session) -> Check:
    person = session.facilitator()
    if person is None:
        return Check("neutral-facilitator", "ok", None, "no facilitator marked")
    if person.involved_in_change:
        return Check(
            "neutral-facilitator",
            "warning",
            None,
            f"{person.name} facilitates but was involved in the change: "
            "a neutral facilitator is the rule",
            "Could someone from a neighbouring team facilitate, or co-facilitate?",
        )
    return Check("neutral-facilitator", "ok", None, f"{person.name} facilitates, not involved")


def close_checklist(
    session: Session, *, today: date, chain_ends_at_system: ChainJudge = default_chain_judge
) -> list[Check]:
    """One result per rule in `CLOSE_RULES` order. `today` stands in for a missing meeting
    date in the action checks' 30-day rule."""
    return [
        _timeline_check(session),
        _cause_check(session, chain_ends_at_system),
        _actions_check(session, today),
        _appreciation_check(session),
        facilitator_check(session),
    ]


def close_meeting(session: Session, statement: str, now: datetime) -> None:
    """Record the closing statement and time, stop the agenda clock, set status `Reviewed`."""
    text = statement.strip()
    if not text:
        raise UserError(
            "closing statement: expected a few words to close on, such as what the team "
            "learned and a thank-you"
        )
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    clock.pause(session.agenda, now)
    session.closing.statement = text
    session.closing.closed_at = now
    if session.incident.status != "Closed":
        session.incident.status = "Reviewed"


def reopen_meeting(session: Session) -> None:
    """Undo `close_meeting` (the statement is kept for editing); status back to `In review`."""
    session.closing.closed_at = None
    if session.incident.status == "Reviewed":
        session.incident.status = "In review"
