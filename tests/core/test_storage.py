"""Session files: lossless round trip, atomic saves, and messages for bad files."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secondstory.core import model as m
from secondstory.core.errors import UserError
from secondstory.core.storage import dumps_session, load_session, loads_session, save_session

text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
short = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=12)
zones = st.integers(-14 * 60, 14 * 60).map(lambda mins: timezone(timedelta(minutes=mins)))
stamps = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1), timezones=zones
)
maybe_stamp = st.none() | stamps
finite = st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False)


def lists(strategy: st.SearchStrategy, n: int = 3) -> st.SearchStrategy:
    return st.lists(strategy, max_size=n)


interval = st.builds(m.Interval, start=stamps, end=maybe_stamp)
phase = st.builds(
    m.Phase,
    id=short,
    title=text,
    kind=st.sampled_from(["opening", "timeline", "root_cause", "actions", "discussion"]),
    planned_minutes=st.integers(0, 600),
    prompts=lists(text),
    notes=text,
    actual=lists(interval),
    extensions=lists(st.builds(m.Extension, at=stamps, seconds=st.integers(1, 3600))),
    replans=lists(
        st.builds(
            m.Replan,
            at=stamps,
            seconds_before=st.integers(0, 9999),
            seconds_after=st.integers(0, 9999),
        )
    ),
    spoken=lists(text),
)
event = st.builds(
    m.TimelineEvent,
    id=short,
    at=stamps,
    text=text,
    kind=short,
    decision_point=st.booleans(),
    source=short,
    source_id=st.none() | short,
    author=text,
    annotations=lists(text),
    notes=text,
    decision=st.builds(m.DecisionNotes, known=text, why_sensible=text, missing=text),
)
action = st.builds(
    m.ActionItem,
    id=short,
    title=text,
    owner=text,
    priority=st.sampled_from(m.PRIORITIES),
    deadline=st.none() | st.dates(),
    success_criteria=text,
    term=st.sampled_from(["short", "long"]),
    type=st.sampled_from(["prevent", "detect", "mitigate", "process"]),
    status=st.sampled_from(["open", "in-progress", "done", "wont-do"]),
    history=lists(
        st.builds(
            m.StatusChange,
            at=stamps,
            status=st.sampled_from(["open", "in-progress", "done", "wont-do"]),
            note=text,
        )
    ),
)
note = st.builds(m.Note, text=text, author=text, source=st.sampled_from(["meeting", "prep"]))
sessions = st.builds(
    m.Session,
    incident=st.builds(
        m.Incident,
        id=st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9._-]{0,20}\Z"),
        title=text,
        severity=st.sampled_from(m.SEVERITIES),
        status=st.sampled_from(m.STATUSES),
        summary=text,
        started_at=maybe_stamp,
        resolved_at=maybe_stamp,
        impact=st.builds(
            m.Impact,
            users_affected=st.none() | st.integers(0, 10**9),
            users_affected_percent=st.none() | st.floats(0, 100, allow_nan=False),
            revenue=st.none() | finite,
            customer_summary=text,
        ),
        links=lists(text),
    ),
    people=lists(
        st.builds(
            m.Person,
            name=text,
            role=text,
            facilitator=st.booleans(),
            involved_in_change=st.booleans(),
            observer=st.booleans(),
        )
    ),
    agenda=st.builds(m.Agenda, name=text, current=st.integers(0, 5), phases=lists(phase)),
    timeline=lists(event),
    findings=lists(st.builds(m.Finding, id=short, text=text, event_id=st.none() | short)),
    five_whys=lists(
        st.builds(
            m.WhyChain,
            id=short,
            problem=text,
            steps=lists(
                st.builds(m.WhyStep, question=text, answer=text, contributing=st.booleans())
            ),
            category=text,
            closed=st.booleans(),
        )
    ),
    actions=lists(action),
    went_well=lists(note),
    lucky=lists(note),
    appreciations=lists(st.builds(m.Appreciation, person=text, text=text)),
    parking_lot=lists(st.builds(m.ParkedItem, at=stamps, text=text, phase=text)),
    language=st.builds(
        m.LanguageSettings,
        disabled_rules=lists(short),
        dismissed=lists(st.builds(m.Dismissal, rule=short, sentence=text)),
    ),
    closing=st.builds(m.Closing, statement=text, closed_at=maybe_stamp),
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions)
def test_round_trip_is_lossless(session: m.Session) -> None:
    assert loads_session(dumps_session(session)) == session


def test_example_session_round_trips(example_copy: Path) -> None:
    session = load_session(example_copy)
    assert loads_session(dumps_session(session)) == session
    assert len(session.timeline) >= 8
    assert sum(e.decision_point for e in session.timeline) >= 2


def test_save_is_atomic_and_leaves_no_temp_files(tmp_path: Path) -> None:
    session = m.Session(incident=m.Incident(id="INC-1", title="t"))
    path = tmp_path / "INC-1.toml"
    save_session(session, path)
    session.incident.title = "changed"
    save_session(session, path)
    assert load_session(path).incident.title == "changed"
    assert sorted(os.listdir(tmp_path)) == ["INC-1.toml"]


def test_failed_save_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    session = m.Session(incident=m.Incident(id="INC-1", title="before"))
    path = tmp_path / "INC-1.toml"
    save_session(session, path)
    session.incident.title = "after"

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk on fire")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        save_session(session, path)
    monkeypatch.undo()
    assert load_session(path).incident.title == "before"
    assert sorted(os.listdir(tmp_path)) == ["INC-1.toml"]


def test_broken_toml_names_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    original = 'schema_version = 1\n[incident]\nid = "INC-1"\ntitle = "unterminated\n'
    path.write_text(original)
    with pytest.raises(UserError) as info:
        load_session(path)
    assert info.value.problems[0].startswith(f"{path}:4:")
    assert path.read_text() == original


def test_schema_problems_are_all_listed_with_field_paths(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        "schema_version = 1\n"
        '[incident]\nid = "INC-1"\ntitle = "t"\nseverity = "SEV9"\n'
        "started_at = 2026-03-22T14:05:00\n"
        '[[timeline]]\nid = "E-1"\nat = 2026-03-22T14:05:00Z\ntext = "x"\ncolour = "red"\n'
        '[[actions]]\nid = "A-1"\n'
    )
    with pytest.raises(UserError) as info:
        load_session(path)
    problems = info.value.problems
    assert any(p.startswith(f"{path}: incident.severity: ") and "SEV1" in p for p in problems)
    assert any(p.startswith(f"{path}: incident.started_at: ") and "offset" in p for p in problems)
    assert f"{path}: timeline[0].colour: unknown field (check the spelling)" in problems
    assert f"{path}: actions[0].title: required field is missing" in problems


def test_newer_schema_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.toml"
    path.write_text('schema_version = 99\n[incident]\nid = "X"\ntitle = "t"\n')
    with pytest.raises(UserError, match="newer secondstory"):
        load_session(path)


def test_missing_file_message(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such session file"):
        load_session(tmp_path / "nope.toml")


def test_stamps_keep_their_instant(tmp_path: Path) -> None:
    at = datetime(2026, 3, 22, 15, 5, 7, 123456, tzinfo=timezone(timedelta(hours=1)))
    session = m.Session(incident=m.Incident(id="I", title="t", started_at=at))
    back = loads_session(dumps_session(session))
    assert back.incident.started_at == at.astimezone(UTC)


def test_crlf_text_survives_a_save() -> None:
    session = m.Session(incident=m.Incident(id="I", title="t", summary="line one\r\nline two"))
    session.people.append(m.Person(name="a\r\nb"))
    assert loads_session(dumps_session(session)) == session
