"""How times read on screen: durations as `MM:SS`, clock times as `HH:MM` in the display zone."""

from __future__ import annotations

from datetime import datetime, tzinfo

from secondstory.core.clock import format_countdown, format_mmss

__all__ = ["clock_time", "format_countdown", "format_mmss", "minutes"]


def clock_time(moment: datetime, tz: tzinfo | None) -> str:
    """`HH:MM` in `tz`, or in the machine's local zone when `tz` is None."""
    return moment.astimezone(tz).strftime("%H:%M")


def minutes(seconds: float) -> str:
    """Whole minutes when exact (`15 min`), else `MM:SS`: budgets are planned in minutes."""
    whole = int(seconds)
    if whole % 60 == 0:
        return f"{whole // 60} min"
    return format_mmss(whole)
