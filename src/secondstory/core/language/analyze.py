"""Run the rules over a paragraph: mask, split sentences, match, resolve subject and level.

Rules look no further than their sentence, so a sentence's hits depend only on its masked
text and the roster: the coach caches them per sentence. Offsets are relative to the
sentence (`analyze_sentence`) or to the paragraph (`analyze`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from secondstory.core.language.lazyre import LazyPattern
from secondstory.core.language.levels import Level
from secondstory.core.language.mask import mask
from secondstory.core.language.rules import Rule, load_rules, trigger_words, woken_by
from secondstory.core.language.subjects import Subject, SubjectResolver

# A sentence ends at . ! ? before a space and a non-lower-case letter, or at a line break
# unless the next line carries on in lower case (hard-wrapped prose). Written to start with
# one character class (a run of punctuation, or a line break) so the regex engine can skip
# ahead to candidates instead of trying the pattern at every position.
SENTENCE_BREAK = LazyPattern(
    r"[.!?\n](?:(?<=\n)(?![ \t]*[a-z])"
    r"|(?<=[.!?])[.!?]*[\"')\]]*(?=[ \t]+[^\sa-z]|[ \t]*(?:\n|$)))"
)
_HEADING = LazyPattern(r"^[ \t]{0,3}#{1,6}(?:[ \t].*)?$", re.MULTILINE)
_NEGATION = LazyPattern(
    r"(?:\b(?:not|never|no|without|hardly|nothing|non|neither|nor|none|nobody)|\w+n't)\b"
    r"[-\s]*(?:[\w'-]+[ \t]+){0,2}$",
    re.IGNORECASE,
)


_Step = tuple[Rule, re.Pattern[str], bool, bool, bool]
"""One pattern to run: its rule, the compiled regex, whether the match must start at a word
boundary, and whether it has a `hit` and a `subj` group."""


class Hit(NamedTuple):
    """One rule match inside a paragraph (offsets relative to the paragraph)."""

    rule: Rule
    level: Level
    start: int
    end: int
    sent_start: int
    sent_end: int
    subject: Subject | None
    message: str | None = None
    """Overrides the rule's message (five-whys verdicts carry their own)."""
    suggestion: str | None = None


def sentence_spans(masked: str) -> list[tuple[int, int]]:
    """`(start, end)` of each sentence, whitespace trimmed, empty ones dropped."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for cut in SENTENCE_BREAK.compiled.finditer(masked):
        start, end = cut.span()
        piece = masked[pos : start if masked[start] == "\n" else end]
        body = piece.strip()
        if body:
            start = pos + piece.find(body[0])
            spans.append((start, start + len(body)))
        pos = end
    piece = masked[pos:]
    body = piece.strip()
    if body:
        start = pos + piece.find(body[0])
        spans.append((start, start + len(body)))
    return spans


class Analyzer:
    """The rules plus a subject resolver for one roster."""

    def __init__(self, roster: Iterable[str] = (), system_terms: Iterable[str] = ()) -> None:
        self.rules = load_rules()
        self.subjects = SubjectResolver(roster, system_terms)
        self._plans: dict[frozenset[str], tuple[_Step, ...]] = {}
        self._compiled: list[list[tuple[_Step, frozenset[str] | None]]] | None = None

    def analyze(self, text: str, *, gate: bool = True) -> list[Hit]:
        """Every rule match in `text` (one paragraph), with its level.

        Rules look no further than their sentence: the paragraph is masked, split into
        sentences, and each sentence is analysed on its own. With `gate` (the default) only
        the rules whose triggers occur in a sentence run; `gate=False` runs them all (the
        tests use it to prove the triggers complete).
        """
        masked = mask(text)
        hits: list[Hit] = []
        for start, end in sentence_spans(masked):
            found = self.analyze_sentence(masked[start:end], gate=gate)
            hits += [shifted(hit, start) for hit in found] if start else found
        return hits

    def analyze_by_sentence(self, text: str, cache: dict[str, list[Hit]]) -> list[Hit]:
        """`analyze`, reusing `cache` (masked sentence -> its hits) for sentences seen before."""
        masked = mask(text)
        hits: list[Hit] = []
        for start, end in sentence_spans(masked):
            sentence = masked[start:end]
            found = cache.get(sentence)
            if found is None:
                if len(cache) > 50_000:
                    cache.clear()
                found = cache[sentence] = self.analyze_sentence(sentence)
            hits += [shifted(hit, start) for hit in found] if start else found
        return hits

    def analyze_sentence(self, masked: str, *, gate: bool = True) -> list[Hit]:
        """The hits in one masked sentence (offsets relative to it), in text order."""
        lower = masked.lower()
        plan = self._plan(lower) if gate else self._full_plan()
        if not plan:
            return []
        end_of = len(masked)
        headings: list[tuple[int, int]] | None = None
        hits: list[Hit] = []
        seen: dict[tuple[int, int, str], Subject | None] = {}
        for rule, pattern, word_start, has_hit_group, has_subj_group in plan:
            source = masked if rule.case_sensitive else lower
            for m in pattern.finditer(source):
                if word_start and not _at_boundary(source, m.start()):
                    continue
                if has_hit_group and m.group("hit") is not None:
                    start, end = m.span("hit")
                else:
                    start, end = m.span()
                if end <= start:
                    continue
                if rule.exceptions and _excepted(rule, source, 0, end_of, m):
                    continue
                if not rule.headings and "#" in masked:
                    if headings is None:
                        headings = [h.span() for h in _HEADING.finditer(masked)]
                    if any(a <= start < b for a, b in headings):
                        continue
                subj_text = None
                if has_subj_group and m.group("subj") is not None:
                    subj_text = masked[m.start("subj") : m.end("subj")]
                key = (m.start(), m.end() if subj_text else -1, rule.subject)
                if key in seen:
                    subject = seen[key]
                else:
                    subject = self._subject(rule, masked, 0, end_of, m, subj_text)
                    seen[key] = subject
                level = rule.levels[subject.kind if subject else "unknown"]
                if level is None:
                    continue
                if rule.negated is not None and level > rule.negated:
                    window = masked[max(0, m.start() - 48) : m.start()]
                    if _NEGATION.search(window):
                        level = rule.negated
                if rule.in_question is not None and level > rule.in_question and masked[-1] == "?":
                    level = rule.in_question
                hits.append(Hit(rule, level, start, end, 0, end_of, subject))
        hits.sort(key=lambda h: (h.start, -h.level))
        return hits

    def _plan(self, lower: str) -> tuple[_Step, ...]:
        """The patterns to run on a sentence: those of the rules its trigger words wake
        (and, for patterns with their own triggers, only when one of those occurs). Many
        sentences share their set of trigger words, so plans are kept per set."""
        words = trigger_words(lower)
        if not words:
            return ()
        plan = self._plans.get(words)
        if plan is None:
            if len(self._plans) > 20_000:
                self._plans.clear()
            woken, found = woken_by(words)
            plan = self._plans[words] = tuple(
                step
                for index in woken
                for step, own in self._steps()[index]
                if own is None or not own.isdisjoint(found)
            )
        return plan

    def _full_plan(self) -> tuple[_Step, ...]:
        return tuple(step for steps in self._steps() for step, _ in steps)

    def _steps(self) -> list[list[tuple[_Step, frozenset[str] | None]]]:
        """Per rule, its patterns ready to run (compiled on first use) and their own triggers."""
        if self._compiled is None:
            self._compiled = [
                [
                    (
                        (
                            rule,
                            lazy.compiled,
                            word_start,
                            "hit" in lazy.compiled.groupindex,
                            "subj" in lazy.compiled.groupindex,
                        ),
                        own,
                    )
                    for lazy, word_start, own in zip(
                        rule.patterns, rule.word_start, rule.pattern_triggers, strict=True
                    )
                ]
                for rule in self.rules
            ]
        return self._compiled

    def _subject(
        self,
        rule: Rule,
        masked: str,
        sent_start: int,
        sent_end: int,
        m: re.Match[str],
        subj_text: str | None,
    ) -> Subject | None:
        mode = rule.subject
        if mode == "none":
            return None
        resolver = self.subjects
        if mode == "group" and subj_text and subj_text.strip():
            subject = resolver.classify_text(subj_text)
            if subject.kind != "person":
                agent = resolver.by_agent(masked, m.end(), sent_end)
                if agent is not None:
                    return agent
            return subject
        return resolver.before(
            masked, sent_start, m.start(), m.end(), sent_end, nearest=mode != "clause"
        )


def shifted(hit: Hit, offset: int) -> Hit:
    return Hit(
        hit.rule,
        hit.level,
        hit.start + offset,
        hit.end + offset,
        hit.sent_start + offset,
        hit.sent_end + offset,
        hit.subject,
        hit.message,
        hit.suggestion,
    )


def _at_boundary(text: str, index: int) -> bool:
    """What a leading `\\b` would have checked."""
    if index == 0 or index >= len(text):
        return True
    before, after = text[index - 1], text[index]
    return (before.isalnum() or before == "_") != (after.isalnum() or after == "_")


def _excepted(rule: Rule, masked: str, sent_start: int, sent_end: int, m: re.Match[str]) -> bool:
    sentence = masked[sent_start:sent_end]
    start, end = m.start() - sent_start, m.end() - sent_start
    for exception in rule.exceptions:
        for e in exception.compiled.finditer(sentence):
            if e.start() < end and start < e.end():
                return True
    return False
