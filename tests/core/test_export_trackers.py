"""Jira CSV export: parsed back with the csv module, as Jira's importer would read it."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from secondstory.core.exporters import get_format
from secondstory.core.exporters.jira_csv import render_jira_csv
from secondstory.core.exporters.trackers import action_categories, postmortem_link
from secondstory.core.model import ActionItem, ContributingFactor, Finding, Session, WhyChain
from secondstory.core.sessions import new_session


def sample() -> Session:
    s = new_session("INC-2026-0847", "Checkout failures")
    s.five_whys = [WhyChain(id="W-1", problem="p", category="Monitoring and alerting")]
    s.contributing_factors = [ContributingFactor(id="C-1", text="t", category="capacity")]
    s.findings = [Finding(id="F-1", text="f", promoted_to="factor:C-1")]
    s.actions = [
        ActionItem(
            id="A-1",
            title='Add a "pool saturation" alert, paging on-call',
            owner="SRE",
            priority="P0",
            deadline=date(2026, 4, 1),
            success_criteria="Fires within 2 minutes\nin the staging drill",
            origin="chain:W-1",
        ),
        ActionItem(id="A-2", title="Load test", priority="P1", origin="finding:F-1"),
        ActionItem(id="A-3", title="Runbook", priority="P2"),
        ActionItem(id="A-4", title="Docs", priority="P3"),
    ]
    return s


def parse(text: str) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return rows[0], rows[1:]


def test_header_and_one_row_per_item() -> None:
    header, rows = parse(render_jira_csv(sample()))
    assert header[:6] == [
        "Summary",
        "Issue Type",
        "Description",
        "Priority",
        "Assignee",
        "Due Date",
    ]
    assert set(header[6:]) == {"Labels"} and len(header) == 9
    assert len(rows) == 4 and all(len(r) == len(header) for r in rows)
    first = dict(zip(header[:6], rows[0][:6], strict=True))
    assert first["Summary"] == 'Add a "pool saturation" alert, paging on-call'
    assert first["Issue Type"] == "Task"
    assert first["Assignee"] == "SRE"
    assert first["Due Date"] == "2026-04-01"
    assert "Success criteria:\nFires within 2 minutes\nin the staging drill" in first["Description"]
    assert "INC-2026-0847 (session file INC-2026-0847.toml)" in first["Description"]
    assert [r[3] for r in rows] == ["Highest", "High", "Medium", "Low"]


def test_labels_repeat_the_column() -> None:
    header, rows = parse(render_jira_csv(sample()))
    labels = [[v for h, v in zip(header, r, strict=True) if h == "Labels" and v] for r in rows]
    assert labels[0] == ["postmortem", "INC-2026-0847", "monitoring-and-alerting"]
    assert labels[1] == ["postmortem", "INC-2026-0847", "capacity"]  # finding promoted to C-1
    assert labels[2] == ["postmortem", "INC-2026-0847"]  # no origin, several categories


def test_multi_line_values_are_quoted_and_rows_end_in_crlf() -> None:
    text = render_jira_csv(sample())
    assert '"Success criteria:\nFires within 2 minutes\nin the staging drill' in text
    assert text.count("\r\n") == 5  # header + four rows; line breaks inside values stay \n


def test_description_links_to_the_published_document_when_there_is_one() -> None:
    s = sample()
    s.meeting.document_url = "https://wiki.example.com/pm/INC-2026-0847"
    _, rows = parse(render_jira_csv(s))
    assert rows[0][2].endswith("Postmortem: https://wiki.example.com/pm/INC-2026-0847")
    assert postmortem_link(s) == "https://wiki.example.com/pm/INC-2026-0847"


def test_no_action_items_gives_just_the_header() -> None:
    header, rows = parse(render_jira_csv(new_session("INC-1", "t")))
    assert header[0] == "Summary" and rows == []


def test_a_single_category_labels_every_item() -> None:
    s = new_session("INC-1", "t")
    s.five_whys = [WhyChain(id="W-1", problem="p", category="testing")]
    assert action_categories(s, ActionItem(id="A-1", title="t")) == ["testing"]


text_st = st.text(st.characters(codec="utf-8", exclude_characters="\x00"))


@given(text_st, text_st, text_st)
def test_any_text_parses_back(title: str, criteria: str, owner: str) -> None:
    s = new_session("INC-1", "t")
    s.actions = [ActionItem(id="A-1", title=title, success_criteria=criteria, owner=owner)]
    header, rows = parse(render_jira_csv(s))
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=False))
    visible = " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", title).split())
    assert row["Summary"] == (visible or "Action item A-1")[:255]
    if criteria.strip():
        assert criteria.strip().replace("\r\n", "\n").replace("\r", "\n") in row[
            "Description"
        ].replace("\r\n", "\n").replace("\r", "\n")


def test_registered_as_an_export_format() -> None:
    fmt = get_format("jira-csv")
    assert fmt.suffix == ".csv"
    assert fmt.render(sample()).startswith("Summary,Issue Type,Description,")
