"""The quick lists workspace (went well / could be better): keys in, session file out.

Each test presses the real keys and reads the session file back after the app's autosave.
Snapshots show the example's lists, an empty session's lists, and presentation mode showing
the highlighted entry.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea
from tui_support import MakeApp, saved, settle

from secondstory.core.model import Agenda, Incident, Note, Person, Phase, Session
from secondstory.core.storage import load_session, save_session
from secondstory.tui.app import SecondStoryApp
from secondstory.tui.screens.main_screen import MainScreen
from secondstory.tui.widgets.list_entries import EntryList
from secondstory.tui.widgets.list_panel import ListPanel, split_author
from secondstory.tui.workspaces.lists import ListsWorkspace, list_order

PEOPLE = [
    Person(name="Morgan Lee", facilitator=True),
    Person(name="Priya Raman", role="On-call SRE"),
    Person(name="Dana Whitfield"),
    Person(name="Priya Shah"),
    Person(name="Jordan Blake", observer=True),
]


def lists_session(current: int = 0) -> Session:
    phases = [
        Phase(id="went-well", title="What went well", kind="went_well", planned_minutes=5),
        Phase(
            id="could-be-better",
            title="What did not go well",
            kind="could_be_better",
            planned_minutes=15,
        ),
        Phase(id="debrief", title="Debrief", kind="debrief", planned_minutes=5),
    ]
    return Session(
        incident=Incident(id="INC-LISTS-1", title="Search latency spike"),
        people=list(PEOPLE),
        agenda=Agenda(name="test", phases=phases, current=current),
    )


@pytest.fixture
def lists_path(tmp_path: Path) -> Path:
    path = tmp_path / "INC-LISTS-1.toml"
    save_session(lists_session(), path)
    return path


@pytest.fixture
def filled_path(tmp_path: Path) -> Path:
    session = lists_session()
    session.went_well = [Note(text="Alert fired fast"), Note(text="Rollback worked")]
    session.lessons = [Note(text="Defaults matter")]
    path = tmp_path / "INC-LISTS-1.toml"
    save_session(session, path)
    return path


async def focused_add_line(app: SecondStoryApp, pilot: Pilot[Any]) -> Input:
    """The add line that has the cursor once the workspace has put it there (after a refresh,
    which on a busy machine can take a few pauses)."""
    for _ in range(20):
        if isinstance(app.focused, Input):
            return app.focused
        await pilot.pause()
    raise AssertionError(f"the cursor is on {app.focused!r}, not in an add line")


def workspace(app: SecondStoryApp) -> ListsWorkspace:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    found = screen.workspace()
    assert isinstance(found, ListsWorkspace)
    return found


def texts(notes: list[Note]) -> list[str]:
    return [n.text for n in notes]


async def test_typing_a_line_and_enter_adds_it_to_the_phase_list(
    lists_path: Path, make_app: MakeApp
) -> None:
    app = make_app(lists_path)
    async with app.run_test(size=(120, 36)) as pilot:
        focused = await focused_add_line(app, pilot)
        panel = next(a for a in focused.ancestors if isinstance(a, ListPanel))
        assert panel.list_name == "went_well"
        await pilot.press(*"Alerts fired within a minute", "enter")
        await pilot.press(*"Dana: rollback took four minutes", "enter")
        await pilot.press("enter")  # an empty line adds nothing
        session = await saved(app, lists_path)
        assert texts(session.went_well) == [
            "Alerts fired within a minute",
            "rollback took four minutes",
        ]
        assert [n.author for n in session.went_well] == ["", "Dana Whitfield"]
        assert focused.value == ""
        assert panel.border_title == "What went well (2)"


async def test_edit_delete_undo_and_move_with_the_keys(
    filled_path: Path, make_app: MakeApp
) -> None:
    app = make_app(filled_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await focused_add_line(app, pilot)
        await pilot.press("up")  # from the add line to the last entry
        assert isinstance(app.focused, EntryList)
        assert app.focused.highlighted == 1
        await pilot.press("shift+up")
        assert texts((await saved(app, filled_path)).went_well) == [
            "Rollback worked",
            "Alert fired fast",
        ]
        await pilot.press("e")  # the entry comes back into the add line
        assert isinstance(app.focused, Input)
        assert app.focused.value == "Rollback worked"
        await pilot.press(*" first time", "enter")
        assert texts((await saved(app, filled_path)).went_well) == [
            "Rollback worked first time",
            "Alert fired fast",
        ]
        assert isinstance(app.focused, EntryList)
        await pilot.press("down", "d")
        assert texts((await saved(app, filled_path)).went_well) == ["Rollback worked first time"]
        await pilot.press("u")
        assert texts((await saved(app, filled_path)).went_well) == [
            "Rollback worked first time",
            "Alert fired fast",
        ]


async def test_escape_cancels_an_edit_and_changes_nothing(
    filled_path: Path, make_app: MakeApp
) -> None:
    app = make_app(filled_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await focused_add_line(app, pilot)
        await pilot.press("up", "enter")  # Enter on an entry edits it too
        assert isinstance(app.focused, Input)
        await pilot.press("ctrl+u", *"something else", "escape")
        assert isinstance(app.focused, EntryList)
        assert texts((await saved(app, filled_path)).went_well) == [
            "Alert fired fast",
            "Rollback worked",
        ]
        # The add line is empty again: the next line typed is a new entry.
        await pilot.press("down", "down")
        assert isinstance(app.focused, Input)
        assert app.focused.value == ""


async def test_an_edit_to_nothing_is_refused_with_a_message(
    filled_path: Path, make_app: MakeApp
) -> None:
    app = make_app(filled_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await focused_add_line(app, pilot)
        await pilot.press("up", "e", "ctrl+u", "space", "enter")
        panel = workspace(app).own_panel()
        assert panel is not None
        assert "expected some text" in str(panel.query_one(".list-hint").render())
        assert texts((await saved(app, filled_path)).went_well)[1] == "Rollback worked"


async def test_tab_reaches_the_other_lists(filled_path: Path, make_app: MakeApp) -> None:
    app = make_app(filled_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await focused_add_line(app, pilot)
        await pilot.press("tab")  # could be better: empty, so straight to its add line
        await pilot.press(*"Dashboards lacked a per-service view", "enter")
        await pilot.press("tab", "tab")  # lucky: empty; then lessons' entries
        await pilot.press("tab", *"Look at defaults", "enter")
        session = await saved(app, filled_path)
        assert texts(session.could_be_better) == ["Dashboards lacked a per-service view"]
        assert texts(session.lucky) == []
        assert texts(session.lessons) == ["Defaults matter", "Look at defaults"]


async def test_the_could_be_better_phase_shows_its_own_list_first(
    tmp_path: Path, make_app: MakeApp
) -> None:
    path = tmp_path / "INC-LISTS-1.toml"
    save_session(lists_session(current=1), path)
    app = make_app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        await focused_add_line(app, pilot)
        panels = workspace(app).panels()
        assert [p.list_name for p in panels] == list_order("could_be_better")
        assert panels[0].list_name == "could_be_better"
        await pilot.press(*"No runbook for the index rebuild", "enter")
        session = await saved(app, path)
        assert texts(session.could_be_better) == ["No runbook for the index rebuild"]
        assert session.went_well == []


async def test_empty_lists_say_how_to_add_the_first_entry(
    lists_path: Path, make_app: MakeApp
) -> None:
    app = make_app(lists_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        for panel in workspace(app).panels():
            hint = str(panel.query_one(".list-hint").render())
            assert hint == "Nothing yet."
            assert panel.add_line.placeholder == "Type a line, Enter adds it"


async def test_presentation_shows_the_highlighted_entry_or_the_list(
    filled_path: Path, make_app: MakeApp
) -> None:
    app = make_app(filled_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await focused_add_line(app, pilot)
        ws = workspace(app)
        assert ws.presentation_item() == "What went well\n• Alert fired fast\n• Rollback worked"
        await pilot.press("up")
        assert ws.presentation_item() == "What went well: Rollback worked"
        await pilot.press("f2")
        await pilot.pause()
        box = app.screen.query_one("#pres-item")
        assert box.border_title == "Under discussion"
        assert "Rollback worked" in str(app.screen.query_one("#pres-item-text").render())


async def test_ctrl_keys_of_the_app_still_work_from_the_add_line(
    lists_path: Path, make_app: MakeApp
) -> None:
    app = make_app(lists_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await focused_add_line(app, pilot)
        await pilot.press(*"half typed", "ctrl+n")
        assert load_session(lists_path).agenda.current == 1
        await pilot.pause()
        assert workspace(app).panels()[0].list_name == "could_be_better"
        assert not isinstance(app.focused, TextArea)


def test_a_leading_name_is_the_author_only_when_it_names_one_attendee() -> None:
    names = [p.name for p in PEOPLE]
    assert split_author("Dana: quick rollback", names) == ("Dana Whitfield", "quick rollback")
    assert split_author("morgan lee: kept notes", names) == ("Morgan Lee", "kept notes")
    # Two Priyas: ambiguous, so the line stays as typed.
    assert split_author("Priya: paged", names) == ("", "Priya: paged")
    assert split_author("Note: not a person", names) == ("", "Note: not a person")
    assert split_author("Dana:", names) == ("", "Dana:")


# Snapshots ------------------------------------------------------------------------------------


@pytest.fixture
def example_lists(example_copy: Path) -> Path:
    """The example session with a what-went-well phase added at the front."""
    session = load_session(example_copy)
    session.agenda.phases.insert(
        0,
        Phase(
            id="went-well",
            title="What went well",
            kind="went_well",
            planned_minutes=10,
            prompts=["Which tools, alerts or habits made the response faster or safer?"],
        ),
    )
    session.agenda.current = 0
    save_session(session, example_copy)
    return example_copy


def test_snapshot_lists_of_the_example(
    snap_compare: Any, make_app: MakeApp, example_lists: Path
) -> None:
    assert snap_compare(make_app(example_lists), terminal_size=(120, 36), run_before=settle)


def test_snapshot_lists_from_scratch_small_terminal(
    snap_compare: Any, make_app: MakeApp, lists_path: Path
) -> None:
    assert snap_compare(make_app(lists_path), terminal_size=(80, 24), run_before=settle)


def test_snapshot_lists_wide_with_voices(
    snap_compare: Any, make_app: MakeApp, example_lists: Path
) -> None:
    assert snap_compare(make_app(example_lists), terminal_size=(160, 48), run_before=settle)


def test_snapshot_presentation_of_a_list_entry(
    snap_compare: Any, make_app: MakeApp, example_lists: Path
) -> None:
    async def highlight_then_present(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("up", "up", "f2")
        await pilot.pause()

    assert snap_compare(
        make_app(example_lists), terminal_size=(120, 36), run_before=highlight_then_present
    )


async def test_a_line_typed_but_not_entered_is_kept_on_quit(
    lists_path: Path, make_app: MakeApp
) -> None:
    app = make_app(lists_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await focused_add_line(app, pilot)
        await pilot.press(*"Paging worked", "ctrl+q")
    assert texts(load_session(lists_path).went_well) == ["Paging worked"]
