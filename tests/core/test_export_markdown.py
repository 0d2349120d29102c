"""The Markdown and JSON exports."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from secondstory.core import clock as c
from secondstory.core.exporters import get_format
from secondstory.core.exporters import md_escape as esc
from secondstory.core.exporters.markdown import render_markdown
from secondstory.core.model import ActionItem, Incident, Session, TimelineEvent
from secondstory.core.sessions import new_session
from secondstory.core.storage import load_session

SECTIONS = [
    "## Summary",
    "## Impact",
    "## Timeline",
    "## Decision points",
    "## Five whys",
    "## Contributing factors",
    "## What went well",
    "## What could be better",
    "## Where we got lucky",
    "## Action items",
    "## Attendees",
    "## Lessons",
    "## Agenda",
]


def test_example_has_every_section_in_order(example_copy: Path) -> None:
    out = render_markdown(load_session(example_copy))
    assert out.startswith("# INC-2026-0847: Checkout failures after a connection pool change\n")
    positions = [out.index(s + "\n") for s in SECTIONS]
    assert positions == sorted(positions)
    for field in ("Severity", "Status", "Impact", "Duration", "Date", "Facilitator"):
        assert f"- **{field}:**" in out
    assert "(2026-03-22 14:05 UTC to 2026-03-22 15:10 UTC)" in out
    assert "| Action | Owner | Priority | Deadline | Success criteria |" in out
    assert "| Phase | Planned | Actual |" in out


def test_empty_sections_are_left_out() -> None:
    session = Session(incident=Incident(id="INC-9", title="Quiet"))
    out = render_markdown(session)
    assert out == "# INC-9: Quiet\n\n- **Severity:** SEV2\n- **Status:** Draft\n"


def test_agenda_actual_uses_mm_ss(clock) -> None:
    session = new_session("INC-1", "t", agenda="short-30")
    c.start(session.agenda, clock.now)
    clock.advance(minutes=4, seconds=7)
    out = render_markdown(session, clock=clock)
    assert "| Frame the conversation | 03:00 | 04:07 |" in out


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
    row = next(line for line in out.splitlines() if line.startswith("| 09:00:00"))
    assert row.count(" | ") == 1  # only the column separator; the user's pipe is escaped
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
