"""The notes workspace: the phase's prompts beside a notes area bound to `Phase.notes`.

The default for every phase kind until a dedicated workspace exists. The notes are the
facilitator's own and never appear in presentation mode.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.events import Resize
from textual.widgets import Static, TextArea

from secondstory.tui.widgets.bullets import bullet_list
from secondstory.tui.widgets.text_fields import NoteArea
from secondstory.tui.workspaces.base import Workspace

WIDE = 100
"""From this width on, the prompts sit beside the notes instead of above them."""


class NotesWorkspace(Workspace):
    DEFAULT_CSS = """
    NotesWorkspace {
        layout: vertical;
        #prompts {
            height: auto;
            max-height: 40%;
            border: round $secondary 60%;
            border-title-color: $text-secondary;
            padding: 0 1;
        }
        #notes { height: 1fr; border-title-color: $text-muted; }
        &.-wide {
            layout: horizontal;
            #prompts { width: 40%; max-height: 100%; margin-right: 1; }
            #notes { width: 1fr; }
        }
    }
    """

    def compose(self) -> ComposeResult:
        phase = self.phase
        prompts = VerticalScroll(id="prompts")
        prompts.border_title = "Prompts"
        with prompts:
            if phase.prompts:
                yield Static(bullet_list(phase.prompts))
            else:
                yield Static("No prompts for this phase.", markup=False)
        notes = NoteArea(
            phase.notes,
            id="notes",
            soft_wrap=True,
            tab_behavior="focus",
            placeholder="Notes for this phase (facilitator only, not on the shared screen)",
        )
        notes.border_title = "Notes · facilitator only"
        yield notes

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width >= WIDE, "-wide")

    @on(TextArea.Changed, "#notes")
    def _notes_changed(self) -> None:
        self.commit()

    def commit(self) -> None:
        notes = next(self.query("#notes").results(TextArea), None)
        if notes is None:
            return
        text = notes.text
        if text != self.phase.notes:
            self.phase.notes = text
            self.edited()

    def focus_default(self) -> None:
        found = self.query("#notes").results(TextArea)
        notes = next(found, None)
        if notes is None or not self.is_attached:
            return  # already replaced by the next phase's workspace
        notes.focus()
        # Pick up where the notes end: the facilitator adds to them far more than edits them.
        notes.move_cursor(notes.document.end)
