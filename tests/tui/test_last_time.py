"""The "last time" panel (f7): open items of earlier postmortems and rhyming incidents, and
status changes written to those sessions' files.

The folder is built from the example session with changed ids, dates, categories and items; the
app's clock is the fake one (25 March 2026), so "overdue" and the snapshot do not move.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static
from tui_support import MakeApp, settle

from secondstory.core.model import ActionItem, ActionStatus, Priority
from secondstory.core.storage import load_session, save_session
from secondstory.tui.followup_commands import LAST_TIME_KEY
from secondstory.tui.last_time_data import load_last_time
from secondstory.tui.screens.last_time_screen import LastTimeScreen
from secondstory.tui.screens.status_note_screen import StatusNoteScreen
from secondstory.tui.widgets.open_items_table import OpenItemsTable

TODAY = date(2026, 3, 25)
Item = tuple[str, str, Priority, ActionStatus, date | None]


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SECONDSTORY_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def earlier_session(
    example: Path,
    folder: Path,
    ident: str,
    title: str,
    started: datetime,
    categories: list[str],
    items: list[Item],
) -> Path:
    session = load_session(example)
    session.incident.id = ident
    session.incident.title = title
    session.incident.started_at = started
    session.meeting.scheduled_at = None
    for phase in session.agenda.phases:
        phase.actual = []
    for chain, category in zip(session.five_whys, categories, strict=False):
        chain.category = category
    session.contributing_factors = []
    session.actions = [
        ActionItem(
            id=f"A-{n}",
            title=text,
            owner=owner,
            priority=priority,
            status=status,
            deadline=deadline,
            success_criteria="Checked at the next on-call review",
        )
        for n, (text, owner, priority, status, deadline) in enumerate(items, 1)
    ]
    path = folder / f"{ident}.toml"
    save_session(session, path)
    return path


@pytest.fixture
def folder(example_copy: Path) -> Path:
    """The example (open) and earlier sessions: one rhymes on "configuration" with open items,
    one rhymes on "monitoring and alerting" with every item done, one does not rhyme, one is
    later than the open one, one is broken."""
    where = example_copy.parent
    # Pinned here, so a change to the shipped example does not move these tests.
    session = load_session(example_copy)
    session.incident.started_at = datetime(2026, 3, 22, 14, 5, tzinfo=UTC)
    pinned = ["configuration", "monitoring and alerting"]
    for chain, category in zip(session.five_whys, pinned, strict=True):
        chain.category = category
    for factor in session.contributing_factors:
        factor.category = "configuration"
    save_session(session, example_copy)
    earlier_session(
        example_copy,
        where,
        "INC-2026-0612",
        "Search results empty after an index rebuild",
        datetime(2026, 2, 11, 9, 30, tzinfo=UTC),
        ["configuration", "deployment"],
        [
            (
                "Pin the index settings in the search config",
                "Search",
                "P1",
                "open",
                date(2026, 3, 1),
            ),
            ("Alert when the index count halves", "SRE", "P1", "in-progress", date(2026, 3, 20)),
            ("Write the index rebuild runbook", "Search", "P2", "done", date(2026, 2, 20)),
        ],
    )
    earlier_session(
        example_copy,
        where,
        "INC-2026-0455",
        "Payment webhooks delayed by a full queue",
        datetime(2026, 1, 19, 22, 10, tzinfo=UTC),
        ["capacity", "capacity"],
        [
            (
                "Autoscale the webhook workers on queue depth",
                "Payments",
                "P0",
                "open",
                date(2026, 2, 2),
            ),
            ("Page on queue age above five minutes", "SRE", "P1", "open", None),
            ("Move webhooks to a dedicated queue", "Payments", "P2", "wont-do", date(2026, 2, 9)),
            ("Load test the queue at twice the peak", "Payments", "P2", "open", date(2026, 4, 30)),
        ],
    )
    earlier_session(
        example_copy,
        where,
        "INC-2025-1190",
        "Login slow during a certificate renewal",
        datetime(2025, 12, 3, 8, 0, tzinfo=UTC),
        ["monitoring and alerting", "process"],
        [("Monitor certificate expiry on every edge host", "Platform", "P1", "done", None)],
    )
    earlier_session(
        example_copy,
        where,
        "INC-2026-0990",
        "An incident after this one",
        datetime(2026, 4, 2, 8, 0, tzinfo=UTC),
        ["configuration"],
        [("Not from last time", "SRE", "P1", "open", date(2026, 4, 20))],
    )
    (where / "INC-2026-0301.toml").write_text(
        'schema_version = 1\n[incident]\nid = "INC-2026-0301"\ntitle = 3\n', encoding="utf-8"
    )
    return where


def rows(table: OpenItemsTable) -> list[tuple[str, str]]:
    return [(item.incident_id, item.action.id) for item in table.items]


def text_of(screen: Any, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def open_panel(pilot: Pilot[Any]) -> LastTimeScreen:
    await settle(pilot)
    await pilot.press(LAST_TIME_KEY)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, LastTimeScreen)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return screen


def test_earlier_items_overdue_first_and_rhyming_incidents(
    folder: Path, example_copy: Path
) -> None:
    data = load_last_time(load_session(example_copy), example_copy, TODAY)
    assert [(i.incident_id, i.action.id, i.deadline_delta) for i in data.items] == [
        ("INC-2026-0455", "A-1", 51),
        ("INC-2026-0612", "A-1", 24),
        ("INC-2026-0612", "A-2", 5),
        ("INC-2026-0455", "A-4", -36),
        ("INC-2026-0455", "A-2", None),
    ]
    assert data.categories == ("configuration", "monitoring and alerting")
    assert [(i.incident_id, i.action.id, i.shared_categories) for i in data.rhyming] == [
        ("INC-2026-0612", "A-1", ("configuration",)),
        ("INC-2026-0612", "A-2", ("configuration",)),
    ]
    assert [(r.incident_id, r.shared_categories) for r in data.quiet_rhymes] == [
        ("INC-2025-1190", ("monitoring and alerting",))
    ]
    assert (data.earlier, data.later) == (3, 1)
    assert len(data.skipped) == 1
    assert data.skipped[0].startswith(str(folder / "INC-2026-0301.toml"))
    assert "incident.title" in data.skipped[0]


async def test_the_panel_lists_both_and_names_skipped_files(
    folder: Path, example_copy: Path, make_app: MakeApp
) -> None:
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_panel(pilot)
        assert rows(screen.query_one("#lt-open", OpenItemsTable)) == [
            ("INC-2026-0455", "A-1"),
            ("INC-2026-0612", "A-1"),
            ("INC-2026-0612", "A-2"),
            ("INC-2026-0455", "A-4"),
            ("INC-2026-0455", "A-2"),
        ]
        assert rows(screen.query_one("#lt-rhyme", OpenItemsTable)) == [
            ("INC-2026-0612", "A-1"),
            ("INC-2026-0612", "A-2"),
        ]
        summary = text_of(screen, "#lt-summary")
        assert summary.startswith("5 open items from 2 earlier postmortems · 3 overdue")
        assert "1 later incident left out" in summary
        assert "INC-2025-1190" in text_of(screen, "#lt-quiet")
        skipped = text_of(screen, "#lt-skipped")
        assert "INC-2026-0301.toml: incident.title" in skipped
        assert "A-1 Autoscale the webhook workers" in text_of(screen, "#lt-detail")
        await pilot.press("tab")  # the rhyming list
        assert "A-1 Pin the index settings" in text_of(screen, "#lt-detail")
        await pilot.press(LAST_TIME_KEY)
        await pilot.pause()
        assert not isinstance(app.screen, LastTimeScreen)


async def test_an_empty_folder_says_so(example_copy: Path, make_app: MakeApp) -> None:
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_panel(pilot)
        assert text_of(screen, "#lt-summary") == (
            f"No open items from earlier postmortems in {example_copy.parent}."
        )
        assert not screen.query_one("#lt-open").display
        assert not screen.query_one("#lt-skipped").display
        await pilot.press("d")  # nothing highlighted: nothing happens
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, LastTimeScreen)


async def test_done_with_a_note_is_written_to_that_session(
    folder: Path, example_copy: Path, make_app: MakeApp, clock: Any
) -> None:
    other = folder / "INC-2026-0455.toml"
    own = example_copy.read_bytes()
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_panel(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, StatusNoteScreen)
        await pilot.press(*"Autoscaling shipped in 4.3", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        item = load_session(other).actions[0]
        assert item.status == "done"
        assert [(h.at, h.status, h.note) for h in item.history] == [
            (clock.now, "done", "Autoscaling shipped in 4.3")
        ]
        assert text_of(screen, "#lt-message") == (
            "INC-2026-0455 A-1: open → done. Saved INC-2026-0455.toml."
        )
        # Read again: the item is no longer open.
        table = screen.query_one("#lt-open", OpenItemsTable)
        assert ("INC-2026-0455", "A-1") not in rows(table)
        assert len(table.items) == 4

        # In progress on the next one (INC-2026-0612 A-1), without a note.
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        item = load_session(folder / "INC-2026-0612.toml").actions[0]
        assert (item.status, item.history[-1].note) == ("in-progress", "")
        # Escape in the prompt leaves the item alone.
        await pilot.press("w")
        await pilot.pause()
        await pilot.press(*"not now", "escape")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert load_session(folder / "INC-2026-0612.toml").actions[0].status == "in-progress"
    assert example_copy.read_bytes() == own


async def test_wont_do_from_the_rhyming_list(
    folder: Path, example_copy: Path, make_app: MakeApp
) -> None:
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_panel(pilot)
        await pilot.press("tab", "down", "w")  # INC-2026-0612 A-2, in the rhyming list
        await pilot.pause()
        await pilot.press(*"Covered by the new search SLO", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
    item = load_session(folder / "INC-2026-0612.toml").actions[1]
    assert (item.status, item.history[-1].note) == ("wont-do", "Covered by the new search SLO")


@pytest.mark.parametrize("damage", ["vanish", "break"])
async def test_a_vanished_or_broken_file_gives_a_message(
    folder: Path, example_copy: Path, make_app: MakeApp, damage: str
) -> None:
    other = folder / "INC-2026-0455.toml"
    app = make_app(example_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_panel(pilot)
        if damage == "vanish":
            other.unlink()
        else:
            other.write_text("schema_version = 1\n[incident\n", encoding="utf-8")
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        message = screen.query_one("#lt-message", Static)
        assert message.has_class("-error")
        text = str(message.render())
        assert text.startswith("Not changed: ")
        assert "INC-2026-0455.toml" in text
        assert app.screen is screen
        # The list is as it was: the item is still there to try again.
        assert ("INC-2026-0455", "A-1") in rows(screen.query_one("#lt-open", OpenItemsTable))
    if damage == "vanish":
        assert not other.exists()
    else:
        assert other.read_text(encoding="utf-8") == "schema_version = 1\n[incident\n"


def test_snapshot_last_time_panel(
    snap_compare: Any, make_app: MakeApp, folder: Path, example_copy: Path
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await open_panel(pilot)
        await settle(pilot)

    assert snap_compare(make_app(example_copy), terminal_size=(120, 36), run_before=run_before)


def test_long_lists_say_how_much_is_shown(folder: Path, example_copy: Path) -> None:
    from dataclasses import replace

    from secondstory.tui.screens.last_time_screen import MAX_ROWS, summary_line

    data = load_last_time(load_session(example_copy), example_copy, TODAY)
    assert "first" not in summary_line(data)
    many = replace(data, items=data.items * (MAX_ROWS // len(data.items) + 1))
    assert summary_line(many).endswith(
        f"the first {MAX_ROWS} of each list shown (secondstory actions lists all)"
    )
