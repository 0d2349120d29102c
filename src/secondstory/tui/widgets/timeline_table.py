"""The timeline as a table: one line per event, drawn only for the rows on screen.

A timeline imported from chat can hold thousands of events. Building a widget, or even a
measured table row, per event would make opening the phase cost time in proportion to the
timeline, so this is a Line API widget: `render_line` formats the handful of rows in view from
the session and from facts computed once per change (`core.timeline_facts`), and a key press
redraws two lines. The header stays on the first line while the rows scroll under it.

The table scrolls itself (it keeps the first row shown) instead of using Textual's scrolling:
a Textual scroll lays out the screen again, which on its own costs about a frame, and the
header shows where the cursor is (`120/2000`) in place of a scrollbar.

Columns, dropped from the right-hand side of this list as the widget narrows: a mark for
decision points, the event id, the UTC time, an optional second time zone, the gap since the
previous event (long gaps stand out), the kind, and the text, which takes the rest.

The table moves its own cursor (next / previous event, next / previous decision point, pages)
and reports every move by calling `on_move` at once, not with a message: whoever shows the
current event then redraws in the same frame as the cursor, where a message would arrive after
that frame and cost a second one on every key. Keys that change the timeline are declared here,
so they act and show in the footer only while the table has focus, and are handed to the
workspace as `Requested`; the table itself never edits the session.

Rows are drawn once and kept until the data, the width or the theme changes (`show`,
`redraw_row`, a resize or a new style clears them). A jump to the next decision point usually
scrolls a page of rows the table has never drawn, so a moment after each move, while the
facilitator talks, the table draws ahead the rows the same walking key would show next, and
calls `on_prefetch` with the rows that key and its opposite would move the cursor to, for
whoever shows the current event to prepare it too. That work is done in small steps that give
way to a key press, and is dropped when the cursor moves again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.timer import Timer
from textual.widget import Widget

from secondstory.core.model import TimelineEvent
from secondstory.core.timeline_facts import TimelineFacts, format_duration
from secondstory.core.timeline_ops import TimelineNav, has_decision_notes
from secondstory.core.timeparse import format_clock, format_utc

DECISION_MARK = "◆"
OPEN_DECISION_MARK = "◇"
"""A decision point whose what-was-known / why / missing capture is still empty."""
ELLIPSIS = "…"
EMPTY_HINT = (
    "No events yet.",
    "Press a to add the first one:",
    "its time, then what happened.",
    "",
    "Times: 2026-03-22 14:23, 14:23 UTC,",
    "14:23 +01:00, or +5m after the last one.",
)
KIND_WIDTH = 13
"""Kinds longer than this are shortened: the event's text matters more."""
TEXT_MIN = 24
"""Optional columns give way before the text gets narrower than this."""
PREFETCH_DELAY = 0.03
"""Seconds after a move before drawing ahead: the frame answering the key is out by then."""
PREFETCH_STEP = 8
"""Rows drawn ahead at a time before giving way to whatever else is waiting (a key press)."""
OPPOSITE = {
    "next_event": "previous_event",
    "previous_event": "next_event",
    "next_decision": "previous_decision",
    "previous_decision": "next_decision",
    "page_down": "page_up",
    "page_up": "page_down",
}


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
    if text.isascii() and text.isprintable():
        # One cell per character: the common case, without measuring each character.
        if len(text) <= width:
            return text.ljust(width)
        return text[: width - 1] + ELLIPSIS
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + ELLIPSIS


def zone_title(zone: str) -> str:
    """A short column title for an IANA zone: `Europe/London` → `London`."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


class TimelineTable(Widget, can_focus=True):
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
        width: 1fr;
        height: 1fr;
        background: $surface;
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
        Binding("c", "request('factor')", "Finding→factor", show=False),
        Binding("i", "request('action')", "Finding→action", show=False),
        Binding("shift+up,K", "request('move_up')", "Move up", show=False),
        Binding("shift+down,J", "request('move_down')", "Move down", show=False),
        Binding("z", "request('zone')", "Zone", show=False),
        Binding("tab", "request('capture')", "Capture", show=False),
        Binding(
            "n",
            "request('notes')",
            "Phase notes",
            tooltip="Show and edit this phase's notes (facilitator only)",
            show=False,
        ),
    ]

    class Requested(Message):
        """A key asked for a change to the timeline; the workspace carries it out."""

        def __init__(self, action: str, index: int | None) -> None:
            super().__init__()
            self.action = action
            self.index = index

    def __init__(
        self,
        *,
        on_move: Callable[[int | None], None] | None = None,
        on_prefetch: Callable[[int], None] | None = None,
        id: str | None = None,  # noqa: A002 (Textual's name)
    ) -> None:
        super().__init__(id=id)
        self._on_move = on_move
        self._on_prefetch = on_prefetch
        self._last_action = "next_event"
        """The walking key used last: the likeliest next one, for drawing ahead."""
        self._prefetch_timer: Timer | None = None
        self._top = 0
        """The first row shown under the header."""
        self._data: TableData | None = None
        self._cursor: int | None = None
        self._rows: dict[int, Strip] = {}
        self._style_cache: dict[str, Style] | None = None
        self._layout: tuple[int, tuple[Column, ...]] | None = None
        self._row_length = 0
        """The cells of a row with the columns of `_layout`, gaps included."""
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
        """Draw `data` with the cursor on row `cursor` (clamped); calls `on_move`."""
        self._data = data
        events_ = data.events
        # Seconds and dates are shown only when the timeline needs them, decided once here
        # rather than per row so the columns line up.
        self._clock_seconds = any(e.at.second for e in events_)
        self._multi_day = bool(events_) and events_[0].at.date() != events_[-1].at.date()
        self._rows.clear()
        self._layout = None
        count = len(events_)
        self._cursor = None if count == 0 else max(0, min(cursor or 0, count - 1))
        self._top = max(0, min(self._top, count - self._visible()))
        self.refresh()
        self._follow_cursor()
        self._moved()

    def move_to(self, index: int | None) -> None:
        """Put the cursor on row `index` (None or out of range: stay)."""
        if index is None or self._data is None or not 0 <= index < len(self._data.events):
            return
        old = self._cursor
        if index == old:
            return
        self._cursor = index
        width = self.size.width
        # The two rows and the position in the header, in one call: each call costs.
        lines = [Region(0, 0, width, 1), Region(0, index - self._top + 1, width, 1)]
        if old is not None:
            lines.append(Region(0, old - self._top + 1, width, 1))
        self.refresh(*lines)
        self._follow_cursor()
        self._moved()

    def _moved(self) -> None:
        if self._on_move is not None:
            self._on_move(self._cursor)
        self._schedule_prefetch()

    def redraw_row(self, index: int) -> None:
        """Draw row `index` again after its event changed in place (not its time or order)."""
        self._rows.pop(index, None)
        self.refresh(Region(0, index - self._top + 1, self.size.width, 1))

    @property
    def top(self) -> int:
        """The first row shown under the header."""
        return self._top

    def _visible(self) -> int:
        return max(1, self.size.height - 1)

    def _show_from(self, top: int) -> None:
        top = max(0, min(top, self.row_count - self._visible()))
        if top != self._top:
            self._top = top
            self.refresh()

    def _top_for(self, cursor: int) -> int:
        """The first row shown once the cursor is on row `cursor`.

        The view scrolls only when the cursor leaves it, and then by a third of a page rather
        than a row: walking down shows the next events ahead of the cursor, and the table
        redraws once every few keys instead of on every key.
        """
        visible = self._visible()
        if self._top <= cursor < self._top + visible:
            return self._top
        # Going up, the cursor lands two thirds down the page; going down, a third down.
        top = cursor - (visible * 2) // 3 if cursor < self._top else cursor - visible // 3
        return max(0, min(top, self.row_count - visible))

    def _follow_cursor(self) -> None:
        if self._cursor is not None:
            self._show_from(self._top_for(self._cursor))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._rows.clear()  # a new theme or focus: cached rows carry the old colours
        self._style_cache = None

    def on_resize(self, event: events.Resize) -> None:
        self._rows.clear()
        self._layout = None
        self._follow_cursor()

    # Keys ----------------------------------------------------------------------------------

    def target(self, action: str) -> int | None:
        """The row the walking `action` (`next_decision`, `page_down`, ...) would move to."""
        data, cursor = self._data, self._cursor
        if data is None:
            return None
        nav = data.nav
        if action == "next_event":
            return nav.next_event(cursor)
        if action == "previous_event":
            return nav.previous_event(cursor)
        if action == "next_decision":
            return nav.next_decision(cursor)
        if action == "previous_decision":
            return nav.previous_decision(cursor)
        if cursor is None:
            return None
        if action == "page_down":
            return min(self.row_count - 1, cursor + self._page())
        if action == "page_up":
            return max(0, cursor - self._page())
        return None

    def _walk(self, action: str) -> int | None:
        self._last_action = action
        found = self.target(action)
        self.move_to(found)
        return found

    def action_next_event(self) -> None:
        self._walk("next_event")

    def action_previous_event(self) -> None:
        self._walk("previous_event")

    def action_next_decision(self) -> None:
        if self._data is not None and self._walk("next_decision") is None:
            self.notify("No decision point after this event.", timeout=3)

    def action_previous_decision(self) -> None:
        if self._data is not None and self._walk("previous_decision") is None:
            self.notify("No decision point before this event.", timeout=3)

    def _page(self) -> int:
        return max(1, self._visible() - 1)

    def action_page_down(self) -> None:
        self._walk("page_down")

    def action_page_up(self) -> None:
        self._walk("page_up")

    def action_first(self) -> None:
        self._last_action = "next_event"
        self.move_to(0)

    def action_last(self) -> None:
        self._last_action = "previous_event"
        self.move_to(self.row_count - 1)

    def action_request(self, action: str) -> None:
        self.post_message(self.Requested(action, self._cursor))

    def on_click(self, event: events.Click) -> None:
        if event.y >= 1:
            self.move_to(self._top + event.y - 1)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self._show_from(self._top + 3)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self._show_from(self._top - 3)

    # Drawing ahead ---------------------------------------------------------------------------

    def upcoming(self) -> list[int]:
        """Rows the next walking key will most likely move the cursor to, likeliest first:
        the last walking key again, then its opposite."""
        rows: list[int] = []
        last = self._last_action
        for action in (last, OPPOSITE.get(last, "previous_event")):
            row = self.target(action)
            if row is not None and row != self._cursor and row not in rows:
                rows.append(row)
        return rows

    def _schedule_prefetch(self) -> None:
        if self._prefetch_timer is not None:
            self._prefetch_timer.stop()  # the cursor moved on: what was planned is stale
        self._prefetch_timer = None
        if self._cursor is not None and self.is_mounted:
            self._prefetch_timer = self.set_timer(PREFETCH_DELAY, self.draw_ahead)

    def _missing_rows(self, cursor: int) -> list[int]:
        """The rows shown with the cursor on `cursor` that are not drawn yet."""
        top = self._top_for(cursor)
        end = min(top + self._visible(), self.row_count)
        return [index for index in range(top, end) if index not in self._rows]

    async def draw_ahead(self) -> None:
        """Prepare what the likely next keys show, a few rows at a time.

        Runs a moment after each move (a further move cancels it); tests call it directly.
        Rows are drawn ahead for the likeliest key only: going back mostly shows rows drawn
        on the way, and drawing the others would cost on every key for a key seldom pressed.
        """
        for rank, row in enumerate(self.upcoming()):
            if self._on_prefetch is not None:
                self._on_prefetch(row)
            missing = self._missing_rows(row) if rank == 0 else []
            for start in range(0, len(missing), PREFETCH_STEP):
                await asyncio.sleep(0)  # a key press waiting goes first
                width = self.size.width
                if self._data is None or width <= 0:
                    return
                for index in missing[start : start + PREFETCH_STEP]:
                    if index < self.row_count:
                        self._row(index, width)
            await asyncio.sleep(0)

    def prefetched(self, index: int) -> bool:
        """Whether row `index` is drawn and kept (for tests and benchmarks)."""
        return index in self._rows

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
        self._row_length = sum(c.width for c in result) + len(result) - 1
        return result

    def shows(self, key: str) -> bool:
        """Whether column `key` (`zone`, `gap`, `kind`, `id`) fits at the current width."""
        return any(c.key == key for c in self._columns(self.size.width))

    def _styles(self) -> dict[str, Style]:
        """The row styles, combined once per theme or focus change rather than per cell."""
        if self._style_cache is None:
            base = self.rich_style
            component = self.get_component_rich_style
            self._style_cache = {
                "base": base,
                **{
                    name: base + component(f"timeline-table--{name}")
                    for name in ("header", "cursor", "decision", "long-gap", "milestone", "muted")
                },
            }
        return self._style_cache

    def _clock(self, at: datetime) -> str:
        text = format_utc(at, seconds=self._clock_seconds)
        return f"{at:%m-%d} {text}" if self._multi_day else text

    def _header(self, width: int) -> Strip:
        cells = " ".join(_fit(c.title, c.width) for c in self._columns(width))
        if self._cursor is not None and self.row_count > self._visible():
            # Where the cursor is, in place of a scrollbar.
            position = f" {self._cursor + 1}/{self.row_count} "
            cells = _fit(cells.rstrip(), max(0, width - len(position))) + position
        return Strip([Segment(_fit(cells, width), self._styles()["header"])], width)

    def _row(self, index: int, width: int) -> Strip:
        cached = self._rows.get(index)
        if cached is not None:
            return cached
        data = self._data
        assert data is not None
        event = data.events[index]
        styles = self._styles()
        base, muted = styles["base"], styles["muted"]
        segments: list[Segment] = []
        columns = self._columns(width)
        for column in columns:
            style = base
            if column.key == "mark":
                text = " "
                if event.decision_point:
                    text = DECISION_MARK if has_decision_notes(event) else OPEN_DECISION_MARK
                style = styles["decision"]
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
                style = styles["long-gap"] if data.facts.long_gaps[index] else muted
            elif column.key == "kind":
                text = event.kind
                if index in data.milestones:
                    style = styles["milestone"]
            else:
                text = " ".join(event.text.split())
                if event.decision_point:
                    style = styles["decision"]
            segments.append(Segment(_fit(text, column.width), style))
            segments.append(Segment(" ", base))
        segments.pop()
        # Every cell is fitted to its column, so the row's length is known without measuring.
        length = self._row_length
        strip = Strip(segments, length)
        if length != width:
            strip = strip.adjust_cell_length(width, base)
        self._rows[index] = strip
        return strip

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y == 0:
            return self._header(width)
        styles = self._styles()
        data = self._data
        index = self._top + y - 1
        if data is None or not data.events:
            if 1 <= y <= len(EMPTY_HINT):
                return Strip([Segment(_fit(EMPTY_HINT[y - 1], width), styles["muted"])], width)
            return Strip.blank(width, styles["base"])
        if not 0 <= index < len(data.events):
            return Strip.blank(width, styles["base"])
        strip = self._row(index, width)
        if index == self._cursor:
            # After the cell styles, so the cursor row reads as one bar whatever its cells say.
            cursor = styles["cursor"]
            strip = Strip(Segment.apply_style(strip, post_style=cursor), strip.cell_length)
        return strip
