"""iCalendar export: RFC 5545 line rules, escaping round trip, to-dos and follow-up checks."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secondstory.core.errors import UserError
from secondstory.core.exporters import get_format
from secondstory.core.exporters.ics import escape_text, fold, render_ics
from secondstory.core.model import ActionItem, Interval, Session, StatusChange
from secondstory.core.sessions import new_session

MET = datetime(2026, 3, 25, 14, tzinfo=UTC)


def sample() -> Session:
    s = new_session("INC-2026-0847", "Checkout failures, again; with \\ backslash")
    s.agenda.phases[0].actual.append(Interval(start=MET, end=MET.replace(hour=15)))
    s.actions = [
        ActionItem(
            id="A-1",
            title="Set an explicit pool size, everywhere",
            priority="P0",
            deadline=date(2026, 3, 27),
            success_criteria="Total connections < 80% of the limit;\nchecked in CI",
            status="done",
            history=[StatusChange(at=datetime(2026, 3, 26, 10, tzinfo=UTC), status="done")],
        ),
        ActionItem(id="A-2", title="Dashboard panel", priority="P1", deadline=date(2026, 4, 3)),
        ActionItem(id="A-3", title="No deadline yet", priority="P2"),
    ]
    return s


def physical_lines(text: str) -> list[str]:
    assert text.endswith("\r\n")
    body = text[:-2]
    assert "\n" not in body.replace("\r\n", "") and "\r" not in body.replace("\r\n", "")
    return body.split("\r\n")


def unfold(text: str) -> list[str]:
    return text[:-2].replace("\r\n ", "").split("\r\n")


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def components(text: str, kind: str) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in unfold(text):
        if line == f"BEGIN:{kind}":
            current = {}
        elif line == f"END:{kind}":
            assert current is not None
            found.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = value
    return found


def test_lines_end_in_crlf_and_fit_75_octets() -> None:
    text = render_ics(sample())
    lines = physical_lines(text)
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)


def test_a_todo_per_item_with_a_deadline() -> None:
    todos = components(render_ics(sample()), "VTODO")
    assert [t["DUE;VALUE=DATE"] for t in todos] == ["20260327", "20260403"]
    assert [t["PRIORITY"] for t in todos] == ["1", "3"]
    assert [t["STATUS"] for t in todos] == ["COMPLETED", "NEEDS-ACTION"]
    assert todos[0]["COMPLETED"] == "20260326T100000Z"
    assert unescape(todos[0]["SUMMARY"]) == "Set an explicit pool size, everywhere (INC-2026-0847)"
    description = unescape(todos[0]["DESCRIPTION"])
    assert "Success criteria:\nTotal connections < 80% of the limit;\nchecked in CI" in description
    assert "Deadline: 2026-03-27" in description
    assert len({t["UID"] for t in todos}) == 2
    assert all(t["DTSTAMP"] == "20260326T100000Z" for t in todos)  # latest recorded time


def test_follow_up_checks_at_day_7_14_and_30() -> None:
    events = components(render_ics(sample()), "VEVENT")
    assert [e["DTSTART;VALUE=DATE"] for e in events] == ["20260401", "20260408", "20260424"]
    assert [e["DTEND;VALUE=DATE"] for e in events] == ["20260402", "20260409", "20260425"]
    summaries = [unescape(e["SUMMARY"]) for e in events]
    assert summaries == [
        "INC-2026-0847: closure check",
        "INC-2026-0847: day-14 follow-up",
        "INC-2026-0847: day-30 follow-up",
    ]
    assert "in progress" in unescape(events[1]["DESCRIPTION"])
    assert "A-3 [P2] No deadline yet" in unescape(events[2]["DESCRIPTION"])


def test_text_escaping() -> None:
    assert escape_text("a,b;c\\d\ne\r\nf\rg") == "a\\,b\\;c\\\\d\\ne\\nf\\ng"
    assert escape_text("tab\tbell\x07") == "tab\tbell"


def test_output_is_reproducible() -> None:
    assert render_ics(sample()) == render_ics(sample())


def test_no_deadline_and_no_meeting_date_is_reported() -> None:
    s = new_session("INC-1", "t")
    s.actions = [ActionItem(id="A-1", title="t")]
    with pytest.raises(UserError) as error:
        render_ics(s)
    assert "nothing to put in a calendar" in error.value.problems[0]


def test_meeting_date_alone_gives_the_checks() -> None:
    s = new_session("INC-1", "t", scheduled_at=MET)
    text = render_ics(s)
    assert len(components(text, "VEVENT")) == 3 and components(text, "VTODO") == []


text_st = st.text(st.characters(codec="utf-8"), max_size=300)


@given(text_st)
def test_folding_keeps_characters_whole(value: str) -> None:
    line = "DESCRIPTION:" + escape_text(value)
    folded = fold(line)
    pieces = folded.split("\r\n")
    for piece in pieces:
        assert len(piece.encode("utf-8")) <= 75
        piece.encode("utf-8").decode("utf-8")  # each physical line is valid UTF-8 on its own
    assert all(p.startswith(" ") for p in pieces[1:])
    assert folded.replace("\r\n ", "") == line


@given(text_st, text_st)
def test_any_title_and_criteria_round_trip(title: str, criteria: str) -> None:
    s = new_session("INC-1", "t")
    s.actions = [
        ActionItem(id="A-1", title=title, success_criteria=criteria, deadline=date(2026, 4, 1))
    ]
    text = render_ics(s)
    assert all(len(line.encode("utf-8")) <= 75 for line in physical_lines(text))
    (todo,) = components(text, "VTODO")

    def expected(value: str) -> str:
        value = value.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
        return re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", value)

    raw = title.replace("\x00", "").strip()
    visible = " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", raw).split())
    want_title = raw if visible else "Action item A-1"
    assert unescape(todo["SUMMARY"]) == expected(f"{want_title} (INC-1)")
    if expected(criteria).strip():
        assert expected(criteria.strip()) in unescape(todo["DESCRIPTION"])


def test_registered_as_an_export_format() -> None:
    fmt = get_format("ics")
    assert fmt.suffix == ".ics"
    assert fmt.render(sample()).startswith("BEGIN:VCALENDAR\r\n")
