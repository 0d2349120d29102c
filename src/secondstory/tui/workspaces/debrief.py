"""The cultural debrief workspace: appreciations, the quick lists, and closing the meeting.

Left: appreciations (who, and what they did well), then the close: the checklist with the
neutral-facilitator warning and the closing statement. Right: the four quick lists in compact
form and the voices panel. `ctrl+o` closes the meeting from anywhere in the workspace
(asking first when a check is not passing) and reopens a closed one. On a narrow terminal
everything is one scrolling column. Presentation mode shows the highlighted appreciation or
entry, the list or appreciations being filled, or the closing statement.
"""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, VerticalScroll
from textual.events import DescendantFocus, Resize
from textual.widget import Widget
from textual.widgets import Static

from secondstory.core.lists_ops import LISTS
from secondstory.tui.widgets.appreciation_panel import AppreciationPanel
from secondstory.tui.widgets.close_panel import CLOSE_KEY, ClosePanel
from secondstory.tui.widgets.list_panel import ListPanel
from secondstory.tui.widgets.voices_panel import VoicesPanel
from secondstory.tui.workspaces.base import Workspace
from secondstory.tui.workspaces.lists import list_summary

WIDE = 100
"""From this width on, the close panel gets a column of its own."""
CHECK_EVERY = 4
"""Ticks between checklist refreshes (edits elsewhere, such as a promoted parked item)."""

HINT = f"Tab next field · Enter adds · ↑ list: e edit, d delete · {CLOSE_KEY} close meeting"


def appreciation_summary(panel: AppreciationPanel) -> str | None:
    items = panel.session.appreciations
    if not items:
        return None
    return "\n".join(["Appreciations", *(f"• {a.person}: {a.text}" for a in items)])


class DebriefWorkspace(Workspace):
    DEFAULT_CSS = """
    DebriefWorkspace {
        layout: vertical;
        #debrief-hint { height: 1; color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis; }
        #debrief-columns {
            height: 1fr;
            layout: vertical;
            overflow-y: auto;
            scrollbar-size-vertical: 1;
        }
        #debrief-left, #debrief-right {
            height: auto;
            overflow-y: hidden;
            scrollbar-size-vertical: 1;
        }
        &.-wide #debrief-columns { layout: horizontal; overflow-y: hidden; }
        &.-wide #debrief-left { width: 1fr; height: 1fr; overflow-y: auto; }
        &.-wide #debrief-right { width: 1fr; height: 1fr; overflow-y: auto; margin-left: 1; }
    }
    """

    BINDINGS = [
        Binding(
            CLOSE_KEY,
            "close_meeting",
            "Close meeting",
            tooltip="Close the meeting: closing time, clock stopped, status Reviewed",
        ),
    ]

    def compose(self) -> ComposeResult:
        session = self.state.session
        self._focus_at: Widget | None = None
        self._ticks = 0
        yield Static(HINT, id="debrief-hint", markup=False)
        with Container(id="debrief-columns"):
            # Appreciations and the close come first: on a narrow terminal, where the columns
            # stack, they are what the facilitator needs on screen.
            with VerticalScroll(id="debrief-left") as left:
                left.can_focus = False
                yield AppreciationPanel(session, id="appreciations")
                yield ClosePanel(session, self.state.now, id="close")
            with VerticalScroll(id="debrief-right") as right:
                right.can_focus = False
                for name in LISTS:
                    yield ListPanel(session, name, compact=True, id=f"list-{name}")
                yield VoicesPanel(session, self.phase_index, id="debrief-voices")

    @property
    def close_panel(self) -> ClosePanel:
        return self.query_one("#close", ClosePanel)

    @property
    def appreciations(self) -> AppreciationPanel:
        return self.query_one("#appreciations", AppreciationPanel)

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width >= WIDE, "-wide")

    @on(DescendantFocus)
    def _focused(self, event: DescendantFocus) -> None:
        self._focus_at = event.widget

    @on(ListPanel.Changed)
    @on(AppreciationPanel.Changed)
    @on(ClosePanel.Changed)
    @on(VoicesPanel.Changed)
    def _changed(self) -> None:
        self.edited()
        self.close_panel.refresh_checks()

    def action_close_meeting(self) -> None:
        self.close_panel.request_close()

    def update_view(self, now: datetime) -> None:
        self._ticks += 1
        if self._ticks % CHECK_EVERY == 0:
            self.close_panel.refresh_checks()

    def commit(self) -> None:
        typed = [p.commit() for p in self.query(ClosePanel).results(ClosePanel)]
        typed += [p.save_typed() for p in self.query(ListPanel).results(ListPanel)]
        typed += [p.save_typed() for p in self.query(AppreciationPanel).results(AppreciationPanel)]
        if any(typed):
            self.edited()

    def presentation_item(self) -> str | None:
        widget = self._focus_at
        if widget is None or not widget.is_attached:
            return self._statement()
        for node in (widget, *widget.ancestors):
            if isinstance(node, AppreciationPanel):
                item = node.highlighted_item()
                if item is not None and node.entries.has_focus:
                    return f"Thank you, {item.person}: {item.text}"
                return appreciation_summary(node)
            if isinstance(node, ListPanel):
                note = node.highlighted_note()
                if note is not None and node.entries.has_focus:
                    return f"{node.heading}: {note.text}"
                return list_summary(node)
            if isinstance(node, ClosePanel):
                return self._statement()
        return self._statement()

    def _statement(self) -> str | None:
        text = self.state.session.closing.statement.strip()
        return f"Closing statement\n{text}" if text else None

    def focus_default(self) -> None:
        found = next(self.query("#appreciations").results(AppreciationPanel), None)
        if found is None or not self.is_attached:
            return  # already replaced by the next phase's workspace
        found.person_field.focus()
