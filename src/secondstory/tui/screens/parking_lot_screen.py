"""The parking lot: every parked tangent with its time and phase, and what to do with each.

Enter or `p` turns the highlighted item into an action item (`core.parking_lot.promote_parked`;
owner and deadline are set later in the action items), `e` edits its text, `d` removes it
(later items are renumbered and the actions made from them follow), `a` parks a new one.
Escape (or the parking-lot key again) closes the view.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static

from secondstory.core.errors import UserError
from secondstory.core.model import ParkedItem
from secondstory.core.parking_lot import edit_parked, promote_parked, remove_parked
from secondstory.tui.keys import PARK_KEY
from secondstory.tui.screens.dialog_screen import ListBoxScreen
from secondstory.tui.screens.park_prompt_screen import ParkPromptScreen, park_text
from secondstory.tui.state import SessionState
from secondstory.tui.timefmt import clock_time
from secondstory.tui.widgets.text_fields import NoteInput


def parked_label(number: int, item: ParkedItem, time: str, phase: str) -> Content:
    parts: list[tuple[str, str] | str] = [
        (f"#{number} ", "bold"),
        (f"{time} ", "$text-muted"),
    ]
    if phase:
        parts.append((f"{phase} · ", "$text-muted"))
    if item.promoted_to:
        parts.append((item.text, "$text-muted"))
        parts.append((f"  → {item.promoted_to.removeprefix('action:')}", "$text-success"))
    else:
        parts.append(item.text)
    return Content.assemble(*parts)


class ParkingLotScreen(ListBoxScreen[None]):
    BINDINGS = [
        Binding("p", "promote", "Make action item"),
        Binding("e", "edit", "Edit"),
        Binding("d,delete", "remove", "Remove"),
        Binding("a", "add", "Park new"),
        Binding("escape", "close", "Close"),
    ]

    def __init__(self, state: SessionState) -> None:
        super().__init__()
        self.state = state
        self._editing: int | None = None
        self._count = len(state.session.parking_lot)

    def compose(self) -> ComposeResult:
        with Vertical(id="lot-box", classes="dialog-box") as box:
            box.border_subtitle = (
                "Enter/p: make action item · e edit · d remove · a park new · Esc close"
            )
            yield OptionList(id="lot-items", classes="dialog-list", compact=True)
            yield Static(
                f"Nothing parked yet. Press a to park a tangent here, or {PARK_KEY} anywhere "
                "to park the line under the cursor.",
                id="lot-empty",
                classes="dialog-empty",
                markup=False,
            )
            yield NoteInput(
                id="lot-edit", classes="dialog-line", compact=True, select_on_focus=False
            )
            yield Static("", id="lot-message", classes="dialog-message", markup=False)

    def on_mount(self) -> None:
        self.query_one("#lot-edit", NoteInput).display = False
        self._show(highlight=0)
        self.query_one("#lot-items", OptionList).focus()

    def on_screen_resume(self) -> None:
        # Back from the park prompt: a new item is at the end, so that is where the cursor goes.
        count = len(self.state.session.parking_lot)
        if count != self._count:
            self._show(highlight=count - 1)

    @property
    def items(self) -> OptionList:
        return self.query_one("#lot-items", OptionList)

    def _show(self, highlight: int | None = None, message: str = "", error: bool = False) -> None:
        lot = self.state.session.parking_lot
        tz = getattr(self.app, "display_tz", None)
        titles = {p.id: p.title for p in self.state.phases}
        items = self.items
        items.set_options(
            parked_label(n, item, clock_time(item.at, tz), titles.get(item.phase, item.phase))
            for n, item in enumerate(lot, 1)
        )
        if highlight is not None and lot:
            items.highlighted = max(0, min(highlight, len(lot) - 1))
        items.display = bool(lot)
        self._count = len(lot)
        self.query_one("#lot-empty", Static).display = not lot
        waiting = len([p for p in lot if not p.promoted_to])
        box = self.query_one("#lot-box", Vertical)
        box.border_title = f"Parking lot · {len(lot)} parked, {waiting} waiting"
        self.say(message, error)
        self.refresh_bindings()

    def _edited(self) -> None:
        self.state.mark_dirty()

    def _number(self) -> int | None:
        index = self.items.highlighted
        return None if index is None else index + 1

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("promote", "edit", "remove"):
            return self._editing is None and self._number() is not None
        if action == "add":
            return self._editing is None
        return True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_promote()

    def action_promote(self) -> None:
        number = self._number()
        if number is None:
            return
        try:
            action = promote_parked(self.state.session, number)
        except UserError as error:
            self._show(highlight=number - 1, message=str(error), error=True)
            return
        self._edited()
        self._show(
            highlight=number - 1,
            message=f"#{number} is now action item {action.id} ({action.priority}): give it an "
            "owner, a deadline and a success criterion in the action items.",
        )

    def action_remove(self) -> None:
        number = self._number()
        if number is None:
            return
        item = remove_parked(self.state.session, number)
        self._edited()
        follow = " The action made from it stays." if item.promoted_to else ""
        self._show(highlight=number - 1, message=f"Removed #{number}: “{item.text}”.{follow}")

    def action_edit(self) -> None:
        number = self._number()
        if number is None:
            return
        self._editing = number
        field = self.query_one("#lot-edit", NoteInput)
        field.value = self.state.session.parking_lot[number - 1].text
        field.border_title = f"#{number}"
        field.display = True
        field.focus()
        self._show(highlight=number - 1, message="Enter saves · Escape cancels")
        self.refresh_bindings()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        number = self._editing
        if number is None:
            return
        try:
            edit_parked(self.state.session, number, event.value)
        except UserError as error:
            self._show(highlight=number - 1, message=str(error), error=True)
            return
        self._edited()
        self._stop_editing()
        self._show(highlight=number - 1, message=f"#{number} changed.")

    def _stop_editing(self) -> None:
        self._editing = None
        field = self.query_one("#lot-edit", NoteInput)
        field.display = False
        field.clear()
        self.items.focus()
        self.refresh_bindings()

    def action_add(self) -> None:
        def parked(typed: str | None) -> None:
            if typed:
                park_text(self.app, self.state, typed)

        self.app.push_screen(ParkPromptScreen(), parked)

    def action_close(self) -> None:
        if self._editing is not None:
            number = self._editing
            self._stop_editing()
            self._show(highlight=number - 1)
            return
        self.dismiss(None)
