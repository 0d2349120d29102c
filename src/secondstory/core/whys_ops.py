"""Five whys: chains (`W-N`), their steps, cause categories, and contributing factors.

Steps are kept in the order they were asked; `move_step` reorders them. A step marked as
contributing owns one `ContributingFactor` with the chain's id, the step's answer as text and
the step's event. The link is (chain id, answer text), not the position: editing a marked
step's answer updates its factor, unmarking or deleting the step removes it, moving it keeps it,
and a chain's new category is copied to its factors. Deleting a chain removes the factors it
created.

Whether a chain ends at a system cause (not a person, not "human error") is the language
coach's judgement; this module only records what was typed.
"""

from __future__ import annotations

from typing import Literal

from secondstory.core import ids
from secondstory.core.errors import UserError
from secondstory.core.model import (
    CAUSE_CATEGORIES,
    ContributingFactor,
    Session,
    WhyChain,
    WhyStep,
)

MAX_CATEGORY_LENGTH = 40
CATEGORY_ALIASES = {
    "monitoring": "monitoring and alerting",
    "alerting": "monitoring and alerting",
    "process": "process and documentation",
    "documentation": "process and documentation",
    "deploy": "deployment",
    "config": "configuration",
}
"""Short forms people type for the standard categories."""


def chain_index(session: Session, chain_id: str) -> int:
    for index, chain in enumerate(session.five_whys):
        if chain.id == chain_id:
            return index
    raise UserError(f"chain {chain_id}: no such five-whys chain")


def get_chain(session: Session, chain_id: str) -> WhyChain:
    return session.five_whys[chain_index(session, chain_id)]


def normalise_category(text: str) -> str:
    """A known category in its canonical spelling (any case), or a custom one tidied up.

    Empty clears the category. Custom categories are lower-cased so `Caching` and `caching`
    count as one when recurring causes are looked for across incidents.
    """
    words = " ".join(text.split()).lower()
    if not words:
        return ""
    if len(words) > MAX_CATEGORY_LENGTH:
        raise UserError(
            f"category {text.strip()[:50]!r}: expected a short name "
            f"(at most {MAX_CATEGORY_LENGTH} characters), such as {CAUSE_CATEGORIES[0]!r}"
        )
    return CATEGORY_ALIASES.get(words, words)


def categories_in_use(session: Session) -> list[str]:
    """The standard categories, then custom ones this session already uses (for a picker)."""
    custom = [c.category for c in session.five_whys if c.category not in CAUSE_CATEGORIES]
    return list(CAUSE_CATEGORIES) + sorted(set(c for c in custom if c))


def add_chain(session: Session, problem: str, category: str = "") -> WhyChain:
    text = problem.strip()
    if not text:
        raise UserError("chain: expected a problem statement, such as 'checkout returned 500s'")
    chain = WhyChain(
        id=ids.new_id(ids.CHAIN, session.five_whys),
        problem=text,
        category=normalise_category(category),
    )
    session.five_whys.append(chain)
    return chain


def edit_problem(session: Session, chain_id: str, problem: str) -> None:
    text = problem.strip()
    if not text:
        raise UserError(f"chain {chain_id}: expected a problem statement")
    get_chain(session, chain_id).problem = text


def delete_chain(session: Session, chain_id: str) -> WhyChain:
    chain = session.five_whys.pop(chain_index(session, chain_id))
    session.contributing_factors[:] = [
        f for f in session.contributing_factors if f.chain_id != chain_id
    ]
    return chain


def set_category(session: Session, chain_id: str, category: str) -> str:
    """Set a chain's cause category (standard or custom; see `normalise_category`)."""
    value = normalise_category(category)
    get_chain(session, chain_id).category = value
    for factor in session.contributing_factors:
        if factor.chain_id == chain_id:
            factor.category = value
    return value


def _step(chain: WhyChain, index: int) -> WhyStep:
    if not 0 <= index < len(chain.steps):
        raise UserError(f"chain {chain.id}: no step {index + 1}")
    return chain.steps[index]


def _factor(session: Session, chain_id: str, answer: str) -> ContributingFactor | None:
    return next(
        (f for f in session.contributing_factors if f.chain_id == chain_id and f.text == answer),
        None,
    )


def add_step(
    session: Session,
    chain_id: str,
    *,
    question: str = "",
    answer: str = "",
    event_id: str | None = None,
    index: int | None = None,
) -> int:
    """Add a why/because step (at the end, or before `index`); returns its index."""
    chain = get_chain(session, chain_id)
    if event_id is not None and session.event(event_id) is None:
        raise UserError(f"event {event_id}: no such timeline event")
    step = WhyStep(question=question.strip(), answer=answer.strip(), event_id=event_id)
    position = len(chain.steps) if index is None else max(0, min(index, len(chain.steps)))
    chain.steps.insert(position, step)
    return position


def edit_step(
    session: Session,
    chain_id: str,
    index: int,
    *,
    question: str | None = None,
    answer: str | None = None,
) -> None:
    chain = get_chain(session, chain_id)
    step = _step(chain, index)
    if question is not None:
        step.question = question.strip()
    if answer is not None:
        new = answer.strip()
        if step.contributing and new != step.answer:
            if not new:
                raise UserError(
                    f"chain {chain_id} step {index + 1}: a contributing factor needs an answer; "
                    "unmark it first"
                )
            factor = _factor(session, chain_id, step.answer)
            if factor is not None:
                factor.text = new
        step.answer = new


def link_step_event(session: Session, chain_id: str, index: int, event_id: str | None) -> None:
    """Link a step's answer to a timeline event (None unlinks)."""
    chain = get_chain(session, chain_id)
    step = _step(chain, index)
    if event_id is not None and session.event(event_id) is None:
        raise UserError(f"event {event_id}: no such timeline event")
    step.event_id = event_id
    if step.contributing:
        factor = _factor(session, chain_id, step.answer)
        if factor is not None:
            factor.event_id = event_id


def move_step(session: Session, chain_id: str, index: int, direction: Literal[-1, 1]) -> int:
    """Swap a step with its neighbour; returns its new index (unchanged at either end)."""
    chain = get_chain(session, chain_id)
    _step(chain, index)
    target = index + direction
    if not 0 <= target < len(chain.steps):
        return index
    steps = chain.steps
    steps[index], steps[target] = steps[target], steps[index]
    return target


def delete_step(session: Session, chain_id: str, index: int) -> WhyStep:
    chain = get_chain(session, chain_id)
    step = _step(chain, index)
    if step.contributing:
        set_contributing(session, chain_id, index, False)
    return chain.steps.pop(index)


def set_contributing(
    session: Session, chain_id: str, index: int, contributing: bool
) -> ContributingFactor | None:
    """Mark a step's answer as a contributing factor (creating `CF-N`) or unmark it.

    Returns the factor when marked, None when unmarked.
    """
    chain = get_chain(session, chain_id)
    step = _step(chain, index)
    if contributing:
        if not step.answer:
            raise UserError(
                f"chain {chain_id} step {index + 1}: type the answer before marking it "
                "as a contributing factor"
            )
        factor = _factor(session, chain_id, step.answer) if step.contributing else None
        if factor is None:
            factor = ContributingFactor(
                id=ids.new_id(ids.FACTOR, session.contributing_factors),
                text=step.answer,
                category=chain.category,
                event_id=step.event_id,
                chain_id=chain_id,
            )
            session.contributing_factors.append(factor)
        step.contributing = True
        return factor
    if step.contributing:
        factor = _factor(session, chain_id, step.answer)
        if factor is not None:
            session.contributing_factors.remove(factor)
    step.contributing = False
    return None


def toggle_contributing(session: Session, chain_id: str, index: int) -> ContributingFactor | None:
    step = _step(get_chain(session, chain_id), index)
    return set_contributing(session, chain_id, index, not step.contributing)


def close_chain(session: Session, chain_id: str) -> None:
    """The facilitator says the chain is finished: from now on it is judged at close."""
    chain = get_chain(session, chain_id)
    if not any(step.answer for step in chain.steps):
        raise UserError(f"chain {chain_id}: add at least one answer before closing it")
    chain.closed = True


def reopen_chain(session: Session, chain_id: str) -> None:
    get_chain(session, chain_id).closed = False


def last_answer(chain: WhyChain) -> str:
    """The deepest answer typed so far (what the chain ends at), or ``."""
    for step in reversed(chain.steps):
        if step.answer:
            return step.answer
    return ""
