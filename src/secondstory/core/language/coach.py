"""The language coach: check a text, get flags with exact positions. No Textual here.

    coach = Coach.for_session(session, project_config())
    flags = coach.check(note_text)            # warning and above, by default
    coach.dismiss(flags[0])                   # -> (rule id, sentence) to store in the session

`check` splits the text into paragraphs and keeps each paragraph's analysis in a cache keyed
by its text, so after a keystroke only the edited paragraph is analysed again; the rest of
the work is slicing and offset arithmetic. One coach serves every field of a session.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from secondstory.core.language.analyze import Analyzer, Hit
from secondstory.core.language.chains import (
    CHAIN_RULE,
    ChainVerdict,
    is_why_line,
    judge_answers,
    judge_chain_text,
    parse_chain_text,
)
from secondstory.core.language.config import CoachConfig, normalise_sentence, session_roster
from secondstory.core.language.flags import Flag
from secondstory.core.language.ignores import Directive, covers, find_directives
from secondstory.core.language.lazyre import LazyPattern
from secondstory.core.language.levels import Level
from secondstory.core.language.rules import Rule, is_disabled, load_rules
from secondstory.core.language.subjects import lexicon

if TYPE_CHECKING:
    from secondstory.core.model import Session, WhyChain

_BLANK = LazyPattern(r"\n[ \t]*\n(?:[ \t]*\n)*")
_FENCE_LINE = LazyPattern(r"^[ \t]{0,3}(?:`{3,}|~{3,})", re.MULTILINE)
_WHY_ANYWHERE = LazyPattern(r"^[ \t]*(?:[-*+][ \t]+|\d+[.)][ \t]+)?(?:\*\*|__)?why\b", re.I | re.M)
_CACHE_LIMIT = 20_000
_LONG_PARAGRAPH = 600
"""Paragraphs longer than this are analysed sentence by sentence, each sentence cached."""
_PEOPLE = "the people involved"


_State = tuple[bool, frozenset[str], frozenset[str]]


@dataclass(frozen=True, slots=True)
class _Placed:
    """A flag with offsets relative to its paragraph; `at` places it in the text."""

    rule_id: str
    category: str
    level: Level
    start: int
    end: int
    line: int
    col: int
    end_line: int
    end_col: int
    text: str
    message: str
    suggestion: str
    note: str
    sentence: str
    subject: str

    def at(self, offset: int, line: int) -> Flag:
        return Flag(
            self.rule_id,
            self.category,
            self.level,
            offset + self.start,
            offset + self.end,
            line + self.line,
            self.col,
            line + self.end_line,
            self.end_col,
            self.text,
            self.message,
            self.suggestion,
            self.note,
            self.sentence,
            self.subject,
        )


@dataclass(slots=True)
class _Entry:
    hits: list[Hit]
    directives: tuple[Directive, ...]
    has_why: bool
    chain: list[Hit] | None = field(default=None)
    assembled: dict[tuple[object, ...], tuple[tuple[_Placed, ...], _State]] = field(
        default_factory=dict
    )
    """Flags after ignores, dismissals and de-duplication, per directive context."""
    placed: tuple[tuple[int, int, tuple[object, ...]], list[Flag]] | None = None
    """The last absolute flags made from this paragraph, and where it was."""


@dataclass(slots=True)
class _Disabled:
    """State of `secondstory-disable` / `-enable` comments while walking a file."""

    everything: bool = False
    names: set[str] = field(default_factory=set)
    enabled: set[str] = field(default_factory=set)

    def apply(self, directive: Directive) -> None:
        if directive.kind == "disable":
            if directive.names:
                self.names |= directive.names
                self.enabled -= directive.names
            else:
                self.everything, self.names, self.enabled = True, set(), set()
        elif directive.kind == "enable":
            if directive.names:
                self.names -= directive.names
                self.enabled |= directive.names
            else:
                self.everything, self.names, self.enabled = False, set(), set()

    def key(self) -> _State:
        return (self.everything, frozenset(self.names), frozenset(self.enabled))

    def restore(self, state: _State) -> None:
        self.everything, self.names, self.enabled = state[0], set(state[1]), set(state[2])

    def blocks(self, rule: Rule) -> bool:
        if rule.id in self.enabled or rule.category in self.enabled:
            return False
        return self.everything or rule.id in self.names or rule.category in self.names


class Coach:
    """Checks free text against the shipped rules, for one roster and configuration."""

    def __init__(self, config: CoachConfig | None = None) -> None:
        self.config = config or CoachConfig()
        self._analyzer: Analyzer | None = None
        self._cache: dict[str, _Entry] = {}
        self._sentences: dict[str, list[Hit]] = {}
        self._dismissed: set[tuple[str, str]] = set(self.config.dismissed)
        self._version = 0
        """Bumped when dismissals change, so cached assembled flags are not reused."""

    @classmethod
    def for_session(cls, session: Session, project: CoachConfig | None = None) -> Coach:
        """A coach for a session: its people, its settings and dismissals, over `project`."""
        own = CoachConfig.from_settings(session.language, session_roster(session))
        return cls((project or CoachConfig()).merged(own))

    @property
    def analyzer(self) -> Analyzer:
        """Built (and the rules compiled) on first use, not when the coach is created."""
        if self._analyzer is None:
            self._analyzer = Analyzer(self.config.roster, self.config.system_terms)
        return self._analyzer

    # -- checking -----------------------------------------------------------------------

    def check(
        self, text: str, *, min_level: Level | None = None, final: bool = False
    ) -> list[Flag]:
        """Flags at or above `min_level` (default: the configured level), in text order.

        `final` says the text is complete (a file, a saved field): the last paragraph's
        five-whys chain is then judged too. While typing, leave it False so the chain being
        written is not judged.
        """
        threshold = self.config.min_level if min_level is None else min_level
        spans = self._blocks(text)
        blocks = [text[start:end] for start, end in spans]
        # One or two new paragraphs: someone is typing, so analyse long paragraphs sentence
        # by sentence (cached); many: a cold or bulk check, where one pass is cheaper.
        live = sum(1 for block in blocks if block not in self._cache) <= 2
        entries = [
            (start, end, self._entry(block, live))
            for (start, end), block in zip(spans, blocks, strict=True)
        ]
        file_ignores = tuple(
            d.names for _, _, e in entries for d in e.directives if d.kind == "ignore-file"
        )
        if any(not names for names in file_ignores):
            return []
        disabled = _Disabled()
        pending: tuple[frozenset[str], ...] = ()
        flags: list[Flag] = []
        line = 1
        counted = 0
        last = len(entries) - 1
        for index, (start, end, entry) in enumerate(entries):
            judge = entry.has_why and (
                final or index < last or _BLANK.search(text, end) is not None
            )
            if not entry.hits and not entry.directives and not judge:
                pending = ()
                continue
            line += text.count("\n", counted, start)
            counted = start
            context = (judge, pending, disabled.key(), file_ignores, self._version)
            assembled = entry.assembled.get(context)
            if assembled is None:
                block = text[start:end]
                hits = entry.hits + self._chain_hits(block, entry) if judge else entry.hits
                kept = self._filter(hits, entry.directives, pending, disabled, file_ignores, block)
                relative = tuple(self._relative(hit, block) for hit in _dedupe(kept))
                assembled = entry.assembled[context] = (relative, disabled.key())
            else:
                disabled.restore(assembled[1])
            pending = tuple(d.names for d in entry.directives if d.next_block)
            if not assembled[0]:
                continue
            where = (start, line, context)
            if entry.placed is not None and entry.placed[0] == where:
                placed = entry.placed[1]
            else:
                placed = [r.at(start, line) for r in assembled[0]]
                entry.placed = (where, placed)
            flags.extend(f for f in placed if f.level >= threshold)
        return flags

    def check_answer(self, text: str, *, min_level: Level | None = None) -> list[Flag]:
        """Flags for a short field (an answer, an action title): same as `check`."""
        return self.check(text, min_level=min_level, final=True)

    # -- five whys ----------------------------------------------------------------------

    def judge_chain(self, chain: WhyChain) -> ChainVerdict:
        """The verdict on a session chain; open chains (`closed=False`) are not judged."""
        return judge_answers([s.answer for s in chain.steps], self.analyzer, closed=chain.closed)

    def judge_answers(self, answers: Sequence[str], *, closed: bool = True) -> ChainVerdict:
        return judge_answers(answers, self.analyzer, closed=closed)

    def judge_chain_text(self, text: str, *, closed: bool = True) -> ChainVerdict:
        return judge_chain_text(text, self.analyzer, closed=closed)

    # -- dismissals ---------------------------------------------------------------------

    def dismiss(self, flag: Flag) -> tuple[str, str]:
        """Stop showing this rule for this sentence; returns what the session should store."""
        key = (flag.rule_id, normalise_sentence(flag.sentence))
        self._dismissed.add(key)
        self._version += 1
        return key

    def undismiss(self, rule_id: str, sentence: str) -> None:
        self._dismissed.discard((rule_id, normalise_sentence(sentence)))
        self._version += 1

    def is_dismissed(self, rule_id: str, sentence: str) -> bool:
        return (rule_id, normalise_sentence(sentence)) in self._dismissed

    @property
    def dismissed(self) -> frozenset[tuple[str, str]]:
        return frozenset(self._dismissed)

    @staticmethod
    def rules() -> tuple[Rule, ...]:
        return load_rules()

    # -- internals ----------------------------------------------------------------------

    def _entry(self, block: str, live: bool = False) -> _Entry:
        entry = self._cache.get(block)
        if entry is None:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            if live and len(block) > _LONG_PARAGRAPH:
                hits = self.analyzer.analyze_by_sentence(block, self._sentences)
            else:
                hits = self.analyzer.analyze(block)
            entry = _Entry(
                hits=hits,
                directives=find_directives(block),
                has_why=("why" in block or "Why" in block or "WHY" in block)
                and "\n" in block.strip()
                and bool(_WHY_ANYWHERE.search(block)),
            )
            self._cache[block] = entry
        return entry

    def _chain_hits(self, block: str, entry: _Entry) -> list[Hit]:
        if entry.chain is None:
            entry.chain = []
            lines = [line for line in block.splitlines() if line.strip()]
            if sum(1 for line in lines if is_why_line(line)) >= 1 and len(lines) >= 2:
                parsed = parse_chain_text(block)
                verdict = judge_answers(parsed.answers, self.analyzer)
                if verdict.flagged and verdict.step is not None and parsed.spans:
                    start, end = parsed.spans[verdict.step]
                    entry.chain = [
                        Hit(
                            CHAIN_RULE,
                            verdict.level or Level.WARNING,
                            start,
                            end,
                            start,
                            end,
                            None,
                            message=verdict.message,
                            suggestion=" / ".join(verdict.questions[:3]),
                        )
                    ]
        return entry.chain

    def _filter(
        self,
        hits: list[Hit],
        directives: tuple[Directive, ...],
        pending: tuple[frozenset[str], ...],
        disabled: _Disabled,
        file_ignores: tuple[frozenset[str], ...],
        block: str,
    ) -> list[Hit]:
        switches = [d for d in directives if d.kind in ("disable", "enable")]
        ignores = [d for d in directives if d.kind == "ignore" and not d.next_block]
        kept: list[Hit] = []
        applied = 0
        for hit in sorted(hits, key=lambda h: h.start):
            while applied < len(switches) and switches[applied].start < hit.start:
                disabled.apply(switches[applied])
                applied += 1
            rule = hit.rule
            if is_disabled(rule.id, rule.category, self.config.disabled):
                continue
            if disabled.blocks(rule):
                continue
            if any(covers(names, rule.id, rule.category) for names in file_ignores):
                continue
            if any(covers(names, rule.id, rule.category) for names in pending):
                continue
            if any(
                d.start <= hit.start < d.end and covers(d.names, rule.id, rule.category)
                for d in ignores
            ):
                continue
            if self._dismissed and self.is_dismissed(rule.id, block[hit.sent_start : hit.sent_end]):
                continue
            kept.append(hit)
        for switch in switches[applied:]:
            disabled.apply(switch)
        return kept

    def _relative(self, hit: Hit, block: str) -> _Placed:
        start, end = hit.start, hit.end
        first_line = block.count("\n", 0, start)
        last_line = first_line + block.count("\n", start, end)
        matched = block[start:end]
        fill = _Filler(" ".join(matched.split()), _subject_words(hit))
        rule = hit.rule
        return _Placed(
            rule.id,
            rule.category,
            hit.level,
            start,
            end,
            first_line,
            start - block.rfind("\n", 0, start),
            last_line,
            end - block.rfind("\n", 0, end),
            matched,
            fill(hit.message or rule.message),
            fill(hit.suggestion or rule.rewrite),
            rule.note,
            normalise_sentence(block[hit.sent_start : hit.sent_end]),
            hit.subject.kind if hit.subject is not None else "",
        )

    @staticmethod
    def _blocks(text: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        pos = 0
        for m in _BLANK.finditer(text):
            if m.start() > pos:
                spans.append((pos, m.start()))
            pos = m.end()
        if pos < len(text):
            spans.append((pos, len(text)))
        if "```" not in text and "~~~" not in text:
            return spans
        # A fenced code block may hold blank lines: keep it in one paragraph.
        fences = _fence_lines(text)
        if not fences:
            return spans
        merged: list[tuple[int, int]] = []
        open_start: int | None = None
        for start, end in spans:
            odd = (bisect_left(fences, end) - bisect_left(fences, start)) % 2 == 1
            if open_start is None:
                if odd:
                    open_start = start
                else:
                    merged.append((start, end))
            elif odd:
                merged.append((open_start, end))
                open_start = None
        if open_start is not None:
            merged.append((open_start, len(text)))
        return merged


def _fence_lines(text: str) -> list[int]:
    """Start of each line that opens or closes a fenced code block (``` or ~~~)."""
    found: set[int] = set()
    for marker in ("```", "~~~"):
        at = text.find(marker)
        while at >= 0:
            line_start = text.rfind("\n", 0, at) + 1
            if at - line_start <= 3 and not text[line_start:at].strip(" \t"):
                found.add(line_start)
            newline = text.find("\n", at)
            at = -1 if newline < 0 else text.find(marker, newline + 1)
    return sorted(found)


def _dedupe(hits: list[Hit]) -> list[Hit]:
    """Of overlapping matches keep the strongest (then the longest); chain verdicts stay."""
    out: list[Hit] = []
    for hit in hits:
        if hit.rule is CHAIN_RULE:
            out.append(hit)
            continue
        clash = next(
            (
                i
                for i in range(len(out) - 1, -1, -1)
                if out[i].rule is not CHAIN_RULE
                and out[i].start < hit.end
                and hit.start < out[i].end
            ),
            None,
        )
        if clash is None:
            out.append(hit)
            continue
        other = out[clash]
        mine = (hit.level, hit.rule.priority, hit.end - hit.start)
        if mine > (other.level, other.rule.priority, other.end - other.start):
            out[clash] = hit
    out.sort(key=lambda h: h.start)
    return out


def _subject_words(hit: Hit) -> str:
    subject = hit.subject
    if subject is None or not subject.text or subject.kind == "machine":
        return _PEOPLE
    if subject.kind == "unknown" and not subject.text[:1].isupper():
        return _PEOPLE
    text = subject.text
    low = text.lower()
    if low in ("i", "me", "myself"):
        return "you"
    if low in lexicon().pronouns:
        return low if low in ("we", "us", "you", "they", "he", "she", "them") else _PEOPLE
    words = text.split()
    if words and words[0].lower() in ("the", "a", "an", "our", "their", "this", "that"):
        words[0] = words[0].lower()
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class _Filler:
    match: str
    subject: str

    def __call__(self, template: str) -> str:
        subject = {"us": "we", "them": "they"}.get(self.subject, self.subject)
        shown = self.match if len(self.match) <= 60 else self.match[:57] + "..."
        return (
            template.replace("{match}", shown)
            .replace("{Subject}", subject[:1].upper() + subject[1:])
            .replace("{subject}", subject)
        )


def check_text(
    text: str,
    *,
    roster: Iterable[str] = (),
    min_level: Level | None = None,
    final: bool = True,
) -> list[Flag]:
    """One-off check with the default configuration (tests, scripts)."""
    coach = Coach(CoachConfig(roster=tuple(roster)))
    return coach.check(text, min_level=min_level, final=final)
