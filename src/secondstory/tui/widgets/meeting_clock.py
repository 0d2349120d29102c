"""Meeting totals under the phase timer: elapsed, remaining, and when the meeting will end."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from rich.text import Text
from textual.widgets import Static

from secondstory.tui.state import SessionState
from secondstory.tui.timefmt import clock_time, format_mmss


@dataclass(frozen=True)
class MeetingFigures:
    started: bool
    elapsed: float
    remaining: float
    planned: int
    ends: str
    """Projected end as `HH:MM`."""
    late: float
    """Seconds the projected meeting runs past its plan (0 or more)."""


def meeting_figures(state: SessionState, now: datetime, tz: tzinfo | None) -> MeetingFigures:
    status = state.meeting_status(now)
    ahead = (status.projected_end - now).total_seconds() if status.projected_end else 0.0
    return MeetingFigures(
        started=status.started_at is not None,
        elapsed=status.elapsed,
        remaining=max(status.remaining, 0.0),
        planned=status.planned,
        ends=clock_time(status.projected_end, tz) if status.projected_end else "--:--",
        late=max(status.elapsed + ahead - status.planned, 0.0),
    )


def meeting_lines(figures: MeetingFigures) -> tuple[str, str]:
    """Two lines for the side column."""
    if not figures.started:
        return (
            f"Meeting {format_mmss(figures.planned)} planned",
            f"ends ≈{figures.ends} if started now",
        )
    first = f"Meeting {format_mmss(figures.elapsed)} · {format_mmss(figures.remaining)} left"
    second = f"ends ≈{figures.ends}"
    if figures.late >= 60:
        second += f" · {format_mmss(figures.late)} over plan"
    return first, second


class MeetingClock(Static):
    DEFAULT_CSS = """
    MeetingClock {
        height: auto;
        padding: 0 1;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        &.-late { color: $text-warning; }
    }
    """

    def __init__(self, state: SessionState, tz: tzinfo | None) -> None:
        super().__init__(markup=False)
        self._state = state
        self._tz = tz
        self._shown: tuple[str, str, bool] | None = None

    def update_view(self, now: datetime) -> None:
        figures = meeting_figures(self._state, now, self._tz)
        first, second = meeting_lines(figures)
        shown = (first, second, figures.started and figures.late >= 60)
        if shown == self._shown:
            return
        self._shown = shown
        self.update(Text(f"{first}\n{second}"))
        self.set_class(shown[2], "-late")
