"""The current event, read-only: what the room looks at while the facilitator walks the timeline.

The text of the event, who was involved, its annotations, at a decision point the three answers
captured so far (what was known, why it made sense, what was missing), and the findings noted
at the event with what each became.

Walking the timeline changes this view on every key, so it has a fixed size and only repaints:
a widget whose size followed its content would make Textual lay out the whole screen again on
each key press, which costs more than a frame. What does not fit is cut at the bottom; the
editor behind Tab shows everything, scrollable.

The wrapped lines of the last few events shown or prepared (`prepare`, called while the
facilitator talks for the event the next key will likely show) are kept, keyed by everything
they are drawn from: the event's fields, its findings, the heading, the hint and the size. An
edit anywhere in those makes a new key, so what is kept can never show an old text; a new
theme or size drops everything kept.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Sequence

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from secondstory.core.model import Finding, TimelineEvent
from secondstory.tui.widgets.timeline_findings import promoted_label

DECISION_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("known", "What was known at the time?"),
    ("why_sensible", "Why did the action make sense?"),
    ("missing", "What information was missing?"),
)
"""(field of `DecisionNotes`, the question asked in the room)."""


KEPT = 12
"""Events whose lines are kept: the ones around the cursor, both ways."""
KEPT_PARAGRAPHS = 256
"""Paragraphs whose lines are kept; all are dropped when there are more."""


def content_key(
    event: TimelineEvent, findings: Sequence[Finding], heading: str, hint: str
) -> Hashable:
    """Everything the view draws for `event`: equal keys draw equal lines."""
    decision = event.decision
    return (
        event.id,
        event.text,
        event.author,
        event.kind,
        tuple(event.annotations),
        event.decision_point,
        decision.known,
        decision.why_sensible,
        decision.missing,
        event.notes,
        tuple((f.id, f.text, f.promoted_to) for f in findings),
        heading,
        hint,
    )


def _runs(rows: list[int], width: int) -> list[Region]:
    """Regions covering `rows` (ascending), one per run of consecutive rows: lines that read
    the same between two events (a question, a blank line) are not drawn again."""
    regions: list[Region] = []
    start = previous = rows[0]
    for row in rows[1:]:
        if row != previous + 1:
            regions.append(Region(0, start, width, previous - start + 1))
            start = row
        previous = row
    regions.append(Region(0, start, width, previous - start + 1))
    return regions


def _line(lines: list[Strip], y: int) -> Strip | None:
    return lines[y] if y < len(lines) else None


def _wrapped(paragraph: Text, console: Console, width: int) -> list[Text]:
    """`paragraph.wrap`, without its work for the many paragraphs that fit on one line."""
    plain = paragraph.plain
    fits = len(plain) <= width and cell_len(plain) <= width
    if fits and "\n" not in plain and "\t" not in plain:
        return [paragraph]  # what wrap gives, as a copy: this one is the view's own
    return list(paragraph.wrap(console, width))


def _styled(text: str, style: Style) -> Text:
    # As a span, not as the Text's own style: wrapping drops the latter.
    return Text.assemble((text, style))


class TimelineEventView(Widget):
    """Shows one event; `show` switches to another with a repaint, never a new layout.

    Drawn with the Line API from lines wrapped once per `show` (and per width), because
    Textual's general text rendering costs several milliseconds for a panel of this size.
    """

    COMPONENT_CLASSES = {
        "timeline-event-view--heading",
        "timeline-event-view--decision",
        "timeline-event-view--text",
        "timeline-event-view--muted",
        "timeline-event-view--question",
        "timeline-event-view--title",
    }

    DEFAULT_CSS = """
    TimelineEventView {
        height: 1fr;
        & > .timeline-event-view--heading { color: $text-secondary; text-style: bold; }
        & > .timeline-event-view--decision { color: $accent; text-style: bold; }
        & > .timeline-event-view--text { text-style: bold; }
        & > .timeline-event-view--muted { color: $text-muted; }
        & > .timeline-event-view--question { color: $text-accent; text-style: bold; }
        & > .timeline-event-view--title { color: $text-secondary; text-style: bold; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self._event: TimelineEvent | None = None
        self._findings: tuple[Finding, ...] = ()
        self._heading = ""
        self._hint = ""
        self._lines: list[Strip] | None = None
        self._width = 0
        self._style_cache: dict[str, Style] | None = None
        self._blank: Strip | None = None
        self._kept: OrderedDict[Hashable, list[Strip]] = OrderedDict()
        """(content_key, width, height) → lines, the most recently used last."""
        self._paragraphs: dict[Hashable, list[Strip]] = {}
        """(text, styles, width) → the lines of one paragraph (see `_paragraph_lines`)."""

    def show(
        self,
        event: TimelineEvent | None,
        findings: Sequence[Finding],
        *,
        heading: str = "",
        hint: str = "",
    ) -> None:
        """Show `event` and the findings at it, under `heading`, with `hint` (keys) last."""
        self._event = event
        self._findings = tuple(findings)
        self._heading = heading
        self._hint = hint
        old = self._lines
        width, height = self.size
        if old is None or width <= 0 or width != self._width:
            self._lines = None
            self.refresh()
            return
        # Repaint only the lines that differ: a short event after a long one leaves blank
        # lines blank, and the less the screen has to redraw, the sooner the frame is out.
        new = self._lines_for(width, height)
        self._lines = new
        changed = [y for y in range(max(len(old), len(new))) if _line(old, y) != _line(new, y)]
        if changed:
            self.refresh(*_runs(changed, width))

    def prepare(
        self,
        event: TimelineEvent,
        findings: Sequence[Finding],
        *,
        heading: str = "",
        hint: str = "",
    ) -> None:
        """Wrap `event`'s lines ahead of showing it, so that `show` only has to repaint."""
        width, height = self.size
        if width <= 0 or width != self._width:
            return  # not drawn yet at this size: nothing kept would be used
        shown = self._event, self._findings, self._heading, self._hint
        self._event, self._findings, self._heading, self._hint = (
            event,
            tuple(findings),
            heading,
            hint,
        )
        try:
            self._lines_for(width, height)
        finally:
            self._event, self._findings, self._heading, self._hint = shown

    def _lines_for(self, width: int, height: int) -> list[Strip]:
        """The lines for what is set to show, from those kept when nothing changed."""
        event = self._event
        if event is None:
            return self._build(width, height)
        key = (content_key(event, self._findings, self._heading, self._hint), width, height)
        lines = self._kept.get(key)
        if lines is None:
            lines = self._kept[key] = self._build(width, height)
            while len(self._kept) > KEPT:
                self._kept.popitem(last=False)
        else:
            self._kept.move_to_end(key)
        return lines

    @property
    def heading(self) -> str:
        return self._heading

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines = None
        self._style_cache = None
        self._kept.clear()  # drawn in the old theme's colours
        self._paragraphs.clear()

    def _style(self, name: str) -> Style:
        """`base` or a component's style over it, combined once per theme change."""
        if self._style_cache is None:
            base = self.rich_style
            self._style_cache = {
                "base": base,
                **{
                    name: base + self.get_component_rich_style(f"timeline-event-view--{name}")
                    for name in ("heading", "decision", "text", "muted", "question", "title")
                },
            }
        return self._style_cache[name]

    def paragraphs(self) -> list[Text]:
        """What the view says, one Text per paragraph (an empty Text is a blank line)."""
        event = self._event
        if event is None:
            return []
        style = self._style
        muted = style("muted")
        result: list[Text] = []
        if self._heading:
            heading = _styled("◆ ", style("decision")) if event.decision_point else Text()
            heading.append(self._heading, style=style("heading"))
            result.append(heading)
        result.append(_styled(" ".join(event.text.split()), style("text")))
        if event.author:
            result.append(_styled(f"by {event.author}", muted))
        result.extend(_styled(f"· {note}", muted) for note in event.annotations)
        if event.decision_point:
            result.append(Text())
            for field, question in DECISION_QUESTIONS:
                answer = getattr(event.decision, field).strip()
                result.append(_styled(question, style("question")))
                result.append(Text(answer) if answer else _styled("…", muted))
        else:
            result += [Text(), _styled("Not a decision point: m marks it.", muted)]
        result += [Text(), _styled("Findings", style("title"))]
        if not self._findings:
            result.append(_styled("None yet: f notes one.", muted))
        for finding in self._findings:
            line = _styled(f"{finding.id} ", style("text"))
            line.append(finding.text)
            label = promoted_label(finding.promoted_to)
            if label:
                line.append(f"  → {label}", style=muted)
            result.append(line)
        # The facilitator's own note comes last: the room's answers matter more when space
        # is short.
        if event.notes.strip():
            result += [Text(), _styled(f"Notes: {event.notes.strip()}", muted)]
        if self._hint:
            result += [Text(), _styled(self._hint, muted)]
        return result

    def _build(self, width: int, height: int) -> list[Strip]:
        base = self._style("base")
        blank = Strip.blank(width, base)
        self._blank = blank
        lines: list[Strip] = []
        for paragraph in self.paragraphs():
            if len(lines) >= height:
                break  # what does not fit is not drawn (the editor scrolls)
            lines.extend(self._paragraph_lines(paragraph, width) if paragraph else [blank])
        return lines[:height]

    def _paragraph_lines(self, paragraph: Text, width: int) -> list[Strip]:
        """`paragraph` wrapped and drawn, from those kept: most paragraphs (the questions,
        the headings, the hints) read the same at every event."""
        key = (paragraph.plain, paragraph.style, tuple(paragraph.spans), width)
        lines = self._paragraphs.get(key)
        if lines is None:
            if len(self._paragraphs) >= KEPT_PARAGRAPHS:
                self._paragraphs.clear()
            console = self.app.console
            base = self._style("base")
            lines = []
            for line in _wrapped(paragraph, console, width):
                line.pad_right(width - line.cell_len)
                segments = list(line.render(console))
                lines.append(Strip(Segment.apply_style(segments, base), width))
            self._paragraphs[key] = lines
        return lines

    def render_line(self, y: int) -> Strip:
        width, height = self.size
        if self._lines is None or self._width != width:
            self._lines = self._lines_for(width, height) if width > 0 else []
            self._width = width
        if y < len(self._lines):
            return self._lines[y]
        return self._blank or Strip.blank(width, self._style("base"))

    def on_resize(self) -> None:
        self._lines = None
        self._kept.clear()
        self._paragraphs.clear()
