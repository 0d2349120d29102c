"""The attendee list in the app: filled from scratch by keys, edited, and saved to the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import OptionList, Static
from tui_support import MakeApp, build_session, saved, settle

from secondstory.core.model import Person
from secondstory.core.storage import load_session, save_session
from secondstory.tui.app import SecondStoryApp
from secondstory.tui.screens.main_screen import MainScreen
from secondstory.tui.screens.people_screen import PeopleScreen
from secondstory.tui.widgets.voices_panel import VoicesPanel


async def open_people(app: SecondStoryApp, pilot: Pilot[Any]) -> PeopleScreen:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*"People: attendees", "enter")
    await settle(pilot)
    assert isinstance(app.screen, PeopleScreen)
    return app.screen


def message(screen: PeopleScreen) -> str:
    return str(screen.query_one("#people-message", Static).content)


async def test_a_session_from_scratch_gets_its_people_by_keys(
    tmp_path: Path, make_app: MakeApp
) -> None:
    path = tmp_path / "INC-TEST-0001.toml"
    save_session(build_session(), path)
    app = make_app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        voices = app.screen.query_one(VoicesPanel)
        assert "No attendees yet" in str(voices.query_one(".voices-waiting", Static).content)
        screen = await open_people(app, pilot)
        assert screen.line.has_focus
        await pilot.press(*"Priya Raman, On-call SRE, Payments, Europe/Berlin", "enter")
        await pilot.press(*"Dana Whitfield, Database engineer", "enter")
        await pilot.press(*"Jordan Blake, VP Engineering", "enter")
        await pilot.pause()
        assert "Added Jordan Blake" in message(screen)
        # Up into the list (on the last one added): Jordan observes, Priya facilitates.
        await pilot.press("up")
        assert screen.people.has_focus and screen.people.highlighted == 2
        await pilot.press("o", "up", "up", "f")
        await pilot.pause()
        assert screen.people.highlighted == 0
        assert screen.query_one("#people-box").border_title == "Attendees · 3, 1 observing"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        waiting = str(voices.query_one(".voices-waiting", Static).content)
        assert waiting == "Not heard yet: Dana Whitfield"
        session = await saved(app, path)
    people = session.people
    assert [(p.name, p.role, p.team, p.timezone) for p in people] == [
        ("Priya Raman", "On-call SRE", "Payments", "Europe/Berlin"),
        ("Dana Whitfield", "Database engineer", "", ""),
        ("Jordan Blake", "VP Engineering", "", ""),
    ]
    assert [(p.facilitator, p.observer) for p in people] == [
        (True, False),
        (False, False),
        (False, True),
    ]


async def test_edit_and_remove_carry_the_heard_marks(tmp_path: Path, make_app: MakeApp) -> None:
    path = tmp_path / "INC-TEST-0001.toml"
    session = build_session()
    session.people = [Person(name="Priya"), Person(name="Dana")]
    session.agenda.phases[0].spoken = ["Priya", "Dana"]
    save_session(session, path)
    app = make_app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        # From the voices list, where the facilitator goes round the room: p.
        voices = app.screen.query_one(VoicesPanel)
        voices.query_one(OptionList).focus()
        await pilot.press("p")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PeopleScreen)
        await pilot.press("up")  # the list, on Dana
        await pilot.press("e")
        assert screen.line.value == "Dana"
        await pilot.press("end", *" Whitfield, DBA", "enter")
        await pilot.pause()
        assert "Dana Whitfield changed." in message(screen)
        await pilot.press("up", "up", "d")  # Priya
        await pilot.pause()
        assert message(screen) == "Removed Priya."
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, PeopleScreen)
        saved_session = await saved(app, path)
    assert [(p.name, p.role) for p in saved_session.people] == [("Dana Whitfield", "DBA")]
    assert saved_session.agenda.phases[0].spoken == ["Dana Whitfield"]


async def test_a_bad_line_is_explained_and_changes_nothing(
    tmp_path: Path, make_app: MakeApp
) -> None:
    path = tmp_path / "INC-TEST-0001.toml"
    session = build_session()
    session.people = [Person(name="Priya")]
    save_session(session, path)
    before = path.read_text("utf-8")
    app = make_app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = await open_people(app, pilot)
        await pilot.press(*"Sam, SRE, Payments, Mars/Olympus", "enter")
        await pilot.pause()
        assert "time zone 'Mars/Olympus': expected UTC" in message(screen)
        assert screen.query_one("#people-message").has_class("-error")
        assert screen.line.value == "Sam, SRE, Payments, Mars/Olympus"  # to fix, not retype
        await pilot.press("ctrl+u", *"priya", "enter")
        await pilot.pause()
        assert "'priya' is already in the attendee list" in message(screen)
        assert app.state is not None and not app.state.dirty
        await pilot.press("escape")
        await settle(pilot)
    assert path.read_text("utf-8") == before
    assert [p.name for p in load_session(path).people] == ["Priya"]
