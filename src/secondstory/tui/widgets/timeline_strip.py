"""The incident on a time axis: the strip from `core.timeline_strip`, in the theme's colours.

Four lines: labelled spans (detect / mitigate / resolve), a mark per event (decision points
stand out), the axis, and clock ticks. The current event is marked on the axis with `▲` and its
mark is highlighted, so the room sees where in the incident the walk has got to.

The core picture is computed once per change of the timeline or width (O(events + width));
moving the current event only redraws four short lines.
"""

from __future__ import annotations

from datetime import datetime

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from secondstory.core.model import Session
from secondstory.core.timeline_facts import TimelineFacts
from secondstory.core.timeline_strip import (
    ROW_AXIS,
    ROW_EVENTS,
    TimelineStrip,
    render_strip,
)

CURRENT_MARK = "▲"

# Core style names → this widget's component classes (coloured by theme variables below).
_CLASSES = {
    "strip.detect": "timeline-strip--detect",
    "strip.mitigate": "timeline-strip--mitigate",
    "strip.resolve": "timeline-strip--resolve",
    "strip.event": "timeline-strip--event",
    "strip.decision": "timeline-strip--decision",
    "strip.axis": "timeline-strip--axis",
    "strip.tick": "timeline-strip--tick",
}


class TimelineStripView(Widget):
    """The strip; `show` gives it the session, `mark` the current event's time."""

    COMPONENT_CLASSES = {*_CLASSES.values(), "timeline-strip--current"}

    DEFAULT_CSS = """
    TimelineStripView {
        height: 4;
        & > .timeline-strip--detect { color: $warning; text-style: bold; }
        & > .timeline-strip--mitigate { color: $error; text-style: bold; }
        & > .timeline-strip--resolve { color: $success; text-style: bold; }
        & > .timeline-strip--event { color: $foreground; }
        & > .timeline-strip--decision { color: $accent; text-style: bold; }
        & > .timeline-strip--axis { color: $text-muted; }
        & > .timeline-strip--tick { color: $text-muted; }
        & > .timeline-strip--current { color: $text-primary; text-style: bold reverse; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self._session: Session | None = None
        self._facts: TimelineFacts | None = None
        self._picture: TimelineStrip | None = None
        self._lines: list[Strip] | None = None
        self._current: datetime | None = None
        self._style_cache: dict[str, Style] | None = None

    def show(self, session: Session, facts: TimelineFacts) -> None:
        """Redraw after a change to the timeline (the picture is computed again)."""
        self._session = session
        self._facts = facts
        self._picture = None
        self._lines = None
        self.refresh()

    def mark(self, at: datetime | None) -> None:
        """Mark the current event's time (None: no mark)."""
        if at == self._current:
            return
        old, self._current = self._current, at
        # The mark is on the events and axis lines only, in one cell of each.
        rows = ROW_AXIS - ROW_EVENTS + 1
        picture = self._picture
        if picture is None or self._lines is None or picture.width != self.size.width:
            self.refresh(Region(0, ROW_EVENTS, self.size.width, rows))
            return
        # Many events share a cell: walking from one to the next often leaves the mark where
        # it is, and then nothing needs drawing.
        cells = {None if t is None else picture.column(t) for t in (old, at)}
        if len(cells) > 1:
            self.refresh(*(Region(col, ROW_EVENTS, 1, rows) for col in cells if col is not None))

    @property
    def picture(self) -> TimelineStrip | None:
        """The core strip as last drawn (for tests and for anyone reading the screen)."""
        return self._picture

    def on_resize(self, event: events.Resize) -> None:
        self._picture = None
        self._lines = None

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines = None
        self._style_cache = None

    def _style(self, name: str) -> Style:
        """A component's style over the widget's, combined once per theme change."""
        if self._style_cache is None:
            self._style_cache = {}
        style = self._style_cache.get(name)
        if style is None:
            style = self._style_cache[name] = self.rich_style + self.get_component_rich_style(name)
        return style

    def _build(self, width: int) -> list[Strip]:
        if self._session is None:
            return [Strip.blank(width, self.rich_style)] * 4
        if self._picture is None or self._picture.width != width:
            self._picture = render_strip(self._session, width, facts=self._facts)
        picture = self._picture
        base = self.rich_style
        lines = []
        for row, text in enumerate(picture.rows):
            styles: list[Style] = [base] * width
            for span in picture.spans:
                if span.row == row:
                    style = self._style(_CLASSES.get(span.style, "timeline-strip--axis"))
                    styles[span.start : span.end] = [style] * (span.end - span.start)
            lines.append(_segments(text, styles, width))
        return lines

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if width <= 0 or not 0 <= y < 4:
            return Strip.blank(max(width, 0), self.rich_style)
        if self._lines is None or (self._picture is not None and self._picture.width != width):
            self._lines = self._build(width)
        line = self._lines[y]
        picture = self._picture
        if self._current is None or picture is None or y not in (ROW_EVENTS, ROW_AXIS):
            return line
        col = picture.column(self._current)
        if col is None:
            return line
        current = self._style("timeline-strip--current")
        return _with_cell(line, col, CURRENT_MARK if y == ROW_AXIS else None, current)


def _with_cell(line: Strip, col: int, mark: str | None, style: Style) -> Strip:
    """`line` with cell `col` replaced by `mark` in `style`, or (no mark) restyled over.

    The picture has one character per cell, so the cell is found by counting characters
    rather than by Textual's general (and, for a line of a hundred runs, slower) division.
    """
    segments = list(line)
    start = 0
    for index, (text, run_style, control) in enumerate(segments):
        end = start + len(text)
        if start <= col < end:
            at = col - start
            if mark is None:
                over = run_style + style if run_style else style
                cell = Segment(text[at], None if control else over, control)
            else:
                cell = Segment(mark, style)
            pieces = [cell]
            if at:
                pieces.insert(0, Segment(text[:at], run_style, control))
            if at + 1 < len(text):
                pieces.append(Segment(text[at + 1 :], run_style, control))
            segments[index : index + 1] = pieces
            return Strip(segments, line.cell_length)
        start = end
    return line


def _segments(text: str, styles: list[Style], width: int) -> Strip:
    """One line of the picture as segments, one per run of equally styled cells."""
    segments = []
    start = 0
    for col in range(1, width + 1):
        if col == width or styles[col] != styles[start]:
            segments.append(Segment(text[start:col], styles[start]))
            start = col
    return Strip(segments, width)
