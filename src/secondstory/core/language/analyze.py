"""Run the rules over one paragraph: mask, split sentences, match, resolve subject and level.

The result depends only on the paragraph's text and the roster, so the coach caches it per
paragraph; offsets here are relative to the paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from secondstory.core.language.lazyre import LazyPattern
from secondstory.core.language.levels import Level
from secondstory.core.language.mask import mask
from secondstory.core.language.rules import Rule, load_rules, woken_rules
from secondstory.core.language.subjects import Subject, SubjectResolver

# A sentence ends at . ! ? before a space and a non-lower-case letter, or at a line break
# unless the next line carries on in lower case (hard-wrapped prose).
_SENTENCE_BREAK = LazyPattern(r"[.!?]+[\"')\]]*(?=[ \t]+[^\sa-z]|[ \t]*(?:\n|$))|\n(?![ \t]*[a-z])")
_HEADING = LazyPattern(r"^[ \t]{0,3}#{1,6}(?:[ \t].*)?$", re.MULTILINE)
_NEGATION = LazyPattern(
    r"(?:\b(?:not|never|no|without|hardly|nothing|non|neither|nor|none|nobody)|\w+n't)\b"
    r"[-\s]*(?:[\w'-]+[ \t]+){0,2}$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Hit:
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
    for cut in _SENTENCE_BREAK.finditer(masked):
        end = cut.end() if cut.group()[:1] in ".!?" else cut.start()
        _add_span(masked, pos, end, spans)
        pos = cut.end()
    _add_span(masked, pos, len(masked), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


class Analyzer:
    """The rules plus a subject resolver for one roster."""

    def __init__(self, roster: Iterable[str] = (), system_terms: Iterable[str] = ()) -> None:
        self.rules = load_rules()
        self.subjects = SubjectResolver(roster, system_terms)

    def analyze(self, text: str, *, gate: bool = True) -> list[Hit]:
        """Every rule match in `text` (one paragraph), with its level.

        With `gate` (the default) only the rules whose triggers occur in the paragraph run;
        `gate=False` runs them all (the tests use it to prove the triggers complete).
        """
        return self._analyze_masked(mask(text), gate)

    def analyze_by_sentence(self, text: str, cache: dict[str, list[Hit]]) -> list[Hit]:
        """`analyze` for a long paragraph, reusing `cache` for sentences already seen.

        Every rule looks no further than its sentence, so a sentence's matches depend on
        its own (masked) text only: after a keystroke only the edited sentence is analysed.
        """
        masked = mask(text)
        hits: list[Hit] = []
        for start, end in sentence_spans(masked):
            sentence = masked[start:end]
            found = cache.get(sentence)
            if found is None:
                if len(cache) > 50_000:
                    cache.clear()
                found = cache[sentence] = self._analyze_masked(sentence, True)
            hits += [_shifted(hit, start) for hit in found] if start else found
        hits.sort(key=lambda h: (h.start, -h.level))
        return hits

    def _analyze_masked(self, masked: str, gate: bool) -> list[Hit]:
        lower = masked.lower()
        found: set[str] = set()
        if gate:
            woken, found = woken_rules(lower)
            if not woken:
                return []
        else:
            woken = dict.fromkeys(range(len(self.rules)), [])
        spans: list[tuple[int, int]] | None = None  # split into sentences on first match
        starts: list[int] = []
        headings: list[tuple[int, int]] | None = None
        hits: list[Hit] = []
        seen: dict[tuple[int, int, str], Subject | None] = {}
        for rule_index in sorted(woken):
            rule = self.rules[rule_index]
            source = masked if rule.case_sensitive else lower
            positions = woken[rule_index]
            for pattern, word_start, anchored, own in zip(
                rule.patterns, rule.word_start, rule.anchored, rule.pattern_triggers, strict=True
            ):
                if gate and own is not None and own.isdisjoint(found):
                    continue
                has_hit_group = "hit" in pattern.groupindex
                has_subj_group = "subj" in pattern.groupindex
                matches: Iterable[re.Match[str]]
                if gate and anchored:
                    matches = _matches_at(pattern, source, positions)
                else:
                    matches = pattern.finditer(source)
                for m in matches:
                    if word_start and not _at_boundary(source, m.start()):
                        continue
                    if has_hit_group and m.group("hit") is not None:
                        start, end = m.span("hit")
                    else:
                        start, end = m.span()
                    if end <= start:
                        continue
                    if spans is None:
                        spans = sentence_spans(masked)
                        starts = [s for s, _ in spans]
                    index = bisect_right(starts, start) - 1
                    if index < 0:
                        continue
                    sent_start, sent_end = spans[index]
                    if end > sent_end:
                        continue
                    if rule.exceptions and _excepted(rule, source, sent_start, sent_end, m):
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
                        subject = self._subject(rule, masked, sent_start, sent_end, m, subj_text)
                        seen[key] = subject
                    level = rule.levels[subject.kind if subject else "unknown"]
                    if level is None:
                        continue
                    if rule.negated is not None and level > rule.negated:
                        window = masked[max(sent_start, m.start() - 48) : m.start()]
                        if _NEGATION.search(window):
                            level = rule.negated
                    if (
                        rule.in_question is not None
                        and level > rule.in_question
                        and masked[sent_end - 1] == "?"
                    ):
                        level = rule.in_question
                    hits.append(Hit(rule, level, start, end, sent_start, sent_end, subject))
        hits.sort(key=lambda h: (h.start, -h.level))
        return hits

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


def _shifted(hit: Hit, offset: int) -> Hit:
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


def _matches_at(pattern: re.Pattern[str], text: str, positions: list[int]) -> list[re.Match[str]]:
    """Matches starting exactly at the given positions (a trigger's start), in order."""
    found: list[re.Match[str]] = []
    last = -1
    for position in positions:
        if position < last:  # inside the previous match, as finditer would skip it
            continue
        m = pattern.match(text, position)
        if m is not None:
            found.append(m)
            last = m.end()
    return found


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
        for e in exception.finditer(sentence):
            if e.start() < end and start < e.end():
                return True
    return False
