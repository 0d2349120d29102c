"""The opening workspace: the notes workspace plus the voices panel and the observer reminder.

The prompts (ground rules) and the facilitator's notes work as in every notes phase; the voices
panel lists the attendees, marks who has spoken (space), and reminds the room that observers
listen and park their questions. Wide terminals put the prompts above the voices panel, beside
the notes.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult

from secondstory.tui.widgets.voices_panel import VoicesPanel
from secondstory.tui.workspaces.notes import NotesWorkspace


class OpeningWorkspace(NotesWorkspace):
    DEFAULT_CSS = """
    OpeningWorkspace {
        #prompts { max-height: 30%; }
        #opening-voices { height: 40%; }
        &.-wide {
            layout: grid;
            grid-size: 2 2;
            grid-columns: 2fr 3fr;
            grid-rows: auto 1fr;
            grid-gutter: 0 1;
            #prompts { width: 1fr; height: auto; max-height: 100%; margin-right: 0; }
            #notes { row-span: 2; width: 1fr; height: 1fr; }
            #opening-voices { width: 1fr; height: 1fr; }
        }
    }
    """

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield VoicesPanel(
            self.state.session, self.phase_index, reminder=True, fill=True, id="opening-voices"
        )

    @on(VoicesPanel.Changed)
    def _voices_changed(self) -> None:
        self.edited()
