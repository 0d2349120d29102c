"""Who a sentence is about: roster, pronouns, role nouns, systems."""

from __future__ import annotations

import pytest

from secondstory.core.language.subjects import SubjectResolver


@pytest.fixture
def resolver() -> SubjectResolver:
    return SubjectResolver(["Priya Raman", "John"], ["pgbouncer", "payments api"])


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        ("Priya", "person"),
        ("Raman", "person"),
        ("Priya's", "person"),
        ("we", "person"),
        ("They", "person"),
        ("the on-call", "person"),
        ("the on call engineer", "person"),
        ("the new hire", "person"),
        ("the payments team", "person"),
        ("our SREs", "person"),
        ("one of our engineers", "person"),
        ("@dana", "person"),
        ("the payment service", "machine"),
        ("the retry", "machine"),
        ("it", "machine"),
        ("pgbouncer", "machine"),
        ("the payments api", "machine"),
        ("customers", "machine"),
        ("Requests", "machine"),
        ("Kafka", "machine"),
        ("Dana", "unknown"),
        ("", "unknown"),
        # Written like code: a contract, package or service.
        ("BribeV2", "machine"),
        ("the crvGUSD", "machine"),
        ("pg_dump", "machine"),
        ("PyPI", "machine"),
        ("OBS", "machine"),
        ("the SRE", "person"),
        # Names with an inner capital are still names.
        ("McKay", "unknown"),
        ("DeShawn", "unknown"),
    ],
)
def test_classify_phrase(resolver: SubjectResolver, phrase: str, kind: str) -> None:
    assert resolver.classify_text(phrase).kind == kind


def _subject(resolver: SubjectResolver, sentence: str, match: str) -> str:
    start = sentence.index(match)
    return resolver.before(sentence, 0, start, start + len(match), len(sentence)).kind


@pytest.mark.parametrize(
    ("sentence", "match", "kind"),
    [
        ("Honestly, John failed to notice", "failed", "person"),
        ("At 14:05 the on-call did not page anyone", "did not", "person"),
        ("The engineer on duty overlooked the alert", "overlooked", "person"),
        ("The person who ran the script did not realise", "did not", "person"),
        ("The developer responsible for the change had not tested it", "had not", "person"),
        ("Priya deployed the change and then forgot to flip the flag", "forgot", "person"),
        ("The database was dropped by the contractor", "dropped", "person"),
        ("The payment service failed to connect", "failed", "machine"),
        ("The change that the team deployed failed to start", "failed", "machine"),
        ("The on-call rotation failed to page", "failed", "machine"),
    ],
)
def test_subject_before_a_match(
    resolver: SubjectResolver, sentence: str, match: str, kind: str
) -> None:
    assert _subject(resolver, sentence, match) == kind


def test_roster_names_are_case_sensitive() -> None:
    resolver = SubjectResolver(["Will"])
    assert resolver.classify_text("Will").kind == "person"
    assert resolver.classify_text("will").kind != "person"


def test_a_leading_adverb_is_no_part_of_the_subject(resolver: SubjectResolver) -> None:
    sentence = "Obviously Priya forgot the flag"
    start = sentence.index("forgot")
    subject = resolver.before(sentence, 0, start, start + 6, len(sentence))
    assert (subject.kind, subject.text) == ("person", "Priya")
