"""The shipped rule files: they load, every rule's own examples behave, triggers are complete."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from secondstory.core.language.analyze import Analyzer
from secondstory.core.language.levels import Level
from secondstory.core.language.rules import (
    RuleFileError,
    categories,
    check_compiles,
    load_rules,
    rule_from_data,
    unknown_rule_names,
)

ROSTER = ("John", "Priya", "Sam", "Alex", "Ravi")
HERE = Path(__file__).parent
RULES = load_rules()


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(ROSTER)


def _examples(kind: str) -> list[tuple[str, str]]:
    return [(rule.id, text) for rule in RULES for text in getattr(rule, f"examples_{kind}")]


def test_rule_ids_are_unique_and_categories_cover_the_issue() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    wanted = {
        "counterfactual",
        "judgmental",
        "hindsight",
        "minimizing",
        "human_error",
        "person_blamed",
        "procedure",
        "root_cause",
        "remediation",
        "mechanistic",
    }
    assert wanted <= set(categories())


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_rule_asks_a_question_and_offers_a_rewrite(rule: object) -> None:
    assert "?" in rule.message  # type: ignore[attr-defined]
    assert rule.rewrite and rule.note  # type: ignore[attr-defined]
    assert rule.examples_flag or rule.examples_hint  # type: ignore[attr-defined]


@pytest.mark.parametrize(("rule_id", "text"), _examples("flag"))
def test_flag_examples_flag_at_the_live_level(analyzer: Analyzer, rule_id: str, text: str) -> None:
    levels = [h.level for h in analyzer.analyze(text) if h.rule.id == rule_id]
    assert levels and max(levels) >= Level.WARNING, f"{rule_id} should flag: {text!r}"


@pytest.mark.parametrize(("rule_id", "text"), _examples("hint"))
def test_hint_examples_stay_below_the_live_level(
    analyzer: Analyzer, rule_id: str, text: str
) -> None:
    levels = [h.level for h in analyzer.analyze(text) if h.rule.id == rule_id]
    assert levels, f"{rule_id} should match {text!r} (below the live level)"
    assert max(levels) < Level.WARNING


@pytest.mark.parametrize(("rule_id", "text"), _examples("pass"))
def test_pass_examples_do_not_flag(analyzer: Analyzer, rule_id: str, text: str) -> None:
    hits = [h for h in analyzer.analyze(text) if h.rule.id == rule_id and h.level >= Level.WARNING]
    assert not hits, f"{rule_id} flagged {text!r}: {[text[h.start : h.end] for h in hits]}"


def _all_sentences() -> list[str]:
    texts = [t for _, t in _examples("flag") + _examples("hint") + _examples("pass")]
    for path in HERE.glob("heldout*.jsonl"):
        texts += [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()]
    return texts


def test_triggers_never_hide_a_match(analyzer: Analyzer) -> None:
    """Rules run only on sentences holding a trigger; running all rules everywhere must not
    find anything more."""
    for text in _all_sentences():
        gated = {(h.rule.id, h.start, h.end) for h in analyzer.analyze(text)}
        full = {(h.rule.id, h.start, h.end) for h in analyzer.analyze(text, gate=False)}
        assert full == gated, f"{text!r}: missed {full - gated}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_shipped_regex_compiles(rule: object) -> None:
    """Shipped rules compile lazily (on first use): compile them all here."""
    check_compiles(rule)  # type: ignore[arg-type]


def test_exceptions_must_be_lower_case_too() -> None:
    data = {
        "id": "x.y",
        "triggers": ["a"],
        "patterns": ["a"],
        "exceptions": ["Alpha"],
        "level": "warning",
        "message": "m?",
        "rewrite": "r",
        "note": "n",
    }
    with pytest.raises(RuleFileError, match="lower case"):
        rule_from_data(data, default_category="c", source="t")


def test_unknown_rule_names_are_reported() -> None:
    assert unknown_rule_names(["root-cause.singular", "hindsight", "nope"]) == ["nope"]


def test_malformed_rule_data_is_refused() -> None:
    good = {
        "id": "x.y",
        "triggers": ["a"],
        "patterns": ["a"],
        "level": "warning",
        "message": "m?",
        "rewrite": "r",
        "note": "n",
    }
    assert rule_from_data(good, default_category="c", source="t").category == "c"
    for broken in (
        {**good, "patterns": ["("]},
        {**good, "level": "loud"},
        {**good, "typo": 1},
        {**good, "subject": "before"},
        {**good, "triggers": []},
        {k: v for k, v in good.items() if k != "message"},
    ):
        with pytest.raises(RuleFileError):
            rule_from_data(broken, default_category="c", source="t")


def test_pattern_tables_carry_their_own_triggers() -> None:
    data = {
        "id": "x.own",
        "triggers": ["alpha"],
        "patterns": ["alpha", {"regex": "beta gamma", "triggers": ["beta"]}],
        "level": "warning",
        "message": "m?",
        "rewrite": "r",
        "note": "n",
    }
    rule = rule_from_data(data, default_category="c", source="t")
    assert rule.triggers == ("alpha", "beta")
    assert rule.pattern_triggers == (None, frozenset({"beta"}))
    with pytest.raises(RuleFileError):
        rule_from_data({**data, "patterns": [{"regex": "x"}]}, default_category="c", source="t")


def test_patterns_must_be_lower_case() -> None:
    data = {
        "id": "x.y",
        "triggers": ["a"],
        "patterns": ["Alpha"],
        "level": "warning",
        "message": "m?",
        "rewrite": "r",
        "note": "n",
    }
    with pytest.raises(RuleFileError, match="lower case"):
        rule_from_data(data, default_category="c", source="t")
