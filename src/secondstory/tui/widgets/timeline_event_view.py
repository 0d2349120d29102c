"""The current event, read-only: what the room looks at while the facilitator walks the timeline.

The text of the event, who was involved, its annotations, at a decision point the three answers
captured so far (what was known, why it made sense, what was missing), and the findings noted
at the event with what each became.

Walking the timeline changes this view on every key, so it has a fixed size and only repaints:
a widget whose size followed its content would make Textual lay out the whole screen again on
each key press, which costs more than a frame. What does not fit is cut at the bottom; the
editor behind Tab shows everything, scrollable.
"""

from __future__ import annotations

from collections.abc import Sequence

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


def _line(lines: list[Strip], y: int) -> Strip | None:
    return lines[y] if y < len(lines) else None


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
        new = self._build(width, height)
        self._lines = new
        changed = [y for y in range(max(len(old), len(new))) if _line(old, y) != _line(new, y)]
        if changed:
            self.refresh(Region(0, changed[0], width, changed[-1] - changed[0] + 1))

    @property
    def heading(self) -> str:
        return self._heading

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines = None
        self._style_cache = None

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
        console = self.app.console
        base = self._style("base")
        blank = Strip.blank(width, base)
        self._blank = blank
        lines: list[Strip] = []
        for paragraph in self.paragraphs():
            if len(lines) >= height:
                break  # what does not fit is not drawn (the editor scrolls)
            if not paragraph:
                lines.append(blank)
                continue
            for line in paragraph.wrap(console, width):
                line.pad_right(width - line.cell_len)
                segments = list(line.render(console))
                lines.append(Strip(Segment.apply_style(segments, base), width))
        return lines[:height]

    def render_line(self, y: int) -> Strip:
        width, height = self.size
        if self._lines is None or self._width != width:
            self._lines = self._build(width, height) if width > 0 else []
            self._width = width
        if y < len(self._lines):
            return self._lines[y]
        return self._blank or Strip.blank(width, self._style("base"))

    def on_resize(self) -> None:
        self._lines = None
