"""A picture of the incident on a time axis, as plain text rows plus style spans.

Four rows, each exactly `width` cells:

    0  spans   ├─ detect 4m ─┤├─── mitigate 9m ───┤├ resolve 3m ┤
    1  events  │ │  ◆   │││ ◆          │    ◆  │
    2  axis    ───┼──────────┼──────────┼──────────┼──
    3  ticks     14:20      14:30      14:40      14:50

Spans run between the known milestones (start → detected "detect", → mitigated "mitigate",
→ resolved "resolve"; a missing milestone merges its span into the next). Events are `│`,
several in one cell `┃`, and a cell holding a decision point shows `◆`. Ticks fall on round
clock times in the chosen zone, at the smallest interval (1, 2, 5, 10, 15, 30 minutes, 1, 2, 3,
6, 12 hours, days) whose labels fit without crowding.

The app colours the rows with `spans`: (row, start, end exclusive, style name); style names are
listed in `STYLES`. The function is O(n + width): cheap enough to redraw after every change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from secondstory.core.model import Session
from secondstory.core.timeline_facts import TimelineFacts, compute_facts, format_duration
from secondstory.core.timeparse import format_clock, get_zone

ROW_SPANS, ROW_EVENTS, ROW_AXIS, ROW_TICKS = 0, 1, 2, 3
STYLES = (
    "strip.detect",
    "strip.mitigate",
    "strip.resolve",
    "strip.event",
    "strip.decision",
    "strip.axis",
    "strip.tick",
)
EVENT_MARK, MANY_MARK, DECISION_MARK = "│", "┃", "◆"
AXIS_CHAR, TICK_CHAR = "─", "┼"
TICK_INTERVALS = tuple(
    timedelta(minutes=m)
    for m in (1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080, 20160, 43200)
)
LABEL_GAP = 3
"""Blank cells wanted between two tick labels."""
EMPTY_PAD = timedelta(minutes=5)
"""A timeline with a single moment is shown with this much room either side."""

_SPAN_LABELS = (("detected", "detect"), ("mitigated", "mitigate"), ("resolved", "resolve"))


@dataclass(frozen=True)
class StripSpan:
    row: int
    start: int
    end: int
    """Exclusive."""
    style: str


@dataclass(frozen=True)
class TimelineStrip:
    rows: tuple[str, ...]
    spans: tuple[StripSpan, ...]
    width: int
    start: datetime | None
    end: datetime | None

    def column(self, at: datetime) -> int | None:
        """The cell for a moment (clamped to the strip), e.g. to mark the current event."""
        if self.start is None or self.end is None:
            return None
        return _column(at, self.start, self.end, self.width)


def _column(at: datetime, start: datetime, end: datetime, width: int) -> int:
    total = (end - start).total_seconds()
    if total <= 0 or width <= 1:
        return 0
    col = int((at - start).total_seconds() / total * (width - 1))
    return max(0, min(width - 1, col))


def _label(text: str, cells: int) -> str:
    """A span drawn in `cells` cells: `├─ text ─┤`, shortened or dropped when narrow."""
    if cells <= 0:
        return ""
    if cells == 1:
        return "│"
    if cells == 2:
        return "├┤"
    inner = cells - 2
    shown = text if len(text) + 2 <= inner else text.split(" ")[0]
    if len(shown) + 2 > inner:
        return "├" + AXIS_CHAR * inner + "┤"
    shown = f" {shown} "
    left = (inner - len(shown)) // 2
    return "├" + AXIS_CHAR * left + shown + AXIS_CHAR * (inner - left - len(shown)) + "┤"


def _ticks(start: datetime, end: datetime, width: int, zone: str) -> list[tuple[int, str]]:
    span = end - start
    label_width = 5
    most = max(1, width // (label_width + LABEL_GAP))
    interval = next((i for i in TICK_INTERVALS if span / i <= most), None)
    if interval is None:
        return []
    tz = get_zone(zone)
    offset = start.astimezone(tz).utcoffset() or timedelta(0)
    step = int(interval.total_seconds())
    local_start = int((start + offset).timestamp())
    first = -(-local_start // step) * step
    ticks = []
    moment = datetime.fromtimestamp(first, UTC) - offset
    while moment <= end:
        if interval >= timedelta(days=1):
            text = moment.astimezone(tz).strftime("%m-%d")
        else:
            text = format_clock(moment, zone)
        ticks.append((_column(moment, start, end, width), text))
        moment += interval
    return ticks


def render_strip(
    session: Session, width: int, *, zone: str = "UTC", facts: TimelineFacts | None = None
) -> TimelineStrip:
    """The strip for a session at `width` cells (see the module doc); `zone` labels the ticks.

    Pass `facts` when the app already has them, to skip recomputing.
    """
    if width < 1:
        raise ValueError("width must be at least 1")
    facts = facts or compute_facts(session)
    timeline = session.timeline
    moments = [m.at for m in facts.milestones.values() if m.at is not None]
    if timeline:
        moments += [timeline[0].at, timeline[-1].at]
    blank = " " * width
    if not moments:
        message = "no events yet"[:width].center(width)
        return TimelineStrip((blank, message, blank, blank), (), width, None, None)
    start, end = min(moments), max(moments)
    if start == end:
        start, end = start - EMPTY_PAD, end + EMPTY_PAD

    spans: list[StripSpan] = []
    span_row = [" "] * width
    begin = facts.at("started")
    for name, label in _SPAN_LABELS:
        at = facts.at(name)
        if at is None:
            continue
        if begin is not None and at >= begin:
            a, b = _column(begin, start, end, width), _column(at, start, end, width)
            cells = max(1, b - a + (1 if name == "resolved" else 0))
            cells = min(cells, width - a)
            text = _label(f"{label} {format_duration(at - begin)}", cells)
            span_row[a : a + cells] = list(text)
            spans.append(StripSpan(ROW_SPANS, a, a + cells, f"strip.{label}"))
        begin = at

    counts = [0] * width
    decisions = [False] * width
    # The hot loop for big timelines: `_column` inlined on POSIX timestamps.
    origin = start.timestamp()
    scale = (width - 1) / (end - start).total_seconds()
    last = width - 1
    for event in timeline:
        col = int((event.at.timestamp() - origin) * scale)
        col = 0 if col < 0 else last if col > last else col
        counts[col] += 1
        if event.decision_point:
            decisions[col] = True
    marks = [" "] * width
    cell_styles: list[str | None] = [None] * width
    for col in range(width):
        if decisions[col]:
            marks[col], cell_styles[col] = DECISION_MARK, "strip.decision"
        elif counts[col]:
            marks[col] = MANY_MARK if counts[col] > 1 else EVENT_MARK
            cell_styles[col] = "strip.event"
    run_start = 0
    for col in range(1, width + 1):
        if col == width or cell_styles[col] != cell_styles[run_start]:
            style = cell_styles[run_start]
            if style is not None:
                spans.append(StripSpan(ROW_EVENTS, run_start, col, style))
            run_start = col

    axis = [AXIS_CHAR] * width
    labels = [" "] * width
    last_end = -LABEL_GAP
    for col, text in _ticks(start, end, width, zone):
        axis[col] = TICK_CHAR
        left = max(0, min(width - len(text), col - len(text) // 2))
        if left >= last_end + LABEL_GAP - 1 and left + len(text) <= width:
            labels[left : left + len(text)] = list(text)
            last_end = left + len(text)
    spans.append(StripSpan(ROW_AXIS, 0, width, "strip.axis"))
    spans.append(StripSpan(ROW_TICKS, 0, width, "strip.tick"))
    rows = ("".join(span_row), "".join(marks), "".join(axis), "".join(labels))
    return TimelineStrip(rows, tuple(spans), width, start, end)
