"""Before and after the meeting, from the app: importing timeline events (f6) and the "last
time" panel of open items from earlier postmortems (f7), with their palette commands.

The app's key bindings call `open_import` and `toggle_last_time`; `followup_commands` is what
the app yields from `get_system_commands`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.widget import Widget

from secondstory.tui.messages import SessionEdited

if TYPE_CHECKING:
    from secondstory.core.importers import ImportResult
    from secondstory.tui.app import SecondStoryApp

IMPORT_KEY = "f6"
"""The app's key that opens the import dialog (`SecondStoryApp.BINDINGS`, id `import`)."""
LAST_TIME_KEY = "f7"
"""The app's key that shows the "last time" panel (`SecondStoryApp.BINDINGS`, id `last-time`)."""


def open_import(app: SecondStoryApp) -> None:
    from secondstory.tui.screens.import_screen import ImportScreen

    state = app.state
    if state is None or any(isinstance(s, ImportScreen) for s in app.screen_stack):
        return

    def done(result: ImportResult | None) -> None:
        if result is not None and result.added:
            imported(app, result)

    app.push_screen(ImportScreen(state), done)


def imported(app: SecondStoryApp, result: ImportResult) -> None:
    """After a merge: save within a second, redraw the timeline, say what happened."""
    if app.state is None:
        return
    app.state.mark_dirty()
    app.post_message(SessionEdited())
    reload_timeline(app)
    name = Path(result.source).name
    skipped = f" ({result.duplicates:,} already there)" if result.duplicates else ""
    count = len(result.added)
    app.notify(
        f"Added {count:,} event{'s' if count != 1 else ''} from {name}{skipped}.",
        title="Timeline imported",
        timeout=6,
    )


def reload_timeline(app: SecondStoryApp) -> None:
    """Build the timeline workspace afresh if it is shown, so it draws the new events.

    The workspace keeps its place per open session (the current event, the zone shown), so the
    new one opens where the facilitator was.
    """
    from secondstory.tui.workspaces import workspace_class

    main = app.main_screen
    workspace = main.workspace() if main is not None else None
    slot = workspace.parent if workspace is not None else None
    if workspace is None or not isinstance(slot, Widget) or app.state is None:
        return
    kind = workspace.phase.kind
    if kind != "timeline" or type(workspace) is not workspace_class(kind):
        return
    workspace.commit()
    fresh = workspace_class(kind)(app.state, workspace.phase_index)
    workspace.remove()
    slot.mount(fresh)
    if app.screen is main:
        fresh.call_after_refresh(fresh.focus_default)


def toggle_last_time(app: SecondStoryApp) -> None:
    from secondstory.tui.screens.last_time_screen import LastTimeScreen

    if isinstance(app.screen, LastTimeScreen):
        app.screen.dismiss(None)
    elif app.state is not None and not any(
        isinstance(screen, LastTimeScreen) for screen in app.screen_stack
    ):
        app.push_screen(LastTimeScreen(app.state))


def followup_commands(app: SecondStoryApp) -> Iterator[SystemCommand]:
    state = app.state
    if state is None:
        return
    yield SystemCommand(
        "Timeline: import events",
        "From a text, CSV, PagerDuty or Slack export file; preview first, nothing is added "
        f"twice ({IMPORT_KEY})",
        lambda: open_import(app),
    )
    yield SystemCommand(
        "Follow-up: last time",
        "Open action items from earlier postmortems and rhyming incidents; mark them done "
        f"({LAST_TIME_KEY})",
        lambda: toggle_last_time(app),
    )
