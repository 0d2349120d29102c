"""The PagerDuty parser: log entries and notes, kinds, authors, noise, JSON-path messages."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from importhelp import make_ctx

from secondstory.core.errors import UserError
from secondstory.core.importers import ImportOptions, import_source
from secondstory.core.importers.pagerduty import parse_pagerduty
from secondstory.core.model import Session


def entry(i: int, kind: str = "trigger_log_entry", **extra: Any) -> dict[str, Any]:
    return {
        "id": f"R{i}",
        "type": kind,
        "summary": f"entry {i}",
        "created_at": f"2026-03-22T14:{i:02d}:00Z",
        **extra,
    }


def parse(doc: Any, **options: Any) -> Any:
    return parse_pagerduty(json.dumps(doc).encode(), make_ctx(label="pd.json", **options))


def test_fixture_maps_kinds_authors_and_leaves_out_notifications(fixtures: Path) -> None:
    parsed = parse_pagerduty((fixtures / "pagerduty-log.json").read_bytes(), make_ctx())
    events = parsed.events
    assert [e.kind for e in events] == ["trigger", "acknowledge", "annotate", "escalate", "resolve"]
    assert [e.author for e in events] == [
        "checkout-api",
        "Dana Ortiz",
        "Dana Ortiz",
        "Sam Lee",
        "Dana Ortiz",
    ]
    assert [e.source_id for e in events] == ["R1TRIGGER", "R3ACK", "R4NOTE", "R5ESC", "R6RESOLVE"]
    assert events[0].annotations == ["checkout p99 latency above 2 s"]
    # The annotate entry's words come from its channel, not the "Note added" summary.
    assert events[2].text == "Decision: raising the pool to 40 instead of rolling back"
    assert events[2].decision_point
    assert events[0].at == datetime(2026, 3, 22, 14, 23, 4, tzinfo=UTC)
    assert parsed.filtered == {"notifications": 1}


def test_notifications_can_be_kept() -> None:
    parsed = parse([entry(1, "notify_log_entry")], include_notifications=True)
    assert [e.kind for e in parsed.events] == ["notify"]
    assert not parsed.filtered


def test_bare_list_mixes_entries_and_notes() -> None:
    note = {
        "content": "looked at the pool",
        "created_at": "2026-03-22T14:30:00Z",
        "user": {"summary": "Sam"},
    }
    parsed = parse([entry(1), note, entry(2, "exhaust_escalation_path_log_entry")])
    assert [e.kind for e in parsed.events] == ["trigger", "escalate", "note"]
    assert parsed.events[2].author == "Sam"
    assert parsed.events[2].source_id.startswith("note:")


def test_a_response_with_more_pages_says_so() -> None:
    parsed = parse({"log_entries": [entry(1)], "offset": 0, "limit": 1, "more": True, "total": 3})
    assert parsed.notes and "more entries exist" in parsed.notes[0]


def test_times_without_offset_use_the_default_zone() -> None:
    parsed = parse([entry(1, created_at="2026-03-22T15:00:00")], zone="+01:00")
    assert parsed.events[0].at == datetime(2026, 3, 22, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        (
            {"log_entries": [entry(0), entry(1), entry(2), entry(3, created_at="yesterday")]},
            "pd.json: $.log_entries[3].created_at: expected an ISO 8601 date and time such as "
            '2026-03-22T14:23:00Z; found "yesterday"',
        ),
        (
            {"log_entries": [entry(0, created_at=None)]},
            "pd.json: $.log_entries[0].created_at: expected an ISO 8601",
        ),
        (
            {"log_entries": [{"type": "trigger_log_entry", "created_at": "2026-03-22T14:00:00Z"}]},
            "pd.json: $.log_entries[0].id: expected a string; missing",
        ),
        (
            {"log_entries": [entry(0, agent="Dana")]},
            'pd.json: $.log_entries[0].agent: expected an object; found "Dana"',
        ),
        ({"log_entries": {"id": 1}}, "pd.json: $.log_entries: expected a list"),
        ({"log_entries": [7]}, "pd.json: $.log_entries[0]: expected a log entry object; found 7"),
        (
            {"notes": [{"created_at": "2026-03-22T14:00:00Z"}]},
            "pd.json: $.notes[0].content: expected a string; missing",
        ),
        ([entry(0, type=3)], "pd.json: $[0].type: expected a string; found 3"),
        ({"incidents": []}, "pd.json: $: expected a PagerDuty response with `log_entries`"),
        ("text", "pd.json: $: expected an object with `log_entries`"),
    ],
)
def test_bad_documents_name_the_json_path(doc: Any, expected: str) -> None:
    with pytest.raises(UserError) as caught:
        parse(doc)
    assert caught.value.problems[0].startswith(expected), caught.value.problems


def test_broken_json_names_line_and_column() -> None:
    with pytest.raises(UserError) as caught:
        parse_pagerduty(b'{\n  "log_entries": [\n    {"id": }\n  ]\n}', make_ctx(label="pd.json"))
    assert caught.value.problems[0].startswith("pd.json:3:12: not valid JSON")


def test_a_note_and_its_annotate_entry_are_one_event(fixtures: Path, session: Session) -> None:
    first = import_source(session, fixtures / "pagerduty-log.json")
    second = import_source(session, fixtures / "pagerduty-notes.json")
    assert len(first.added) == 5
    assert [e.text for e in second.added] == [
        "Connection pool saturation confirmed in the DB metrics"
    ]
    assert second.duplicates == 1


def test_progress_is_reported_for_large_logs() -> None:
    calls: list[tuple[str, int, int]] = []
    doc = {"log_entries": [entry(i % 60, id=f"X{i}") for i in range(2500)]}
    parse(doc, progress=lambda what, done, total: calls.append((what, done, total)))
    assert calls == [("PagerDuty entries", 1000, 2500), ("PagerDuty entries", 2000, 2500)]


def test_options_reach_the_parser_through_import_source(fixtures: Path, session: Session) -> None:
    result = import_source(
        session, fixtures / "pagerduty-log.json", ImportOptions(include_notifications=True)
    )
    assert len(result.added) == 6
