"""Voices: marking who has spoken in the current phase, from the opening workspace and others.

The opening workspace is the notes workspace plus the voices panel and the observer reminder;
marks are per phase (`Phase.spoken`) and land in the session file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList
from tui_support import MakeApp, build_session, focus_on, saved, settle

from secondstory.core.model import Person
from secondstory.core.storage import load_session, save_session
from secondstory.tui.app import SecondStoryApp
from secondstory.tui.screens.main_screen import MainScreen
from secondstory.tui.widgets.text_fields import NoteArea
from secondstory.tui.widgets.voices_panel import VoicesPanel
from secondstory.tui.workspaces.notes import NotesWorkspace
from secondstory.tui.workspaces.opening import OpeningWorkspace

PEOPLE = [
    Person(name="Morgan Lee", role="Engineering manager", facilitator=True),
    Person(name="Priya Raman", role="On-call SRE"),
    Person(name="Dana Whitfield", role="Software engineer"),
    Person(name="Jordan Blake", role="VP Engineering", observer=True),
    Person(name="Sam Okafor"),
]


@pytest.fixture
def people_path(tmp_path: Path) -> Path:
    session = build_session()
    session.people = list(PEOPLE)
    path = tmp_path / "INC-TEST-0001.toml"
    save_session(session, path)
    return path


def voices(app: SecondStoryApp) -> VoicesPanel:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen.query_one(VoicesPanel)


def text_of(panel: VoicesPanel, selector: str) -> str:
    return str(panel.query_one(selector).render())


async def test_the_opening_is_the_notes_workspace_with_voices(
    people_path: Path, make_app: MakeApp
) -> None:
    app = make_app(people_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await focus_on(app, pilot, NoteArea)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        workspace = screen.workspace()
        assert isinstance(workspace, OpeningWorkspace)
        assert isinstance(workspace, NotesWorkspace)
        assert isinstance(app.focused, NoteArea)  # typing notes comes first, as before
        await pilot.press(*"Ground rules agreed")
        session = await saved(app, people_path)
        assert session.agenda.phases[0].notes == "Ground rules agreed"


async def test_space_marks_who_has_spoken_and_the_rest_are_listed(
    people_path: Path, make_app: MakeApp
) -> None:
    app = make_app(people_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await focus_on(app, pilot, NoteArea)
        panel = voices(app)
        assert text_of(panel, ".voices-waiting") == (
            "Not heard yet: Priya Raman, Dana Whitfield, Sam Okafor"
        )
        panel.voice_list.focus()
        await pilot.press("down", "space")  # Priya
        await pilot.press("down", "enter")  # Dana: Enter marks too
        session = await saved(app, people_path)
        assert session.agenda.phases[0].spoken == ["Priya Raman", "Dana Whitfield"]
        assert text_of(panel, ".voices-waiting") == "Not heard yet: Sam Okafor"
        assert panel.border_title == "Voices · 2 of 3 heard"
        await pilot.press("space")  # Dana again: not heard after all
        assert (await saved(app, people_path)).agenda.phases[0].spoken == ["Priya Raman"]


async def test_observers_are_marked_and_not_counted(people_path: Path, make_app: MakeApp) -> None:
    app = make_app(people_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await focus_on(app, pilot, NoteArea)
        panel = voices(app)
        option = panel.voice_list.get_option_at_index(3)
        assert "Jordan Blake · observer, listens" in str(option.prompt)
        assert option.disabled
        panel.voice_list.focus()
        # Moving down skips the observer: from Dana (2) the next is Sam (4).
        await pilot.press("down", "down", "down", "space")
        assert (await saved(app, people_path)).agenda.phases[0].spoken == ["Sam Okafor"]
        assert "Jordan" not in text_of(panel, ".voices-waiting")


async def test_the_opening_reminds_the_room_that_observers_listen(
    people_path: Path, make_app: MakeApp
) -> None:
    app = make_app(people_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await focus_on(app, pilot, NoteArea)
        panel = voices(app)
        reminder = panel.query_one(".voices-reminder")
        assert reminder.display
        assert str(reminder.render()) == (
            "Observers listen: Jordan Blake. Their questions go to the parking lot (ctrl+l)."
        )


async def test_marks_belong_to_their_phase_and_c_clears_them(
    people_path: Path, make_app: MakeApp, tmp_path: Path
) -> None:
    session = load_session(people_path)
    session.agenda.current = 4  # the debrief, which shows voices without the reminder
    session.agenda.phases[0].spoken = ["Priya Raman"]
    save_session(session, people_path)
    app = make_app(people_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await focus_on(app, pilot, Input)  # the debrief's "who" field
        await app.workers.wait_for_complete()
        panel = voices(app)
        assert not panel.query_one(".voices-reminder").display
        assert text_of(panel, ".voices-waiting").startswith("Not heard yet: Priya Raman")
        panel.voice_list.focus()
        await pilot.press("down", "space", "down", "space")
        saved_session = await saved(app, people_path)
        assert saved_session.agenda.phases[4].spoken == ["Priya Raman", "Dana Whitfield"]
        assert saved_session.agenda.phases[0].spoken == ["Priya Raman"]
        await pilot.press("c")
        saved_session = await saved(app, people_path)
        assert saved_session.agenda.phases[4].spoken == []
        assert saved_session.agenda.phases[0].spoken == ["Priya Raman"]


async def test_space_in_the_notes_is_still_a_space(people_path: Path, make_app: MakeApp) -> None:
    app = make_app(people_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await focus_on(app, pilot, NoteArea)
        await pilot.press("a", "space", "c")
        session = await saved(app, people_path)
        assert session.agenda.phases[0].notes == "a c"
        assert session.agenda.phases[0].spoken == []


async def test_a_session_without_attendees_says_how_to_add_them(
    session_path: Path, make_app: MakeApp
) -> None:
    app = make_app(session_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        panel = voices(app)
        assert not panel.voice_list.display
        assert "People in the palette (ctrl+p)" in text_of(panel, ".voices-waiting")
        await pilot.press("tab")
        assert not isinstance(app.focused, OptionList)


# Snapshots ------------------------------------------------------------------------------------


async def _marked(pilot: Pilot[Any]) -> None:
    app = pilot.app
    assert isinstance(app, SecondStoryApp)
    await focus_on(app, pilot, NoteArea)
    voices(app).voice_list.focus()
    await pilot.press("down", "space")
    await settle(pilot)


@pytest.mark.parametrize("size", [(120, 36), (160, 48)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_snapshot_opening_with_voices(
    snap_compare: Any, make_app: MakeApp, example_copy: Path, size: Any
) -> None:
    assert snap_compare(make_app(example_copy), terminal_size=size, run_before=_marked)
