"""The fast path gives exactly the findings of the plain one.

`Coach.check` takes shortcuts for speed: the whole document is masked in one pass, each
sentence is analysed once (cached), only the rules a sentence's trigger words wake are run,
and paragraphs with no ignore comments or chains are assembled sentence by sentence. The
reference here takes none of them: each paragraph is masked on its own, every rule runs on
every sentence (`gate=False`), and every paragraph goes through the general filter. Both must
agree on every field of every flag: on the labelled sets, on a generated 1 MB document and on
random documents.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from secondstory.core.language import Coach, CoachConfig, Flag, Level
from secondstory.core.language.analyze import Hit, sentence_spans
from secondstory.core.language.coach import _BLANK
from secondstory.core.language.mask import fence_lines, mask

HERE = Path(__file__).parent
DEVSET = Path("/work/shared/data/lint-devset.jsonl")
SETS = sorted([*HERE.glob("*.jsonl"), *([DEVSET] if DEVSET.exists() else [])])
ROSTER = ("Dana", "Priya", "John", "Sam")


class ReferenceCoach(Coach):
    """No shortcuts: per-paragraph masking, all rules on every sentence (every pattern and
    exception run, whatever words they need), general assembly."""

    _fast = False
    _prefilter = False

    def _entries(self, text: str) -> list[tuple[int, int, object]]:  # type: ignore[override]
        self._cache = {}  # nothing carried over from an earlier check
        return [(start, end, self._entry(text[start:end])) for start, end in self._blocks(text)]

    def _units(
        self, block: str, masked: str | None = None
    ) -> list[tuple[int, int, str, list[Hit]]]:
        masked = mask(block)
        units = []
        for start, end in sentence_spans(masked):
            sentence = masked[start:end]
            found = self._sentences.get(sentence)
            if found is None:  # a pure function of the sentence: safe to remember
                found = self._sentences[sentence] = self.analyzer.analyze_sentence(
                    sentence, gate=False
                )
            if found:
                units.append((start, end, sentence, found))
        return units


def _both(text: str, roster: tuple[str, ...] = ROSTER) -> tuple[list[Flag], list[Flag]]:
    config = CoachConfig(roster=roster)
    fast = Coach(config).check(text, min_level=Level.INFO, final=True)
    plain = ReferenceCoach(config).check(text, min_level=Level.INFO, final=True)
    return fast, plain


def _items() -> list[dict[str, object]]:
    items: list[dict[str, object]] = []
    for path in SETS:
        items += [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]
    return items


def test_labelled_sets_give_the_same_findings() -> None:
    items = _items()
    assert len(items) > 300
    for item in items:
        fast, plain = _both(str(item["text"]), tuple(item.get("roster", ())))  # type: ignore[arg-type]
        assert fast == plain, item["text"]


# -- a generated document ------------------------------------------------------------------

NEUTRAL = [
    "- {t} UTC: the alert fired for checkout p99 latency above 2s.",
    "- {t} UTC: Dana acknowledged the page and opened the incident channel.",
    "- {t} UTC: traffic moved to the secondary region; the error rate fell to 0.4%.",
]
EXTRAS = [
    "```\n2026-03-22T14:23:05Z ERROR db-proxy: failed to acquire connection\n\n"
    "John should have checked.\n```",
    "> Priya: honestly it was obvious, we should have rolled back.",
    "2026-03-22 14:23:05 WARN pool exhausted, retrying\n[ERROR]: worker failed to connect",
    'The 2019 report called it "human error", and `HumanError` is still a class name.',
    "<!-- secondstory-ignore -->\nRoot cause: human error.",
    "<!-- secondstory-disable hindsight -->\nObviously the config was wrong.\n"
    "<!-- secondstory-enable -->",
    "Why did checkout fail? -> the pool was exhausted\nWhy? -> Sam made a mistake.",
    "## Root cause\n\nThe root cause was the cache.",
    "It\u2019s on Jordan: he fat-fingered the CIDR. See https://example.com/it's-on-you",
    "<!-- a comment that\n\nspans paragraphs -->",
    "~~~\nunclosed fence with Priya failed to notice",
]


def _document(size: int, seed: int) -> str:
    rng = random.Random(seed)
    sentences = [str(item["text"]) for item in _items() if item.get("kind") == "sentence"]
    parts: list[str] = []
    length = 0
    while length < size:
        roll = rng.random()
        if roll < 0.6:
            chunk = " ".join(rng.choice(sentences) for _ in range(rng.randint(1, 6)))
            if rng.random() < 0.2:  # hard-wrapped prose
                chunk = re.sub(r"(?<=\w) (?=[a-z])", lambda _: rng.choice([" ", "\n"]), chunk)
        elif roll < 0.9:
            hour = rng.randint(0, 23)
            chunk = "\n".join(
                rng.choice(NEUTRAL).format(t=f"{hour:02d}:{m:02d}")
                for m in range(rng.randint(2, 5))
            )
        else:
            chunk = rng.choice(EXTRAS)
        parts.append(chunk)
        length += len(chunk) + 2
    return "\n\n".join(parts) + "\n"


def test_a_generated_one_megabyte_document_gives_the_same_findings() -> None:
    text = _document(1_000_000, seed=11)
    fast, plain = _both(text)
    assert len(fast) > 1000
    assert fast == plain


# -- random documents ----------------------------------------------------------------------

PIECES = [
    "John should have checked the lag. ",
    "The payment service failed to connect. ",
    "Root cause: human error. ",
    "It wasn't obvious at the time. ",
    "Obviously the config was wrong. ",
    "Priya failed to notice, and the on-call didn't follow the runbook.",
    "We just had to roll back. ",
    "Why did it fail? -> pool exhausted\nWhy? -> Priya made a mistake.",
    "<!-- secondstory-ignore -->",
    "<!-- secondstory-disable hindsight -->",
    "<!-- secondstory-enable -->",
    "<!--",
    "-->",
    "```\nJohn should have checked\n",
    "```",
    "~~~",
    "2026-03-22T14:23:05Z",
    " ERROR failed to connect",
    "> quoted: careless",
    '"human error"',
    "'sloppy'",
    "`should have`",
    "# Root cause\n",
    "\u2019",
    "\n\n",
    "\n  \n",
    "\n",
    " ",
    "x",
]
documents = st.lists(st.sampled_from(PIECES), min_size=1, max_size=60).map("".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(documents, min_size=1, max_size=4).map("\n\n".join))
def test_random_documents_give_the_same_findings(text: str) -> None:
    # Repeated so that more than a few paragraphs are new: the one-pass masking kicks in.
    fast, plain = _both("\n\n".join([text] * 12))
    assert fast == plain
    fast, plain = _both(text)
    assert fast == plain


def _plain_blocks(text: str) -> list[tuple[int, int]]:
    """Paragraph spans the simple way: between blank lines, fences kept whole."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _BLANK.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    fences = [start for start, _ in fence_lines(text)]
    merged: list[tuple[int, int]] = []
    open_start: int | None = None
    for start, end in spans:
        odd = sum(1 for f in fences if start <= f < end) % 2 == 1
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


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["```", "~~~", "\n", "\n\n", "\n \n", "  ", "a", "b."]), max_size=20)
)
def test_paragraph_spans_match_the_simple_definition(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert Coach._blocks(text) == _plain_blocks(text)
