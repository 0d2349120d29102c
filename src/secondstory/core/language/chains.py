"""Five-whys chains: flag a closed chain whose last answer is a person or "human error".

A chain that passes through a person and carries on to system causes is what we want; a
chain that ends at a person stops at the first story. An open chain (still being typed) is
never judged. Chains come from the session model (`WhyChain`), from a list of answers, or
from note text in the shape `Why ...? -> answer` (or the answer on the next line).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from secondstory.core.language.analyze import Analyzer
from secondstory.core.language.lazyre import LazyPattern
from secondstory.core.language.levels import Level
from secondstory.core.language.records import TYPE_CHECKING, Record
from secondstory.core.language.rules import CHAIN_CATEGORY, CHAIN_RULE_ID, SUBJECT_KINDS, Rule

if TYPE_CHECKING:
    from typing import Literal

    from secondstory.core.model import WhyChain

    ChainStatus = Literal["open", "empty", "ok", "kept_going", "stops_at_person"]


_WHY = LazyPattern(
    r"^[ \t]*(?:[-*+][ \t]+|\d+[.)][ \t]+)?(?:\*\*|__)?(?:q\d*[:.][ \t]*)?why\b", re.I
)
_ARROW = LazyPattern(r"\s*(?:->|=>|\u2192|\u27f6|-->)\s*")
_AFTER_QUESTION = LazyPattern(r"\?\s*(?:\*\*|__)?\s*[:\-\u2013\u2014]?\s*(?=\S)")
_ANSWER_PREFIX = LazyPattern(
    r"^[ \t]*(?:[-*+][ \t]+|\d+[.)][ \t]+)?(?:a\d*[:.]|answer:|because\b[,:]?)?[ \t]*", re.I
)
# "We didn't have alerting on the pool": a missing capability, a system cause even with a
# person as the grammatical subject.
_SYSTEM_GAP = LazyPattern(
    r"\b(?:(?:did|do|does)(?:n't|\s+not)\s+have|had\s+no|have\s+no|has\s+no|lack(?:ed|s|ing)?|"
    r"there\s+(?:is|was|were|are)\s+no|no\s+one\s+owns?|nobody\s+owns?|without\s+(?:a|any))\b",
    re.I,
)
_CONTINUES = LazyPattern(r"\b(?:because|since|due\s+to|as\s+a\s+result\s+of|so\s+that)\b", re.I)
_PERSON_CATEGORIES = {"human_error", "person_blamed", "judgmental", "procedure"}

HOW_QUESTIONS = (
    "What made that action look like the right one at the time?",
    "How did it get past review, CI and the canary, and what do they check?",
    "What in the tool or the configuration let one action have this effect?",
    "Would someone else in the same seat, with the same information, have done the same?",
    "Is this the only path? Name two more contributing factors.",
)
LABEL_QUESTIONS = (
    "What made the slip easy to make and hard to notice?",
    "What did the tool show, and what did it not show, when it happened?",
    "Would someone else in the same seat have made the same slip?",
)

CHAIN_RULE = Rule(
    id=CHAIN_RULE_ID,
    category=CHAIN_CATEGORY,
    triggers=("why",),
    patterns=(),
    exceptions=(),
    subject="none",
    levels=dict.fromkeys(SUBJECT_KINDS, Level.WARNING),
    negated=None,
    in_question=None,
    headings=True,
    message='This chain stops at a person. Ask "how" instead of "why" to carry it on.',
    rewrite=" / ".join(HOW_QUESTIONS[:3]),
    note=(
        'Asking "why?" too easily ends at "who?". A chain that stops at a person or at '
        '"human error" stops at the first story; the conditions that made the action '
        'possible are one or two "how" questions further.'
    ),
)


class ParsedChain(Record):
    problem: str
    answers: tuple[str, ...]
    spans: tuple[tuple[int, int], ...] = ()
    """`(start, end)` of each answer in the parsed text."""


class ChainVerdict(Record):
    status: ChainStatus
    flagged: bool
    level: Level | None
    step: int | None
    """Index (0-based) of the answer the verdict is about, when there is one."""
    message: str
    questions: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()


def is_why_line(line: str) -> bool:
    return bool(_WHY.match(line))


def parse_chain_text(text: str) -> ParsedChain:
    """Questions and answers from `Why ...? -> answer` lines (or answers on their own line)."""
    problem = ""
    # Each answer as its lines: a wrapped answer grows by a line at a time, and joining
    # once at the end keeps a long paragraph (a pasted chat log) from costing its length
    # squared.
    answers: list[list[str]] = []
    spans: list[tuple[int, int]] = []
    pending = False
    pos = 0
    for raw in text.splitlines(keepends=True):
        start = pos
        pos += len(raw)
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        if _WHY.match(line):
            if not problem:
                problem = line.strip()
            arrow = _ARROW.search(line)
            after = arrow or _AFTER_QUESTION.search(line)
            if after and line[after.end() :].strip():
                answer_start = start + after.end()
                answers.append([line[after.end() :].strip()])
                spans.append((answer_start, answer_start + len(line[after.end() :].rstrip())))
                pending = False
            else:
                pending = True
            continue
        prefix = _ANSWER_PREFIX.match(line)
        offset = prefix.end() if prefix else 0
        body = line[offset:].strip()
        if not body:
            continue
        lead = len(line[offset:]) - len(line[offset:].lstrip())
        span = (start + offset + lead, start + offset + lead + len(body))
        if pending or not answers:
            if not problem and not answers and not pending:
                problem = body
                continue
            answers.append([body])
            spans.append(span)
            pending = False
        else:
            # A wrapped answer: keep it with the one before.
            answers[-1].append(body)
            spans[-1] = (spans[-1][0], span[1])
    return ParsedChain(problem, tuple(" ".join(lines) for lines in answers), tuple(spans))


def person_centred(answer: str, analyzer: Analyzer) -> tuple[bool, tuple[str, ...]]:
    """Whether an answer stops at a person, and the rule ids (or `subject`) that say so."""
    hits = analyzer.analyze(answer)
    reasons = tuple(
        hit.rule.id
        for hit in hits
        if hit.level >= Level.WARNING
        and (
            hit.rule.category in _PERSON_CATEGORIES
            or (hit.subject is not None and hit.subject.kind == "person")
        )
    )
    if reasons:
        return True, reasons
    body = _ANSWER_PREFIX.sub("", answer, count=1)
    if _SYSTEM_GAP.search(body):
        return False, ()
    head = _CONTINUES.split(body, maxsplit=1)
    subject = analyzer.subjects.classify_text(head[0])
    if subject.kind != "person":
        return False, ()
    if len(head) > 1:
        rest = analyzer.subjects.classify_text(head[1])
        if rest.kind == "machine":
            return False, ()
    return True, ("subject",)


def judge_answers(
    answers: Sequence[str], analyzer: Analyzer | None = None, *, closed: bool = True
) -> ChainVerdict:
    """Judge a chain given as its answers, first to last."""
    if not closed:
        return ChainVerdict("open", False, None, None, "The chain is still open; not judged yet.")
    answers = [a for a in answers if a.strip()]
    if not answers:
        return ChainVerdict("empty", False, None, None, "The chain has no answers yet.")
    analyzer = analyzer or Analyzer()
    last = len(answers) - 1
    stops, reasons = person_centred(answers[last], analyzer)
    if stops:
        label = any(r.startswith("human-error") for r in reasons)
        return ChainVerdict(
            "stops_at_person",
            True,
            Level.WARNING,
            last,
            (
                "This chain ends at a human-error label. What made the slip possible?"
                if label
                else "This chain ends at a person. Ask how the system made it possible."
            ),
            LABEL_QUESTIONS if label else HOW_QUESTIONS,
            reasons,
        )
    for index in range(last):
        through, why = person_centred(answers[index], analyzer)
        if through:
            return ChainVerdict(
                "kept_going",
                False,
                Level.INFO,
                index,
                "The chain went past a person and on to the conditions. Are there other "
                "contributing factors?",
                (HOW_QUESTIONS[-1],),
                why,
            )
    return ChainVerdict("ok", False, None, None, "The chain ends at a system cause.")


def judge_chain(chain: WhyChain, analyzer: Analyzer | None = None) -> ChainVerdict:
    """Judge a session's chain; an open one (`closed=False`) is never flagged."""
    answers = [step.answer for step in chain.steps]
    return judge_answers(answers, analyzer, closed=chain.closed)


def judge_chain_text(
    text: str, analyzer: Analyzer | None = None, *, closed: bool = True
) -> ChainVerdict:
    return judge_answers(parse_chain_text(text).answers, analyzer, closed=closed)
