"""The top line of the main screen: incident id, title, severity, status and the time of day."""

from __future__ import annotations

from datetime import datetime, tzinfo

from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.widgets import Static

from secondstory.core.model import Incident
from secondstory.tui.timefmt import clock_time


class IncidentHeader(HorizontalGroup):
    DEFAULT_CSS = """
    IncidentHeader {
        height: 1;
        background: $panel;
        #incident-id { width: auto; padding: 0 1; text-style: bold; color: $text-primary; }
        #incident-title { width: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
        .badge { width: auto; padding: 0 1; margin-left: 1; text-style: bold; }
        .-sev-SEV1 { background: $error; color: $text; }
        .-sev-SEV2 { background: $warning; color: $background; }
        .-sev-SEV3 { background: $primary-muted; color: $text; }
        .-sev-SEV4 { background: $surface; color: $text-muted; }
        #incident-status { color: $text-muted; }
        #wall-clock { width: auto; padding: 0 1; color: $text-muted; }
        #flag-count { display: none; color: $flag-warning; }
        #flag-count.-some { display: block; }
    }
    """

    def __init__(self, incident: Incident, tz: tzinfo | None) -> None:
        super().__init__()
        self._incident = incident
        self._tz = tz
        self._shown: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static(id="incident-id", markup=False)
        yield Static(id="incident-title", markup=False)
        yield Static(id="incident-severity", classes="badge", markup=False)
        yield Static(id="incident-status", classes="badge", markup=False)
        yield Static(id="flag-count", classes="badge", markup=False)
        yield Static(id="wall-clock", markup=False)

    def show_flag_count(self, count: int) -> None:
        """Open language flags across the session's text (hidden at none); see coach_hub.py."""
        text = f"⚑ {count} flag{'s' if count != 1 else ''}"
        for badge in self.query("#flag-count").results(Static):  # none while shutting down
            if str(badge.content) != text:
                badge.update(text)
                badge.set_class(count > 0, "-some")

    def update_view(self, now: datetime) -> None:
        inc = self._incident
        shown = (inc.id, inc.title, inc.severity, inc.status, clock_time(now, self._tz))
        if shown == self._shown:
            return
        self._shown = shown
        self.query_one("#incident-id", Static).update(inc.id)
        self.query_one("#incident-title", Static).update(inc.title)
        severity = self.query_one("#incident-severity", Static)
        severity.update(inc.severity)
        severity.set_classes(f"badge -sev-{inc.severity}")
        self.query_one("#incident-status", Static).update(inc.status)
        self.query_one("#wall-clock", Static).update(shown[-1])
