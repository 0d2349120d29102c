"""The timeline as a table: one line per event, drawn only for the rows on screen.

A timeline imported from chat can hold thousands of events. Building a widget, or even a
measured table row, per event would make opening the phase cost time in proportion to the
timeline, so this is a Line API widget: `render_line` formats the handful of rows in view from
the session and from facts computed once per change (`core.timeline_facts`), and a key press
redraws two lines. The header stays on the first line while the rows scroll under it.

Columns, dropped from the right-hand side of this list as the widget narrows: a mark for
decision points, the event id, the UTC time, an optional second time zone, the gap since the
previous event (long gaps stand out), the kind, and the text, which takes the rest.

The table moves its own cursor (next / previous event, next / previous decision point, pages)
and reports every move with `Moved`. Keys that change the timeline are declared here, so they
act and show in the footer only while the table has focus, and are handed to the workspace as
`Requested`; the table itself never edits the session.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from secondstory.core.model import TimelineEvent
from secondstory.core.timeline_facts import TimelineFacts, format_duration
from secondstory.core.timeline_ops import TimelineNav, has_decision_notes
from secondstory.core.timeparse import format_clock, format_utc

DECISION_MARK = "◆"
OPEN_DECISION_MARK = "◇"
"""A decision point whose what-was-known / why / missing capture is still empty."""
ELLIPSIS = "…"
KIND_WIDTH = 13
"""Kinds longer than this are shortened: the event's text matters more."""
TEXT_MIN = 24
"""Optional columns give way before the text gets narrower than this."""


@dataclass(frozen=True)
class TableData:
    """What the table draws, prepared once per change by the workspace."""

    events: Sequence[TimelineEvent]
    facts: TimelineFacts
    nav: TimelineNav
    zone: str | None = None
    """The second time zone column (an IANA name), or None for UTC alone."""
    milestones: dict[int, str] = field(default_factory=dict)
    """Row → milestone name (`detected`, ...) for rows that mark one."""


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int


def _fit(text: str, width: int) -> str:
    """`text` in exactly `width` cells: padded, or shortened with an ellipsis."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + ELLIPSIS


def zone_title(zone: str) -> str:
    """A short column title for an IANA zone: `Europe/London` → `London`."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


class TimelineTable(ScrollView, can_focus=True):
    """The events in order, with the current event under the cursor."""

    COMPONENT_CLASSES = {
        "timeline-table--header",
        "timeline-table--cursor",
        "timeline-table--decision",
        "timeline-table--long-gap",
        "timeline-table--milestone",
        "timeline-table--muted",
    }

    DEFAULT_CSS = """
    TimelineTable {
        height: 1fr;
        background: $surface;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        & > .timeline-table--header { background: $panel; color: $foreground; text-style: bold; }
        & > .timeline-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .timeline-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .timeline-table--decision { color: $accent; text-style: bold; }
        & > .timeline-table--long-gap { color: $warning; text-style: bold reverse; }
        & > .timeline-table--milestone { color: $text-primary; text-style: bold; }
        & > .timeline-table--muted { color: $text-muted; }
    }
    """

    BINDINGS = [
        Binding("down,j", "next_event", "Next event", show=False),
        Binding("up,k", "previous_event", "Previous event", show=False),
        Binding("d", "next_decision", "Decision▸", tooltip="Jump to the next decision point"),
        Binding("D", "previous_decision", "◂Decision", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("home", "first", "First event", show=False),
        Binding("end", "last", "Last event", show=False),
        Binding("a", "request('add')", "Add", tooltip="Add an event after this one"),
        Binding("e,enter", "request('edit')", "Edit", tooltip="Edit this event"),
        Binding("x,delete", "request('delete')", "Delete", show=False),
        Binding("u", "request('undo')", "Undo delete", show=False),
        Binding("m", "request('mark')", "Mark decision", show=False),
        Binding("f", "request('finding')", "Finding", tooltip="Note a finding at this event"),
        Binding("shift+up,K", "request('move_up')", "Move up", show=False),
        Binding("shift+down,J", "request('move_down')", "Move down", show=False),
        Binding("z", "request('zone')", "Zone", show=False),
    ]

    class Moved(Message):
        """The cursor is on a new row (None: the timeline is empty)."""

        def __init__(self, index: int | None) -> None:
            super().__init__()
            self.index = index

    class Requested(Message):
        """A key asked for a change to the timeline; the workspace carries it out."""

        def __init__(self, action: str, index: int | None) -> None:
            super().__init__()
            self.action = action
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self._data: TableData | None = None
        self._cursor: int | None = None
        self._rows: dict[int, Strip] = {}
        self._layout: tuple[int, tuple[Column, ...]] | None = None
        self._clock_seconds = False
        self._multi_day = False

    # Data ----------------------------------------------------------------------------------

    @property
    def cursor(self) -> int | None:
        return self._cursor

    @property
    def row_count(self) -> int:
        return len(self._data.events) if self._data else 0

    def show(self, data: TableData, cursor: int | None) -> None:
        """Draw `data` with the cursor on row `cursor` (clamped); posts `Moved`."""
        self._data = data
        events_ = data.events
        # Seconds and dates are shown only when the timeline needs them, decided once here
        # rather than per row so the columns line up.
        self._clock_seconds = any(e.at.second for e in events_)
        self._multi_day = bool(events_) and events_[0].at.date() != events_[-1].at.date()
        self._rows.clear()
        self._layout = None
        self.virtual_size = Size(0, len(events_) + 1)
        count = len(events_)
        self._cursor = None if count == 0 else max(0, min(cursor or 0, count - 1))
        self.refresh()
        self._follow_cursor()
        self.post_message(self.Moved(self._cursor))

    def move_to(self, index: int | None) -> None:
        """Put the cursor on row `index` (None or out of range: stay)."""
        if index is None or self._data is None or not 0 <= index < len(self._data.events):
            return
        old = self._cursor
        if index == old:
            return
        self._cursor = index
        if old is not None:
            self._refresh_row(old)
        self._refresh_row(index)
        self._follow_cursor()
        self.post_message(self.Moved(index))

    def _refresh_row(self, index: int) -> None:
        self.refresh_line(index + 1)

    def _follow_cursor(self) -> None:
        """Scroll just enough to keep the cursor row under the header and in view."""
        if self._cursor is None:
            return
        visible = max(1, self.scrollable_content_region.height - 1)
        top = round(self.scroll_y)
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False)
        elif self._cursor >= top + visible:
            self.scroll_to(y=self._cursor - visible + 1, animate=False)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._rows.clear()  # a new theme or focus: cached rows carry the old colours

    def on_resize(self, event: events.Resize) -> None:
        self._rows.clear()
        self._layout = None
        self._follow_cursor()

    # Keys ----------------------------------------------------------------------------------

    def action_next_event(self) -> None:
        if self._data:
            self.move_to(self._data.nav.next_event(self._cursor))

    def action_previous_event(self) -> None:
        if self._data:
            self.move_to(self._data.nav.previous_event(self._cursor))

    def action_next_decision(self) -> None:
        if self._data is None:
            return
        found = self._data.nav.next_decision(self._cursor)
        if found is None:
            self.notify("No decision point after this event.", timeout=3)
        self.move_to(found)

    def action_previous_decision(self) -> None:
        if self._data is None:
            return
        found = self._data.nav.previous_decision(self._cursor)
        if found is None:
            self.notify("No decision point before this event.", timeout=3)
        self.move_to(found)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 2)

    def action_page_down(self) -> None:
        if self._cursor is not None:
            self.move_to(min(self.row_count - 1, self._cursor + self._page()))

    def action_page_up(self) -> None:
        if self._cursor is not None:
            self.move_to(max(0, self._cursor - self._page()))

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(self.row_count - 1)

    def action_request(self, action: str) -> None:
        self.post_message(self.Requested(action, self._cursor))

    def on_click(self, event: events.Click) -> None:
        if event.y >= 1:
            self.move_to(round(self.scroll_y) + event.y - 1)

    # Drawing -------------------------------------------------------------------------------

    def _columns(self, width: int) -> tuple[Column, ...]:
        if self._layout is not None and self._layout[0] == width:
            return self._layout[1]
        data = self._data
        events_ = data.events if data else ()
        clock = 8 if self._clock_seconds else 5
        if self._multi_day:
            clock += 6
        zone_width = 0
        if data is not None and data.zone and events_:
            ends = (events_[0], events_[-1])
            zone_width = max(cell_len(format_clock(e.at, data.zone, label=True)) for e in ends)
            zone_width = max(zone_width, len(zone_title(data.zone)))
        id_width = max((len(e.id) for e in events_), default=3)
        kind_width = min(KIND_WIDTH, max((len(e.kind) for e in events_), default=4))
        # Listed in the order they give way when the widget is narrow: last first.
        wanted = [
            Column("mark", "", 1),
            Column("utc", "UTC", clock),
            Column("gap", "Gap", 7),
            Column("zone", zone_title(data.zone) if data and data.zone else "", zone_width),
            Column("kind", "Kind", max(4, kind_width)),
            Column("id", "Id", max(2, id_width)),
        ]
        columns = [c for c in wanted if c.width > 0]
        # Drop optional columns (last listed first) until the text has room.
        while len(columns) > 2 and width - sum(c.width + 1 for c in columns) < TEXT_MIN:
            columns.pop()
        text_width = max(1, width - sum(c.width + 1 for c in columns))
        order = {"mark": 0, "id": 1, "utc": 2, "zone": 3, "gap": 4, "kind": 5}
        columns.sort(key=lambda c: order[c.key])
        result = (*columns, Column("text", "Event", text_width))
        self._layout = (width, result)
        return result

    def shows(self, key: str) -> bool:
        """Whether column `key` (`zone`, `gap`, `kind`, `id`) fits at the current width."""
        return any(c.key == key for c in self._columns(self.scrollable_content_region.width))

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"timeline-table--{name}")

    def _clock(self, at: datetime) -> str:
        text = format_utc(at, seconds=self._clock_seconds)
        return f"{at:%m-%d} {text}" if self._multi_day else text

    def _header(self, width: int) -> Strip:
        style = self._style("header")
        cells = " ".join(_fit(c.title, c.width) for c in self._columns(width))
        return Strip([Segment(_fit(cells, width), style)], width)

    def _row(self, index: int, width: int) -> Strip:
        cached = self._rows.get(index)
        if cached is not None:
            return cached
        data = self._data
        assert data is not None
        event = data.events[index]
        base = self.rich_style
        muted = base + self._style("muted")
        segments: list[Segment] = []
        for column in self._columns(width):
            style = base
            if column.key == "mark":
                text = " "
                if event.decision_point:
                    text = DECISION_MARK if has_decision_notes(event) else OPEN_DECISION_MARK
                style = base + self._style("decision")
            elif column.key == "id":
                text, style = event.id, muted
            elif column.key == "utc":
                text = self._clock(event.at)
            elif column.key == "zone":
                text = format_clock(event.at, data.zone or "UTC", label=True)
                style = muted
            elif column.key == "gap":
                gap = data.facts.gaps[index]
                text = "" if gap is None or not gap else "+" + format_duration(gap)
                style = base + self._style("long-gap") if data.facts.long_gaps[index] else muted
            elif column.key == "kind":
                text = event.kind
                if index in data.milestones:
                    style = base + self._style("milestone")
            else:
                text = " ".join(event.text.split())
                if event.decision_point:
                    style = base + self._style("decision")
            segments.append(Segment(_fit(text, column.width), style))
            segments.append(Segment(" ", base))
        strip = Strip(segments[:-1]).adjust_cell_length(width, base)
        self._rows[index] = strip
        return strip

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._header(width)
        data = self._data
        index = round(self.scroll_y) + y - 1
        if data is None or not data.events:
            if y == 1:
                hint = "No events yet: press a to add the first one (time, then what happened)."
                return Strip([Segment(_fit(hint, width), self._style("muted"))], width)
            return Strip.blank(width, self.rich_style)
        if not 0 <= index < len(data.events):
            return Strip.blank(width, self.rich_style)
        strip = self._row(index, width)
        if index == self._cursor:
            # After the cell styles, so the cursor row reads as one bar whatever its cells say.
            cursor = self._style("cursor")
            strip = Strip(Segment.apply_style(strip, post_style=cursor), strip.cell_length)
        return strip
