"""SVG snapshots of the main screen and presentation mode, at 80x24 and 160x48.

The clock is frozen and the cursor does not blink, so every run draws the same picture. Update
with `pytest tests/tui/test_snapshots.py --snapshot-update` and look at the SVGs before keeping.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from tui_support import MakeApp, build_session, settle, started_session

from secondstory.core.model import Interval
from secondstory.core.storage import save_session

pytestmark = pytest.mark.usefixtures("notes_workspaces")

SIZES = [(80, 24), (160, 48)]


@pytest.fixture
def meeting(tmp_path: Path, clock: Any) -> Path:
    path = tmp_path / "INC-TEST-0001.toml"
    save_session(started_session(clock.now), path)
    return path


@pytest.fixture
def opening(tmp_path: Path, clock: Any) -> Path:
    """The opening phase with one minute left: the timer in its warning colour."""
    session = build_session()
    session.agenda.phases[0].actual = [Interval(start=clock.now - timedelta(minutes=4))]
    path = tmp_path / "INC-TEST-0001.toml"
    save_session(session, path)
    return path


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_screen(snap_compare: Any, make_app: MakeApp, meeting: Path, size: Any) -> None:
    assert snap_compare(make_app(meeting), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_presentation(snap_compare: Any, make_app: MakeApp, meeting: Path, size: Any) -> None:
    assert snap_compare(make_app(meeting), press=["f2"], terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_presentation_opening_ground_rules(
    snap_compare: Any, make_app: MakeApp, opening: Path, size: Any
) -> None:
    assert snap_compare(make_app(opening), press=["f2"], terminal_size=size, run_before=settle)


def test_main_screen_over_time(
    snap_compare: Any, make_app: MakeApp, meeting: Path, clock: Any
) -> None:
    clock.advance(minutes=15)  # the timeline phase is now 1:40 over
    assert snap_compare(make_app(meeting), terminal_size=(80, 24), run_before=settle)
