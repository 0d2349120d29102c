"""SVG snapshots of the action items workspace and of presentation mode showing the current item.

The clock is frozen and cursors do not blink. Update with
`pytest tests/tui/test_ws_actions_snapshots.py --snapshot-update` and look at the SVGs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from tui_support import MakeApp, build_session, settle

from secondstory.core.storage import load_session, save_session

ACTIONS_PHASE = 3


@pytest.fixture
def example_actions(example_copy: Path) -> Path:
    """The example's items, one of them made vague and late so the checklist has work to do."""
    session = load_session(example_copy)
    session.agenda.current = ACTIONS_PHASE
    item = session.actions[4]
    item.title = "Look into the saturation runbook"
    item.deadline = item.deadline.replace(month=5) if item.deadline else None
    save_session(session, example_copy)
    return example_copy


@pytest.fixture
def empty_actions(tmp_path: Path) -> Path:
    session = build_session()
    session.agenda.current = ACTIONS_PHASE
    path = tmp_path / "INC-TEST-0001.toml"
    save_session(session, path)
    return path


def test_table_and_checklist_side_by_side(
    snap_compare: Any, make_app: MakeApp, example_actions: Path
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("down", "down", "down", "down")  # the vague, late item
        await settle(pilot)

    assert snap_compare(make_app(example_actions), terminal_size=(160, 48), run_before=run_before)


def test_no_items_yet(snap_compare: Any, make_app: MakeApp, empty_actions: Path) -> None:
    assert snap_compare(make_app(empty_actions), terminal_size=(80, 24), run_before=settle)


def test_add_form(snap_compare: Any, make_app: MakeApp, example_actions: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("a", *"Alert when pool use passes 80%", "tab", *"SRE", "tab", "tab")
        await pilot.press(*"next friday")
        await settle(pilot)

    assert snap_compare(make_app(example_actions), terminal_size=(120, 36), run_before=run_before)


def test_presentation_shows_the_current_item(
    snap_compare: Any, make_app: MakeApp, example_actions: Path
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("down", "f2")
        await settle(pilot)

    assert snap_compare(make_app(example_actions), terminal_size=(120, 36), run_before=run_before)
