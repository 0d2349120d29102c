"""The five-whys workspace: Pilot tests press the real keys and read the session file back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static
from tui_support import MakeApp, build_session

from secondstory.core.model import Person, Session, WhyChain, WhyStep
from secondstory.core.storage import load_session, save_session
from secondstory.tui.app import SecondStoryApp
from secondstory.tui.coach_hub import CoachHub
from secondstory.tui.screens.main_screen import MainScreen
from secondstory.tui.screens.presentation_screen import PresentationScreen
from secondstory.tui.widgets.action_form import ActionForm
from secondstory.tui.widgets.whys_category_picker import WhysCategoryPicker
from secondstory.tui.widgets.whys_chain_form import WhysChainForm
from secondstory.tui.widgets.whys_event_picker import WhysEventPicker
from secondstory.tui.widgets.whys_guard import PENDING, Guard
from secondstory.tui.widgets.whys_step_form import WhysStepForm
from secondstory.tui.workspaces import workspace_class
from secondstory.tui.workspaces.five_whys import (
    FiveWhysWorkspace,
    chain_presentation,
    split_typed,
)

WHYS_PHASE = 2  # in both the example session and tui_support.build_session


def at_whys(session: Session, path: Path) -> Path:
    session.agenda.current = WHYS_PHASE
    save_session(session, path)
    return path


@pytest.fixture
def empty_whys(tmp_path: Path) -> Path:
    return at_whys(build_session(), tmp_path / "INC-TEST-0001.toml")


@pytest.fixture
def example_whys(example_copy: Path) -> Path:
    return at_whys(load_session(example_copy), example_copy)


async def ready(app: SecondStoryApp, pilot: Pilot[Any]) -> FiveWhysWorkspace:
    """The workspace, once its chain judge (built in a worker thread) is ready."""
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, MainScreen)
    workspace = screen.workspace()
    assert isinstance(workspace, FiveWhysWorkspace)
    for _ in range(200):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if workspace.guard_ready:
            break
    assert workspace.guard_ready
    return workspace


async def saved(app: SecondStoryApp, pilot: Pilot[Any], path: Path) -> Session:
    """The session as the app's autosave wrote it."""
    await pilot.pause()
    app.autosave()
    await app.workers.wait_for_complete()
    assert app.state is not None and not app.state.dirty
    return load_session(path)


async def type_text(pilot: Pilot[Any], text: str) -> None:
    await pilot.press(*text)


def test_root_cause_phases_get_the_five_whys_workspace() -> None:
    assert workspace_class("root_cause") is FiveWhysWorkspace


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("the pool was exhausted", ("", "the pool was exhausted")),
        ("Why did it fail? the pool ran dry", ("Why did it fail?", "the pool ran dry")),
        ("why did it fail?", ("why did it fail?", "")),
        ("How was it possible?  no check exists ", ("How was it possible?", "no check exists")),
        ("it failed? nobody knows", ("", "it failed? nobody knows")),
    ],
)
def test_split_typed(typed: str, expected: tuple[str, str]) -> None:
    assert split_typed(typed) == expected


def test_chain_presentation_puts_the_how_questions_first_when_flagged() -> None:
    chain = WhyChain(
        id="W-3",
        problem="Checkout failed",
        category="deployment",
        steps=[WhyStep(question="Why?", answer="Dana deployed on a Friday", contributing=True)],
    )
    guard = Guard("stops_at_person", "This chain ends at a person.", ("How did it pass CI?",), 0)
    text = chain_presentation(chain, guard, {}, current=0)
    lines = text.splitlines()
    assert lines[0] == "W-3 · Checkout failed (deployment)"
    assert lines[1] == "⚠ This chain ends at a person."
    assert "How did it pass CI?" in lines[2]
    assert "▶1. Why?" in text
    assert "→ Dana deployed on a Friday  [contributing factor · stops at a person]" in text
    assert "stops at a person" not in chain_presentation(chain, PENDING, {}, None)


async def test_a_chain_is_started_categorised_and_answered_from_the_keyboard(
    empty_whys: Path, make_app: MakeApp
) -> None:
    app = make_app(empty_whys)
    async with app.run_test() as pilot:
        workspace = await ready(app, pilot)
        assert "No chain yet" in str(workspace.view.empty.render())
        await pilot.press("n")
        assert isinstance(app.screen, WhysChainForm)
        await type_text(pilot, "Checkout returned 500s")
        await pilot.press("enter")
        await pilot.pause()
        # A new chain asks for its category at once; 4 is "configuration".
        assert isinstance(app.screen, WhysCategoryPicker)
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.focused is workspace.view.answer_line

        await type_text(pilot, "Why did checkout fail? the pool was exhausted")
        await pilot.press("enter")
        await type_text(pilot, "Why was it exhausted?")
        await pilot.press("enter")
        await type_text(pilot, "every instance opened 200 connections")
        await pilot.press("enter")

        session = await saved(app, pilot, empty_whys)
        [chain] = session.five_whys
        assert (chain.id, chain.problem, chain.category) == (
            "W-1",
            "Checkout returned 500s",
            "configuration",
        )
        assert [(s.question, s.answer) for s in chain.steps] == [
            ("Why did checkout fail?", "the pool was exhausted"),
            ("Why was it exhausted?", "every instance opened 200 connections"),
        ]
        assert workspace.view.answer_line.value == ""
        assert workspace.presentation_item() is not None


async def test_an_empty_problem_is_refused_in_the_dialog_and_changes_nothing(
    empty_whys: Path, make_app: MakeApp
) -> None:
    app = make_app(empty_whys)
    async with app.run_test() as pilot:
        await ready(app, pilot)
        await pilot.press("n", "space", "enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, WhysChainForm)
        error = form.query_one("#whys-chain-error")
        assert error.has_class("-shown")
        assert "expected a problem statement" in str(error.render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.state is not None and app.state.session.five_whys == []
    assert load_session(empty_whys).five_whys == []


async def test_the_chain_guard_marks_a_chain_that_ends_at_a_person(
    example_whys: Path, make_app: MakeApp
) -> None:
    app = make_app(example_whys)
    async with app.run_test() as pilot:
        workspace = await ready(app, pilot)
        guard = workspace.view.guard
        assert not guard.has_class("-flagged")
        await type_text(pilot, "Dana forgot to set the pool size")
        await pilot.press("enter")
        await pilot.pause()
        assert guard.has_class("-flagged")
        shown = str(guard.render())
        assert "ends at a person" in shown
        assert "Ask how, not who" in shown
        assert "stops at a person" in str(workspace.hint.render())
        item = workspace.presentation_item()
        assert item is not None and "⚠" in item.splitlines()[1]

        # Closed chains that get a new answer are reopened: the chain is not finished.
        session = await saved(app, pilot, example_whys)
        chain = session.five_whys[0]
        assert chain.steps[-1].answer == "Dana forgot to set the pool size"
        assert not chain.closed

        # Carrying it on to the system clears the mark.
        await type_text(pilot, "How was that possible? the driver has no pool size check")
        await pilot.press("enter")
        await pilot.pause()
        assert not guard.has_class("-flagged")


async def test_steps_are_edited_marked_linked_and_deleted(
    example_whys: Path, make_app: MakeApp
) -> None:
    app = make_app(example_whys)
    async with app.run_test() as pilot:
        workspace = await ready(app, pilot)
        steps = workspace.view.steps
        await pilot.press("up")  # from the answer line to the steps
        assert app.focused is steps
        steps.highlighted = 1  # "The primary database had reached its limit"

        await pilot.press("f")
        session = await saved(app, pilot, example_whys)
        assert session.five_whys[0].steps[1].contributing
        factor = session.contributing_factors[-1]
        assert (factor.id, factor.chain_id, factor.category) == ("CF-4", "W-1", "configuration")
        assert "CF-4" in str(workspace.hint.render())

        await pilot.press("l")
        assert isinstance(app.screen, WhysEventPicker)
        await type_text(pilot, "failover completes")
        await pilot.press("enter")
        await pilot.pause()
        session = await saved(app, pilot, example_whys)
        assert session.five_whys[0].steps[1].event_id == "E-7"
        assert session.contributing_factors[-1].event_id == "E-7"

        await pilot.press("e")
        form = app.screen
        assert isinstance(form, WhysStepForm)
        answer = form.query_one("#whys-answer", Input)
        answer.value = "The primary database hit its 500-connection limit"
        await pilot.press("enter")
        await pilot.pause()
        session = await saved(app, pilot, example_whys)
        assert session.five_whys[0].steps[1].answer.endswith("500-connection limit")
        # The factor follows the answer it was made from.
        assert session.contributing_factors[-1].text.endswith("500-connection limit")

        # Delete needs a second press; any other key in between disarms it.
        await pilot.press("d")
        assert "Press d again" in str(workspace.hint.render())
        await pilot.press("down", "up", "d")
        assert len(app.state.session.five_whys[0].steps) == 5  # type: ignore[union-attr]
        await pilot.press("d")
        session = await saved(app, pilot, example_whys)
        assert len(session.five_whys[0].steps) == 4
        assert all(f.id != "CF-4" for f in session.contributing_factors)


async def test_category_close_reopen_and_switching_chains(
    example_whys: Path, make_app: MakeApp
) -> None:
    app = make_app(example_whys)
    async with app.run_test() as pilot:
        workspace = await ready(app, pilot)
        await pilot.press("up")  # keys act outside the answer line
        await pilot.press("right_square_bracket")
        assert workspace.chain is not None and workspace.chain.id == "W-2"
        item = workspace.presentation_item()
        assert item is not None and item.startswith("W-2 · The failover did not restore service")

        await pilot.press("c")
        picker = app.screen
        assert isinstance(picker, WhysCategoryPicker)
        await pilot.press("tab")
        await type_text(pilot, "Caching")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("x")
        session = await saved(app, pilot, example_whys)
        chain = session.five_whys[1]
        assert (chain.category, chain.closed) == ("caching", False)  # it was closed: reopened
        assert all(
            f.category == "caching" for f in session.contributing_factors if f.chain_id == "W-2"
        )
        await pilot.press("x")
        session = await saved(app, pilot, example_whys)
        assert session.five_whys[1].closed

        await pilot.press("left_square_bracket")
        assert workspace.chain is not None and workspace.chain.id == "W-1"


async def test_closing_a_chain_without_answers_is_refused(
    empty_whys: Path, make_app: MakeApp
) -> None:
    app = make_app(empty_whys)
    async with app.run_test() as pilot:
        workspace = await ready(app, pilot)
        await pilot.press("n", *"Checkout failed", "enter")
        await pilot.pause()
        await pilot.press("escape")  # no category for now
        await pilot.pause()
        await pilot.press("escape")  # from the answer line to the chain list
        await pilot.press("x")
        assert "add at least one answer" in str(workspace.hint.render())
        session = await saved(app, pilot, empty_whys)
        assert not session.five_whys[0].closed
        assert session.five_whys[0].category == ""


async def test_enter_in_the_category_dialog_of_a_new_chain_files_it_under_none(
    empty_whys: Path, make_app: MakeApp
) -> None:
    app = make_app(empty_whys)
    async with app.run_test() as pilot:
        workspace = await ready(app, pilot)
        await pilot.press("n", *"Checkout failed", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WhysCategoryPicker)
        await pilot.press("enter")
        await pilot.pause()
        assert workspace.view.answer_line.has_focus
        session = await saved(app, pilot, empty_whys)
        assert session.five_whys[0].category == ""


async def test_an_answer_typed_but_not_entered_is_kept_on_quit(
    example_whys: Path, make_app: MakeApp
) -> None:
    app = make_app(example_whys)
    async with app.run_test() as pilot:
        workspace = await ready(app, pilot)
        assert app.state is not None
        chain = workspace.chain
        assert chain is not None
        steps = len(chain.steps)
        await type_text(pilot, "The backup and the reindex share one lock")
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    kept = next(c for c in load_session(example_whys).five_whys if c.id == chain.id)
    assert len(kept.steps) == steps + 1
    assert kept.steps[-1].answer == "The backup and the reindex share one lock"


async def test_letters_typed_in_the_answer_line_are_text_not_keys(
    example_whys: Path, make_app: MakeApp
) -> None:
    app = make_app(example_whys)
    async with app.run_test() as pilot:
        workspace = await ready(app, pilot)
        await type_text(pilot, "nxcp")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert workspace.view.answer_line.value == "nxcp"
        assert app.state is not None and len(app.state.session.five_whys) == 2
        assert app.state.session.five_whys[0].closed


async def test_a_step_becomes_an_action_item_linked_to_its_chain(
    example_whys: Path, make_app: MakeApp
) -> None:
    app = make_app(example_whys)
    async with app.run_test() as pilot:
        workspace = await ready(app, pilot)
        await pilot.press("up", "A")
        form = app.screen
        assert isinstance(form, ActionForm)
        await type_text(pilot, "Pin the pool size in every service config")
        await pilot.press("tab", *"Orders team", "tab", "0", "tab", *"1 week", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        session = await saved(app, pilot, example_whys)
        item = session.actions[-1]
        assert (item.id, item.origin, item.owner, item.priority) == (
            "A-6",
            "chain:W-1",
            "Orders team",
            "P0",
        )
        assert str(item.deadline) == "2026-04-01"  # a week after the meeting on 25 March
        assert "A-6" in str(workspace.hint.render())


async def test_shift_arrows_move_the_highlighted_step(
    example_whys: Path, make_app: MakeApp
) -> None:
    app = make_app(example_whys)
    async with app.run_test() as pilot:
        workspace = await ready(app, pilot)
        steps = workspace.view.steps
        await pilot.press("up")  # from the answer line to the steps: the last one is highlighted
        assert app.focused is steps and steps.highlighted == 4
        await pilot.press("shift+up")
        session = await saved(app, pilot, example_whys)
        answers = [s.answer for s in session.five_whys[0].steps]
        assert answers[3].startswith("No check compares pool settings")
        assert answers[4].startswith("The new driver's default pool size")
        assert steps.highlighted == 3  # the cursor went with the step
        assert "Step 5 is now step 4" in str(workspace.hint.render())
        # The moved step keeps its contributing factor.
        assert session.five_whys[0].steps[3].contributing
        assert [f.id for f in session.contributing_factors] == ["CF-1", "CF-2", "CF-3"]

        await pilot.press("shift+down", "shift+down")  # the second press is at the end
        session = await saved(app, pilot, example_whys)
        assert session.five_whys[0].steps[4].answer.startswith("No check compares")
        assert "already the last" in str(workspace.hint.render())
        await pilot.press("home", "shift+up")
        assert "already the first" in str(workspace.hint.render())


async def test_chain_keys_work_in_presentation_mode(example_whys: Path, make_app: MakeApp) -> None:
    app = make_app(example_whys)
    async with app.run_test() as pilot:
        workspace = await ready(app, pilot)
        assert app.focused is workspace.view.answer_line  # where the bindings stand aside
        await pilot.press("f2")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PresentationScreen)

        def shown() -> str:
            return str(screen.query_one("#pres-item-text", Static).render())

        assert shown().startswith("W-1 · Checkout requests failed")
        await pilot.press("right_square_bracket")
        assert shown().startswith("W-2 · The failover did not restore service")
        await pilot.press("right_square_bracket")  # round again to the first
        assert shown().startswith("W-1 · ")
        await pilot.press("left_square_bracket")
        assert shown().startswith("W-2 · ")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert workspace.chain is not None and workspace.chain.id == "W-2"
        assert workspace.view.answer_line.value == ""  # no stray text typed behind the screen


async def test_the_guard_uses_the_sessions_shared_coach(
    example_whys: Path, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    from secondstory.core.language import Coach

    built: list[Coach] = []
    original = Coach.for_session.__func__  # type: ignore[attr-defined]

    def counting(cls: type[Coach], *args: Any, **kwargs: Any) -> Coach:
        coach: Coach = original(cls, *args, **kwargs)
        built.append(coach)
        return coach

    monkeypatch.setattr(Coach, "for_session", classmethod(counting))
    app = make_app(example_whys)
    async with app.run_test() as pilot:
        workspace = await ready(app, pilot)
        assert app.state is not None and app.state.coach is not None
        assert built == [app.state.coach]  # one coach for the session: none of its own
        guard = workspace.view.guard
        await type_text(pilot, "Kim missed the alert")
        await pilot.press("enter")
        await pilot.pause()
        assert not guard.has_class("-flagged")  # nobody called Kim is at this meeting

        # Kim joins: the hub rebuilds the coach with the new roster and says so; the guard
        # judges again with it, without the workspace asking.
        app.state.session.people.append(Person(name="Kim Lau"))
        hub = CoachHub.of(app)
        assert hub is not None
        hub.recount()
        await pilot.pause()
        assert len(built) == 2 and app.state.coach is built[1]
        assert guard.has_class("-flagged")
