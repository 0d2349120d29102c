"""The agenda beside the timer: every phase with its plan, the time it took, and its state.

Done phases are ticked, the current one is marked and highlighted, upcoming ones are dimmed. A
phase that took longer than its budget shows how far over it went in the theme's over colour.
"""

from __future__ import annotations

from datetime import datetime

from textual.content import Content
from textual.widgets import Static

from secondstory.tui.state import SessionState
from secondstory.tui.timefmt import format_mmss

MARKERS = {"done": "✓", "current": "▶", "upcoming": "·"}


def phase_state(index: int, current: int) -> str:
    if index < current:
        return "done"
    return "current" if index == current else "upcoming"


def agenda_content(state: SessionState, now: datetime) -> Content:
    lines: list[Content] = []
    current = state.current_index
    for index, phase in enumerate(state.phases):
        status = state.phase_status(index, now)
        where = phase_state(index, current)
        title_style = {
            "done": "$foreground-muted",
            "current": "bold $text-primary",
            "upcoming": "",
        }[where]
        lines.append(
            Content.assemble((f"{MARKERS[where]} ", title_style), (phase.title, title_style))
        )
        plan = format_mmss(phase.planned_minutes * 60)
        if status.budget != phase.planned_minutes * 60:
            plan += f"→{format_mmss(status.budget)}"
        parts: list[str | tuple[str, str]] = [(f"  {plan}", "$foreground-muted")]
        if status.elapsed >= 1:
            parts.append((f" · {format_mmss(status.elapsed)}", ""))
        if status.overrun >= 1:
            parts.append((f" +{format_mmss(status.overrun)}", "bold $timer-over"))
        lines.append(Content.assemble(*parts))
    return Content("\n").join(lines)


class AgendaSidebar(Static):
    DEFAULT_CSS = """
    AgendaSidebar {
        height: auto;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, state: SessionState) -> None:
        super().__init__()
        self._state = state
        self._shown: str | None = None

    def update_view(self, now: datetime) -> None:
        content = agenda_content(self._state, now)
        key = content.markup
        if key == self._shown:
            return
        self._shown = key
        self.update(content)
