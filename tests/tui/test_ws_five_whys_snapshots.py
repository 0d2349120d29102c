"""SVG snapshots of the five-whys workspace and of presentation mode showing the current chain.

The clock is frozen and cursors do not blink. Update with
`pytest tests/tui/test_ws_five_whys_snapshots.py --snapshot-update` and look at the SVGs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from tui_support import MakeApp, build_session, settle

from secondstory.core.storage import load_session, save_session

WHYS_PHASE = 2


@pytest.fixture
def example_whys(example_copy: Path) -> Path:
    session = load_session(example_copy)
    session.agenda.current = WHYS_PHASE
    save_session(session, example_copy)
    return example_copy


@pytest.fixture
def empty_whys(tmp_path: Path) -> Path:
    session = build_session()
    session.agenda.current = WHYS_PHASE
    path = tmp_path / "INC-TEST-0001.toml"
    save_session(session, path)
    return path


def test_chain_with_a_person_answer(
    snap_compare: Any, make_app: MakeApp, example_whys: Path
) -> None:
    """The example's first chain, carried on to "Dana forgot …": marked, with "how" questions."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press(*"Why was it missed? Dana forgot to set the pool size", "enter")
        await settle(pilot)

    assert snap_compare(make_app(example_whys), terminal_size=(120, 36), run_before=run_before)


def test_no_chain_yet(snap_compare: Any, make_app: MakeApp, empty_whys: Path) -> None:
    assert snap_compare(make_app(empty_whys), terminal_size=(80, 24), run_before=settle)


def test_presentation_shows_the_current_chain(
    snap_compare: Any, make_app: MakeApp, example_whys: Path
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("up", "right_square_bracket", "f2")
        await settle(pilot)

    assert snap_compare(make_app(example_whys), terminal_size=(120, 36), run_before=run_before)
