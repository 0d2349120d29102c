"""The parking lot: ctrl+l parks from anywhere, f3 shows the lot, items become action items.

Pilot tests press the real keys and read the session file back after the app's autosave; the
time stamp comes from the fake clock.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, TextArea
from tui_support import MakeApp, build_session, focus_on, saved, settle

from secondstory.core.model import ParkedItem, Phase
from secondstory.core.storage import load_session, save_session
from secondstory.tui.app import SecondStoryApp
from secondstory.tui.keys import LOT_KEY, PARK_KEY
from secondstory.tui.screens.park_prompt_screen import ParkPromptScreen
from secondstory.tui.screens.parking_lot_screen import ParkingLotScreen, parked_label


def _keys(bindings: list[Any]) -> set[str]:
    keys: set[str] = set()
    for binding in bindings:
        key = binding.key if hasattr(binding, "key") else binding[0]
        keys.update(k.strip() for k in key.split(","))
    return keys


def test_the_park_keys_clash_with_nothing() -> None:
    app_keys = {b.key: b for b in SecondStoryApp.BINDINGS if not isinstance(b, tuple)}
    assert app_keys[PARK_KEY].action == "park" and app_keys[PARK_KEY].priority
    assert app_keys[LOT_KEY].action == "parking_lot" and app_keys[LOT_KEY].priority
    others = _keys([b for k, b in app_keys.items() if k not in (PARK_KEY, LOT_KEY)])
    editing = _keys(TextArea.BINDINGS) | _keys(Input.BINDINGS)
    for key in (PARK_KEY, LOT_KEY):
        assert key not in others
        assert key not in editing
        assert key not in ("ctrl+a", "ctrl+b")


async def test_park_takes_the_line_under_the_cursor_in_the_notes(
    session_path: Path, make_app: MakeApp, clock: Any
) -> None:
    app = make_app(session_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await focus_on(app, pilot, TextArea)
        await pilot.press(*"first line", "enter", *"Should canaries watch connections?")
        await pilot.press("enter", *"third line", "up")
        await pilot.press(PARK_KEY)
        session = await saved(app, session_path)
        assert session.parking_lot == [
            ParkedItem(at=clock.now, text="Should canaries watch connections?", phase="opening")
        ]
        # The notes keep their line: they are the record of what was said.
        assert session.agenda.phases[0].notes.splitlines()[1] == (
            "Should canaries watch connections?"
        )


async def test_park_on_an_empty_line_asks_for_the_tangent(
    session_path: Path, make_app: MakeApp, clock: Any
) -> None:
    app = make_app(session_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press(PARK_KEY)
        await pilot.pause()
        assert isinstance(app.screen, ParkPromptScreen)
        await pilot.press("enter")  # nothing typed: asks again, parks nothing
        assert isinstance(app.screen, ParkPromptScreen)
        await pilot.press(*"Budget for a second region", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ParkPromptScreen)
        session = await saved(app, session_path)
        assert [(p.text, p.at) for p in session.parking_lot] == [
            ("Budget for a second region", clock.now)
        ]
        await pilot.press(PARK_KEY)
        await pilot.pause()
        await pilot.press(*"never mind", "escape")
        await pilot.pause()
        assert len((await saved(app, session_path)).parking_lot) == 1


async def test_park_moves_a_typed_line_out_of_an_input(
    tmp_path: Path, make_app: MakeApp, clock: Any
) -> None:
    session = build_session()
    session.agenda.phases.insert(
        0, Phase(id="went-well", title="What went well", kind="went_well", planned_minutes=5)
    )
    path = tmp_path / "INC-LISTS-1.toml"
    save_session(session, path)
    app = make_app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        field = await focus_on(app, pilot, Input)
        await pilot.press(*"Is search on the same cluster?", PARK_KEY)
        assert field.value == ""
        session = await saved(app, path)
        assert [p.text for p in session.parking_lot] == ["Is search on the same cluster?"]
        assert session.parking_lot[0].phase == "went-well"
        assert session.went_well == []


async def test_the_lot_makes_action_items_edits_and_removes(
    session_path: Path, make_app: MakeApp, clock: Any
) -> None:
    session = load_session(session_path)
    session.parking_lot = [
        ParkedItem(at=clock.now, text="Canaries for connections", phase="timeline"),
        ParkedItem(at=clock.now, text="Second region budget", phase="opening"),
        ParkedItem(at=clock.now, text="Driver upgrade policy", phase="opening"),
    ]
    save_session(session, session_path)
    app = make_app(session_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press(LOT_KEY)
        await pilot.pause()
        lot = app.screen
        assert isinstance(lot, ParkingLotScreen)
        assert isinstance(app.focused, OptionList)
        await pilot.press("down", "down", "p")  # #3 becomes an action item
        session = await saved(app, session_path)
        assert [(a.title, a.origin) for a in session.actions] == [
            ("Driver upgrade policy", "parked:3")
        ]
        assert session.parking_lot[2].promoted_to == f"action:{session.actions[0].id}"
        await pilot.press("p")  # already promoted: a message, no second action
        assert len((await saved(app, session_path)).actions) == 1
        message = str(lot.query_one("#lot-message").render())
        assert "already promoted" in message

        await pilot.press("up", "e", "end", *" (ask finance)", "enter")
        session = await saved(app, session_path)
        assert session.parking_lot[1].text == "Second region budget (ask finance)"

        await pilot.press("up", "d")  # removing #1 renumbers: the action now points at #2
        session = await saved(app, session_path)
        assert [p.text for p in session.parking_lot] == [
            "Second region budget (ask finance)",
            "Driver upgrade policy",
        ]
        assert session.actions[0].origin == "parked:2"

        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ParkingLotScreen)


async def test_the_lot_key_closes_the_lot_and_a_parks_a_new_one(
    session_path: Path, make_app: MakeApp
) -> None:
    app = make_app(session_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press(LOT_KEY)
        await pilot.pause()
        lot = app.screen
        assert isinstance(lot, ParkingLotScreen)
        assert lot.query_one("#lot-empty").display
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ParkPromptScreen)
        await pilot.press(*"Runbook owner", "enter")
        await pilot.pause()
        assert lot.is_current
        assert lot.items.option_count == 1
        assert lot.items.highlighted == 0
        await pilot.press(LOT_KEY)
        await pilot.pause()
        assert not isinstance(app.screen, ParkingLotScreen)
        assert [p.text for p in (await saved(app, session_path)).parking_lot] == ["Runbook owner"]


async def test_the_palette_offers_the_parking_lot(session_path: Path, make_app: MakeApp) -> None:
    app = make_app(session_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert "Parking lot: park a tangent" in commands
        commands["Parking lot: show"].callback()
        await pilot.pause()
        assert isinstance(app.screen, ParkingLotScreen)


async def test_parking_works_on_the_presentation_screen(
    session_path: Path, make_app: MakeApp
) -> None:
    app = make_app(session_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f2", PARK_KEY)
        await pilot.pause()
        assert isinstance(app.screen, ParkPromptScreen)
        await pilot.press(*"Ask the VP later", "enter")
        assert [p.text for p in (await saved(app, session_path)).parking_lot] == [
            "Ask the VP later"
        ]


# Snapshots ------------------------------------------------------------------------------------


@pytest.fixture
def parked_example(example_copy: Path, clock: Any) -> Path:
    session = load_session(example_copy)
    session.parking_lot.append(
        ParkedItem(at=clock.now, text="Do other services pin their driver versions?", phase="")
    )
    save_session(session, example_copy)
    return example_copy


def test_snapshot_parking_lot(snap_compare: Any, make_app: MakeApp, parked_example: Path) -> None:
    async def show(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press(LOT_KEY, "down", "p")
        await settle(pilot)

    assert snap_compare(make_app(parked_example), terminal_size=(120, 36), run_before=show)


def test_snapshot_park_prompt(snap_compare: Any, make_app: MakeApp, parked_example: Path) -> None:
    async def ask(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("ctrl+end", "enter", PARK_KEY)
        await pilot.press(*"Should the VP see the timeline first?")
        await settle(pilot)

    assert snap_compare(make_app(parked_example), terminal_size=(80, 24), run_before=ask)


def test_time_and_phase_show_in_the_lot_label(clock: Any) -> None:
    item = ParkedItem(
        at=clock.now,
        text="Canaries?",
        phase="timeline",
        promoted_to="action:A-7",
    )
    label = parked_label(4, item, "15:12", "Timeline walkthrough").plain
    assert re.fullmatch(r"#4 15:12 Timeline walkthrough · Canaries\?\s+→ A-7", label)
