"""The header's count of open language flags: which session texts count, and counting them.

Counted: the free text typed during the meeting (phase notes, decision-point notes, findings,
five-whys problems, questions and answers, contributing factors, action items, the quick lists,
appreciations, parked tangents, the closing statement) and hand-typed timeline events. Events
imported from PagerDuty, Slack or a file are records of what was said at the time, not the
meeting's wording, so they are left out, as is the pre-prep document.

Every text is checked the way its field checks it while typing (`Coach.check`, which for a
one-line answer is the same as `check_answer`), so the count matches the marks on screen. The
coach caches its analysis per paragraph, so re-counting unchanged text costs little.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from secondstory.core.language import Coach
    from secondstory.core.model import Session


def session_texts(session: Session) -> Iterator[str]:
    """Every non-empty free-text field of the session that the count covers."""
    for phase in session.agenda.phases:
        yield phase.notes
    for event in session.timeline:
        if event.source == "manual":
            yield event.text
        yield event.notes
        yield event.decision.known
        yield event.decision.why_sensible
        yield event.decision.missing
    for finding in session.findings:
        yield finding.text
    for chain in session.five_whys:
        yield chain.problem
        for step in chain.steps:
            yield step.question
            yield step.answer
    for factor in session.contributing_factors:
        yield factor.text
    for action in session.actions:
        yield action.title
        yield action.description
        yield action.success_criteria
    for notes in (session.went_well, session.could_be_better, session.lucky, session.lessons):
        for note in notes:
            yield note.text
    for appreciation in session.appreciations:
        yield appreciation.text
    for parked in session.parking_lot:
        yield parked.text
    yield session.closing.statement
    yield session.closing.risk_accepted


def count_open_flags(coach: Coach, texts: Iterable[str]) -> int:
    """Flags at the coach's level, after dismissals, over `texts`."""
    return sum(len(coach.check(text)) for text in texts if text.strip())
