"""Keys that arrive in one burst, as a terminal delivers pasted or fast-typed text.

A facilitator who types a sentence while the cursor is on a list (not in a field) sends the
list a burst of letters, several of them bound to keys that open a form. All of them reach
the list before the first form opens; the workspace drops the requests that arrive once a form
is over it, so they neither stack more forms (each needing its own Escape) nor change the
session behind it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from tui_support import MakeApp, open_timeline, saved

from secondstory.core.storage import load_session, save_session
from secondstory.tui.app import SecondStoryApp
from secondstory.tui.screens.main_screen import MainScreen

SENTENCE = "The change was not properly tested and Raul dismissed it as noise."


async def burst_then_escape(app: SecondStoryApp, pilot: Pilot[Any], text: str) -> None:
    """Type `text` as one burst, check that one form opened, and close it with Escape."""
    for char in text:
        # Posted all at once, before any is handled: the way a terminal's read arrives.
        app.post_message(events.Key("space" if char == " " else char, char))
    for _ in range(10):
        await pilot.pause()
    assert len(app.screen_stack) == 2, [type(s).__name__ for s in app.screen_stack]
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app.screen, MainScreen)


@pytest.mark.parametrize("tabs", [0, 1], ids=["events table", "findings list"])
async def test_a_burst_opens_one_form_and_changes_nothing_behind_it(
    example_copy: Path, make_app: MakeApp, tabs: int
) -> None:
    before = load_session(example_copy)
    app = make_app(example_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_timeline(app, pilot)
        for _ in range(tabs):
            await pilot.press("tab")
        await pilot.pause()
        await burst_then_escape(app, pilot, SENTENCE)
        after = await saved(app, example_copy)
    assert after.timeline == before.timeline
    assert after.findings == before.findings
    assert after.actions == before.actions
    assert after.contributing_factors == before.contributing_factors


async def test_a_burst_on_the_action_items_opens_one_form_and_changes_nothing_behind_it(
    example_copy: Path, make_app: MakeApp
) -> None:
    session = load_session(example_copy)
    session.agenda.current = 3  # action items
    save_session(session, example_copy)
    app = make_app(example_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst_then_escape(app, pilot, "The priority of this is set too low, so type it again")
        after = await saved(app, example_copy)
    assert after.actions == session.actions
