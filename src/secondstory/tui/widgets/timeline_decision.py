"""The current event in full, and at a decision point the structured capture.

At a decision point the room answers three questions, each in its own field bound to
`TimelineEvent.decision`: what was known at the time, why the action made sense then, and what
information was missing (the fog of war). Below them, the findings noted at this event.

The panel only displays and collects: typing posts `DecisionTyped` with the event's id, and the
workspace writes the text into the session (so the language coach, which lives in `NoteArea`,
reaches these fields too).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static, TextArea

from secondstory.core.model import Finding, TimelineEvent
from secondstory.core.timeparse import format_clock, format_utc
from secondstory.tui.widgets.text_fields import NoteArea
from secondstory.tui.widgets.timeline_findings import TimelineFindings

DECISION_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("known", "What was known at the time?", "What the responders could see and believed then"),
    ("why_sensible", "Why did the action make sense?", "Why it was a reasonable step then"),
    ("missing", "What information was missing?", "What nobody could see yet (fog of war)"),
)
"""(field of `DecisionNotes`, question, placeholder)."""


def event_heading(event: TimelineEvent, zone: str | None) -> str:
    """`E-6 · 14:21 UTC (14:21 GMT) · decision`: the panel's title."""
    when = f"{format_utc(event.at)} UTC"
    if zone:
        when += f" ({format_clock(event.at, zone, label=True)})"
    return f"{event.id} · {when} · {event.kind}"


def event_details(event: TimelineEvent) -> str:
    """Author, annotations and the facilitator's notes about the event, one per line."""
    lines = []
    if event.author:
        lines.append(f"by {event.author}")
    lines.extend(f"· {note}" for note in event.annotations)
    if event.notes.strip():
        lines.append(f"Notes: {event.notes.strip()}")
    return "\n".join(lines)


class TimelineDecisionPanel(VerticalScroll):
    """Everything about one event; `show` switches to another."""

    DEFAULT_CSS = """
    TimelineDecisionPanel {
        height: auto;
        border: round $secondary 60%;
        border-title-color: $text-secondary;
        border-subtitle-color: $accent;
        padding: 0 1;
        scrollbar-size-vertical: 1;
        &.-decision { border: round $accent; }
        #event-text { text-style: bold; }
        #event-details { color: $text-muted; }
        .question { color: $text-accent; text-style: bold; }
        #decision { height: auto; margin-top: 1; }
        NoteArea { height: auto; min-height: 1; max-height: 5; margin-bottom: 1; }
        #not-decision { color: $text-muted; margin-top: 1; }
        #findings-title { color: $text-secondary; margin-top: 1; }
        #no-findings { color: $text-muted; }
    }
    """

    class DecisionTyped(Message):
        """A decision field changed: `field` of the `DecisionNotes` of event `event_id`."""

        def __init__(self, event_id: str, field: str, text: str) -> None:
            super().__init__()
            self.event_id = event_id
            self.field = field
            self.text = text

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self.can_focus = False
        self._event_id: str | None = None
        self._decision_shown: tuple[str, bool] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="event-text", markup=False)
        yield Static(id="event-details", markup=False)
        with Vertical(id="decision"):
            for field, question, placeholder in DECISION_FIELDS:
                yield Static(question, classes="question", markup=False)
                yield NoteArea(
                    id=f"decision-{field}",
                    soft_wrap=True,
                    compact=True,
                    tab_behavior="focus",
                    placeholder=placeholder,
                )
        yield Static(
            "Not a decision point. m marks it, to capture what was known and why.",
            id="not-decision",
            markup=False,
        )
        yield Static("Findings", id="findings-title", markup=False)
        yield TimelineFindings(id="findings")
        yield Static(
            "None yet. f notes one (a missing alert, a test that does not exist).",
            id="no-findings",
            markup=False,
        )

    @property
    def event_id(self) -> str | None:
        return self._event_id

    def show(
        self,
        event: TimelineEvent | None,
        findings: Sequence[Finding],
        zone: str | None,
        *,
        highlight: str | None = None,
    ) -> None:
        """Show `event` (None: nothing to show) with its `findings`."""
        self._event_id = event.id if event else None
        self.display = event is not None
        if event is None:
            return
        self.border_title = event_heading(event, zone)
        self.border_subtitle = "◆ decision point" if event.decision_point else ""
        self.set_class(event.decision_point, "-decision")
        self.query_one("#event-text", Static).update(" ".join(event.text.split()))
        details = event_details(event)
        detail_widget = self.query_one("#event-details", Static)
        detail_widget.update(details)
        detail_widget.display = bool(details)
        self.query_one("#decision").display = event.decision_point
        self.query_one("#not-decision").display = not event.decision_point
        # Reload the fields only for another event: reloading the one being typed in would
        # move the cursor under the facilitator's hands.
        shown = (event.id, event.decision_point)
        if event.decision_point and shown != self._decision_shown:
            for field, _, _ in DECISION_FIELDS:
                area = self.query_one(f"#decision-{field}", NoteArea)
                text = getattr(event.decision, field)
                if area.text.strip() != text:
                    area.load_text(text)
                    # Tab lands here to add to what was said: continue at the end.
                    area.move_cursor(area.document.end)
        self._decision_shown = shown
        listing = self.query_one(TimelineFindings)
        listing.show(findings, highlight)
        listing.display = bool(findings)
        self.query_one("#no-findings").display = not findings

    def decision_texts(self) -> dict[str, str]:
        """What the decision fields hold now (empty when the event is not a decision point)."""
        if not self.query_one("#decision").display:
            return {}
        return {
            field: self.query_one(f"#decision-{field}", NoteArea).text
            for field, _, _ in DECISION_FIELDS
        }

    def focus_decision(self) -> bool:
        """Put the cursor in the first decision field; False when there is none."""
        if self._event_id is None or not self.query_one("#decision").display:
            return False
        area = self.query_one("#decision-known", NoteArea)
        area.focus()
        area.move_cursor(area.document.end)
        return True

    @on(TextArea.Changed)
    def _typed(self, message: TextArea.Changed) -> None:
        message.stop()
        area = message.text_area
        if self._event_id is None or not area.id or not area.id.startswith("decision-"):
            return
        field = area.id.removeprefix("decision-")
        self.post_message(self.DecisionTyped(self._event_id, field, area.text))
