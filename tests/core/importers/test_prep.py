"""The pre-meeting document: what it holds, reading it back, and merging without duplicates."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from importhelp import make_session

from secondstory.core.errors import UserError
from secondstory.core.model import Note, Session, TimelineEvent
from secondstory.core.prep import merge_prep, render_item, render_prep
from secondstory.core.prep_parse import FILL_IN, HEADINGS, YOUR_NAME, normalize_item, parse_prep

NOW = datetime(2026, 3, 23, 9, 0, tzinfo=UTC)


def with_timeline(session: Session) -> Session:
    base = datetime(2026, 3, 22, 14, 0, tzinfo=UTC)
    session.timeline = [
        TimelineEvent(id="E-1", at=base, text="Deploy 4.2.1 | canary", source="text"),
        TimelineEvent(
            id="E-2",
            at=base.replace(minute=23),
            text="Alert fired\nsecond line",
            decision_point=True,
            source="pagerduty",
            author="checkout-api",
        ),
    ]
    return session


def fill(document: str, person: str, category: str, items: list[str]) -> str:
    """Replace the fill-in marker under PERSON / CATEGORY with ITEMS, as a participant would."""
    out: list[str] = []
    h2 = h3 = ""
    for line in document.split("\n"):
        if line.startswith("## "):
            h2, h3 = line[3:], ""
        elif line.startswith("### "):
            h3 = line[4:]
        if line == f"- {FILL_IN}" and h2 == person and h3 == HEADINGS[category]:
            for item in items:
                out += render_item(item)
            continue
        out.append(line)
    return "\n".join(out)


def comment(document: str, event_id: str, text: str) -> str:
    return re.sub(
        rf"^(\| {re.escape(event_id)} \|.*\|)  \|$",
        lambda m: f"{m.group(1)} {text} |",
        document,
        flags=re.MULTILINE,
    )


def test_document_holds_timeline_people_sections_and_markers(session: Session) -> None:
    text = render_prep(with_timeline(session), now=NOW)
    assert text.startswith("<!-- secondstory prep: INC-7 -->\n# Before the postmortem:")
    assert "| ID | Time (UTC) | What happened | Source | Comments |" in text
    assert "| E-1 | 2026-03-22 14:00 | Deploy 4.2.1 \\| canary | text |  |" in text
    assert (
        "| E-2 | 2026-03-22 14:23 | Alert fired<br>second line *(decision point)* | "
        "pagerduty (checkout-api) |  |"
    ) in text
    for name in ("Dana Ortiz", "Sam Lee", YOUR_NAME):
        assert f"\n## {name}\n" in text
    assert "*on-call · payments*" in text
    # Four sections per person (two people and the blank one), each with a marker.
    assert text.count(f"- {FILL_IN}") == 12
    for heading in HEADINGS.values():
        assert text.count(f"### {heading}") == 3


def test_untouched_document_adds_nothing(session: Session) -> None:
    doc = parse_prep(render_prep(session, now=NOW))
    result = merge_prep(session, doc)
    assert not result.added and result.skipped == 0


def test_round_trip_attributes_items_and_does_not_duplicate(session: Session) -> None:
    session = with_timeline(session)
    text = render_prep(session, now=NOW)
    text = fill(text, "Dana Ortiz", "roles", ["Primary on-call; ran the incident channel"])
    text = fill(text, "Dana Ortiz", "went_well", ["Rollback runbook was current", "Paged in 2 min"])
    text = fill(text, "Sam Lee", "could_be_better", ["Pool alerts fire late\nonly at 100%"])
    text = fill(text, "Sam Lee", "questions", ["Why did the canary pass?"])
    text = comment(text, "E-1", "Sam: deploy finished at 14:04, not 14:00")
    session.went_well.append(Note(text="Calm channel", author="Dana Ortiz"))

    result = merge_prep(session, parse_prep(text, "prep.md"), label="prep.md")
    assert dict(result.added) == {
        "roles": 1,
        "went_well": 2,
        "could_be_better": 1,
        "questions": 1,
        "comments": 1,
    }
    assert [(r.person, r.text) for r in session.prep.roles] == [
        ("Dana Ortiz", "Primary on-call; ran the incident channel")
    ]
    assert [(n.author, n.text, n.source) for n in session.went_well] == [
        ("Dana Ortiz", "Calm channel", "meeting"),
        ("Dana Ortiz", "Rollback runbook was current", "prep"),
        ("Dana Ortiz", "Paged in 2 min", "prep"),
    ]
    assert session.could_be_better[0].text == "Pool alerts fire late\nonly at 100%"
    assert [(q.author, q.text) for q in session.prep.questions] == [
        ("Sam Lee", "Why did the canary pass?")
    ]
    assert session.timeline[0].annotations == ["Prep: Sam: deploy finished at 14:04, not 14:00"]

    before = session.model_dump()
    again = merge_prep(session, parse_prep(text, "prep.md"), label="prep.md")
    assert not again.added and again.skipped == 6
    assert session.model_dump() == before


def test_people_not_listed_fill_the_blank_section(session: Session) -> None:
    text = render_prep(session, now=NOW)
    text = fill(text, YOUR_NAME, "questions", ["Was the pool size ever load tested?"])
    doc = parse_prep(text, "prep.md")
    assert doc.warnings and "still named _(your name)_ holds 1 item(s)" in doc.warnings[0]
    assert not merge_prep(session, doc).added

    named = text.replace(f"## {YOUR_NAME}", "## Priya Raman")
    result = merge_prep(session, parse_prep(named, "prep.md"), label="prep.md")
    assert [(q.author, q.text) for q in session.prep.questions] == [
        ("Priya Raman", "Was the pool size ever load tested?")
    ]
    assert any("'Priya Raman' is not among the session's people" in w for w in result.warnings)


def test_hand_written_answers_paragraphs_numbers_and_markers(session: Session) -> None:
    text = "\n".join(
        [
            "<!-- secondstory prep: INC-7 -->",
            "## Dana Ortiz",
            "### My role during the incident",
            "I was the primary on-call.",
            "I also wrote the status updates.",
            "",
            "### What went well",
            f"- {FILL_IN} Alerts reached me quickly",
            "1. The rollback took four minutes",
            "* Status page updated",
            "  within ten minutes",
            "### Lessons ###",
            "- not read",
            "## Timeline to verify",
            "| ID | Time | What | Source | Comments |",
            "|---|---|---|---|---|",
            "|  | 14:40 | Pods restarted |  | Sam: missing |",
        ]
    )
    doc = parse_prep(text, "p.md")
    items = doc.people["Dana Ortiz"].items
    assert items["roles"] == ["I was the primary on-call.\nI also wrote the status updates."]
    assert items["went_well"] == [
        "Alerts reached me quickly",
        "The rollback took four minutes",
        "Status page updated\nwithin ten minutes",
    ]
    assert doc.warnings == [
        "p.md:12: section 'Lessons' is not one secondstory reads (My role during the incident, "
        "What went well, What could be better, Questions before the meeting); its items were "
        "left out"
    ]
    result = merge_prep(session, doc)
    assert result.added["missing"] == 1
    assert session.prep.questions[0].text == (
        "Missing from the timeline? 14:40 Pods restarted (Sam: missing)"
    )


def test_document_for_another_incident_is_refused(session: Session) -> None:
    text = render_prep(session, now=NOW).replace("prep: INC-7", "prep: INC-9")
    with pytest.raises(UserError) as caught:
        merge_prep(session, parse_prep(text, "p.md"), label="p.md")
    assert caught.value.problems == ["p.md:1: this document was written for INC-9, not INC-7"]


def test_a_file_that_is_not_a_prep_document() -> None:
    with pytest.raises(UserError, match="p.md:1: expected a pre-meeting document"):
        parse_prep("# Notes\n\nsome text\n", "p.md")


TRICKY = [
    "first\n<!-- looks like a comment -->",
    "first\n## looks like a heading\n### and another",
    "first\n---\nafter a rule",
    "- starts with a dash\n- and again",
    "first\n\n\nafter blank lines\n    indented four",
    "1. numbered\n\tafter a tab",
    "| a | b |\n|---|---|",
    "_(your name)_ is not a marker here",
]


@pytest.mark.parametrize("item", TRICKY)
def test_markdown_lookalikes_inside_items_survive(item: str) -> None:
    session = make_session(NOW)
    text = fill(render_prep(session, now=NOW), "Dana Ortiz", "went_well", [item, "next"])
    assert parse_prep(text).people["Dana Ortiz"].items["went_well"] == [item, "next"]


# --- arbitrary text survives the round trip ---------------------------------------------------

item_text = st.text(
    st.characters(codec="utf-8", exclude_characters="\r"), min_size=1, max_size=60
).filter(lambda s: normalize_item(s) and "(fill in)" not in s.lower())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(
    items=st.dictionaries(
        st.sampled_from(list(HEADINGS)),
        st.lists(item_text, min_size=1, max_size=4),
        min_size=1,
    )
)
def test_any_items_survive_the_round_trip(items: dict[str, list[str]]) -> None:
    session = make_session(NOW)
    text = render_prep(session, now=NOW)
    for category, texts in items.items():
        text = fill(text, "Sam Lee", category, texts)
    doc = parse_prep(text, "p.md")
    read = doc.people["Sam Lee"].items
    for category in HEADINGS:
        assert read[category] == [normalize_item(t) for t in items.get(category, [])]
    assert all(not v for v in doc.people["Dana Ortiz"].items.values())
    merge_prep(session, doc)
    once = session.model_dump()
    merge_prep(session, parse_prep(text, "p.md"))
    assert session.model_dump() == once
