"""The current event beside the table: read while walking, editable behind Tab.

While the facilitator walks the timeline the panel shows the event read-only
(`TimelineEventView`), which repaints without a new layout, so each key stays within a frame.
Tab opens the editor in place: at a decision point three fields bound to
`TimelineEvent.decision` (what was known at the time, why the action made sense, what
information was missing), and the findings noted at the event, which one key turns into a
contributing factor or an action item. Escape goes back to walking.

The panel only displays and collects: typing posts `DecisionTyped` with the event's id, and the
workspace writes the text into the session (the language coach, which lives in `NoteArea`,
reaches these fields too).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static, TextArea

from secondstory.core.model import Finding, TimelineEvent
from secondstory.core.timeparse import format_clock, format_utc
from secondstory.tui.widgets.text_fields import NoteArea
from secondstory.tui.widgets.timeline_event_view import DECISION_QUESTIONS, TimelineEventView
from secondstory.tui.widgets.timeline_findings import TimelineFindings

PLACEHOLDERS = {
    "known": "What the responders could see and believed then",
    "why_sensible": "Why it was a reasonable step with what they knew",
    "missing": "What nobody could see yet (the fog of war)",
}
VIEW_HINT = "tab: capture and findings"


def event_heading(event: TimelineEvent, zone: str | None) -> str:
    """`E-6 · 14:21 UTC (14:21 GMT) · decision`: the panel's title."""
    when = f"{format_utc(event.at)} UTC"
    if zone:
        when += f" ({format_clock(event.at, zone, label=True)})"
    return f"{event.id} · {when} · {event.kind}"


class TimelineDecisionPanel(Vertical):
    """Everything about one event; `show` switches to another, `edit` / `view` switch modes."""

    DEFAULT_CSS = """
    TimelineDecisionPanel {
        border: round $secondary 60%;
        border-title-color: $text-secondary;
        padding: 0 1;
        #editor { height: 1fr; display: none; scrollbar-size-vertical: 1; }
        &.-editing {
            #editor { display: block; }
            #event-view { display: none; }
        }
        #edit-text { margin-bottom: 1; }
        #decision { height: auto; }
        .question { color: $text-accent; text-style: bold; }
        NoteArea { height: auto; min-height: 1; max-height: 6; margin-bottom: 1; }
        #not-decision { color: $text-muted; margin-bottom: 1; }
        #findings-title { color: $text-secondary; text-style: bold; }
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
        self._event: TimelineEvent | None = None
        self._findings: tuple[Finding, ...] = ()
        self._highlight: str | None = None
        self._editor_shows: tuple[str, bool] | None = None
        self._view = TimelineEventView(id="event-view")
        """Kept rather than queried: `show` runs on every walking key."""

    def compose(self) -> ComposeResult:
        self.border_title = "Current event"
        yield self._view
        # The editor is mounted the first time Tab asks for it: it is most of the panel's
        # widgets, and opening the phase should not wait for fields that may never be used.

    def _make_editor(self) -> VerticalScroll:
        fields: list[Widget] = []
        for field, question in DECISION_QUESTIONS:
            fields.append(Static(question, classes="question", markup=False))
            fields.append(
                NoteArea(
                    id=f"decision-{field}",
                    soft_wrap=True,
                    compact=True,
                    tab_behavior="focus",
                    placeholder=PLACEHOLDERS[field],
                )
            )
        editor = VerticalScroll(
            Static(id="edit-text", markup=False),
            Vertical(*fields, id="decision"),
            Static(
                "Not a decision point: m (on the events) marks it.",
                id="not-decision",
                markup=False,
            ),
            Static("Findings", id="findings-title", markup=False),
            TimelineFindings(id="findings"),
            Static(
                "None yet: f notes one (a missing alert, a test that does not exist).",
                id="no-findings",
                markup=False,
            ),
            id="editor",
        )
        editor.can_focus = False
        return editor

    def _editor(self) -> VerticalScroll | None:
        return next(self.query_children("#editor").results(VerticalScroll), None)

    @property
    def event_id(self) -> str | None:
        return self._event.id if self._event else None

    @property
    def editing(self) -> bool:
        return self.has_class("-editing")

    def show(
        self,
        event: TimelineEvent | None,
        findings: Sequence[Finding],
        zone: str | None,
        *,
        highlight: str | None = None,
    ) -> None:
        """Show `event` (None: nothing to show) with its `findings`."""
        self._event = event
        self._findings = tuple(findings)
        self._highlight = highlight
        self.display = event is not None  # only changes when the timeline empties or fills
        heading = event_heading(event, zone) if event else ""
        self._view.show(event, findings, heading=heading, hint=VIEW_HINT)
        if self.editing:
            self._fill_editor()

    def prepare(self, event: TimelineEvent, findings: Sequence[Finding], zone: str | None) -> None:
        """Get `event` ready to show, for a `show` that only repaints (see the view)."""
        self._view.prepare(event, findings, heading=event_heading(event, zone), hint=VIEW_HINT)

    def _fill_editor(self) -> None:
        event = self._event
        if event is None or self._editor() is None:
            return
        heading = self._view.heading
        self.query_one("#edit-text", Static).update(
            Content.assemble((heading, "bold $text-secondary"), "\n", (event.text, "bold"))
        )
        self.query_one("#decision").display = event.decision_point
        self.query_one("#not-decision").display = not event.decision_point
        # Reload the fields only for another event: reloading the one being typed in would
        # move the cursor under the facilitator's hands.
        shown = (event.id, event.decision_point)
        if event.decision_point and shown != self._editor_shows:
            for field, _ in DECISION_QUESTIONS:
                area = self.query_one(f"#decision-{field}", NoteArea)
                text = getattr(event.decision, field)
                if area.text.strip() != text:
                    area.load_text(text)
                    # Tab lands here to add to what was said: continue at the end.
                    area.move_cursor(area.document.end)
        self._editor_shows = shown
        listing = self.query_one(TimelineFindings)
        listing.show(self._findings, self._highlight)
        listing.display = bool(self._findings)
        self.query_one("#no-findings").display = not self._findings

    def edit(self) -> bool:
        """Open the editor with the cursor in the first field; False when there is nothing to
        edit (not a decision point and no findings)."""
        event = self._event
        if event is None or not (event.decision_point or self._findings):
            return False
        self.add_class("-editing")
        if self._editor() is None:
            self.mount(self._make_editor())
            self.call_after_refresh(self._open_editor)  # once its fields exist
        else:
            self._open_editor()
        return True

    def _open_editor(self) -> None:
        event = self._event
        if event is None or not self.editing:
            return  # Escape came first
        self._editor_shows = None
        self._fill_editor()
        if event.decision_point:
            area = self.query_one("#decision-known", NoteArea)
            area.focus()
            area.move_cursor(area.document.end)
        else:
            self.query_one(TimelineFindings).focus()

    def view(self) -> None:
        """Back to the read-only view, which walking keeps up to date."""
        self.remove_class("-editing")

    def decision_texts(self) -> dict[str, str]:
        """What the decision fields hold, when they hold the current event's capture."""
        event = self._event
        if event is None or not self.editing or self._editor_shows != (event.id, True):
            return {}
        return {
            field: self.query_one(f"#decision-{field}", NoteArea).text
            for field, _ in DECISION_QUESTIONS
        }

    @on(TextArea.Changed)
    def _typed(self, message: TextArea.Changed) -> None:
        message.stop()
        area = message.text_area
        event = self._event
        if event is None or self._editor_shows != (event.id, True):
            return  # the fields hold another event's text (loading, or not opened yet)
        if not (area.id or "").startswith("decision-"):
            return
        field = (area.id or "").removeprefix("decision-")
        self.post_message(self.DecisionTyped(event.id, field, area.text))
