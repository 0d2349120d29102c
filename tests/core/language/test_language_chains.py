"""Five-whys chains: stops at a person, goes through one, open chains."""

from __future__ import annotations

from secondstory.core.language import Coach, CoachConfig, judge_answers, parse_chain_text
from secondstory.core.model import WhyChain, WhyStep

C = Coach(CoachConfig(roster=("John", "Priya")))


def chain(*answers: str, closed: bool = True) -> WhyChain:
    steps = [WhyStep(question="Why?", answer=a) for a in answers]
    return WhyChain(id="W-1", problem="checkout down", steps=steps, closed=closed)


def test_chain_ending_at_a_person_is_flagged_with_how_questions() -> None:
    verdict = C.judge_chain(chain("The pool was exhausted.", "John made a mistake in the config."))
    assert verdict.flagged and verdict.status == "stops_at_person" and verdict.step == 1
    assert verdict.questions and all(q.endswith("?") or q.endswith(".") for q in verdict.questions)
    assert any(q.lower().startswith(("what", "how")) for q in verdict.questions)


def test_chain_ending_at_a_human_error_label_is_flagged() -> None:
    verdict = C.judge_chain(chain("The certificate expired.", "Human error."))
    assert verdict.flagged and "human-error" in verdict.message


def test_chain_through_a_person_to_the_system_is_fine() -> None:
    verdict = C.judge_chain(
        chain(
            "A config change lowered max_connections.",
            "John typed 20 instead of 200.",
            "The config schema has no bounds and the canary only watches errors.",
        )
    )
    assert not verdict.flagged and verdict.status == "kept_going" and verdict.step == 1


def test_chain_at_a_system_cause_is_ok() -> None:
    assert C.judge_chain(chain("The limiter default is per-cluster.")).status == "ok"


def test_open_chain_is_not_judged() -> None:
    verdict = C.judge_chain(chain("The pool was exhausted.", "John made a mistake.", closed=False))
    assert verdict.status == "open" and not verdict.flagged


def test_person_with_a_system_gap_is_not_a_person_stop() -> None:
    assert not judge_answers(["We didn't have alerting on the pool."], C.analyzer).flagged
    assert not judge_answers(["John restarted it because the runbook said to."], C.analyzer).flagged


def test_parse_chain_text_handles_arrows_and_alternating_lines() -> None:
    arrows = parse_chain_text("Why did it fail? -> Pool exhausted.\nWhy? => Config change.\n")
    assert arrows.answers == ("Pool exhausted.", "Config change.")
    text = "Why was the site down?\nThe certificate expired.\nWhy?\nHuman error.\n"
    lines = parse_chain_text(text)
    assert lines.answers == ("The certificate expired.", "Human error.")
    start, end = lines.spans[1]
    assert text[start:end] == "Human error."


def test_a_wrapped_answer_is_kept_whole() -> None:
    text = "Why did the deploy fail?\nThe canary\nwas skipped\nby the pipeline.\n"
    parsed = parse_chain_text(text)
    assert parsed.answers == ("The canary was skipped by the pipeline.",)
    start, end = parsed.spans[0]
    assert text[start:end] == "The canary\nwas skipped\nby the pipeline."


def test_a_long_paragraph_with_a_why_line_is_not_judged_as_a_chain() -> None:
    # Thirty-odd "why" lines in one paragraph are a pasted log or chat, not a chain.
    ending = "Why?\nPriya forgot to renew the certificate.\n"
    step = "Why?\nThe retry loop gave up.\n"
    chain_rule = "five-whys.stops-at-person"
    assert any(f.rule_id == chain_rule for f in C.check(step * 29 + ending, final=True))
    assert not any(f.rule_id == chain_rule for f in C.check(step * 30 + ending, final=True))
