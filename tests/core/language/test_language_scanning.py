"""The coach's faster ways to split and scan a text find what the plain ones find.

- Sentences are cut at a break and the white space after it (`SENTENCE_CUT`), and a bulk
  check cuts many paragraphs in one pass: the sentences and their offsets are those of
  `sentence_spans`, paragraph by paragraph.
- Trigger words are found after a non-word character (the text given a leading space):
  the same words as a word-boundary scan.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from secondstory.core.language import Coach
from secondstory.core.language.analyze import Hit, sentence_spans
from secondstory.core.language.rules import (
    _trigger_index,
    ascii_trigger_scanner,
    trigger_scanner,
    trigger_words,
)

PIECES = st.sampled_from(
    [
        "Priya restarted it",
        "the pool",
        "was full",
        ".",
        "!",
        "?",
        "...",
        '."',
        ".)",
        "'",
        " ",
        "  ",
        "\t",
        "\n",
        "\n\n",
        "\n  \n",
        "\n- ",
        "A",
        "b",
        "1.5",
        "e.g.",
        "## Heading",
    ]
)
texts = st.lists(PIECES, max_size=40).map("".join)


class _EverySentence(Coach):
    """Reports every sentence as having a hit, so the cut shows every sentence."""

    def _analyze(self, sentence: str) -> list[Hit]:
        return [Hit(None, 0, 0, 0, 0, 0, None)]  # type: ignore[arg-type]


@settings(max_examples=400, deadline=None)
@given(texts)
def test_cutting_finds_the_sentences_of_sentence_spans(text: str) -> None:
    cut = _EverySentence()._sentences_with_hits(text)
    found = [(start, sentence) for start, sentence, _ in cut]
    assert found == [(start, text[start:end]) for start, end in sentence_spans(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(texts, min_size=2, max_size=6))
def test_cutting_paragraphs_together_finds_each_ones_sentences(paragraphs: list[str]) -> None:
    paragraphs = [p.strip("\n") or "x" for p in paragraphs]
    text = "\n\n".join(paragraphs)
    spans = Coach._blocks(text)
    together: dict[int, list[tuple[int, int, str, list[Hit]]]] = {}
    region = text[spans[0][0] : spans[-1][1]]
    _EverySentence()._bulk_units(region, spans, 0, len(spans) - 1, together)
    for index, (start, end) in enumerate(spans):
        block = text[start:end]
        alone = [(s, e, block[s:e]) for s, e in sentence_spans(block)]
        assert [(s, e, m) for s, e, m, _ in together.get(index, [])] == alone


WORDS = st.sampled_from(
    [
        "should",
        "shoulda",
        "have",
        "fail",
        "failure",
        "made",
        "a",
        "made a",
        "if",
        "only",
        "human",
        "error",
        "x",
        "did",
        "not",
        "didn't",
        "re-train",
    ]
)
SEPARATORS = st.sampled_from(
    # Non-ASCII ones too: ASCII text is scanned with its own, faster scanner.
    [" ", "  ", "\n", "-", "'", "(", ".", "", "_", "9", "\u2019", "\u2014", "\u00a0", "\u00e9"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(WORDS, SEPARATORS), max_size=12))
def test_trigger_words_are_those_of_a_word_boundary_scan(parts: list[tuple[str, str]]) -> None:
    text = "".join(word + separator for word, separator in parts)
    scanner = _trigger_index()[0]
    trie = scanner.pattern[scanner.pattern.index("(?=(") + 4 : -2]
    reference = re.compile(r"\b(?=(" + trie + "))")
    assert trigger_words(text) == frozenset(reference.findall(text.replace("\n", " ")))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(WORDS, SEPARATORS), max_size=12))
def test_the_ascii_scanner_finds_what_the_general_one_does(parts: list[tuple[str, str]]) -> None:
    text = " " + "".join(word + separator for word, separator in parts).replace("\n", " ")
    general = trigger_scanner().findall(text)
    if text.isascii():
        assert ascii_trigger_scanner().findall(text) == general
    assert trigger_words(text[1:]) == frozenset(general)


def test_a_section_number_in_a_heading_ends_no_sentence() -> None:
    for text in ("## 3. Root cause", "### 2.1. Impact", "# 12. Timeline"):
        assert sentence_spans(text) == [(0, len(text))]
    # Elsewhere a number's full stop still ends a sentence.
    text = "We upgraded to 4.2. Then it failed."
    pieces = [text[a:b] for a, b in sentence_spans(text)]
    assert pieces == ["We upgraded to 4.2.", "Then it failed."]
    text = "1. Root cause: a full disk."
    assert len(sentence_spans(text)) == 2
