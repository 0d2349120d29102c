"""Parking a tangent: the line under the cursor, or one typed into a small prompt.

`park_from_focus` is what the app's park key does on any screen: the selected text or the line
under the cursor in the focused text area, or the focused input's value, goes to the parking
lot with the time (`core.parking_lot.park` with the app's clock). An input is cleared (the
tangent moves to the lot); a text area keeps its line. With nothing there, `ParkPromptScreen`
asks for the tangent: Enter parks, Escape cancels.
"""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from secondstory.core.errors import UserError
from secondstory.core.parking_lot import park
from secondstory.tui.keys import LOT_KEY
from secondstory.tui.screens.dialog_screen import DialogScreen
from secondstory.tui.state import SessionState
from secondstory.tui.widgets.text_fields import NoteInput


def focused_line(widget: Widget | None) -> str:
    """What the park key takes from the focused widget: a selection, the cursor's line, or an
    input's value; empty when the focus is elsewhere or on a blank line."""
    if isinstance(widget, TextArea):
        selected = widget.selected_text.strip()
        if selected:
            return " ".join(selected.split())
        row = widget.cursor_location[0]
        return widget.document.get_line(row).strip()
    if isinstance(widget, Input):
        return widget.value.strip()
    return ""


def park_text(app: App[Any], state: SessionState, text: str) -> int | None:
    """Park `text` now; tells the facilitator what happened. Returns the item's number."""
    try:
        number = park(state.session, text, state.now())
    except UserError as error:
        app.notify(str(error), severity="warning", timeout=4)
        return None
    state.mark_dirty()
    shown = text.strip()
    if len(shown) > 60:
        shown = shown[:59] + "…"
    app.notify(f"#{number}: {shown}\n{LOT_KEY} shows the parking lot.", title="Parked", timeout=5)
    return number


def park_from_focus(app: App[Any], state: SessionState) -> None:
    """The park key: park the current line, or ask for a tangent when there is none."""
    screen = app.screen
    if isinstance(screen, ParkPromptScreen):
        screen.action_submit()
        return
    focused = app.focused
    text = focused_line(focused)
    if text:
        if park_text(app, state, text) is not None and isinstance(focused, Input):
            # A one-line field held the tangent itself (typed instead of added): it moves to
            # the lot. A text area keeps its line, since notes are a record of what was said.
            focused.clear()
        return

    def parked(typed: str | None) -> None:
        if typed:
            park_text(app, state, typed)

    app.push_screen(ParkPromptScreen(), parked)


class ParkPromptScreen(DialogScreen[str | None]):
    DEFAULT_CSS = """
    ParkPromptScreen {
        #park-box { width: 72; }
        #park-keys { color: $text-muted; height: auto; }
        #park-error { color: $text-error; height: auto; }
    }
    """

    def compose(self) -> ComposeResult:
        with Vertical(id="park-box", classes="dialog-box") as box:
            box.border_title = "Park a tangent"
            yield NoteInput(
                placeholder="What should wait for later?", id="park-text", draft_key="park:new"
            )
            yield Static("", id="park-error", markup=False)
            yield Static("Enter parks it with the time · Escape cancels", id="park-keys")

    def on_mount(self) -> None:
        self.query_one("#park-error", Static).display = False
        self.query_one("#park-text", NoteInput).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        text = self.query_one("#park-text", NoteInput).value.strip()
        if not text:
            error = self.query_one("#park-error", Static)
            error.update("Type the tangent to park, or press Escape.")
            error.display = True
            return
        self.dismiss(text)
