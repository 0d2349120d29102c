"""The Markdown and JSON exports."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secondstory.core import clock as c
from secondstory.core.exporters import get_format
from secondstory.core.exporters import md_escape as esc
from secondstory.core.exporters.markdown import render_markdown
from secondstory.core.meeting_close import close_meeting
from secondstory.core.model import (
    ActionItem,
    ContributingFactor,
    Finding,
    Incident,
    RoleNote,
    Session,
    TimelineEvent,
    WhyChain,
    WhyStep,
)
from secondstory.core.sessions import new_session
from secondstory.core.storage import load_session

SECTIONS = [
    "Summary",
    "Impact",
    "Timeline",
    "Decision points",
    "Other findings",
    "Five whys",
    "Contributing factors",
    "What went well",
    "What could be better",
    "Where we got lucky",
    "Action items",
    "Attendees",
    "Lessons",
    "Appreciations",
    "Questions before the meeting",
    "Parking lot",
    "Closing statement",
    "Agenda",
]
"""Every section of the document, in order; the example fills each one."""


def sections(out: str) -> dict[str, str]:
    """`## Title` → the section's body (up to the next `## `), stripped."""
    found: dict[str, str] = {}
    title = None
    body: list[str] = []
    for line in out.splitlines():
        if line.startswith("## "):
            if title is not None:
                found[title] = "\n".join(body).strip()
            title = line[3:]
            assert title not in found, f"section {title!r} appears twice"
            body = []
        elif title is not None:
            body.append(line)
    if title is not None:
        found[title] = "\n".join(body).strip()
    return found


@pytest.fixture
def example_md(example_copy: Path, clock: Any) -> str:
    return render_markdown(load_session(example_copy), clock=clock)


def test_example_has_every_section_filled_in_order(example_md: str) -> None:
    out = example_md
    assert out.startswith("# INC-2026-0847: Checkout failures after a connection pool change\n")
    found = sections(out)
    assert list(found) == SECTIONS
    for title, body in found.items():
        assert body, f"section {title!r} is empty"
    for field in ("Severity", "Status", "Impact", "Duration", "Date", "Facilitator", "Links"):
        assert f"- **{field}:**" in out
    assert "(2026-03-22 14:05 UTC to 2026-03-22 15:10 UTC)" in out
    assert "- **Status:** In review" in out


def test_nothing_in_the_example_is_said_twice(example_md: str) -> None:
    lines = [
        line
        for line in example_md.splitlines()
        if line.strip() and not line.startswith("|---") and line != "|---|---|"
    ]
    repeated = {line for line in lines if lines.count(line) > 1}
    assert not repeated


def test_private_facilitator_notes_stay_out(example_copy: Path, example_md: str) -> None:
    session = load_session(example_copy)
    event_note = session.timeline[5].notes
    phase_notes = [p.notes for p in session.agenda.phases if p.notes]
    assert event_note and phase_notes
    for private in [event_note, *phase_notes]:
        assert private not in example_md
    assert "Sam agreed on the call" not in example_md


def test_timeline_has_the_key_times_gaps_and_milestones(example_md: str) -> None:
    body = sections(example_md)["Timeline"]
    assert body.startswith("Times are UTC, on 2026-03-22.")
    assert (
        "- **Time to detect:** 6 min, from the start of impact (14:05 UTC) to detection "
        "(14:11 UTC)" in body
    )
    assert "- **Time to acknowledge:** 2 min, from detection (14:11 UTC)" in body
    assert "- **Time to mitigate:** 39 min," in body
    assert "- **Time to resolve:** 1 h 05 min," in body
    assert "- **Longest gap between events:** 18 min, 14:52 to 15:10 UTC" in body
    assert "| Time (UTC) | Gap | Kind | Event |" in body
    assert "| 14:11 | 6 min | alert · **detected** | Alert: orders-api 5xx rate" in body
    assert (
        "| 13:52 |   | deploy | orders-api 4.2.1 deployed to production (database driver "
        "upgrade)<br>by Dana Whitfield<br>· Canary at 5% for 10 minutes showed no errors |" in body
    )
    assert "Fail over the primary database to the replica *(decision point)*" in body


def gappy(minutes: list[int], start: datetime = datetime(2026, 1, 5, 23, 0, tzinfo=UTC)) -> Session:
    session = Session(incident=Incident(id="INC-2", title="Gaps"))
    at = start
    for n, step in enumerate(minutes, 1):
        at += timedelta(minutes=step)
        session.timeline.append(TimelineEvent(id=f"E-{n}", at=at, text=f"event {n}"))
    return session


def test_long_gaps_stand_out_and_days_are_named() -> None:
    # Gaps of 2 minutes, then 45: the 45 is far beyond three times the usual rhythm.
    session = gappy([0, 2, 2, 2, 45, 2], start=datetime(2026, 1, 5, 23, 10, tzinfo=UTC))
    body = sections(render_markdown(session))["Timeline"]
    assert body.startswith("Times are UTC, starting 2026-01-05.")
    assert (
        "- **Long gaps** (more than 10 min between events): 23:16 to 2026-01-06 00:01 UTC "
        "(45 min)" in body
    )
    assert "| 2026-01-06 00:01 | **45 min** | event | event 5 |" in body
    assert "| 00:03 | 2 min | event | event 6 |" in body  # the date once, when the day changes
    assert "Longest gap" not in body


def test_time_to_acknowledge_counts_from_the_start_without_a_detection_time() -> None:
    session = gappy([0, 5, 5])
    session.incident.acknowledged_at = session.timeline[2].at
    body = sections(render_markdown(session))["Timeline"]
    assert (
        "- **Time to acknowledge:** 10 min, from the start of impact (23:00 UTC) to "
        "acknowledgement (23:10 UTC)" in body
    )
    assert "Time to detect" not in body and "Time to resolve" not in body


def test_decision_points_and_findings_elsewhere(example_md: str) -> None:
    found = sections(example_md)
    decisions = found["Decision points"]
    assert "### 14:21 UTC: Fail over the primary database to the replica" in decisions
    assert (
        "- **Finding F-1:** No dashboard shows database connections per client service "
        "→ action item A-2" in decisions
    )
    assert "F-3" not in decisions
    assert found["Other findings"] == (
        "- **Finding F-3** (at 13:52 UTC): No load test exercises the connection pool at peak "
        "instance count → action item A-3"
    )


def test_a_decision_point_with_nothing_captured_says_so() -> None:
    session = gappy([0, 5])
    session.timeline[1].decision_point = True
    session.findings.append(Finding(id="F-1", text="loose"))
    found = sections(render_markdown(session))
    assert found["Decision points"].endswith("*Nothing captured here yet.*")
    assert found["Other findings"] == "- **Finding F-1:** loose"


def test_five_whys_steps_show_their_events_and_factors(example_md: str) -> None:
    body = sections(example_md)["Five whys"]
    assert (
        "### W-1: Checkout requests failed for 39 minutes\n\n*Cause category: configuration.*"
        in (body)
    )
    assert (
        "1. **Why did checkout requests fail?** orders-api could not get a database connection "
        "*(event at 14:18 UTC)*" in body
    )
    assert "did not set one *(contributing factor CF-1)*" in body
    assert "per client service *(event at 14:21 UTC; contributing factor CF-3)*" in body
    factors = sections(example_md)["Contributing factors"]
    assert factors.splitlines()[2] == (
        "- **CF-3:** Connection metrics are collected per database, not per client service "
        "*(monitoring and alerting; five whys W-2; event at 14:21 UTC)*"
    )


def test_an_open_chain_and_a_factor_from_a_finding() -> None:
    session = gappy([0])
    session.five_whys.append(
        WhyChain(id="W-1", problem="p", steps=[WhyStep(question="", answer="")])
    )
    session.findings.append(Finding(id="F-1", text="f", event_id="E-1", promoted_to="factor:CF-1"))
    session.contributing_factors.append(ContributingFactor(id="CF-1", text="f", event_id="E-1"))
    found = sections(render_markdown(session))
    assert (
        found["Five whys"]
        == "### W-1: p\n\n*This chain is still open.*\n\n1. **Why?** *no answer yet*"
    )
    assert found["Contributing factors"] == "- **CF-1:** f *(finding F-1; event at 23:00 UTC)*"


def test_action_items_have_every_field_and_their_origin(example_md: str) -> None:
    body = sections(example_md)["Action items"]
    # The walking skeleton's five columns first, in its order; the later fields after them.
    header = (
        "| Action | Owner | Priority | Deadline | Success criteria | Term | Type | Status | From |"
    )
    assert header in body
    assert (
        "| A-2: Add a per-client connections panel to the database dashboard | "
        "Data platform | P1 | 2026-04-03 | "
        "On-call can see connections per service within 30 seconds of opening the dashboard | "
        "short | detect | open | finding F-1 |" in body
    )
    assert "| SRE | P2 | 2026-04-01 |" in body
    assert "| short | process | open | event at 14:21 UTC |" in body
    assert "| long | prevent | open | five whys W-1 |" not in body  # A-4 came from F-2
    assert "| Orders team | P0 | 2026-03-27 |" in body
    assert "| short | prevent | open | five whys W-1 |" in body


def test_action_checklist_and_accepted_risk() -> None:
    session = gappy([0])
    session.actions = [
        ActionItem(
            id="A-1",
            title="Be more careful with deploys",
            owner="SRE",
            priority="P2",
            status="in-progress",
            origin="parked:1",
            tracker_url="https://tracker.example.com/X-1",
            description="two\nlines",
        )
    ]
    session.closing.risk_accepted = "the | driver is pinned"
    body = sections(render_markdown(session, clock=lambda: datetime(2026, 1, 6, 9, 0, tzinfo=UTC)))[
        "Action items"
    ]
    assert (
        "| [A-1](https://tracker.example.com/X-1): Be more careful with deploys<br>two<br>lines "
        "| SRE | P2 |   |   | short | prevent | in progress | parking lot item 1 |" in body
    )
    checklist = body.split("Checked against the rules of thumb for action items:\n\n")[1]
    lines = checklist.splitlines()
    assert lines[0] == "- [ ] only 1 action item: 3 to 7 is healthy"
    assert "- [ ] no long-term item" in lines
    assert "- [x] no P0/P1 item; the accepted risk is recorded" in lines
    assert "- [ ] A-1 'Be more careful with deploys' has no deadline" in lines
    assert "- [ ] A-1: no success criterion" in lines
    assert "- [ ] A-1 'Be more careful with deploys' is vague" in lines
    assert body.endswith("**Risk of recurrence accepted:** the | driver is pinned")


def test_an_unsafe_tracker_url_is_not_made_a_link() -> None:
    session = gappy([0])
    session.actions = [ActionItem(id="A-1", title="t", tracker_url="javascript:alert(1)")]
    body = sections(render_markdown(session))["Action items"]
    assert "| A-1: t |" in body and "javascript" not in body


def test_parking_lot_questions_attendees_and_closing(example_copy: Path, clock: Any) -> None:
    session = load_session(example_copy)
    session.parking_lot[0].promoted_to = "action:A-5"
    session.prep.roles.append(RoleNote(person="Kim Lau", text="watched the queue"))
    close_meeting(session, "Thanks, all.", datetime(2026, 3, 25, 16, 31, tzinfo=UTC))
    session.closing.extension_reason = "A-1 waits for the driver release"
    out = render_markdown(session, clock=clock)
    found = sections(out)
    assert found["Parking lot"] == (
        "1. Should canaries watch database connections as well as error rates? "
        "*(2026-03-25 15:12 UTC, during Timeline walkthrough)* → action item A-5"
    )
    assert found["Questions before the meeting"] == (
        "- **Did any customer get charged twice?** *(Alex Chen)*\n"
        "  - No: payments are idempotent and reconciliation found no duplicates."
    )
    attendees = found["Attendees"].splitlines()
    assert attendees[1] == (
        "- **Priya Raman** (On-call SRE, SRE): On call; acknowledged the page, led the "
        "response, ran the failover"
    )
    assert attendees[-1] == "- **Kim Lau**: watched the queue"
    assert found["Closing statement"] == (
        "Thanks, all.\n\n**Closure postponed:** A-1 waits for the driver release"
    )
    assert "- **Status:** Reviewed" in out
    assert "- **Date:** 2026-03-25, meeting closed at 16:31 UTC" in out


def test_empty_sections_are_left_out() -> None:
    session = Session(incident=Incident(id="INC-9", title="Quiet"))
    out = render_markdown(session)
    assert out == "# INC-9: Quiet\n\n- **Severity:** SEV2\n- **Status:** Draft\n"


def test_agenda_actual_uses_mm_ss(clock: Any) -> None:
    session = new_session("INC-1", "t", agenda="short-30")
    c.start(session.agenda, clock.now)
    clock.advance(minutes=4, seconds=7)
    out = render_markdown(session, clock=clock)
    assert "| Frame the conversation | 03:00 | 04:07 |" in out
    assert "| Timeline walkthrough | 05:00 | — |" in out  # not run yet
    assert "| **Total** | **30:00** | **04:07** |" in out


def test_an_agenda_that_has_not_run_shows_the_plan(example_md: str) -> None:
    body = sections(example_md)["Agenda"]
    assert "| Phase | Planned | Actual |" in body
    assert "| Frame the conversation | 05:00 | — |" in body
    assert "| **Total** | **90:00** | — |" in body
    assert body.endswith("The meeting clock has not run yet.")


HOSTILE = "a | b\n# not a heading\n<script>alert(1)</script> & more"


def test_user_strings_cannot_break_tables_or_inject_html() -> None:
    session = Session(incident=Incident(id="INC-1", title="<b>x</b>"))
    session.timeline.append(
        TimelineEvent(id="E-1", at=datetime(2026, 1, 1, 9, 0, tzinfo=UTC), text=HOSTILE)
    )
    session.actions.append(ActionItem(id="A-1", title=HOSTILE, owner="ops|sre"))
    session.incident.summary = "# Heading?\n> quote?"
    out = render_markdown(session)
    assert "<script>" not in out and "<b>" not in out
    assert "&lt;script&gt;" in out
    row = next(line for line in out.splitlines() if line.startswith("| 09:00"))
    assert row.count(" | ") == 3  # only the column separators; the user's pipe is escaped
    assert "a \\| b<br># not a heading" in row  # inside a cell, # is plain text
    assert "ops\\|sre" in out
    assert "\\# Heading?" in out and "\n&gt; quote?" in out  # &gt; cannot start a quote


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",))))
def test_any_cell_stays_on_one_row_and_never_splits(value: str) -> None:
    rendered = esc.table(["A", "B"], [[value, "end"]])
    rows = rendered.split("\n")
    assert len(rows) == 3
    # Splitting on unescaped pipes gives exactly the two cells plus the outer edges.
    body = rows[2].replace("\\\\", "").replace("\\|", "")
    assert body.count("|") == 3


def test_json_export_is_the_whole_session_and_stable(example_copy: Path) -> None:
    session = load_session(example_copy)
    first = get_format("json").render(session)
    assert first == get_format("json").render(load_session(example_copy))
    data = json.loads(first)
    assert data["incident"]["id"] == "INC-2026-0847"
    assert Session.model_validate(data) == session


CAPTURED = st.text(st.characters(codec="utf-8"), max_size=30)


@settings(max_examples=150, deadline=None)
@given(
    texts=st.lists(CAPTURED, min_size=9, max_size=9),
)
def test_any_captured_text_keeps_every_table_row_whole(texts: list[str]) -> None:
    text, author, kind, note, title, owner, criteria, origin, description = texts
    session = gappy([0, 3])
    event = session.timeline[0]
    event.text, event.author, event.kind, event.annotations = text, author, kind, [note]
    event.decision_point = True
    session.actions = [
        ActionItem(
            id="A-1",
            title=title,
            owner=owner,
            success_criteria=criteria,
            origin=origin,
            description=description,
        )
    ]
    out = render_markdown(session, clock=lambda: datetime(2026, 1, 6, 9, 0, tzinfo=UTC))
    found = sections(out)
    assert list(found)[:2] == ["Timeline", "Decision points"]
    columns = {"Timeline": 4, "Action items": 9}
    for title_, count in columns.items():
        rows = [line for line in found[title_].splitlines() if line.startswith("|")]
        assert len(rows) == {"Timeline": 4, "Action items": 3}[title_]
        for row in rows:
            bare = row.replace("\\\\", "").replace("\\|", "")
            assert bare.count("|") == count + 1, row
            assert row.count("<") == row.count("<br>")  # no HTML from the user gets through


def test_json_export_has_every_part_of_the_example(example_copy: Path) -> None:
    data = json.loads(get_format("json").render(load_session(example_copy)))
    for key in (
        "people",
        "timeline",
        "findings",
        "five_whys",
        "contributing_factors",
        "actions",
        "went_well",
        "could_be_better",
        "lucky",
        "lessons",
        "appreciations",
        "parking_lot",
    ):
        assert data[key], f"{key} is empty in the example"
    assert data["closing"]["statement"]
    assert data["prep"]["roles"] and data["prep"]["questions"]
    assert {a["term"] for a in data["actions"]} == {"short", "long"}
    assert data["actions"][3]["origin"] == "finding:F-2"
