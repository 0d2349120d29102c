"""The fast follow-up path (no pydantic) gives what the full model gives, on whole folders.

The reference is the slow path: every file loaded with `load_session` (the pydantic model) and
summarised from the model; a file that fails gives the model's problem lines. Folders hold
varied sessions written by secondstory, hand-edited forms, and files broken in the parts
follow-up reads. (Problems in the parts it skips, the timeline and notes, are the documented
exception: see test_followup_load.py.)
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, get_args

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secondstory.core import followup_records as records
from secondstory.core.errors import UserError
from secondstory.core.followup_load import scan_folder, summary_from_session
from secondstory.core.model import (
    ActionItem,
    Closing,
    ContributingFactor,
    Impact,
    Incident,
    Interval,
    Meeting,
    Session,
    StatusChange,
    TimelineEvent,
    WhyChain,
)
from secondstory.core.sessions import new_session
from secondstory.core.storage import dumps_session, load_session


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SECONDSTORY_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


# ---- the records mirror the model --------------------------------------------------------


def test_constants_mirror_the_model() -> None:
    from secondstory.core import model

    assert records.SCHEMA_VERSION == model.SCHEMA_VERSION
    assert frozenset(Session.model_fields) == records.SESSION_FIELDS
    assert get_args(model.Severity) == records.SEVERITIES
    assert get_args(model.Status) == records.STATUSES
    assert get_args(model.Priority) == records.PRIORITIES
    assert get_args(model.ActionStatus) == records.ACTION_STATUSES
    assert get_args(model.ActionTerm) == records.ACTION_TERMS
    assert get_args(model.ActionType) == records.ACTION_TYPES


# What the plain checks in followup_records assume about each model field. A change to one of
# these models fails here: update the checks in followup_records, then this table.
MODEL_FIELDS = """
Incident id str [pattern=^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$] required
Incident title str [] required
Incident severity Literal['SEV1', 'SEV2', 'SEV3', 'SEV4'] [] 'SEV2'
Incident status Literal['Draft', 'In review', 'Reviewed', 'Closed'] [] 'Draft'
Incident timezone str [] 'UTC'
Incident summary str [] ''
Incident started_at AwareDatetime | None [] None
Incident detected_at AwareDatetime | None [] None
Incident acknowledged_at AwareDatetime | None [] None
Incident mitigated_at AwareDatetime | None [] None
Incident resolved_at AwareDatetime | None [] None
Incident impact Impact [] factory
Incident links list[str] [] factory
Impact users_affected int | None [Ge(ge=0)] None
Impact users_affected_percent float | None [Ge(ge=0), Le(le=100), finite] None
Impact revenue float | None [Ge(ge=0), finite] None
Impact currency str [] 'USD'
Impact customer_summary str [] ''
Meeting scheduled_at AwareDatetime | None [] None
Meeting location str [] ''
Meeting document_url str [] ''
Closing statement str [] ''
Closing closed_at AwareDatetime | None [] None
Closing risk_accepted str [] ''
Closing extension_reason str [] ''
ActionItem id str [] required
ActionItem title str [] required
ActionItem owner str [] ''
ActionItem priority Literal['P0', 'P1', 'P2', 'P3'] [] 'P2'
ActionItem deadline date | None [] None
ActionItem success_criteria str [] ''
ActionItem term Literal['short', 'long'] [] 'short'
ActionItem type Literal['prevent', 'detect', 'mitigate', 'process'] [] 'prevent'
ActionItem status Literal['open', 'in-progress', 'done', 'wont-do'] [] 'open'
ActionItem origin str [] ''
ActionItem description str [] ''
ActionItem tracker_url str [] ''
ActionItem history list[StatusChange] [] factory
StatusChange at AwareDatetime [] required
StatusChange status Literal['open', 'in-progress', 'done', 'wont-do'] [] required
StatusChange note str [] ''
Interval start AwareDatetime [] required
Interval end AwareDatetime | None [] None
"""


def _describe(model: Any) -> list[str]:
    lines = []
    for name, field in model.model_fields.items():
        kind = str(field.annotation)
        for noise in ("typing.", "pydantic.types.", "secondstory.core.model.", "datetime."):
            kind = kind.replace(noise, "")
        kind = kind.replace("<class '", "").replace("'>", "")
        meta = [
            f"pattern={m.pattern}" if getattr(m, "pattern", None) else repr(m)
            for m in field.metadata
        ]
        meta = ["finite" if m == "AllowInfNan(allow_inf_nan=False)" else m for m in meta]
        if field.is_required():
            default = "required"
        elif field.default_factory is not None:
            default = "factory"
        else:
            default = repr(field.default)
        lines.append(f"{model.__name__} {name} {kind} [{', '.join(meta)}] {default}")
    return lines


def test_the_model_fields_are_the_ones_the_plain_checks_know() -> None:
    models = (Incident, Impact, Meeting, Closing, ActionItem, StatusChange, Interval)
    described = [line for model in models for line in _describe(model)]
    assert described == MODEL_FIELDS.strip().splitlines()


@pytest.mark.parametrize(
    ("record", "model", "left_out"),
    [
        (records.IncidentInfo, Incident, {"impact", "links"}),
        (records.MeetingInfo, Meeting, set()),
        (records.ClosingInfo, Closing, set()),
        (records.ActionInfo, ActionItem, set()),
        (records.StatusChangeInfo, StatusChange, set()),
    ],
)
def test_records_have_the_model_field_names_and_defaults(
    record: Any, model: Any, left_out: set[str]
) -> None:
    fields = record.__dataclass_fields__
    assert list(fields) == [n for n in model.model_fields if n not in left_out]
    for name, field in fields.items():
        model_field = model.model_fields[name]
        if model_field.is_required():
            continue
        if model_field.default_factory is not None:
            assert field.default == tuple(model_field.default_factory())
        else:
            assert field.default == model_field.default


# ---- whole folders: fast path against the full model ------------------------------------

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
WORDS = [
    "",
    "pool",
    'say "hi"',
    "a\\b",
    "it's",
    "# not a comment",
    "[[actions]]",
    '"""',
    "é 💥",
    "line one\nline two",
    "tab\there",
    '\n[[actions]]\nid = "FAKE"\n',
]
words = st.sampled_from(WORDS)


@st.composite
def sessions(draw: st.DrawFn, number: int) -> Session:
    s = new_session(
        f"INC-{number}",
        draw(words) or "title",
        severity=draw(st.sampled_from(records.SEVERITIES)),
    )
    s.incident.status = draw(st.sampled_from(records.STATUSES))
    s.incident.summary = draw(words)
    s.incident.timezone = draw(st.sampled_from(["UTC", "Europe/Berlin", "Not/AZone"]))
    start = T0 + timedelta(days=draw(st.integers(-400, 0)), minutes=draw(st.integers(0, 900)))
    if draw(st.booleans()):
        s.incident.started_at = start.astimezone(
            timezone(timedelta(hours=draw(st.integers(-9, 9))))
        )
    if draw(st.booleans()):
        s.incident.impact = Impact(users_affected=draw(st.integers(0, 10**6)), revenue=12.5)
        s.incident.links = [draw(words)]
    if draw(st.booleans()):
        s.meeting.scheduled_at = start + timedelta(days=draw(st.integers(0, 12)))
    s.meeting.location = draw(words)
    for phase in s.agenda.phases:
        phase.notes = draw(words)
        if draw(st.integers(0, 3)) == 0:
            at = start + timedelta(days=draw(st.integers(0, 12)))
            phase.actual.append(Interval(start=at, end=at + timedelta(minutes=5)))
    for k in range(draw(st.integers(0, 4))):
        s.timeline.append(
            TimelineEvent(
                id=f"E-{k}", at=start + timedelta(minutes=k), text=draw(words), notes=draw(words)
            )
        )
    for k in range(draw(st.integers(0, 3))):
        s.five_whys.append(
            WhyChain(
                id=f"W-{k}",
                problem=draw(words),
                category=draw(st.sampled_from(["capacity", " Testing ", "", "other", "x\ny"])),
            )
        )
    if draw(st.booleans()):
        s.contributing_factors.append(ContributingFactor(id="C-1", text="t", category=draw(words)))
    for k in range(draw(st.integers(0, 6))):
        history = [
            StatusChange(
                at=start + timedelta(days=d),
                status=draw(st.sampled_from(records.ACTION_STATUSES)),
                note=draw(words),
            )
            for d in range(draw(st.integers(0, 3)))
        ]
        s.actions.append(
            ActionItem(
                id=f"A-{k}",
                title=draw(words) or "t",
                owner=draw(st.sampled_from(["", "sre", "SRE ", "db"])),
                priority=draw(st.sampled_from(records.PRIORITIES)),
                deadline=draw(st.none() | st.dates(date(2025, 1, 1), date(2027, 1, 1))),
                success_criteria=draw(words),
                status=draw(st.sampled_from(records.ACTION_STATUSES)),
                description=draw(words),
                history=history,
            )
        )
    if draw(st.booleans()):
        s.closing = Closing(statement=draw(words), closed_at=start + timedelta(days=30))
    return s


# Hand edits that stay valid but are not what secondstory writes, and breaks in the parts
# follow-up reads: each must come out exactly as the full model has it.
def _sub(old: str, new: str) -> Any:
    return lambda text: text.replace(old, new, 1)


EDITS = {
    "none": lambda text: text,
    "crlf": lambda text: text.replace("\n", "\r\n"),
    "comments": lambda text: (
        "# hand edited\n" + text.replace("\n[incident]\n", "\n[incident] # here\n")
    ),
    "int in a float": _sub("revenue = 12.5", "revenue = 12"),
    "deadline as date-time": lambda text: text.replace(
        "deadline = 2026", "deadline = 2026-01-01T00:00:00Z\n#", 1
    ),
    "actual as tables": lambda text: re.sub(
        r"actual = \[\n    \{ start = (\S+ \S+), end = (\S+ \S+) \},\n\]",
        r"[[agenda.phases.actual]]\nstart = \1\nend = \2",
        text,
    ),
    "literal string title": lambda text: text.replace('\ntitle = "', "\ntitle = 'x' # ", 1),
    "quoted key": _sub("\nseverity = ", '\n"severity" = '),
    "bad severity": lambda text: text.replace('severity = "SEV', 'severity = "SEV9', 1),
    "unknown field": _sub("\n[incident]\n", "\n[incident]\nbogus = 1\n"),
    "unknown action field": _sub("\n[[actions]]\n", '\n[[actions]]\nassignee = "x"\n'),
    "naive history time": lambda text: text.replace("+00:00, status", ", status", 1),
    "bad deadline": lambda text: text.replace("deadline = ", 'deadline = "next week"\n#', 1),
    "negative users": _sub("users_affected = ", "users_affected = -"),
    "syntax error": _sub("\n[incident]\n", '\n[incident]\ntitle2 = "unterminated\n'),
    "bad date": _sub("\n[incident]\n", "\n[incident]\nstarted_at = 2026-02-30T10:00:00Z\n"),
    "bad id": _sub('\nid = "INC-', '\nid = "INC -'),
    "missing title": lambda text: text.replace("\ntitle = ", "\nold_title = ", 1),
    "newer schema": _sub("schema_version = 1", "schema_version = 9"),
    "no incident": lambda text: "schema_version = 1\n",
    "empty": lambda text: "",
    "not utf-8": lambda text: "\udcff" + text,
}


def _write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8", "surrogateescape"))


def _reference(folder: Path) -> tuple[list[Any], list[str]]:
    summaries, problems = [], []
    for path in sorted(folder.glob("*.toml")):
        try:
            summaries.append(summary_from_session(load_session(path), path))
        except UserError as error:
            problems.extend(error.problems)
    return summaries, problems


@settings(
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    deadline=None,
)
@given(st.lists(st.tuples(sessions(0), st.sampled_from(sorted(EDITS))), min_size=1, max_size=6))
def test_fast_scan_equals_the_full_model_on_generated_folders(
    tmp_path_factory: pytest.TempPathFactory, folder_spec: list[tuple[Session, str]]
) -> None:
    folder = tmp_path_factory.mktemp("sessions")
    for number, (session, edit) in enumerate(folder_spec):
        session.incident.id = f"INC-{number}"
        _write(folder / f"INC-{number}.toml", EDITS[edit](dumps_session(session)))
    expected = _reference(folder)
    for use_cache in (False, True, True):  # no cache, filling it, reading it
        scan = scan_folder(folder, use_cache=use_cache)
        assert (scan.summaries, scan.problems) == expected


def test_every_edit_is_exercised_on_a_full_session(tmp_path: Path) -> None:
    """Each edit above changes a session that has every part, and broken ones are reported."""
    s = new_session("INC-9", "Everything")
    s.incident.started_at = T0
    s.incident.impact = Impact(users_affected=10, revenue=12.5)
    s.agenda.phases[0].actual.append(Interval(start=T0, end=T0 + timedelta(minutes=3)))
    s.actions.append(
        ActionItem(
            id="A-1",
            title="t",
            deadline=date(2026, 4, 1),
            history=[StatusChange(at=T0, status="done")],
            status="done",
        )
    )
    text = dumps_session(s)
    for name, edit in EDITS.items():
        folder = tmp_path / name.replace(" ", "-")
        folder.mkdir()
        changed = edit(text)
        assert name == "none" or changed != text, name
        _write(folder / "INC-9.toml", changed)
        scan = scan_folder(folder, use_cache=False)
        assert (scan.summaries, scan.problems) == _reference(folder), name
        assert bool(scan.problems) == (name in BROKEN), (name, scan.problems)
        for problem in scan.problems:
            assert problem.startswith(f"{folder / 'INC-9.toml'}:"), problem


BROKEN = {
    "bad severity",
    "unknown field",
    "unknown action field",
    "naive history time",
    "bad deadline",
    "negative users",
    "syntax error",
    "bad date",
    "bad id",
    "missing title",
    "newer schema",
    "no incident",
    "empty",
    "not utf-8",
}
