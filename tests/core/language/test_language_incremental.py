"""The caches never change an answer: an edited text checks the same as a fresh one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from secondstory.core.language import Coach, CoachConfig, Level
from secondstory.core.language.analyze import Analyzer

ROSTER = ("John", "Priya")
PIECES = [
    "John should have checked the lag. ",
    "The payment service failed to connect. ",
    "Root cause: human error. ",
    "It wasn't obvious at the time. ",
    "<!-- secondstory-ignore -->",
    "<!-- secondstory-disable hindsight -->",
    "<!-- secondstory-enable -->",
    "Obviously the config was wrong. ",
    "Why did it fail? -> pool exhausted\nWhy? -> Priya made a mistake.",
    "```\nJohn should have checked\n```",
    "\n\n",
    "\n",
    "# Root cause\n",
    "We just had to roll back. ",
    "x",
]
text_strategy = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


def _key(flags: list[object]) -> list[tuple[object, ...]]:
    return [
        (f.rule_id, f.level, f.start, f.end, f.line, f.col, f.message)  # type: ignore[attr-defined]
        for f in flags
    ]


@settings(max_examples=80, deadline=None)
@given(st.lists(text_strategy, min_size=1, max_size=6), st.booleans())
def test_incremental_checks_match_fresh_checks(versions: list[str], final: bool) -> None:
    incremental = Coach(CoachConfig(roster=ROSTER))
    for text in versions:
        got = incremental.check(text, min_level=Level.INFO, final=final)
        fresh = Coach(CoachConfig(roster=ROSTER)).check(text, min_level=Level.INFO, final=final)
        assert _key(got) == _key(fresh)


@settings(max_examples=40, deadline=None)
@given(text_strategy, st.integers(min_value=0, max_value=400), st.sampled_from(list("ab .\n")))
def test_typing_one_key_matches_a_fresh_check(text: str, where: int, key: str) -> None:
    coach = Coach(CoachConfig(roster=ROSTER))
    coach.check(text)
    where = min(where, len(text))
    edited = text[:where] + key + text[where:]
    assert _key(coach.check(edited)) == _key(Coach(CoachConfig(roster=ROSTER)).check(edited))


def test_dismissing_invalidates_cached_flags() -> None:
    coach = Coach(CoachConfig(roster=ROSTER))
    text = "John should have checked.\n\nThe root cause was the cache."
    first = coach.check(text)
    coach.dismiss(first[0])
    assert [f.rule_id for f in coach.check(text)] == ["root-cause.singular"]


def test_long_paragraphs_by_sentence_match_one_pass() -> None:
    analyzer = Analyzer(ROSTER)
    paragraph = " ".join(p for p in PIECES if p.strip() and "<!--" not in p) * 6
    one_pass = [(h.rule.id, h.start, h.end, h.level) for h in analyzer.analyze(paragraph)]
    cache: dict[str, list[object]] = {}
    by_sentence = analyzer.analyze_by_sentence(paragraph, cache)  # type: ignore[arg-type]
    assert [(h.rule.id, h.start, h.end, h.level) for h in by_sentence] == one_pass
    assert cache  # sentences were cached for the next keystroke
