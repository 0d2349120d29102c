"""The Slack export parser: folders and zips, channels, names, threads, filters, messages."""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from importhelp import make_ctx

from secondstory.core.errors import UserError
from secondstory.core.importers import import_source
from secondstory.core.importers.common import Parsed
from secondstory.core.importers.slack import parse_slack
from secondstory.core.model import Session


def parse(path: Path, **options: Any) -> Parsed:
    return parse_slack(path, make_ctx(label=str(path), **options))


def zip_export(folder: Path, target: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                archive.write(file, prefix + file.relative_to(folder).as_posix())
    return target


def test_folder_export_resolves_names_links_and_skips_joins(fixtures: Path) -> None:
    parsed = parse(fixtures / "slack-export", channels=("incident-checkout",))
    texts = {e.text: e for e in parsed.events}
    assert parsed.filtered == {"joins and leaves": 1}
    first = texts[
        "Checkout latency is up, looking at the dashboard (https://grafana.example/d/checkout)"
    ]
    assert first.author == "Dana Ortiz" and first.kind == "message"
    assert first.at == datetime(2026, 3, 22, 14, 23, 0, 200, tzinfo=UTC)
    assert first.source_id == "C01INC:1774189380.000200"
    assert "I'm raising the pool to 40, @Sam Lee can you watch the error rate?" in texts
    assert texts["Thanks & confirmed: error rate < 1%"].kind == "reply"
    assert texts["Pool at 100% on every node"].author == "Sam Lee"  # display name fallback
    bot = texts["Triggered #42: checkout p99 latency above 2 s"]
    assert bot.author == "PagerDuty"
    assert texts["Graph attached"].annotations == ["file: Pool saturation"]


def test_all_channels_by_default_and_channel_tags(fixtures: Path) -> None:
    parsed = parse(fixtures / "slack-export")
    general = [e for e in parsed.events if e.source_id.startswith("C02GEN")]
    assert [e.text for e in general] == [
        "Heads up: checkout is slow, we are on it in #incident-checkout"
    ]
    assert general[0].annotations == ["#general"]
    assert parsed.filtered == {"joins and leaves": 2}


def test_pinned_or_reacted_filter(fixtures: Path) -> None:
    parsed = parse(
        fixtures / "slack-export", channels=("#incident-checkout",), pinned_or_reacted=True
    )
    assert [e.text for e in parsed.events] == [
        "Checkout latency is up, looking at the dashboard (https://grafana.example/d/checkout)",
        "Thanks & confirmed: error rate < 1%",
    ]
    assert parsed.filtered["not pinned or reacted"] == 4


def test_threads_are_kept_together_in_the_session(fixtures: Path, session: Session) -> None:
    import_source(session, fixtures / "slack-export")
    order = [(e.kind, e.text.split(" ")[0]) for e in session.timeline]
    parent = order.index(("message", "Checkout"))
    assert order[parent + 1 : parent + 3] == [("reply", "Pool"), ("reply", "Thanks")]
    # Everything else is in time order, and ids follow the order.
    rest = [e for e in session.timeline if e.kind == "message"]
    assert rest == sorted(rest, key=lambda e: e.at)
    assert [e.id for e in session.timeline] == [f"E-{n}" for n in range(1, 8)]


def test_an_orphan_reply_goes_by_its_own_time(fixtures: Path, session: Session) -> None:
    from secondstory.core.importers import ImportOptions

    import_source(
        session,
        fixtures / "slack-export",
        ImportOptions(channels=("incident-checkout",), since="14:24"),
    )
    assert [e.at for e in session.timeline] == sorted(e.at for e in session.timeline)


@pytest.mark.parametrize("prefix", ["", "export-2026-03-22/"])
def test_zip_export_reads_like_the_folder(fixtures: Path, tmp_path: Path, prefix: str) -> None:
    archive = zip_export(fixtures / "slack-export", tmp_path / "export.zip", prefix)
    from_zip = parse(archive).events
    from_folder = parse(fixtures / "slack-export").events
    assert [(e.at, e.text, e.source_id) for e in from_zip] == [
        (e.at, e.text, e.source_id) for e in from_folder
    ]


def test_unknown_channel_lists_the_known_ones(fixtures: Path) -> None:
    with pytest.raises(UserError) as caught:
        parse(fixtures / "slack-export", channels=("ops",))
    assert caught.value.problems == [
        f"{fixtures / 'slack-export' / 'channels.json'}: no channel 'ops' in this export; "
        "channels: incident-checkout, general"
    ]


def _broken_export(fixtures: Path, tmp_path: Path, messages: Any) -> Path:
    folder = tmp_path / "export"
    shutil.copytree(fixtures / "slack-export", folder)
    (folder / "general" / "2026-03-22.json").write_text(json.dumps(messages))
    return folder


@pytest.mark.parametrize(
    ("messages", "expected"),
    [
        (
            [{"type": "message", "text": "x", "ts": "yesterday"}],
            '$[0].ts: expected a Slack timestamp such as "1711633260.000100"; found "yesterday"',
        ),
        ([{"type": "message", "text": "x"}], "$[0].ts: expected a string; missing"),
        (
            [{"type": "message", "text": 5, "ts": "1774189380.1"}],
            "$[0].text: expected a string; found 5",
        ),
        ({"messages": []}, '$: expected a list of messages; found {"messages": []}'),
        ([3], "$[0]: expected a message object; found 3"),
        (
            [{"ts": "1774189380.1", "reactions": "many"}],
            '$[0].reactions: expected a list; found "many"',
        ),
    ],
)
def test_bad_messages_name_file_and_json_path(
    fixtures: Path, tmp_path: Path, messages: Any, expected: str
) -> None:
    folder = _broken_export(fixtures, tmp_path, messages)
    with pytest.raises(UserError) as caught:
        parse(folder)
    assert caught.value.problems == [f"{folder / 'general' / '2026-03-22.json'}: {expected}"]


def test_not_an_export(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(UserError, match="channels.json: not found"):
        parse(tmp_path / "empty")
    (tmp_path / "x.zip").write_text("not a zip")
    with pytest.raises(UserError, match="expected a Slack export"):
        parse(tmp_path / "x.zip")


def test_missing_users_file_keeps_ids_and_says_so(fixtures: Path, tmp_path: Path) -> None:
    folder = tmp_path / "export"
    shutil.copytree(fixtures / "slack-export", folder)
    (folder / "users.json").unlink()
    parsed = parse(folder, channels=("general",))
    assert parsed.events[0].author == "U01DANA"
    assert "users.json: note: not found" in parsed.notes[0]
