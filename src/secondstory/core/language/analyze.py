"""Run the rules over a paragraph: mask, split sentences, match, resolve subject and level.

Rules look no further than their sentence, so a sentence's hits depend only on its masked
text and the roster: the coach caches them per sentence. Offsets are relative to the
sentence (`analyze_sentence`) or to the paragraph (`analyze`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from secondstory.core.language.lazyre import LazyPattern
from secondstory.core.language.levels import Level
from secondstory.core.language.mask import mask
from secondstory.core.language.records import Record
from secondstory.core.language.rules import (
    Rule,
    ascii_trigger_scanner,
    load_rules,
    trigger_scanner,
    woken_by,
)
from secondstory.core.language.subjects import Subject, SubjectResolver

# A sentence ends at . ! ? before a space and a non-lower-case letter, or at a line break
# unless the next line carries on in lower case (hard-wrapped prose). Written to start with
# one character class (a run of punctuation, or a line break) so the regex engine can skip
# ahead to candidates instead of trying the pattern at every position. Runs of spaces are
# taken possessively (`*+`): what follows them is never a space, and giving them back one at
# a time made each line of a blanked code block cost its length.
SENTENCE_BREAK = LazyPattern(
    r"[.!?\n](?:(?<=\n)(?![ \t]*+[a-z])"
    # A section number in a heading ("## 3. Root cause", "## 2.1. Impact") ends no sentence.
    r"|(?<=[.!?])(?<!# \d\.)(?<!# \d\d\.)(?<!# \d\.\d\.)"
    r"[.!?]*[\"')\]]*(?=[ \t]++[^\sa-z]|[ \t]*+(?:\n|$)))"
)
# A sentence break and the white space after it. Cut at these, a text falls into the same
# sentences as at `SENTENCE_BREAK` once each piece is stripped, without the empty pieces
# (a full stop and the line break after it are one cut, not two).
SENTENCE_CUT = LazyPattern(SENTENCE_BREAK.pattern + r"\s*")
_NEXT_BOUNDARY = LazyPattern(r"\b")
_HEADING = LazyPattern(r"^[ \t]{0,3}#{1,6}(?:[ \t].*)?$", re.MULTILINE)
_NEGATION = LazyPattern(
    r"(?:\b(?:not|never|no|without|hardly|nothing|non|neither|nor|none|nobody)|\w+n't)\b"
    r"[-\s]*(?:[\w'-]+[ \t]+){0,2}$",
    re.IGNORECASE,
)


_Step = tuple[Rule, int, bool, tuple[str, ...] | None, bool]
"""One pattern to run: its rule, its slot (a number for each pattern of the rule set),
whether the match must start at a word boundary, strings of which one must occur for it
to match (None: nothing to test), and whether it runs on the text as written (else on the
text lower-cased)."""
_Ready = tuple[re.Pattern[str], bool, bool]
"""A pattern compiled, and whether it has a `hit` and a `subj` group."""


class Hit(Record):
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

    def __init__(
        self,
        roster: Iterable[str] = (),
        system_terms: Iterable[str] = (),
        *,
        prefilter: bool = True,
    ) -> None:
        self.rules = load_rules()
        self._scan = trigger_scanner().findall
        """Trigger words in " " + lower-cased text (see `rules.trigger_words`)."""
        self._scan_ascii = ascii_trigger_scanner().findall
        """The same for ASCII text, faster."""
        self.subjects = SubjectResolver(roster, system_terms)
        self.prefilter = prefilter
        """Whether a regex runs only on sentences holding a string it needs (the tests
        turn it off to compare)."""
        self._plans: dict[frozenset[str], tuple[_Step, ...]] = {}
        # The rules' patterns, numbered in order ("slots"): a plan step finds its compiled
        # pattern by list index instead of hashing a key.
        self._where = [
            (index, i) for index, rule in enumerate(self.rules) for i in range(len(rule.patterns))
        ]
        """Per slot, (rule index, pattern index)."""
        self._first_slot = [slot for slot, (_, i) in enumerate(self._where) if i == 0]
        """Per rule, the slot of its first pattern."""
        self._steps: list[_Step | None] = [None] * len(self._where)
        """Per slot, its plan step (`_step`), made on first use."""
        self._ready: list[_Ready | None] = [None] * len(self._where)
        """Per slot, that pattern compiled: on first use, so a check pays only for the
        patterns its text needs."""

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
        if gate:
            # `trigger_words`, written out: most sentences wake no rule, and for those this
            # is all the work there is.
            scanned = " " + lower.replace("\n", " ")
            words = frozenset((self._scan_ascii if scanned.isascii() else self._scan)(scanned))
            if not words:
                return []
            plan = self._plans.get(words)
            if plan is None:
                plan = self._plan(words)
        else:
            plan = self._full_plan()
        if not plan:
            return []
        end_of = len(masked)
        headings: list[tuple[int, int]] | None = None
        hits: list[Hit] = []
        seen: dict[tuple[int, int, str], Subject | None] = {}
        ready = self._ready
        for rule, slot, word_start, needs, as_written in plan:
            source = masked if as_written else lower
            if needs is not None and not any(map(source.__contains__, needs)):
                continue
            pattern, has_hit_group, has_subj_group = ready[slot] or self._compile(slot)
            for m in _from_word_starts(pattern, source) if word_start else pattern.finditer(source):
                if has_hit_group and m.group("hit") is not None:
                    start, end = m.span("hit")
                else:
                    start, end = m.span()
                if end <= start:
                    continue
                if rule.exceptions and _excepted(rule, source, 0, end_of, m, self.prefilter):
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
        if len(hits) > 1:
            hits.sort(key=lambda h: (h.start, -h.level))
        return hits

    def _plan(self, words: frozenset[str]) -> tuple[_Step, ...]:
        """The patterns to run on a sentence with these trigger words: those of the rules
        they wake (and, for patterns with their own triggers, only when one of those
        occurs). Many sentences share their set of trigger words: plans are kept per set."""
        if len(self._plans) > 20_000:
            self._plans.clear()
        woken, found = woken_by(words)
        rules = self.rules
        # A string that is part of a trigger word found in the sentence is in its
        # lower-cased text (the words are read from it; only line breaks were made spaces,
        # and a string without a space lies between them): a test for it always passes.
        present = "\0".join(words).replace(" ", "\0")
        steps = self._steps
        plan: list[_Step] = []
        for index in woken:
            first = self._first_slot[index]
            for i, own in enumerate(rules[index].pattern_triggers):
                if own is not None and own.isdisjoint(found):
                    continue
                step = steps[first + i] or self._step(first + i)
                needs = step[3]
                if needs is not None and not step[4] and any(map(present.__contains__, needs)):
                    step = (step[0], step[1], step[2], None, False)
                plan.append(step)
        self._plans[words] = tuple(plan)
        return self._plans[words]

    def _full_plan(self) -> tuple[_Step, ...]:
        return tuple(self._steps[slot] or self._step(slot) for slot in range(len(self._where)))

    def _step(self, slot: int) -> _Step:
        """The pattern in `slot`, as a plan holds it (not compiled yet), with its prefilter.
        A plan leaves the prefilter out where a trigger word found in the sentence passes
        it (see `_plan`)."""
        index, i = self._where[slot]
        rule = self.rules[index]
        needs = rule.pattern_needs[i] if rule.pattern_needs and self.prefilter else None
        step = self._steps[slot] = (rule, slot, rule.word_start[i], needs, rule.case_sensitive)
        return step

    def _compile(self, slot: int) -> _Ready:
        """The pattern in `slot`, compiled, with what the loop needs of it."""
        index, i = self._where[slot]
        compiled = self.rules[index].patterns[i].compiled
        groups = compiled.groupindex
        ready = self._ready[slot] = (compiled, "hit" in groups, "subj" in groups)
        return ready

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


def _from_word_starts(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches `\\b` + `pattern` would find, for a pattern kept without its leading
    `\\b` (a literal first character lets the engine skip ahead). A match that starts inside
    a word is refused, and the search goes on from the word's end, the next place a match
    may start: it must not hide a match that starts later within it ("this was a mistake":
    "is" inside "this" must not hide "was")."""
    pos = 0
    while True:
        m = pattern.search(text, pos)
        if m is None:
            return
        start = m.start()
        if _at_boundary(text, start):
            yield m
            pos = m.end() if m.end() > start else start + 1
        else:
            # Jumping to the next boundary, not the next character: a pattern such as
            # `\\w+ed` matches at every letter of a word, and trying each costs its length.
            boundary = _NEXT_BOUNDARY.search(text, start + 1)
            if boundary is None:
                return
            pos = boundary.start()


def _at_boundary(text: str, index: int) -> bool:
    """What a leading `\\b` would have checked."""
    if index == 0 or index >= len(text):
        return True
    before, after = text[index - 1], text[index]
    return (before.isalnum() or before == "_") != (after.isalnum() or after == "_")


def _excepted(
    rule: Rule,
    masked: str,
    sent_start: int,
    sent_end: int,
    m: re.Match[str],
    prefilter: bool = True,
) -> bool:
    sentence = masked[sent_start:sent_end]
    start, end = m.start() - sent_start, m.end() - sent_start
    needed = rule.exception_needs if prefilter else ()
    for i, exception in enumerate(rule.exceptions):
        needs = needed[i] if needed else None
        if needs is not None and not any(map(sentence.__contains__, needs)):
            continue  # it cannot match here (and need not be compiled)
        for e in exception.compiled.finditer(sentence):
            if e.start() < end and start < e.end():
                return True
    return False
