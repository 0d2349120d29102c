"""The language coach: check a text, get flags with exact positions. No Textual here.

    coach = Coach.for_session(session, project_config())
    flags = coach.check(note_text)            # warning and above, by default
    coach.dismiss(flags[0])                   # -> (rule id, sentence) to store in the session

`check` splits the text into paragraphs and keeps each paragraph's analysis in a cache keyed
by its text, so after a keystroke only the edited paragraph is looked at again. Within it,
each sentence's hits (and, where no ignore comment or chain is involved, its finished flags)
are cached by the sentence's text, so only the edited sentence is analysed; the rest of the
work is slicing and offset arithmetic. A bulk check (a file, or the first check of a long
note) masks the whole text and cuts its paragraphs into sentences in one pass each
(`_bulk`). One coach serves every field of a session.
`tests/core/language/test_language_fast_path.py` holds these shortcuts to the findings of
the plain path.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain

from secondstory.core.language.analyze import SENTENCE_CUT, Analyzer, Hit, shifted
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
from secondstory.core.language.mask import fence_lines, mask, mask_document
from secondstory.core.language.records import TYPE_CHECKING, Record
from secondstory.core.language.rules import Rule, is_disabled, load_rules
from secondstory.core.language.subjects import lexicon

if TYPE_CHECKING:
    from secondstory.core.model import Session, WhyChain

# Indents are taken possessively (`*+`): what follows them never starts with a space or a
# tab, and giving the spaces back one by one made every indented line cost its indent.
_BLANK = LazyPattern(r"\n[ \t]*+\n(?:[ \t]*+\n)*")
_WHY_ANYWHERE = LazyPattern(r"^[ \t]*+(?:[-*+][ \t]+|\d+[.)][ \t]+)?(?:\*\*|__)?why\b", re.I | re.M)
# The same after a line break: a search the engine jumps through from line break to line
# break, to find the paragraphs of a long text that may hold a chain.
_WHY_AFTER_BREAK = LazyPattern(r"\n[ \t]*+(?:[-*+][ \t]+|\d+[.)][ \t]+)?(?:\*\*|__)?why\b", re.I)
_span = re.Match.span
_CACHE_LIMIT = 20_000
_SENTENCE_LIMIT = 50_000
_BULK = 16
"""More new paragraphs than this in one check: make them a stretch at a time (`_bulk`)."""
_STRETCH = 30_000
"""Characters of text masked and split at a time by `_bulk`: short enough that its copies
reuse memory the process has (a megabyte string is fresh memory every time)."""
_CHAIN_LINES = 60
"""A paragraph of more lines than this is not judged as a five-whys chain: a chain is a
handful of questions and answers, and a longer paragraph that has a line starting "why" is
a pasted log, chat or list."""
_PEOPLE = "the people involved"


_State = tuple[bool, frozenset[str], frozenset[str]]
_IDLE: _State = (False, frozenset(), frozenset())


class _Placed(Record):
    """A flag with offsets relative to its paragraph; `at` places it in the text."""

    level: Level
    start: int
    end: int
    line: int
    col: int
    end_line: int
    end_col: int
    head: tuple[str, str, Level]
    """The flag's first fields: rule id, category, level."""
    tail: tuple[str, str, str, str, str, str]
    """Its last: matched text, message, suggestion, note, sentence, subject kind."""

    def at(self, offset: int, line: int, col: int = 0) -> Flag:
        """The flag placed `offset` characters and `line` lines into the checked text;
        `col` is added to columns on the first line (where the flag's unit does not
        start at the beginning of a line)."""
        # Built from the fixed head and tail as one plain tuple: a bulk check places
        # thousands of flags.
        _, start, end, first_line, first_col, last_line, last_col, head, tail = self
        return _new_flag(
            Flag,
            head
            + (
                offset + start,
                offset + end,
                line + first_line,
                first_col if first_line else first_col + col,
                line + last_line,
                last_col if last_line else last_col + col,
            )
            + tail,
        )


_new_flag = tuple.__new__


def _place(spots: tuple[_Spot, ...], start: int, line: int, threshold: Level) -> list[Flag]:
    """The flags at or above `threshold` of a paragraph that starts at `start`, on `line`:
    `_Placed.at` for each, written out (a bulk check places thousands of flags)."""
    return [
        _new_flag(
            Flag,
            head
            + (
                at + begin,
                at + end,
                on + first_line,
                first_col if first_line else first_col + col,
                on + last_line,
                last_col if last_line else last_col + col,
            )
            + tail,
        )
        for group, offset, lines, col in spots
        for at, on in ((start + offset, line + lines),)
        for level, begin, end, first_line, first_col, last_line, last_col, head, tail in group
        if level >= threshold
    ]


_Spot = tuple[tuple[_Placed, ...], int, int, int]
"""Flags relative to one sentence (or to the paragraph), and that unit's offset, line and
column offset in the paragraph: `placed.at(paragraph start + offset, paragraph line + line,
col)` for each."""
_Unit = tuple[int, int, str, list[Hit]]
"""A sentence of a paragraph that has hits: start, end, its masked text, its own hits."""


class _Entry:
    """What the coach keeps about one paragraph between checks."""

    __slots__ = ("assembled", "chain", "directives", "has_why", "placed", "units")

    def __init__(
        self, units: list[_Unit], directives: tuple[Directive, ...], has_why: bool
    ) -> None:
        self.units = units
        self.directives = directives
        self.has_why = has_why
        self.chain: list[Hit] | None = None
        self.assembled: dict[tuple[object, ...], tuple[tuple[_Spot, ...], _State]] = {}
        """Flags after ignores, dismissals and de-duplication, per directive context."""
        self.placed: tuple[tuple[object, ...], list[Flag]] | None = None
        """The last absolute flags made from this paragraph, and where it was."""

    @property
    def hits(self) -> list[Hit]:
        """Every hit of the paragraph, with offsets relative to the paragraph."""
        out: list[Hit] = []
        for start, _, _, found in self.units:
            out += [shifted(hit, start) for hit in found] if start else found
        return out


_NOTHING = _Entry([], (), False)
"""The entry of every paragraph with no flags, no comments and no chain."""


class _Disabled:
    """State of `secondstory-disable` / `-enable` comments while walking a file."""

    __slots__ = ("enabled", "everything", "names")

    def __init__(self) -> None:
        self.everything = False
        self.names: set[str] = set()
        self.enabled: set[str] = set()

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
        if not (self.everything or self.names or self.enabled):
            return _IDLE
        return (self.everything, frozenset(self.names), frozenset(self.enabled))

    @property
    def active(self) -> bool:
        """Whether any disable or enable comment is in force."""
        return self.everything or bool(self.names) or bool(self.enabled)

    def restore(self, state: _State) -> None:
        if state is _IDLE and not (self.everything or self.names or self.enabled):
            return
        self.everything, self.names, self.enabled = state[0], set(state[1]), set(state[2])

    def blocks(self, rule: Rule) -> bool:
        if rule.id in self.enabled or rule.category in self.enabled:
            return False
        return self.everything or rule.id in self.names or rule.category in self.names


class Coach:
    """Checks free text against the shipped rules, for one roster and configuration."""

    _fast = True
    """Whether paragraphs with no ignore comments or chains take the per-sentence shortcut
    (`_simple`); the tests turn it off to compare with the general path."""
    _prefilter = True
    """Whether a regex runs only on sentences holding a string it needs (`prefilter`);
    the tests turn it off to compare."""

    def __init__(self, config: CoachConfig | None = None) -> None:
        self.config = config or CoachConfig()
        self._analyzer: Analyzer | None = None
        self._cache: dict[str, _Entry] = {}
        self._sentences: dict[str, list[Hit]] = {}
        """Masked sentence -> its hits: sentences repeat across paragraphs and edits."""
        self._sentence_flags: dict[str | tuple[str, str], tuple[_Placed, ...]] = {}
        """Sentence (or (masked, original) when they differ) -> its flags relative to the
        sentence, for paragraphs with no ignore comments or chains in play (see `_simple`)."""
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
            self._analyzer = Analyzer(
                self.config.roster, self.config.system_terms, prefilter=self._prefilter
            )
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
        entries = self._entries(text)
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
        version = self._version
        simple = self._fast and not file_ignores
        for index, (start, end, entry) in enumerate(entries):
            directives = entry.directives
            judge = entry.has_why and (
                final or index < last or _BLANK.search(text, end) is not None
            )
            if not entry.units and not directives and not judge:
                pending = ()
                continue
            line += text.count("\n", counted, start)
            counted = start
            state = disabled.key()
            context = (judge, pending, state, file_ignores, version)
            assembled = entry.assembled.get(context)
            if assembled is None:
                if simple and state is _IDLE and not (judge or directives or pending):
                    assembled = (self._simple(text, start, end, entry), state)
                else:
                    block = text[start:end]
                    hits = entry.hits + self._chain_hits(block, entry) if judge else entry.hits
                    kept = self._filter(hits, directives, pending, disabled, file_ignores, block)
                    placed_here = tuple(self._relative(hit, block) for hit in _dedupe(kept))
                    relative = ((placed_here, 0, 0, 0),) if placed_here else ()
                    assembled = (relative, disabled.key())
                entry.assembled[context] = assembled
            else:
                disabled.restore(assembled[1])
            pending = tuple(d.names for d in directives if d.next_block) if directives else ()
            if not assembled[0]:
                continue
            where = (start, line, context, threshold)
            if entry.placed is not None and entry.placed[0] == where:
                placed = entry.placed[1]
            else:
                placed = _place(assembled[0], start, line, threshold)
                entry.placed = (where, placed)
            flags += placed
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
        self._sentence_flags.clear()
        self._version += 1
        return key

    def undismiss(self, rule_id: str, sentence: str) -> None:
        self._dismissed.discard((rule_id, normalise_sentence(sentence)))
        self._sentence_flags.clear()
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

    def _entries(self, text: str) -> list[tuple[int, int, _Entry]]:
        """Each paragraph's span and analysis, from the cache or made now."""
        spans = self._blocks(text)
        blocks = [text[start:end] for start, end in spans]
        cache = self._cache
        fresh = [i for i, block in enumerate(blocks) if block not in cache]
        if len(fresh) > _BULK:
            self._bulk(text, spans, blocks, fresh)
        out: list[tuple[int, int, _Entry]] = []
        for (start, end), block in zip(spans, blocks, strict=True):
            entry = cache.get(block)
            if entry is None:  # not made in bulk: a fence or a comment, or a warm check
                entry = self._entry(block)
            out.append((start, end, entry))
        if len(self._cache) > 2 * len(blocks) + 64:
            # Typing leaves a stale entry per keystroke: keep what the text still holds.
            self._cache = {block: entry for block, (_, _, entry) in zip(blocks, out, strict=True)}
        return out

    def _entry(self, block: str, masked: str | None = None) -> _Entry:
        entry = self._cache.get(block)
        if entry is None:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            units = self._units(block, masked)
            directives = find_directives(block)
            why = _has_why(block)
            entry = _Entry(units, directives, why) if units or directives or why else _NOTHING
            self._cache[block] = entry
        return entry

    def _bulk(
        self, text: str, spans: list[tuple[int, int]], blocks: list[str], fresh: list[int]
    ) -> None:
        """Make the entries of the `fresh` paragraphs (indices) a stretch at a time instead
        of paragraph by paragraph: a cold check of a long text.

        A stretch of consecutive paragraphs is masked in one pass, which gives each its own
        masking unless it holds a fence or a comment (those are left to `_entry`), and it is
        split into sentences in one pass: a blank line always ends a sentence, and the split
        inside a paragraph looks no further than the line break that follows it, so the
        sentences and their offsets are those of splitting each paragraph on its own.
        Stretches are kept short (`_STRETCH`): masking copies its text a few times, and
        copies of a whole long text would each cost fresh memory from the system.
        """
        starts = [start for start, _ in spans]
        # Ignore comments are comments: a paragraph made here has none. (A one-character
        # search is many times faster than a longer one: it goes first.)
        needles = [n for n, first in (("```", "`"), ("~~~", "~"), ("<!--", "<")) if first in text]
        special = _blocks_holding(text, starts, needles)
        todo = [i for i in fresh if i not in special]
        if not todo:
            return
        # A paragraph holds a chain only if one of its lines starts with "why".
        whys = {bisect_right(starts, m.start() + 1) - 1 for m in _WHY_AFTER_BREAK.finditer(text)}
        if _WHY_ANYWHERE.match(text):
            whys.add(0)
        units: dict[int, list[_Unit]] = {}
        made: list[int] = []
        for first, last in _stretches(todo, spans):
            masked = mask_document(text[spans[first][0] : spans[last][1]])
            if masked is None:  # a log line runs on into the next paragraph
                continue
            self._bulk_units(masked, spans, first, last, units)
            made += range(first, last + 1)
        cache = self._cache
        if len(cache) + len(made) > _CACHE_LIMIT:
            cache.clear()
        for index in made:
            block = blocks[index]
            found = units.get(index)
            why = index in whys and _has_why(block)
            # Most paragraphs have nothing to show: they share one entry, which the check
            # passes over without touching.
            cache[block] = _Entry(found or [], (), why) if found or why else _NOTHING

    def _bulk_units(
        self,
        masked: str,
        spans: list[tuple[int, int]],
        first: int,
        last: int,
        units: dict[int, list[_Unit]],
    ) -> None:
        """The sentences with hits of paragraphs `first` to `last` (consecutive), whose
        text, masked, is `masked`: added to `units` under each one's index; `_units` for
        each, in one pass."""
        base = spans[first][0]
        starts = [start - base for start, _ in spans[first : last + 1]]
        for start, sentence, found in self._sentences_with_hits(masked):
            at = bisect_right(starts, start) - 1
            offset = start - starts[at]
            units.setdefault(first + at, []).append(
                (offset, offset + len(sentence), sentence, found)
            )

    def _units(self, block: str, masked: str | None = None) -> list[_Unit]:
        """The paragraph's sentences that have hits; each sentence is analysed once per
        coach, however many paragraphs (or edits of one paragraph) it appears in. `masked`
        is the paragraph already masked, when the caller has it."""
        return [
            (start, start + len(sentence), sentence, found)
            for start, sentence, found in self._sentences_with_hits(
                mask(block) if masked is None else masked
            )
        ]

    def _sentences_with_hits(self, masked: str) -> list[tuple[int, str, list[Hit]]]:
        """`(start, sentence, hits)` of each sentence of `masked` that has hits: what
        `sentence_spans` splits it into. Most sentences have no hits; for those only the
        cache lookup is needed, not their offsets."""
        seen = self._sentences.get  # the dict is cleared in place, never replaced
        out: list[tuple[int, str, list[Hit]]] = []
        pos = 0
        for cut in SENTENCE_CUT.compiled.finditer(masked):
            end = cut.end()
            # The break belongs to the sentence, unless it is a line break, which `strip`
            # drops with the white space after the break.
            piece = masked[pos:end]
            sentence = piece.strip()
            if sentence:
                found = seen(sentence)
                if found is None:
                    found = self._analyze(sentence)
                if found:
                    out.append((pos + piece.find(sentence[0]), sentence, found))
            pos = end
        piece = masked[pos:]
        sentence = piece.strip()
        if sentence:
            found = seen(sentence)
            if found is None:
                found = self._analyze(sentence)
            if found:
                out.append((pos + piece.find(sentence[0]), sentence, found))
        return out

    def _analyze(self, sentence: str) -> list[Hit]:
        cache = self._sentences
        if len(cache) > _SENTENCE_LIMIT:
            cache.clear()
            self._sentence_flags.clear()
        found = cache[sentence] = self.analyzer.analyze_sentence(sentence)
        return found

    def _simple(self, text: str, first: int, last: int, entry: _Entry) -> tuple[_Spot, ...]:
        """`_filter`, `_dedupe` and `_relative` for the paragraph `text[first:last]` when it
        has no ignore comments, no disable state and no chain to judge: then each
        sentence's flags depend on the sentence alone, so they are made once per sentence
        and placed by offset. (Read in `text` by offset: slicing and hashing each paragraph
        and sentence again would cost a bulk check more than the rest of this.)"""
        out: list[_Spot] = []
        memo = self._sentence_flags
        one_line = text.find("\n", first, last) < 0
        for start, end, masked, found in entry.units:
            # Most sentences have nothing masked: then the (masked) text alone is the key.
            if text.startswith(masked, first + start):
                original = masked
                key: str | tuple[str, str] = masked
            else:
                original = text[first + start : first + end]
                key = (masked, original)
            relative = memo.get(key)
            if relative is None:
                disabled = self.config.disabled
                kept = [
                    hit
                    for hit in found
                    if not is_disabled(hit.rule.id, hit.rule.category, disabled)
                    and not (self._dismissed and self.is_dismissed(hit.rule.id, original))
                ]
                relative = memo[key] = tuple(self._relative(h, original) for h in _dedupe(kept))
            if not relative:
                continue
            if one_line or not start:
                lines, col = 0, start
            else:
                lines = text.count("\n", first, first + start)
                at = text.rfind("\n", first, first + start)
                col = start if at < 0 else first + start - at - 1
            out.append((relative, start, lines, col))
        return tuple(out)

    def _chain_hits(self, block: str, entry: _Entry) -> list[Hit]:
        if entry.chain is None:
            entry.chain = []
            lines = [line for line in block.splitlines() if line.strip()]
            if 2 <= len(lines) <= _CHAIN_LINES and any(map(is_why_line, lines)):
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
            hit.level,
            start,
            end,
            first_line,
            start - block.rfind("\n", 0, start),
            last_line,
            end - block.rfind("\n", 0, end),
            (rule.id, rule.category, hit.level),
            (
                matched,
                fill(hit.message or rule.message),
                fill(hit.suggestion or rule.rewrite),
                rule.note,
                normalise_sentence(block[hit.sent_start : hit.sent_end]),
                hit.subject.kind if hit.subject is not None else "",
            ),
        )

    @staticmethod
    def _blocks(text: str) -> list[tuple[int, int]]:
        """`(start, end)` of each paragraph: text between blank lines, a fenced code block
        (which may hold blank lines) kept in one paragraph."""
        # Paragraph bounds, flat: 0, then each blank run's start and end, then the length.
        bounds = [0]
        bounds += chain.from_iterable(map(_span, _BLANK.compiled.finditer(text)))
        bounds.append(len(text))
        pairs = iter(bounds)
        spans = [(start, end) for start, end in zip(pairs, pairs, strict=True) if start < end]
        if "```" not in text and "~~~" not in text:
            return spans
        fences = [start for start, _ in fence_lines(text)]
        if not fences:
            return spans
        # A paragraph holding an odd number of fence lines opens a fenced block, or closes
        # the one that is open; the paragraphs from the opening one to the closing one merge.
        starts = [start for start, _ in spans]
        count: dict[int, int] = {}
        for fence in fences:
            index = bisect_right(starts, fence) - 1
            count[index] = count.get(index, 0) + 1
        merged: list[tuple[int, int]] = []
        kept = 0  # spans before this index are placed
        opening: int | None = None
        for index in sorted(i for i, n in count.items() if n % 2):
            if opening is None:
                merged += spans[kept:index]
                opening = index
            else:
                merged.append((spans[opening][0], spans[index][1]))
                opening = None
                kept = index + 1
        if opening is not None:
            merged.append((spans[opening][0], len(text)))
        else:
            merged += spans[kept:]
        return merged


def _has_why(block: str) -> bool:
    """Whether a paragraph may hold a five-whys chain (judged when the check is final)."""
    return (
        ("why" in block or "Why" in block or "WHY" in block)
        and "\n" in block.strip()
        and bool(_WHY_ANYWHERE.search(block))
    )


def _stretches(indices: list[int], spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """`(first, last)` of each run of consecutive paragraph `indices` (ascending), cut so
    that a run's text is at most `_STRETCH` characters (or one paragraph)."""
    first = previous = indices[0]
    for index in indices[1:]:
        if index != previous + 1 or spans[index][1] - spans[first][0] > _STRETCH:
            yield first, previous
            first = index
        previous = index
    yield first, previous


def _blocks_holding(text: str, starts: list[int], needles: Iterable[str]) -> set[int]:
    """Indices of the paragraphs (given by their `starts`) in which a needle occurs.

    Needles hold no white space, so none spans two paragraphs; one search of the whole
    text is much cheaper than one per paragraph."""
    found: set[int] = set()
    for needle in needles:
        at = text.find(needle)
        while at >= 0:
            index = bisect_right(starts, at) - 1
            found.add(index)
            # The rest of this paragraph is known to hold it: go on from the next one.
            at = text.find(needle, starts[index + 1]) if index + 1 < len(starts) else -1
    return found


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


class _Filler(Record):
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
