"""The quick lists workspace, for the "what went well" and "what could be better" phases.

All four lists (went well, could be better, where we got lucky, lessons) are on screen, the
phase's own list first with the cursor in its add line: type a line, Enter adds it. Up (or
shift+tab) reaches the entries, where `e` edits, `d` deletes, `u` undoes, shift+up/down move;
Tab goes on to the next list. When there is room, the voices panel shows who has spoken in this
phase. Presentation mode shows the highlighted entry, or the list being filled.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Container
from textual.events import DescendantFocus, Resize
from textual.widgets import Static

from secondstory.core.lists_ops import LISTS, ListName
from secondstory.tui.widgets.list_panel import ListPanel
from secondstory.tui.widgets.voices_panel import VoicesPanel
from secondstory.tui.workspaces.base import Workspace

GRID_WIDTH = 70
"""From this width on, the four lists sit in a 2x2 grid."""
SIDE_WIDTH = 110
"""From this width on, the voices panel sits beside the lists."""
BELOW_HEIGHT = 30
"""Below the lists, the voices panel needs this much height to leave the lists enough."""
SHOWN_ENTRIES = 8
"""How many of a list's latest entries the shared screen shows."""

HINT = "Enter adds · ↑ entries: e edit, d delete, u undo, shift+↑↓ move · Tab next list"


def own_list(kind: str) -> ListName:
    return "could_be_better" if kind == "could_be_better" else "went_well"


def list_order(kind: str) -> list[ListName]:
    """The phase's own list first, then the others in their usual order."""
    first = own_list(kind)
    return [first, *(name for name in LISTS if name != first)]


def list_summary(panel: ListPanel) -> str | None:
    """A list as the shared screen shows it: its heading and latest entries."""
    items = panel.notes
    if not items:
        return None
    shown = items[-SHOWN_ENTRIES:]
    more = len(items) - len(shown)
    lines = [f"{panel.heading}" + (f" ({more} earlier not shown)" if more else "")]
    lines += [f"• {note.text}" for note in shown]
    return "\n".join(lines)


class ListsWorkspace(Workspace):
    DEFAULT_CSS = """
    ListsWorkspace {
        layout: vertical;
        #lists-hint { height: 1; color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis; }
        #lists-body { height: 1fr; layout: vertical; }
        #lists { height: 1fr; layout: vertical; }
        #lists > ListPanel { height: 1fr; }
        #lists > ListPanel.-own { height: 2fr; }
        #lists-voices { display: none; height: 35%; }
        &.-grid #lists {
            layout: grid;
            grid-size: 2 2;
            grid-rows: 1fr 1fr;
            grid-gutter: 0 1;
        }
        &.-grid #lists > ListPanel.-own, &.-grid #lists > ListPanel { height: 1fr; }
        &.-below #lists-voices { display: block; }
        &.-side #lists-body { layout: horizontal; }
        &.-side #lists-voices { display: block; width: 36; height: 100%; margin-left: 1; }
    }
    """

    def compose(self) -> ComposeResult:
        session = self.state.session
        self._last: ListPanel | None = None
        yield Static(HINT, id="lists-hint", markup=False)
        with Container(id="lists-body"):
            with Container(id="lists"):
                for index, name in enumerate(list_order(self.phase.kind)):
                    panel = ListPanel(
                        session, name, id=f"list-{name}", classes="-own" if index == 0 else None
                    )
                    self._last = self._last or panel
                    yield panel
            yield VoicesPanel(session, self.phase_index, fill=True, id="lists-voices")

    def panels(self) -> list[ListPanel]:
        return list(self.query(ListPanel).results(ListPanel))

    def own_panel(self) -> ListPanel | None:
        found = self.query(f"#list-{own_list(self.phase.kind)}").results(ListPanel)
        return next(found, None)

    def on_resize(self, event: Resize) -> None:
        width, height = event.size.width, event.size.height
        self.set_class(width >= GRID_WIDTH, "-grid")
        self.set_class(width >= SIDE_WIDTH, "-side")
        self.set_class(width < SIDE_WIDTH and height >= BELOW_HEIGHT, "-below")

    @on(DescendantFocus)
    def _focused(self, event: DescendantFocus) -> None:
        panel = next((a for a in event.widget.ancestors if isinstance(a, ListPanel)), None)
        if panel is not None:
            self._last = panel

    @on(ListPanel.Changed)
    @on(VoicesPanel.Changed)
    def _changed(self) -> None:
        self.edited()

    def commit(self) -> None:
        for panel in self.query(ListPanel).results(ListPanel):
            if panel.save_typed():
                self.edited()

    def presentation_item(self) -> str | None:
        panel = getattr(self, "_last", None)
        if panel is None or not panel.is_attached:
            return None
        if panel.entries.has_focus:
            note = panel.highlighted_note()
            if note is not None:
                return f"{panel.heading}: {note.text}"
        return list_summary(panel)

    def focus_default(self) -> None:
        panel = self.own_panel()
        if panel is None or not self.is_attached:
            return  # already replaced by the next phase's workspace
        panel.add_line.focus()
