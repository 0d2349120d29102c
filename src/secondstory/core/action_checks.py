"""The live quality check of a session's action items: the rules of thumb, as a checklist.

Rules (ids are stable; the app shows one line per rule, the export prints the same list):

- `count`: 3 to 7 items is healthy; none, one or two, or more than seven is a warning.
- `term-mix`: at least one short-term and one long-term item.
- `priority`: at least one P0/P1 item, or a recorded `closing.risk_accepted` note.
- `owner`, `deadline`, `success-criteria`: every item has one; the success criterion must be
  something you could observe (see `criterion_problem`).
- `deadline-30-days`: deadlines more than 30 days after the meeting are warned.
- `vague-action`: actions such as "improve monitoring", "look into", "be more careful" get a
  question that helps make them specific.

Whole-session rules give exactly one result. Per-item rules give one warning per failing item,
or a single `ok` when every item passes, so `passing(checks)` means "no warnings". Items with
status `wont-do` are left out: they are recorded decisions, not work. Without a meeting date the
30-day rule is not judged (ok, saying so).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from secondstory.core.checks import Check
from secondstory.core.model import ActionItem, Session

MIN_ITEMS = 3
MAX_ITEMS = 7
MAX_DEADLINE_DAYS = 30

RULES: dict[str, str] = {
    "count": "3 to 7 action items",
    "term-mix": "at least one short-term and one long-term item",
    "priority": "at least one P0/P1 item, or the accepted risk recorded",
    "owner": "every item has an owner",
    "deadline": "every item has a deadline",
    "success-criteria": "every item has a measurable success criterion",
    "deadline-30-days": "deadlines within 30 days of the meeting",
    "vague-action": "no vague actions",
}
"""Rule id → the checklist line, in display order."""


@dataclass(frozen=True)
class VaguePattern:
    pattern: re.Pattern[str]
    question: str
    unless: re.Pattern[str] | None = None
    """A title that also matches this is specific after all (it names a threshold, a trigger)."""


_THRESHOLD = r"\d|%|[<>]|\bthreshold\b"
_TRIGGER = _THRESHOLD + r"|\b(when|whenever|if|unless|fails?|blocks?|blocked|rejects?|alerts?)\b"


def _vague(pattern: str, question: str, unless: str | None = None) -> VaguePattern:
    return VaguePattern(
        re.compile(pattern, re.IGNORECASE),
        question,
        re.compile(unless, re.IGNORECASE) if unless else None,
    )


# Ordered: the first match gives the question. Patterns look at the whole title, so "add an
# alert when pool use > 90%" is specific even though it concerns monitoring.
VAGUE_ACTIONS: tuple[VaguePattern, ...] = (
    _vague(
        r"\b(be|being)\s+(more\s+)?(careful|cautious|vigilant|attentive|diligent)\b",
        "What check or guard in the system would catch this without relying on care?",
    ),
    _vague(
        r"\b(make|get)\b.*\b(smarter|aware|better engineers)\b|\b(re-?train|educate)\b"
        r"|\b(training|awareness)\b",
        "What knowledge is missing, and where could it live (runbook, alert text, tool, "
        "checklist) so nobody has to remember it?",
    ),
    _vague(
        r"\bdouble[- ]check\b|\bpay (more )?attention\b|\bremember to\b|\bdon'?t forget\b",
        "What automated check would do the double-checking, and where does it run?",
    ),
    _vague(
        r"\b(look into|investigate|explore|research|think about|consider|evaluate|"
        r"figure out|discuss)\b",
        "What should the investigation decide, by when, and what change follows if it confirms "
        "the cause?",
    ),
    _vague(
        r"\b(improve|better|enhance|increase|more)\b\s+(\w+\s+){0,2}"
        r"(monitoring|alerting|alerts|observability|visibility|logging|dashboards?)\b",
        "Which signal should alert, at what threshold, and who gets paged?",
        _THRESHOLD,
    ),
    _vague(
        r"\b(improve|better|enhance|strengthen)\b\s+(\w+\s+){0,2}"
        r"(testing|tests|test coverage|coverage|process|processes|communication|documentation|"
        r"docs|reliability|quality|stability|resilience)\b",
        "Improve it how, exactly, and how will we see that it improved?",
        _THRESHOLD,
    ),
    _vague(
        r"\b(ensure|make sure)\b",
        "What mechanism makes sure of it: a test, an alert, a guard in the pipeline?",
        _TRIGGER,
    ),
    _vague(
        r"^\s*(fix|improve|better|review|check|update|follow up|follow-up|tbd|todo|misc)"
        r"\s*(it|this|things|stuff|everything|issues?)?\s*\.?\s*$",
        "Fix or change what, exactly: which component, and what change?",
    ),
)

# A criterion that only restates "done" cannot be checked by anyone else.
_VAGUE_CRITERIA = re.compile(
    r"^\s*(it\s+)?(works?|working|done|fixed|resolved|complete[d]?|finished|better|improved|"
    r"no (more )?(issues|problems|incidents)|as expected|ok|okay|n/?a|tbd|todo|yes|good|"
    r"works (fine|well|again)|it works( fine| well| again)?|fixed properly|all good)\s*\.?\s*$",
    re.IGNORECASE,
)
_OBSERVABLE = re.compile(
    r"\d|%|\b(alert|alerts|fires?|pages?|paged|catches|caught|fails?|failing|passes|passing|"
    r"runs?|blocks?|rejects?|detects?|dashboard|metric|metrics|slo|sla|p9\d|latency|"
    r"error rate|test|tests|documented|runbook|published|merged|deployed|enabled|"
    r"before|within|under|below|above|less than|more than|at least|at most|zero|no longer|"
    r"every|each|whenever|weekly|daily|monthly|reviewed|signed off|follows?)\b",
    re.IGNORECASE,
)


def vague_question(title: str) -> str | None:
    """The question to ask about a vague action title, or None when it reads specific."""
    for vague in VAGUE_ACTIONS:
        if vague.pattern.search(title) and not (vague.unless and vague.unless.search(title)):
            return vague.question
    return None


def criterion_problem(criterion: str) -> str | None:
    """Why a success criterion is not measurable, or None when it is good enough.

    Heuristic, meant to be reasonable rather than strict: empty or a bare "it works" fails; so
    does a very short phrase with nothing observable in it. A number, a threshold, or an
    observable word (alert fires, test passes, runbook published, within, before, zero...)
    passes, and so does any criterion of five or more words that is not just "done".
    """
    text = criterion.strip()
    if not text:
        return "no success criterion"
    if _VAGUE_CRITERIA.match(text):
        return f"{text!r} does not say how anyone could tell it worked"
    if _OBSERVABLE.search(text) or len(text.split()) >= 5:
        return None
    return f"{text!r} is hard to measure: add a number, a threshold or something observable"


def _counted(actions: Sequence[ActionItem]) -> list[ActionItem]:
    return [a for a in actions if a.status != "wont-do"]


def _count_check(n: int) -> Check:
    if MIN_ITEMS <= n <= MAX_ITEMS:
        return Check("count", "ok", None, f"{n} action items")
    if n == 0:
        return Check(
            "count",
            "warning",
            None,
            "no action items yet",
            "What one change would stop this recurring, catch it sooner, or shorten it?",
        )
    if n < MIN_ITEMS:
        return Check(
            "count",
            "warning",
            None,
            f"only {n} action item{'s' if n > 1 else ''}: 3 to 7 is healthy",
            "Is there a detection or time-to-resolve improvement we have not captured?",
        )
    return Check(
        "count",
        "warning",
        None,
        f"{n} action items: more than 7 rarely all get done",
        "Which of these matter most? Could some merge, or move to a backlog?",
    )


def _term_check(items: list[ActionItem]) -> Check:
    terms = {a.term for a in items}
    if {"short", "long"} <= terms:
        return Check("term-mix", "ok", None, "short-term and long-term items")
    if not items:
        return Check("term-mix", "warning", None, "no short-term or long-term item yet")
    missing = "long" if "short" in terms else "short"
    question = (
        "What would change the system for good, even if it takes longer?"
        if missing == "long"
        else "What quick fix lowers the risk this week?"
    )
    return Check("term-mix", "warning", None, f"no {missing}-term item", question)


def _priority_check(items: list[ActionItem], risk_accepted: str) -> Check:
    urgent = [a for a in items if a.priority in ("P0", "P1")]
    if urgent:
        return Check("priority", "ok", None, f"{len(urgent)} P0/P1 item(s)")
    if risk_accepted.strip():
        return Check("priority", "ok", None, "no P0/P1 item; the accepted risk is recorded")
    return Check(
        "priority",
        "warning",
        None,
        "no P0/P1 item and no note that the risk of recurrence is accepted",
        "Is any item urgent? If not, shall we record why the risk of recurrence is acceptable?",
    )


def _per_item(rule: str, ok_message: str, failures: list[Check]) -> list[Check]:
    return failures or [Check(rule, "ok", None, ok_message)]


def check_actions(
    actions: Sequence[ActionItem], *, meeting_date: date | None, risk_accepted: str = ""
) -> list[Check]:
    """Every rule's results, in `RULES` order (see the module doc)."""
    items = _counted(actions)
    checks = [_count_check(len(items)), _term_check(items), _priority_check(items, risk_accepted)]

    owners, deadlines, criteria, late, vague = [], [], [], [], []
    for a in items:
        label = f"{a.id} {a.title!r}" if a.title else a.id
        if not a.owner.strip():
            owners.append(
                Check(
                    "owner", "warning", a.id, f"{label} has no owner", "Which team or role owns it?"
                )
            )
        if a.deadline is None:
            deadlines.append(
                Check("deadline", "warning", a.id, f"{label} has no deadline", "By when?")
            )
        elif meeting_date is not None and (a.deadline - meeting_date).days > MAX_DEADLINE_DAYS:
            days = (a.deadline - meeting_date).days
            late.append(
                Check(
                    "deadline-30-days",
                    "warning",
                    a.id,
                    f"{label} is due {days} days after the meeting",
                    "Items normally finish within 30 days: what first step could land sooner?",
                )
            )
        problem = criterion_problem(a.success_criteria)
        if problem:
            criteria.append(
                Check(
                    "success-criteria",
                    "warning",
                    a.id,
                    f"{a.id}: {problem}",
                    "How will we know it worked? What would we see?",
                )
            )
        question = vague_question(a.title)
        if question or not a.title.strip():
            vague.append(
                Check(
                    "vague-action",
                    "warning",
                    a.id,
                    f"{label} is vague" if a.title.strip() else f"{a.id} has no action",
                    question or "What is the action?",
                )
            )

    checks += _per_item("owner", "every item has an owner", owners)
    checks += _per_item("deadline", "every item has a deadline", deadlines)
    checks += _per_item("success-criteria", "every success criterion is measurable", criteria)
    if meeting_date is None:
        checks.append(
            Check("deadline-30-days", "ok", None, "no meeting date yet: the 30-day rule waits")
        )
    else:
        checks += _per_item("deadline-30-days", "every deadline within 30 days", late)
    checks += _per_item("vague-action", "no vague actions", vague)
    return checks


def check_session_actions(session: Session, today: date) -> list[Check]:
    """`check_actions` for a session; the meeting date falls back to `today` before it starts."""
    return check_actions(
        session.actions,
        meeting_date=session.meeting_date() or today,
        risk_accepted=session.closing.risk_accepted,
    )


def checks_for_item(checks: Sequence[Check], item_id: str) -> list[Check]:
    """The warnings about one item (for a marker in its table row)."""
    return [c for c in checks if c.item_id == item_id and c.level == "warning"]
