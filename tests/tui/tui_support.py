"""Sessions and types shared by the app's tests (fixtures themselves are in conftest.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.pilot import Pilot
from textual.widgets import Static

from secondstory.core.model import Agenda, Incident, Interval, Phase, Session
from secondstory.core.storage import load_session
from secondstory.tui.app import SecondStoryApp
from secondstory.tui.screens.main_screen import MainScreen
from secondstory.tui.workspaces import Workspace

MakeApp = Callable[..., SecondStoryApp]


def build_session() -> Session:
    phases = [
        Phase(
            id="opening",
            title="Opening and ground rules",
            kind="opening",
            planned_minutes=5,
            prompts=[
                "We look for what in the system made this possible, not for someone to blame.",
                "Let people finish; assume good intent; ask about decisions, not people.",
            ],
        ),
        Phase(
            id="timeline",
            title="Timeline walkthrough",
            kind="timeline",
            planned_minutes=15,
            prompts=[
                "Stop at each decision point: what was known then?",
                "What information was missing at the time?",
            ],
        ),
        Phase(
            id="whys",
            title="Five whys",
            kind="root_cause",
            planned_minutes=20,
            prompts=["Keep asking why until the answer is something in the system."],
        ),
        Phase(
            id="actions",
            title="Action items",
            kind="actions",
            planned_minutes=15,
            prompts=["Every item needs an owner, a priority and a deadline."],
        ),
        Phase(id="debrief", title="Cultural debrief", kind="debrief", planned_minutes=5),
    ]
    return Session(
        incident=Incident(
            id="INC-TEST-0001",
            title="Checkout failures after connection pool resize",
            severity="SEV2",
        ),
        agenda=Agenda(name="test", phases=phases),
    )


def started_session(clock_now: datetime) -> Session:
    """A meeting in progress: the opening ran 6:10 (70 s over), the timeline has run 1:40."""
    session = build_session()
    opening_start = clock_now - timedelta(seconds=370 + 100)
    session.agenda.phases[0].actual = [
        Interval(start=opening_start, end=opening_start + timedelta(seconds=370))
    ]
    session.agenda.phases[0].notes = "Everyone agreed to the ground rules."
    session.agenda.phases[1].actual = [Interval(start=clock_now - timedelta(seconds=100))]
    session.agenda.phases[1].notes = "14:02 pool size lowered from 50 to 10 (private note)"
    session.agenda.current = 1
    return session


class ItemWorkspace(Workspace):
    """A stand-in for a dedicated workspace, as later issues will add per phase kind."""

    def compose(self) -> ComposeResult:
        yield Static(f"item workspace for {self.phase.title}")

    def presentation_item(self) -> str | None:
        return "14:02 connection pool resized from 50 to 10"


async def settle(pilot: Pilot[Any]) -> None:
    """Bring the app to a still state before a snapshot or an assertion on what is shown.

    Waits for the language coach and the five-whys judge (both built in workers after the
    first frame) and for the focus to come to rest, brings the header's flag count up to date
    (the app does it on a timer), and stops cursors blinking, so that a snapshot never depends
    on how loaded the machine is.
    """
    from secondstory.tui.coach_hub import CoachHub
    from secondstory.tui.screens.main_screen import MainScreen
    from secondstory.tui.workspaces.five_whys import FiveWhysWorkspace

    app = pilot.app
    await pilot.pause()
    hub = CoachHub.of(app)
    if hub is not None:
        hub.ensure()
    for _ in range(400):
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = getattr(app, "main_screen", None)
        workspace = screen.workspace() if isinstance(screen, MainScreen) else None
        judge_ready = not isinstance(workspace, FiveWhysWorkspace) or workspace.guard_ready
        coach_ready = hub is None or hub.state is None or hub.coach is not None
        if judge_ready and coach_ready:
            break
    # Focus moves after a refresh (`call_after_refresh`), and refreshes run on the frame timer,
    # which a loaded machine can delay past any number of bare pauses: wait until the focus and
    # the widget tree have stayed the same for a few frames.
    last: object = None
    steady = 0
    for _ in range(100):
        await pilot.pause(0.02)
        now = (app.focused, len(app.screen.query("*")), len(app.screen_stack))
        steady = steady + 1 if now == last else 0
        last = now
        if steady >= 3:
            break
    if hub is not None:
        hub.recount()
    # `app.query` sees only the screen on top of the default one; a modal has its own DOM.
    fields = [w for screen in app.screen_stack for w in screen.query("Input, TextArea")]
    for widget in fields:
        widget.cursor_blink = False  # type: ignore[attr-defined]
        # TextArea caches lines under a key that is the same for "blink off" and "blink on but
        # in the hidden half": without this a line cached mid-blink is drawn with no cursor.
        widget.notify_style_update()
    await pilot.pause()


async def saved(app: SecondStoryApp, path: Path) -> Session:
    """The session file as it stands once the app's autosave has run."""
    await app.workers.wait_for_complete()
    app.autosave()
    await app.workers.wait_for_complete()
    written(app)
    return load_session(path)


def written(app: SecondStoryApp) -> None:
    """Wait until the session's background writer has written every save handed to it (a
    timer key, ctrl+s: the snapshot is taken at once, the file written a moment later)."""
    assert app.state is not None and app.state.wait_for_writes(timeout=30)


async def focus_on(app: SecondStoryApp, pilot: Pilot[Any], kind: type[Any]) -> Any:
    """The focused widget once the workspace has put the cursor in a `kind` (after a refresh,
    which on a busy machine can take a few pauses)."""
    for _ in range(20):
        if isinstance(app.focused, kind):
            return app.focused
        await pilot.pause()
    raise AssertionError(f"the cursor is on {app.focused!r}, not on a {kind.__name__}")


async def open_timeline(app: SecondStoryApp, pilot: Pilot[Any]) -> Any:
    """The timeline workspace, reached with ctrl+n from the example's opening phase."""
    await pilot.pause()
    await pilot.press("ctrl+n")
    await pilot.pause()
    workspace = timeline_shown(app)
    await pilot.pause()
    return workspace


def timeline_shown(app: SecondStoryApp) -> Any:
    """The timeline workspace on the main screen (which must be showing it)."""
    from secondstory.tui.workspaces.timeline import TimelineWorkspace

    screen = app.screen
    assert isinstance(screen, MainScreen)
    workspace = screen.workspace()
    assert isinstance(workspace, TimelineWorkspace)
    return workspace
