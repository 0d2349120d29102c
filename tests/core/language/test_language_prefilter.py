"""Prefilters: the strings a regex cannot match without, tested before it runs.

A prefilter must never be wrong: whenever a regex matches, one of the strings it claims to
need occurs in the text. Checked on made-up regexes (hypothesis), on every shipped pattern
and exception against every example and labelled sentence, and through the analyzer.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secondstory.core.language.analyze import Analyzer, _from_word_starts
from secondstory.core.language.mask import mask
from secondstory.core.language.prefilter import _GiveUp, _needed, _Parser, needs
from secondstory.core.language.rules import load_rules

HERE = Path(__file__).parent
DEVSET = Path("/work/shared/data/lint-devset.jsonl")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (r"(?:shoulda|coulda|shouldna)\b", ("coulda", "shoulda", "shouldna")),
        (r"of\s+course\b", ("course",)),
        (r"ab?cde", ("cde",)),  # an optional letter breaks the run
        (r"x{,3}abc", ("abc",)),
        (r"a{}bc", ("a{}bc",)),  # "{}" is two literal characters to Python's re
        (r"(?:abc)?def", ("def",)),
        (r"(?:abc)+d", ("abc",)),
        (r"(?!foo)bar", ("bar",)),  # what must not be there is not needed
        (r"(?<=abc)d", ("abc",)),  # what must be there is
        (r"[abc]def", ("def",)),
        (r"\.\.\.x", ("...x",)),
        (r"(?P<subj>abc|abd)\s+e", ("abc", "abd")),
        (r"foo|ba", None),  # "ba" is too short to be worth a test
        (r"(?i)abc", None),  # syntax it does not know: nothing claimed
        (r"(abc)\1", None),
        (r"\u2019abc", None),
        (r"(?:abc|.)", None),
        (r"abc*", None),  # "ab" then c*: too short
    ],
)
def test_needs(source: str, expected: tuple[str, ...] | None) -> None:
    assert needs(source) == expected


# -- made-up regexes ------------------------------------------------------------------------

atoms = st.sampled_from(
    ["a", "b", "c", "d", "ab", "abc", "bcd", "dab", " ", r"\s", r"\w", ".", "[ab]", r"\b", "'", "-"]
)


def _regexes(depth: int = 2) -> st.SearchStrategy[str]:
    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        quantified = st.tuples(inner, st.sampled_from(["", "?", "*", "+", "{2}", "{,2}", "+?"]))
        return st.one_of(
            st.lists(inner, min_size=1, max_size=4).map("".join),
            st.lists(inner, min_size=2, max_size=3).map(lambda xs: "(?:" + "|".join(xs) + ")"),
            quantified.map(lambda t: "(?:" + t[0] + ")" + t[1]),
            inner.map(lambda x: "(?=" + x + ")"),
            inner.map(lambda x: "(?!" + x + ")"),
            inner.map(lambda x: "(?P<g>" + x + ")"),
        )

    return st.recursive(atoms, extend, max_leaves=8)


words = st.sampled_from(["a", "b", "c", "d", "ab", "abc", "bcd", "dab", " ", "'", "-", "."])
texts = st.lists(words, max_size=10).map("".join)


@settings(max_examples=600, deadline=None)
@given(_regexes(), st.lists(texts, min_size=1, max_size=10))
def test_a_match_always_holds_a_needed_string(source: str, samples: list[str]) -> None:
    try:
        compiled = re.compile(source)
    except re.error:
        return
    try:  # every literal, however short (`needs` then drops the short ones)
        needed = _needed(_Parser(source).parse())
    except _GiveUp:
        return
    if needed is None:
        return
    for text in samples:
        if compiled.search(text):
            assert any(n in text for n in needed), (source, text, needed)


# -- the shipped rules ----------------------------------------------------------------------


def _sentences() -> list[str]:
    texts: list[str] = []
    for rule in load_rules():
        texts += [*rule.examples_flag, *rule.examples_hint, *rule.examples_pass]
    for path in [*sorted(HERE.glob("*.jsonl")), DEVSET]:
        if path.exists():
            texts += [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()]
    return texts


def test_shipped_prefilters_hold_on_every_known_sentence() -> None:
    checked = 0
    for text in _sentences():
        masked = mask(text)
        for rule in load_rules():
            source = masked if rule.case_sensitive else masked.lower()
            pairs = [
                *zip(rule.patterns, rule.pattern_needs, strict=True),
                *zip(rule.exceptions, rule.exception_needs, strict=True),
            ]
            for regex, needed in pairs:
                if needed is not None and regex.search(source):
                    checked += 1
                    assert any(n in source for n in needed), (rule.id, regex.pattern, text)
    assert checked > 500


def test_the_shipped_rules_have_prefilters() -> None:
    rules = load_rules()
    assert all(len(r.pattern_needs) == len(r.patterns) for r in rules)
    assert all(len(r.exception_needs) == len(r.exceptions) for r in rules)
    known = sum(n is not None for r in rules for n in (*r.pattern_needs, *r.exception_needs))
    assert known > 150


def test_prefilters_change_no_finding() -> None:
    with_them, without = Analyzer(("Dana", "Priya")), Analyzer(("Dana", "Priya"), prefilter=False)
    for text in _sentences():
        assert with_them.analyze(text, gate=False) == without.analyze(text, gate=False), text


# -- tests left out of a plan ---------------------------------------------------------------
# A plan (the patterns a sentence's trigger words wake) leaves out the tests a trigger word
# found in the sentence already passes: "should" was found, so "should" is in the text.


def test_gated_prefilters_change_no_finding() -> None:
    with_them, without = Analyzer(("Dana", "Priya")), Analyzer(("Dana", "Priya"), prefilter=False)
    for text in _sentences():
        assert with_them.analyze(text) == without.analyze(text), text


def test_a_plan_leaves_out_the_tests_its_trigger_words_pass() -> None:
    analyzer = Analyzer()
    analyzer.analyze("John should have checked the replication lag.")
    plan = analyzer._plans[frozenset({"should"})]
    tested = [strings for rule, _, _, strings, _ in plan if rule.pattern_needs]
    assert tested and any(strings is None for strings in tested)
    # Only tests that "should" passes were left out.
    for rule, slot, _, strings, _ in plan:
        index, i = analyzer._where[slot]
        shipped = rule.pattern_needs[i] if rule.pattern_needs else None
        assert strings == shipped or (strings is None and shipped and "should" in shipped)


FRAGMENTS = st.sampled_from(
    [
        "should",
        "shouldn't",
        "could",
        "have",
        "'ve",
        "been",
        "caught",
        "fail",
        "failed to",
        "notice",
        "neglected",
        "human error",
        "made a mistake",
        "did not",
        "didn't",
        "follow the runbook",
        "re-train",
        "obvious",
        "if",
        "had",
        "Priya",
        "the on-call",
        "the service",
        "user error",
        "root cause",
        "caused by",
    ]
)
GLUE = st.sampled_from([" ", "\n", ", ", ". ", "-", "'", "\u2019", "\u00e9", "?", ""])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(FRAGMENTS, GLUE), min_size=1, max_size=10))
def test_gated_prefilters_change_no_finding_on_made_up_text(
    parts: list[tuple[str, str]],
) -> None:
    text = "".join(fragment + glue for fragment, glue in parts)
    with_them, without = Analyzer(("Priya",)), Analyzer(("Priya",), prefilter=False)
    assert with_them.analyze(text) == without.analyze(text)
    assert with_them.analyze(text) == without.analyze(text, gate=False)


# -- patterns kept without their leading \b ---------------------------------------------------


def test_word_start_patterns_match_as_with_their_leading_boundary() -> None:
    # The engine skips ahead faster without the `\b`; the analyzer checks it in code, and a
    # match refused inside a word must not hide one that starts later within it.
    texts = [mask(text).lower() for text in _sentences()]
    texts += ["this was a massive mistake", "thishis was wrong", "xdid not check"]
    checked = 0
    for rule in load_rules():
        for regex, starts in zip(rule.patterns, rule.word_start, strict=True):
            if not starts:
                continue
            reference = re.compile(r"\b" + regex.pattern, regex.flags_given)
            for text in texts:
                expected = [m.span() for m in reference.finditer(text)]
                assert [m.span() for m in _from_word_starts(regex.compiled, text)] == expected
                checked += len(expected)
    assert checked > 300


def test_a_match_refused_inside_a_word_hides_nothing() -> None:
    pattern = re.compile(r"(?:is|was)\s+(?:\w+\s+)?wrong")
    text = "this was wrong"
    # "is" inside "this" matches "is was wrong"; refused, it must not hide "was wrong".
    assert [m.group() for m in _from_word_starts(pattern, text)] == ["was wrong"]
    assert [m.group() for m in re.finditer(r"\b" + pattern.pattern, text)] == ["was wrong"]
