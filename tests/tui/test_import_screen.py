"""Importing timeline events from the app (f6): preview, confirm, dedup, errors, progress.

Pilot tests press the real keys and read the session file back after the app's autosave.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Input, ProgressBar, Static, TextArea
from tui_support import MakeApp, build_session, saved, settle

from secondstory.core.storage import load_session, save_session
from secondstory.tui.app import SecondStoryApp
from secondstory.tui.followup_commands import IMPORT_KEY, LAST_TIME_KEY
from secondstory.tui.screens.import_screen import ImportScreen, in_field_words
from secondstory.tui.widgets.path_suggester import complete_path
from secondstory.tui.widgets.text_fields import FLAG_BINDINGS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
PD_LOG = FIXTURES / "pagerduty-log.json"
TIMELINE_PHASE = 1


def _keys(bindings: list[Any]) -> set[str]:
    keys: set[str] = set()
    for binding in bindings:
        key = binding.key if hasattr(binding, "key") else binding[0]
        keys.update(k.strip() for k in key.split(","))
    return keys


def text_of(screen: Any, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def open_import(pilot: Pilot[Any]) -> ImportScreen:
    await settle(pilot)
    await pilot.press(IMPORT_KEY)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ImportScreen)
    return screen


async def preview(pilot: Pilot[Any], source: str | None = None) -> None:
    if source is not None:
        await pilot.press("ctrl+u", *source)
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_the_import_and_last_time_keys_clash_with_nothing() -> None:
    app_keys = {b.key: b for b in SecondStoryApp.BINDINGS if not isinstance(b, tuple)}
    assert app_keys[IMPORT_KEY].action == "import_timeline" and app_keys[IMPORT_KEY].priority
    assert app_keys[LAST_TIME_KEY].action == "last_time" and app_keys[LAST_TIME_KEY].priority
    others = _keys([b for k, b in app_keys.items() if k not in (IMPORT_KEY, LAST_TIME_KEY)])
    fields = _keys(Input.BINDINGS) | _keys(FLAG_BINDINGS)
    for key in (IMPORT_KEY, LAST_TIME_KEY):
        assert key not in others
        assert key not in fields
    # The one thing they take over: a text area's own f6 (select line) and f7 (select all);
    # shift+arrows still select there.
    shadowed = {
        b.action
        for b in TextArea.BINDINGS
        if isinstance(b, Binding) and b.key in (IMPORT_KEY, LAST_TIME_KEY)
    }
    assert shadowed <= {"select_line", "select_all"}


async def test_preview_then_confirm_then_nothing_twice(
    example_copy: Path, make_app: MakeApp
) -> None:
    before = load_session(example_copy)
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_import(pilot)
        await preview(pilot, str(PD_LOG))
        assert screen.is_current
        counts = text_of(screen, "#import-preview").splitlines()[0]
        assert counts == "5 new events · 0 events already in the timeline · 1 left out"
        shown = text_of(screen, "#import-preview")
        assert "2026-03-22 14:23:04  trigger     Triggered through the API" in shown
        # The preview changed nothing, in memory or on disk.
        assert len(screen.state.session.timeline) == len(before.timeline)
        assert len(load_session(example_copy).timeline) == len(before.timeline)

        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ImportScreen)
        after = await saved(app, example_copy)
        known = {(e.source, e.source_id) for e in before.timeline}
        added = [e for e in after.timeline if (e.source, e.source_id) not in known]
        assert len(after.timeline) == len(before.timeline) + 5
        assert {e.source_id for e in added} == {
            "R1TRIGGER",
            "R3ACK",
            "R4NOTE",
            "R5ESC",
            "R6RESOLVE",
        }
        assert [e.at for e in after.timeline] == sorted(e.at for e in after.timeline)

        # The same source again: the dialog remembers it; nothing is new, nothing is added.
        screen = await open_import(pilot)
        assert screen.query_one("#import-source", Input).value == str(PD_LOG)
        await preview(pilot)
        counts = text_of(screen, "#import-preview").splitlines()[0]
        assert counts == "0 new events · 5 events already in the timeline · 1 left out"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.is_current
        assert "Nothing to add" in text_of(screen, "#import-status")
        await pilot.press("escape")
        again = await saved(app, example_copy)
        assert len(again.timeline) == len(after.timeline)


async def test_a_changed_field_needs_a_new_preview(example_copy: Path, make_app: MakeApp) -> None:
    before = load_session(example_copy)
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_import(pilot)
        await preview(pilot, str(PD_LOG))
        assert screen.preview is not None
        await pilot.press("tab", "tab", *"UTC")  # the zone field
        assert screen.preview is None
        assert "Enter previews again" in text_of(screen, "#import-status")
        await pilot.press("escape")
        await pilot.pause()
        assert len((await saved(app, example_copy)).timeline) == len(before.timeline)


async def test_since_and_until_limit_what_is_added(example_copy: Path, make_app: MakeApp) -> None:
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_import(pilot)
        await pilot.press(*str(PD_LOG), "tab", "tab", "tab", "tab", *"14:25", "tab", *"14:50")
        await preview(pilot)
        counts = text_of(screen, "#import-preview").splitlines()[0]
        # Acknowledge, annotate and escalate fall inside; trigger and resolve do not.
        assert counts.startswith("3 new events · 0 events already in the timeline")


@pytest.mark.parametrize(
    ("source", "typed", "expected", "field"),
    [
        ("missing.json", (), "missing.json: no such file or folder", "import-source"),
        ("bad.json", (), "bad.json:1:41: not valid JSON", "import-source"),
        ("typed.json", (), "typed.json: $.log_entries[0].type: expected a string", "import-source"),
        (str(PD_LOG), ("tab", "tab", *"Mars/Olympus"), "Zone: unknown time zone", "import-tz"),
        (
            str(PD_LOG),
            ("tab", "tab", "tab", *"22/03/2026"),
            "Day: expected YYYY-MM-DD",
            "import-day",
        ),
        (
            str(PD_LOG),
            ("tab", "tab", "tab", "tab", *"15:00", "tab", *"14:00"),
            "Since 15:00 is after Until 14:00",
            "import-since",
        ),
    ],
)
async def test_bad_input_is_explained_in_the_dialog_and_changes_nothing(
    example_copy: Path,
    make_app: MakeApp,
    monkeypatch: pytest.MonkeyPatch,
    source: str,
    typed: tuple[str, ...],
    expected: str,
    field: str | None,
) -> None:
    folder = example_copy.parent
    (folder / "bad.json").write_text('{"log_entries": [{"id": "R1", "type": 3}', encoding="utf-8")
    typed_wrong = '{"log_entries": [{"id": "R1", "type": 3, "created_at": "2026-03-22T14:00:00Z"}]}'
    (folder / "typed.json").write_text(typed_wrong, encoding="utf-8")
    monkeypatch.chdir(folder)
    original = example_copy.read_bytes()
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_import(pilot)
        await pilot.press(*source, *typed)
        await preview(pilot)
        assert screen.is_current
        status = screen.query_one("#import-status", Static)
        assert status.has_class("-error")
        assert expected in str(status.render())
        if field is not None:
            assert screen.query_one(f"#{field}", Input).has_class("-bad")
        assert not screen.query_one("#import-scroll").has_class("-shown")
        await pilot.press("enter")  # still broken: still nothing
        await pilot.app.workers.wait_for_complete()
        await pilot.press("escape")
        await saved(app, example_copy)
    assert example_copy.read_bytes() == original


async def test_a_large_import_counts_its_progress(
    example_copy: Path, make_app: MakeApp, tmp_path: Path
) -> None:
    entries = [
        {
            "id": f"R{i:05d}",
            "type": "annotate_log_entry",
            "summary": f"note {i}",
            "created_at": f"2026-03-22T14:{i // 60 % 60:02d}:{i % 60:02d}Z",
            "channel": {"type": "note", "summary": f"pool at {i % 100}% ({i})"},
        }
        for i in range(2500)
    ]
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"log_entries": entries}), encoding="utf-8")
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_import(pilot)
        await preview(pilot, str(big))
        bar = screen.query_one(ProgressBar)
        # The core reports every 1,000 entries; the bar followed (it is hidden once done).
        assert bar.total == 2500
        assert bar.progress == 2000
        assert not bar.has_class("-shown")
        counts = text_of(screen, "#import-preview").splitlines()[0]
        assert counts.startswith("2,500 new events")
        await pilot.press("enter")
        session = await saved(app, example_copy)
        assert sum(1 for e in session.timeline if (e.source_id or "").startswith("R0")) == 2500


async def test_the_timeline_workspace_shows_imported_events(
    example_copy: Path, make_app: MakeApp
) -> None:
    from secondstory.tui.widgets.timeline_table import TimelineTable

    session = load_session(example_copy)
    session.agenda.current = TIMELINE_PHASE
    save_session(session, example_copy)
    count = len(session.timeline)
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.query_one(TimelineTable).row_count == count
        await open_import(pilot)
        await preview(pilot, str(PD_LOG))
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.main_screen
        assert app.query_one(TimelineTable).row_count == count + 5
        assert isinstance(app.focused, TimelineTable)


async def test_the_palette_offers_import_and_last_time(
    example_copy: Path, make_app: MakeApp
) -> None:
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert "Follow-up: last time" in commands
        commands["Timeline: import events"].callback()
        await pilot.pause()
        assert isinstance(app.screen, ImportScreen)


def test_core_messages_name_the_dialog_fields() -> None:
    assert in_field_words("--tz: unknown time zone 'X'") == (
        "Zone: unknown time zone 'X'",
        "#import-tz",
    )
    text, field = in_field_words("x.txt:3: 14:00 has no date; add a date line, or pass --date")
    assert text.endswith("or fill in Day") and field is None


def test_paths_complete_from_the_folder(tmp_path: Path) -> None:
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "pagerduty.json").write_text("{}")
    (tmp_path / "exports" / "slack.zip").write_text("")
    (tmp_path / ".hidden").write_text("")
    assert complete_path("exp", tmp_path) == "exports/"
    assert complete_path("exports/", tmp_path) is None  # the folder may be the source itself
    assert complete_path("exports/p", tmp_path) == "exports/pagerduty.json"
    assert complete_path("exports/pagerduty.json", tmp_path) is None
    assert complete_path("nothing", tmp_path) is None
    assert complete_path("", tmp_path) is None
    assert complete_path(".h", tmp_path) == ".hidden"
    assert complete_path(f"{tmp_path}/exports/s", Path("/")) == f"{tmp_path}/exports/slack.zip"


def test_snapshot_import_preview(
    snap_compare: Any, make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A session built in code (not the shipped example), so the snapshot only moves with the app.
    session = build_session()
    session.incident.timezone = "Europe/London"
    session.incident.started_at = datetime(2026, 3, 22, 14, 5, tzinfo=UTC)
    path = tmp_path / "INC-TEST-0001.toml"
    save_session(session, path)
    (tmp_path / PD_LOG.name).write_bytes(PD_LOG.read_bytes())
    monkeypatch.chdir(tmp_path)

    async def run_before(pilot: Pilot[Any]) -> None:
        await open_import(pilot)
        await preview(pilot, PD_LOG.name)
        await settle(pilot)
        # `settle` stops the blinking of the main screen's fields only (`app.query` does not
        # reach a pushed screen): the dialog's cursor is stopped here, shown.
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    assert snap_compare(make_app(path), terminal_size=(120, 36), run_before=run_before)


async def test_no_import_or_last_time_without_a_session(tmp_path: Path, make_app: MakeApp) -> None:
    from secondstory.tui.screens.last_time_screen import LastTimeScreen
    from secondstory.tui.screens.picker_screen import PickerScreen

    app = make_app(None, folder=tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press(IMPORT_KEY, LAST_TIME_KEY)
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert not any(isinstance(s, ImportScreen | LastTimeScreen) for s in app.screen_stack)


async def test_the_remembered_source_is_replaced_by_typing(
    example_copy: Path, make_app: MakeApp
) -> None:
    csv_path = str(FIXTURES / "timeline.csv")
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_import(pilot)
        await preview(pilot, str(PD_LOG))
        await pilot.press("escape")
        screen = await open_import(pilot)
        field = screen.query_one("#import-source", Input)
        assert field.value == str(PD_LOG)
        await pilot.pause()
        await pilot.press(*csv_path)
        assert field.value == csv_path
