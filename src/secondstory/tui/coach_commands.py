"""The language coach's palette commands (the app yields them from `get_system_commands`).

Dismiss and next/previous act on the text field that had the cursor last, the same as f8 and
f5/f4 typed in that field.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from textual.app import App, SystemCommand

from secondstory.tui.coach_hub import CoachHub


def language_commands(app: App[Any]) -> Iterator[SystemCommand]:
    hub = CoachHub.of(app)
    if hub is None or hub.state is None:
        return
    yield SystemCommand(
        "Language: dismiss flag",
        "Stop flagging the words at the cursor in that sentence; kept in the session (f8)",
        lambda: _on_field(app, hub, "dismiss"),
    )
    yield SystemCommand(
        "Language: next flag",
        "Select the next flagged words in the field being typed in (f5)",
        lambda: _on_field(app, hub, "next"),
    )
    yield SystemCommand(
        "Language: previous flag",
        "Select the previous flagged words in the field being typed in (f4)",
        lambda: _on_field(app, hub, "previous"),
        discover=False,
    )
    shared = hub.show_in_presentation
    yield SystemCommand(
        "Language: hide flags on shared screen"
        if shared
        else "Language: show flags on shared screen",
        "Mark flagged words in the item shown in presentation mode (off by default)",
        lambda: _toggle_shared(app, hub),
    )
    yield SystemCommand(
        "Language: show flags panel" if hub.panel_hidden else "Language: hide flags panel",
        "The panel under the workspace listing the field's flags (f9)",
        lambda: _toggle_panel(app, hub),
        discover=False,
    )


def _on_field(app: App[Any], hub: CoachHub, what: str) -> None:
    from secondstory.tui.widgets.text_fields import NoteArea, NoteInput

    field = hub.last_field
    if not isinstance(field, NoteArea | NoteInput):
        app.notify("Put the cursor in a text field first.", timeout=4)
        return
    field.focus()
    if what == "dismiss":
        field.action_dismiss_flag()
    elif what == "next":
        field.action_next_flag()
    else:
        field.action_previous_flag()


def _toggle_shared(app: App[Any], hub: CoachHub) -> None:
    on = hub.toggle_show_in_presentation()
    app.notify(
        "Flags are marked on the shared screen."
        if on
        else "Flags are hidden from the shared screen.",
        timeout=4,
    )


def _toggle_panel(app: App[Any], hub: CoachHub) -> None:
    shown = hub.toggle_panel()
    app.notify("Flags panel shown." if shown else "Flags panel hidden (f9 shows it).", timeout=3)
