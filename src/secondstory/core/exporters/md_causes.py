"""The root-cause sections of the Markdown postmortem: the five-whys chains and the contributing
factors, cross-referenced (a step marked as a factor names it; a factor names its chain,
finding and event)."""

from __future__ import annotations

from secondstory.core.exporters import md_escape as esc
from secondstory.core.exporters.md_refs import Refs
from secondstory.core.model import ContributingFactor, Session, WhyChain


def _factor_of(session: Session, chain: WhyChain, answer: str) -> ContributingFactor | None:
    # A marked step owns the factor with its chain's id and its answer (see core.whys_ops).
    return next(
        (f for f in session.contributing_factors if f.chain_id == chain.id and f.text == answer),
        None,
    )


def _chain(session: Session, chain: WhyChain, refs: Refs) -> str:
    lines = [f"### {esc.inline(chain.id)}: {esc.inline(chain.problem)}", ""]
    about = []
    if chain.category:
        about.append(f"Cause category: {esc.inline(chain.category)}.")
    if not chain.closed:
        about.append("This chain is still open.")
    if about:
        lines += [f"*{' '.join(about)}*", ""]
    for n, step in enumerate(chain.steps, 1):
        question = esc.inline(step.question) or "Why?"
        answer = esc.inline(step.answer) or "*no answer yet*"
        notes = []
        if step.event_id:
            notes.append(esc.inline(refs.event(step.event_id)))
        if step.contributing:
            factor = _factor_of(session, chain, step.answer)
            notes.append(
                f"contributing factor {esc.inline(factor.id)}" if factor else "contributing factor"
            )
        tail = f" *({'; '.join(notes)})*" if notes else ""
        lines.append(f"{n}. **{question}** {answer}{tail}")
    if not chain.steps:
        lines.append("*No steps yet.*")
    return "\n".join(lines)


def five_whys_section(session: Session, refs: Refs) -> str:
    return "\n\n".join(_chain(session, chain, refs) for chain in session.five_whys)


def factors_section(session: Session, refs: Refs) -> str:
    found_in = {
        f.promoted_to.partition(":")[2]: f.id
        for f in session.findings
        if f.promoted_to and f.promoted_to.startswith("factor:")
    }
    lines = []
    for factor in session.contributing_factors:
        about = []
        if factor.category:
            about.append(esc.inline(factor.category))
        if factor.chain_id:
            about.append(f"five whys {esc.inline(factor.chain_id)}")
        if factor.id in found_in:
            about.append(f"finding {esc.inline(found_in[factor.id])}")
        if factor.event_id:
            about.append(esc.inline(refs.event(factor.event_id)))
        tail = f" *({'; '.join(about)})*" if about else ""
        lines.append(f"- **{esc.inline(factor.id)}:** {esc.inline(factor.text)}{tail}")
    return "\n".join(lines)
