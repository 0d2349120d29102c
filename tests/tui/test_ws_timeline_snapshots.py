"""SVG snapshots of the timeline walkthrough: walking, capturing, presenting, and empty.

The clock is frozen and cursors do not blink, so every run draws the same picture. Update with
`pytest tests/tui/test_ws_timeline_snapshots.py --snapshot-update` and look at the SVGs before
keeping them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from tui_support import MakeApp, settle


def keys(*pressed: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Move to the timeline phase, press `pressed`, and stop the cursors blinking."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press(*pressed)
        await settle(pilot)

    return run_before


def test_walking_to_a_decision_point(
    snap_compare: Any, make_app: MakeApp, example_copy: Path
) -> None:
    assert snap_compare(make_app(example_copy), terminal_size=(120, 36), run_before=keys("d"))


def test_capturing_at_a_decision_point_wide(
    snap_compare: Any, make_app: MakeApp, example_copy: Path
) -> None:
    assert snap_compare(
        make_app(example_copy), terminal_size=(160, 48), run_before=keys("d", "d", "tab")
    )


def test_presentation_shows_the_current_event(
    snap_compare: Any, make_app: MakeApp, example_copy: Path
) -> None:
    assert snap_compare(make_app(example_copy), terminal_size=(120, 36), run_before=keys("d", "f2"))


def test_an_empty_timeline(snap_compare: Any, make_app: MakeApp, session_path: Path) -> None:
    assert snap_compare(make_app(session_path), terminal_size=(80, 24), run_before=keys())


def test_phase_notes_in_a_small_terminal(
    snap_compare: Any, make_app: MakeApp, example_copy: Path
) -> None:
    assert snap_compare(make_app(example_copy), terminal_size=(80, 24), run_before=keys("d", "n"))


def test_presentation_follows_the_walking_keys(
    snap_compare: Any, make_app: MakeApp, example_copy: Path
) -> None:
    assert snap_compare(
        make_app(example_copy), terminal_size=(120, 36), run_before=keys("f2", "d", "d")
    )
