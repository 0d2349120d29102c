"""The coach: positions, levels, configuration, ignore comments, dismissals, the cache."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from secondstory.core.language import Coach, CoachConfig, Level
from secondstory.core.language.analyze import Analyzer

ROSTER = ("John", "Priya", "Sam", "Alex")


def coach(**kwargs: object) -> Coach:
    return Coach(CoachConfig(roster=ROSTER, **kwargs))  # type: ignore[arg-type]


def test_neutral_facts_stay_unflagged() -> None:
    text = (
        "Dana deployed 4.2.1 at 16:40.\n"
        "The payment service failed to connect to the database.\n"
        "The alert should fire within 5 minutes of the error rate crossing 2%.\n"
    )
    assert coach().check(text, final=True) == []


def test_offsets_line_and_column_point_at_the_match() -> None:
    text = "# Notes\n\nIntro line.\n  Priya failed to notice the lag.\n"
    flags = coach().check(text, final=True)
    assert [f.rule_id for f in flags] == ["counterfactual.failed-to-act"]
    flag = flags[0]
    assert text[flag.start : flag.end] == flag.text == "failed to notice"
    assert (flag.line, flag.col) == (4, 9)
    assert (flag.end_line, flag.end_col) == (4, 9 + len("failed to notice"))
    assert flag.level == Level.ERROR and flag.subject == "person"
    assert "Priya" in flag.message and flag.message.endswith("?")
    assert flag.sentence == "Priya failed to notice the lag."


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,\n#-")), max_size=80))
def test_offsets_survive_any_text_before(prefix: str) -> None:
    body = "\n\nJohn should have checked the lag."
    flags = coach().check(prefix + body, final=True)
    matches = [f for f in flags if f.rule_id == "counterfactual.modal-perfect"]
    assert matches
    flag = matches[-1]
    text = prefix + body
    assert text[flag.start : flag.end] == "should have checked"
    line_start = text.rfind("\n", 0, flag.start) + 1
    assert flag.line == text.count("\n", 0, flag.start) + 1
    assert flag.col == flag.start - line_start + 1


def test_subject_sets_the_level() -> None:
    c = coach()
    assert c.check("John should have checked the lag.")[0].level == Level.ERROR
    assert c.check("Dana should have checked the lag.")[0].level == Level.WARNING
    assert c.check("The retry should have fired.", min_level=Level.INFO)[0].level == Level.INFO


def test_negation_lowers_the_level() -> None:
    c = coach()
    assert c.check("It wasn't obvious from the dashboard.") == []
    assert c.check("It was not human error.", min_level=Level.INFO)[0].level == Level.INFO
    assert c.check("It was obvious from the dashboard.")[0].rule_id == "hindsight.obvious"


def test_quotes_code_and_logs_are_skipped() -> None:
    text = (
        'The report called it "human error" at the time.\n'
        "The log said `operator error: bad shard`.\n"
        "2026-03-22T14:23:05Z ERROR human error detected\n"
        "> John should have checked the lag\n"
    )
    assert coach().check(text, final=True) == []


def test_min_level_and_disabled_rules() -> None:
    text = "The root cause was human error."
    assert {f.rule_id for f in coach().check(text)} == {"root-cause.singular", "human-error.label"}
    assert {f.rule_id for f in coach(min_level=Level.ERROR).check(text)} == {"human-error.label"}
    by_id = coach(disabled=frozenset({"root-cause.singular"})).check(text)
    assert {f.rule_id for f in by_id} == {"human-error.label"}
    by_category = coach(disabled=frozenset({"human_error"})).check(text)
    assert {f.rule_id for f in by_category} == {"root-cause.singular"}


def test_system_terms_make_a_subject_a_machine() -> None:
    text = "Gandalf failed to verify the token."
    assert coach().check(text)[0].level == Level.WARNING
    assert coach(system_terms=("Gandalf",)).check(text) == []


def test_overlapping_matches_keep_the_strongest() -> None:
    flags = coach().check("If only the on-call had escalated sooner.")
    assert len(flags) == 1 and flags[0].level == Level.ERROR


def test_ignore_comment_covers_the_next_paragraph_only() -> None:
    text = "<!-- secondstory-ignore -->\n\nJohn should have checked.\n\nSam should have checked.\n"
    flags = coach().check(text, final=True)
    assert [f.line for f in flags] == [5]


def test_ignore_comment_on_its_own_line_covers_the_rest_of_the_paragraph() -> None:
    text = "Sam should have checked.\n<!-- secondstory-ignore -->\nJohn should have checked.\n"
    flags = coach().check(text, final=True)
    assert [f.line for f in flags] == [1]


def test_ignore_comment_after_text_covers_its_line_and_named_rules() -> None:
    text = (
        "The root cause was human error. <!-- secondstory-ignore root-cause.singular -->\n"
        "The root cause was the cache.\n"
    )
    flags = coach().check(text, final=True)
    assert [(f.line, f.rule_id) for f in flags] == [
        (1, "human-error.label"),
        (2, "root-cause.singular"),
    ]


def test_file_level_ignore_and_disable_enable() -> None:
    text = "<!-- secondstory-ignore-file root_cause -->\nThe root cause was human error.\n"
    assert [f.rule_id for f in coach().check(text, final=True)] == ["human-error.label"]
    assert coach().check("<!-- secondstory-ignore-file -->\nHuman error.", final=True) == []
    text = (
        "Human error.\n\n<!-- secondstory-disable human_error -->\n\nHuman error.\n\n"
        "<!-- secondstory-enable -->\n\nHuman error.\n"
    )
    assert [f.line for f in coach().check(text, final=True)] == [1, 9]


def test_dismissal_suppresses_that_rule_in_that_sentence_only() -> None:
    c = coach()
    text = "John should have checked.  The root cause was the cache."
    flags = c.check(text)
    modal = next(f for f in flags if f.rule_id == "counterfactual.modal-perfect")
    assert c.dismiss(modal) == ("counterfactual.modal-perfect", "John should have checked.")
    assert [f.rule_id for f in c.check(text)] == ["root-cause.singular"]
    assert c.check("Sam should have checked.")  # another sentence still flags
    c.undismiss(*c.dismiss(modal))
    assert len(c.check(text)) == 2


def test_dismissals_from_config_match_whitespace_loosely() -> None:
    c = coach(dismissed=frozenset({("counterfactual.modal-perfect", "John should have checked.")}))
    assert c.check("John  should have\nchecked.") == []


def test_only_the_edited_sentence_is_analysed_again(monkeypatch: object) -> None:
    c = coach()
    paragraphs = [f"Paragraph {i}: John should have checked replica {i}." for i in range(50)]
    text = "\n\n".join(paragraphs)
    assert len(c.check(text)) == 50
    calls: list[str] = []
    real = Analyzer.analyze_sentence

    def counting(self: Analyzer, sentence: str, *, gate: bool = True) -> list[object]:
        calls.append(sentence)
        return real(self, sentence, gate=gate)  # type: ignore[return-value]

    monkeypatch.setattr(Analyzer, "analyze_sentence", counting)  # type: ignore[attr-defined]
    edited = text.replace("replica 17.", "replica 17!")
    flags = c.check(edited)
    assert calls == ["Paragraph 17: John should have checked replica 17!"]
    assert len(flags) == 50
    assert edited[flags[17].start : flags[17].end] == "should have checked"


def test_a_sentence_seen_before_is_not_analysed_again(monkeypatch: object) -> None:
    c = coach()
    c.check("Sam should have checked. The pool was full.")
    calls: list[str] = []
    real = Analyzer.analyze_sentence

    def counting(self: Analyzer, sentence: str, *, gate: bool = True) -> list[object]:
        calls.append(sentence)
        return real(self, sentence, gate=gate)  # type: ignore[return-value]

    monkeypatch.setattr(Analyzer, "analyze_sentence", counting)  # type: ignore[attr-defined]
    text = "## Later\n\nThe pool was full.\n\nAt 14:00 it paged. Sam should have checked."
    flags = c.check(text)
    assert calls == ["## Later", "At 14:00 it paged."]
    assert [(f.text, f.line, f.col) for f in flags] == [("should have checked", 5, 24)]


def test_fenced_code_with_blank_lines_is_one_skipped_block() -> None:
    text = "```\nJohn should have checked.\n\nHuman error.\n```\n\nSam should have checked.\n"
    flags = coach().check(text, final=True)
    assert [f.line for f in flags] == [7]


def test_heading_root_cause_is_not_flagged() -> None:
    text = "## Root cause\n\nThe root cause was the cache."
    assert [f.line for f in coach().check(text, final=True)] == [3]


def test_five_whys_in_notes_is_judged_once_closed() -> None:
    chain = "Why did checkout fail? -> The pool was exhausted.\nWhy? -> Sam changed the config."
    c = coach()
    assert not [f for f in c.check(chain) if f.category == "five_whys"]  # still being typed
    closed = [f for f in c.check(chain + "\n\nNext topic.") if f.category == "five_whys"]
    assert len(closed) == 1
    assert closed[0].text == "Sam changed the config."
    assert [f.category for f in c.check(chain, final=True)] == ["five_whys"]


def test_for_session_uses_people_authors_and_settings() -> None:
    from datetime import UTC, datetime

    from secondstory.core.model import (
        Dismissal,
        Incident,
        LanguageSettings,
        Person,
        Session,
        TimelineEvent,
    )

    session = Session(
        incident=Incident(id="INC-1", title="t"),
        people=[Person(name="Priya Raman")],
        timeline=[
            TimelineEvent(id="E-1", at=datetime(2026, 1, 1, tzinfo=UTC), text="x", author="Kofi")
        ],
        language=LanguageSettings(
            roster_extra=["Zed"],
            system_terms=["Hermes"],
            disabled_rules=["root_cause"],
            dismissed=[Dismissal(rule="hindsight.obvious", sentence="It was obvious.")],
        ),
    )
    c = Coach.for_session(session, CoachConfig(min_level=Level.ERROR, level_set=True))
    assert c.config.min_level == Level.ERROR  # the session did not set one
    for name in ("Raman", "Kofi", "Zed"):
        assert c.check(f"{name} should have checked.")[0].level == Level.ERROR
    assert c.check("Hermes should have checked.", min_level=Level.INFO)[0].level == Level.INFO
    assert c.check("The root cause was the cache.", min_level=Level.INFO) == []
    assert c.check("It was obvious.", min_level=Level.INFO) == []
