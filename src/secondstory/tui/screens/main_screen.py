"""The facilitator's screen: incident header, phase timer, meeting totals, agenda, workspace."""

from __future__ import annotations

from datetime import datetime, tzinfo
from functools import partial

from textual.app import ComposeResult
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer

from secondstory.tui.screens.session_screen import SessionScreen
from secondstory.tui.state import SessionState
from secondstory.tui.widgets.agenda_sidebar import AgendaSidebar
from secondstory.tui.widgets.flags_panel import FlagsPanel
from secondstory.tui.widgets.incident_header import IncidentHeader
from secondstory.tui.widgets.meeting_clock import MeetingClock
from secondstory.tui.widgets.phase_timer import PhaseTimer
from secondstory.tui.workspaces import Workspace, preload, workspace_class


class MainScreen(SessionScreen):
    CSS_PATH = "main_screen.tcss"

    def __init__(self, state: SessionState, tz: tzinfo | None) -> None:
        super().__init__(state)
        self._tz = tz
        self._workspace_index: int | None = None
        self._parts: tuple[IncidentHeader | PhaseTimer | MeetingClock | AgendaSidebar, ...] = ()
        self._slot = Container(id="workspace")

    def compose(self) -> ComposeResult:
        yield IncidentHeader(self.state.session.incident, self._tz)
        with Horizontal(id="body"):
            with Vertical(id="side"):
                yield PhaseTimer(self.state)
                yield MeetingClock(self.state, self._tz)
                with VerticalScroll(id="agenda") as agenda:
                    agenda.border_title = "Agenda"
                    agenda.can_focus = False
                    yield AgendaSidebar(self.state)
            with self._slot:
                if self.state.phases:
                    # The first workspace is composed with the screen, so the first frame has it.
                    index = self.state.current_index
                    self._workspace_index = index
                    yield workspace_class(self.state.phases[index].kind)(self.state, index)
        yield FlagsPanel()
        yield Footer(compact=True)

    def workspace(self) -> Workspace | None:
        found = self._slot.query_children(Workspace)
        return found.first() if found else None

    def commit(self) -> None:
        workspace = self.workspace()
        if workspace is not None:
            workspace.commit()

    def presentation_item(self) -> str | None:
        workspace = self.workspace()
        return workspace.presentation_item() if workspace else None

    def presentation_key(self, key: str) -> bool:
        """Pass a key pressed in presentation mode to the workspace (see Workspace)."""
        workspace = self.workspace()
        return workspace.presentation_key(key) if workspace else False

    def on_mount(self) -> None:
        # Held rather than queried on every tick: while the app shuts down, children go away
        # one by one and a query in a late tick would fail.
        self._parts = (
            self.query_one(IncidentHeader),
            self.query_one(PhaseTimer),
            self.query_one(MeetingClock),
            self.query_one(AgendaSidebar),
        )
        self._slot = self.query_one("#workspace", Container)
        workspace = self.workspace()
        if workspace is not None:
            self.call_after_refresh(workspace.focus_default)
        later = getattr(self.app, "after_first_frame", self.call_after_refresh)
        later(self._preload_next)
        # SessionScreen.on_mount runs next (Textual calls each class's handler) and draws.

    def update_view(self, now: datetime) -> None:
        for part in self._parts:
            part.update_view(now)
        if self.state.phases and self._workspace_index != self.state.current_index:
            self._show_workspace(self.state.current_index)
        workspace = self.workspace()
        if workspace is not None:
            workspace.update_view(now)

    def _show_workspace(self, index: int) -> None:
        self._workspace_index = index
        slot = self._slot
        if not slot.is_attached:
            return
        had_focus = self.focused is None or slot in self.focused.ancestors
        # A line typed but not yet entered belongs to the phase being left: keep it.
        for old in slot.query(Workspace):
            old.commit()
        slot.remove_children()
        kind = self.state.phases[index].kind
        workspace = workspace_class(kind)(self.state, index)
        slot.mount(workspace)
        if had_focus:
            self.call_after_refresh(workspace.focus_default)
        self.call_after_refresh(self._preload_next)

    def _preload_next(self) -> None:
        """Load the next phase's workspace code in the background (see `preload`)."""
        following = self.state.current_index + 1
        if following < len(self.state.phases):
            kind = self.state.phases[following].kind
            self.app.run_worker(
                partial(preload, kind),
                name="preload workspace",
                group="preload-workspace",
                thread=True,
                exit_on_error=False,
            )
