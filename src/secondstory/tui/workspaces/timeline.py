"""The timeline walkthrough: event by event, stopping at decision points.

Top to bottom: the computed facts (time to detect / acknowledge / mitigate / resolve), the strip
(the incident on a time axis, the current event marked), the events table, and the current
event in full with, at a decision point, what was known, why the action made sense and what
was missing, plus the findings noted there. Wide terminals put the event beside the table.

Everything the keys change goes through `core.timeline_ops`; after each change the facts and
the navigation index are computed once (`compute_facts`, `TimelineNav.build`, O(n)) and the
table draws only the rows in view, so a session with thousands of events walks as fast as the
example. The current event and the chosen second time zone survive leaving and coming back to
the phase (they are kept per open session, not in the file).

`n` shows the phase's own notes (`Phase.notes`, the facilitator's, never on the shared screen)
in the event panel's place. In presentation mode the walking keys (next / previous event and
decision point, first, last, pages) still move the current event (`presentation_key`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal
from weakref import WeakKeyDictionary

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.events import DescendantFocus, Resize
from textual.widgets import Static, TextArea

from secondstory.core import timeline_ops as ops
from secondstory.core.errors import UserError
from secondstory.core.model import Finding, Session, TimelineEvent
from secondstory.core.timeline_facts import TimelineFacts, compute_facts, milestone_rows
from secondstory.core.timeparse import (
    format_clock,
    format_event_time,
    format_utc,
    is_zone,
    parse_event_time,
    session_time_context,
)
from secondstory.tui.state import SessionState
from secondstory.tui.widgets.text_fields import NoteArea
from secondstory.tui.widgets.timeline_decision import TimelineDecisionPanel
from secondstory.tui.widgets.timeline_event_form import EventDraft, TimelineEventForm
from secondstory.tui.widgets.timeline_event_view import DECISION_QUESTIONS
from secondstory.tui.widgets.timeline_finding_form import TimelineFindingForm
from secondstory.tui.widgets.timeline_findings import TimelineFindings, promoted_label
from secondstory.tui.widgets.timeline_strip import TimelineStripView
from secondstory.tui.widgets.timeline_summary import TimelineSummary
from secondstory.tui.widgets.timeline_table import TableData, TimelineTable, zone_title
from secondstory.tui.workspaces.base import Workspace

WIDE = 110
"""From this width on, the current event sits beside the table instead of under it."""
SHORT = 26
"""Below this height the strip gives its rows to the table."""

HINTS = {
    "table": (
        "↑↓ event · d/D decision ◆ · tab capture · f finding (c → factor, i → action) · "
        "m mark ◆ · n phase notes · a add · e edit · x delete · u undo · shift+↑↓ move · z zone"
    ),
    "notes": "esc back to walking · the phase's notes are yours: never on the shared screen",
    "decision": ("esc back to walking · tab next field · ctrl+↓/↑ next/previous decision point"),
    "findings": (
        "c → contributing factor · a → action item · e edit · x delete · f new · esc back"
    ),
}


TABLE_NAVIGATION = frozenset(
    {
        "next_event",
        "previous_event",
        "next_decision",
        "previous_decision",
        "first",
        "last",
        "page_down",
        "page_up",
    }
)
"""The table's actions that only move the cursor: in presentation mode their keys still walk."""


def presentation_keys() -> dict[str, str]:
    """Key → table action for walking while presentation mode is on: the table's own keys."""
    keys = {
        key.strip(): binding.action
        for binding in TimelineTable.BINDINGS
        if isinstance(binding, Binding) and binding.action in TABLE_NAVIGATION
        for key in binding.key.split(",")
    }
    keys.update({"ctrl+down": "next_decision", "ctrl+up": "previous_decision"})
    return keys


PRESENTATION_KEYS = presentation_keys()


@dataclass
class _Memory:
    event_id: str | None = None
    zone: str | None = None
    zone_chosen: bool = False


_MEMORY: WeakKeyDictionary[SessionState, _Memory] = WeakKeyDictionary()
"""Per open session (keyed by its SessionState): where the walk was, which zone was shown."""


def zone_choices(session: Session) -> list[str | None]:
    """Second-column zones to cycle through: the incident's, then attendees', then none."""
    zones = [session.incident.timezone, *(p.timezone for p in session.people)]
    usable = [z for z in dict.fromkeys(zones) if z and z.upper() != "UTC" and is_zone(z)]
    return [*usable, None]


def presentation_text(event: TimelineEvent, findings: list[Finding], zone: str | None) -> str:
    """The current event for the shared screen: time, text, the decision capture, findings.

    The facilitator's notes about the event stay off the shared screen.
    """
    when = f"{format_utc(event.at)} UTC"
    if zone:
        when += f" ({format_clock(event.at, zone, label=True)})"
    head = f"{'◆ ' if event.decision_point else ''}{when} · {event.kind} · {event.id}"
    lines = [head, " ".join(event.text.split())]
    if event.author:
        lines.append(f"by {event.author}")
    lines.extend(f"· {note}" for note in event.annotations)
    if event.decision_point:
        lines.append("")
        for field, question in DECISION_QUESTIONS:
            answer = getattr(event.decision, field).strip()
            lines.append(f"{question} {answer or '…'}")
    if findings:
        lines.append("")
        lines.append("Findings:")
        for finding in findings:
            label = promoted_label(finding.promoted_to)
            lines.append(f"• {finding.text}" + (f" (→ {label})" if label else ""))
    return "\n".join(lines)


class TimelineWorkspace(Workspace):
    # The event panel has a fixed size, so walking from a one-line event to a long decision
    # point redraws the panel alone: a size that followed its content would move the table and
    # redraw the whole screen on every key.
    DEFAULT_CSS = """
    TimelineWorkspace {
        layout: vertical;
        #tl-strip { margin-bottom: 1; }
        #tl-body { height: 1fr; layout: vertical; }
        #tl-table { height: 1fr; min-height: 4; }
        #tl-panel, #tl-notes { height: 55%; }
        #tl-notes { border-title-color: $text-muted; }
        #tl-hint { height: 1; color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis; }
        &.-wide {
            #tl-body { layout: horizontal; }
            #tl-panel, #tl-notes { width: 45%; height: 1fr; margin-left: 1; }
        }
        &.-short #tl-strip { display: none; }
    }
    """

    BINDINGS = [
        Binding("ctrl+down", "decision(1)", "Next decision", show=False),
        Binding("ctrl+up", "decision(-1)", "Previous decision", show=False),
        Binding("escape", "back_to_table", "Events", show=False),
    ]

    def __init__(
        self,
        state: SessionState,
        phase_index: int,
        *,
        id: str | None = None,  # noqa: A002  (Textual's own name for it)
        classes: str | None = None,
    ) -> None:
        super().__init__(state, phase_index, id=id, classes=classes)
        memory = _MEMORY.get(self.state)
        if memory is None:
            memory = _MEMORY[self.state] = _Memory()
        self._memory = memory
        self._facts: TimelineFacts | None = None
        self._nav: ops.TimelineNav | None = None
        self._findings: dict[str, list[Finding]] = {}
        self._current: int | None = None
        self._deleted: ops.DeletedEvent | None = None
        self._notes_shown = False
        # Kept rather than queried: the walking keys reach all of them on every press.
        self._table = TimelineTable(on_move=self._moved, on_prefetch=self._prefetch, id="tl-table")
        self._panel = TimelineDecisionPanel(id="tl-panel")
        self._strip = TimelineStripView(id="tl-strip")
        self._summary = TimelineSummary(id="tl-summary")
        self._notes: NoteArea | None = None
        """The phase's notes, made on first use (`n`)."""
        self._zones = zone_choices(self.session)
        if not memory.zone_chosen or memory.zone not in self._zones:
            memory.zone = self._zones[0]

    @property
    def session(self) -> Session:
        return self.state.session

    @property
    def zone(self) -> str | None:
        return self._memory.zone

    def compose(self) -> ComposeResult:
        yield self._summary
        yield self._strip
        with Container(id="tl-body"):
            yield self._table
            yield self._panel
        yield Static(HINTS["table"], id="tl-hint", markup=False)

    def on_mount(self) -> None:
        if ops.ensure_sorted(self.session):
            self.edited()  # a hand-edited file listed events out of order
        self._refresh(select_id=self._memory.event_id)

    def on_resize(self, event: Resize) -> None:
        # Only on a real change: restyling the workspace costs more than a frame.
        for name, wanted in (
            ("-wide", event.size.width >= WIDE),
            ("-short", event.size.height < SHORT),
        ):
            if self.has_class(name) != wanted:
                self.set_class(wanted, name)

    # Views ---------------------------------------------------------------------------------

    @property
    def table(self) -> TimelineTable:
        return self._table

    @property
    def panel(self) -> TimelineDecisionPanel:
        return self._panel

    def _refresh(self, *, select_id: str | None = None, select: int | None = None) -> None:
        """Recompute facts and navigation once, then redraw with the cursor on the given row."""
        session = self.session
        timeline = session.timeline
        facts = compute_facts(session)
        nav = ops.TimelineNav.build(timeline)
        self._facts = facts
        self._nav = nav
        self._index_findings()
        cursor = select
        if select_id is not None:
            cursor = nav.index_of(select_id)
        if cursor is None:
            cursor = self._current if self._current is not None else 0
        data = TableData(timeline, facts, nav, self.zone, milestone_rows(timeline, facts))
        self._summary.show(facts, len(timeline), len(nav.decisions))
        self._strip.show(session, facts)
        self._table.show(data, cursor)

    def _index_findings(self) -> None:
        by_event: dict[str, list[Finding]] = {}
        for finding in self.session.findings:
            if finding.event_id:
                by_event.setdefault(finding.event_id, []).append(finding)
        self._findings = by_event

    def current_event(self) -> TimelineEvent | None:
        timeline = self.session.timeline
        if self._current is None or not 0 <= self._current < len(timeline):
            return None
        return timeline[self._current]

    def _show_current(self, *, highlight: str | None = None) -> None:
        event = self.current_event()
        findings = self._findings.get(event.id, []) if event else []
        self._panel.show(event, findings, self.zone, highlight=highlight)
        self._strip.mark(event.at if event else None)

    def _prefetch(self, index: int) -> None:
        """The table expects the cursor on row `index` next: get its event ready to show."""
        timeline = self.session.timeline
        if 0 <= index < len(timeline) and not self._notes_shown:
            event = timeline[index]
            self._panel.prepare(event, self._findings.get(event.id, []), self.zone)

    def _moved(self, index: int | None) -> None:
        """The table's cursor moved: show that event (called in the same frame)."""
        self.commit()  # what was typed for the event being left, before the panel moves on
        self._show_notes(False)  # walking on brings the event back into the panel
        self._current = index
        event = self.current_event()
        self._memory.event_id = event.id if event else None
        self._show_current()

    @on(DescendantFocus)
    def _focus_moved(self, event: DescendantFocus) -> None:
        widget = event.widget
        if widget.id == "tl-notes":
            hint = HINTS["notes"]
        elif isinstance(widget, NoteArea):
            hint = HINTS["decision"]
        elif isinstance(widget, TimelineFindings):
            hint = HINTS["findings"]
        else:
            hint = HINTS["table"]
            if widget is self.table:
                self._show_notes(False)
                self.panel.view()
        self.query_one("#tl-hint", Static).update(hint)

    # Workspace API ---------------------------------------------------------------------------

    def focus_default(self) -> None:
        if not self.is_attached:
            return  # already replaced by the next phase's workspace
        table = next(self.query("#tl-table").results(TimelineTable), None)
        if table is None:
            self.call_after_refresh(self.focus_default)  # mounted, not yet composed
            return
        table.focus()

    def presentation_item(self) -> str | None:
        event = self.current_event()
        if event is None:
            return None
        return presentation_text(event, self._findings.get(event.id, []), self.zone)

    def presentation_key(self, key: str) -> bool:
        action = PRESENTATION_KEYS.get(key)
        table = self._table
        if action is None or not table.is_attached:
            return False
        getattr(table, f"action_{action}")()
        return True

    def commit(self) -> None:
        self._commit_notes()
        panel = self._panel
        if panel.event_id is None:
            return
        for field, text in panel.decision_texts().items():
            self._write_decision(panel.event_id, field, text)

    # The phase's notes -----------------------------------------------------------------------

    def _notes_area(self) -> NoteArea | None:
        return self._notes

    def _toggle_notes(self) -> None:
        """`n`: the phase's free notes take the event panel's place, with the cursor in them;
        back on the table (Esc), or walking on, the event returns. Made on first use, so the
        walk opens as fast as before for those who never use them."""
        notes = self._notes_area()
        if notes is None:
            notes = NoteArea(
                self.phase.notes,
                id="tl-notes",
                soft_wrap=True,
                tab_behavior="focus",
                placeholder="Notes for this phase (facilitator only, not on the shared screen)",
            )
            notes.border_title = "Phase notes · facilitator only"
            self._notes = notes
            self.query_one("#tl-body", Container).mount(notes)
        self._show_notes(True)
        notes.focus()
        notes.move_cursor(notes.document.end)

    def _show_notes(self, shown: bool) -> None:
        notes = self._notes_area()
        if notes is None or self._notes_shown == shown:
            return
        if not shown:
            self._commit_notes()
        self._notes_shown = shown
        notes.display = shown
        self.panel.display = not shown and self.current_event() is not None

    @on(TextArea.Changed, "#tl-notes")
    def _notes_typed(self) -> None:
        self._commit_notes()

    def _commit_notes(self) -> None:
        notes = self._notes_area()
        if notes is not None and notes.text != self.phase.notes:
            self.phase.notes = notes.text
            self.edited()

    # Decision capture ------------------------------------------------------------------------

    @on(TimelineDecisionPanel.DecisionTyped)
    def _decision_typed(self, message: TimelineDecisionPanel.DecisionTyped) -> None:
        self._write_decision(message.event_id, message.field, message.text)

    def _write_decision(self, event_id: str, field: str, text: str) -> None:
        event = self.session.event(event_id)
        if event is None or getattr(event.decision, field) == text.strip():
            return
        had_notes = ops.has_decision_notes(event)
        ops.set_decision_notes(self.session, event_id, **{field: text})
        self.edited()
        if had_notes != ops.has_decision_notes(event):
            # The table's ◇ becomes ◆ once something is captured (and back when cleared).
            index = self._nav.index_of(event_id) if self._nav else None
            if index is not None:
                self.table.redraw_row(index)

    # Keys ------------------------------------------------------------------------------------

    def action_decision(self, direction: int) -> None:
        table = self.table
        if direction > 0:
            table.action_next_decision()
        else:
            table.action_previous_decision()

    def action_back_to_table(self) -> None:
        self.table.focus()

    @on(TimelineTable.Requested)
    def _table_request(self, message: TimelineTable.Requested) -> None:
        if not self.in_front():
            return
        handlers: dict[str, Callable[[], None]] = {
            "add": self._add_event,
            "edit": self._edit_event,
            "delete": self._delete_event,
            "undo": self._undo_delete,
            "mark": self._toggle_decision,
            "finding": self._new_finding,
            "move_up": lambda: self._move(-1),
            "move_down": lambda: self._move(1),
            "zone": self._cycle_zone,
            "capture": self._capture,
            "notes": self._toggle_notes,
            "factor": lambda: self._promote_latest("factor"),
            "action": lambda: self._promote_latest("action"),
        }
        handler = handlers.get(message.action)
        if handler is not None:
            handler()

    @on(TimelineFindings.Requested)
    def _findings_request(self, message: TimelineFindings.Requested) -> None:
        if not self.in_front():
            return
        if message.action == "new":
            self._new_finding()
            return
        finding_id = message.finding_id
        if finding_id is None:
            return
        if message.action == "factor":
            self._promote(finding_id, "factor")
        elif message.action == "action":
            self._promote(finding_id, "action")
        elif message.action == "edit":
            self._edit_finding(finding_id)
        elif message.action == "delete":
            self._delete_finding(finding_id)

    def _changed(self, *, select_id: str | None = None, select: int | None = None) -> None:
        self.edited()
        self._refresh(select_id=select_id, select=select)

    def _warn(self, error: UserError) -> None:
        self.notify(str(error), severity="warning", timeout=6)

    # Events ----------------------------------------------------------------------------------

    def _zone_note(self) -> str:
        zone = self.session.incident.timezone or "UTC"
        if zone.upper() == "UTC":
            return "Times are UTC unless you type a zone."
        return f"A bare time such as 14:23 is read in {zone}; type 14:23 UTC for UTC."

    def _kinds(self) -> list[str]:
        return [*ops.SUGGESTED_KINDS, *(e.kind for e in self.session.timeline[-200:])]

    def _people(self) -> list[str]:
        return [p.name for p in self.session.people]

    def _add_event(self) -> None:
        after = self.current_event()
        after_index = self._current if after is not None else None
        if after is not None:
            context = (
                f"After {after.id} at {format_utc(after.at)} UTC: +5m counts from there. "
                + self._zone_note()
            )
        elif self.session.timeline:
            context = "After the last event. " + self._zone_note()
        else:
            context = "The first event: give the date too, e.g. 2026-03-22 14:23. " + (
                self._zone_note()
            )

        def save(draft: EventDraft) -> None:
            context_ = session_time_context(self.session, after=after_index)
            at = parse_event_time(draft.time, context_)
            index = ops.add_event(
                self.session,
                at,
                draft.text,
                kind=draft.kind,
                decision_point=draft.decision_point,
                author=draft.author,
            )
            if draft.notes.strip():
                self.session.timeline[index].notes = draft.notes.strip()
            self._changed(select=index)

        self.open_form(
            TimelineEventForm(
                "Add an event",
                EventDraft(),
                save,
                context=context,
                kinds=self._kinds(),
                people=self._people(),
            )
        )

    def _edit_event(self) -> None:
        event = self.current_event()
        if event is None:
            self._add_event()
            return
        index = self._current
        event_id = event.id

        def save(draft: EventDraft) -> None:
            context_ = session_time_context(self.session, editing=index)
            at = parse_event_time(draft.time, context_)
            new_index = ops.edit_event(
                self.session,
                event_id,
                at=at,
                text=draft.text,
                kind=draft.kind,
                author=draft.author,
                notes=draft.notes.strip(),
            )
            self.session.timeline[new_index].decision_point = draft.decision_point
            self._changed(select=new_index)

        draft = EventDraft(
            time=format_event_time(event.at, "UTC"),
            text=event.text,
            kind=event.kind,
            author=event.author,
            decision_point=event.decision_point,
            notes=event.notes,
        )
        self.open_form(
            TimelineEventForm(
                f"Edit {event.id}",
                draft,
                save,
                context=f"{self._zone_note()} +5m counts from the event before.",
                kinds=self._kinds(),
                people=self._people(),
            )
        )

    def _delete_event(self) -> None:
        event = self.current_event()
        if event is None:
            return
        self._deleted = ops.delete_event(self.session, event.id)
        self._changed(select=self._current)
        self.notify(f"Deleted {event.id} ({format_utc(event.at)} UTC). Press u to undo.", timeout=6)

    def _undo_delete(self) -> None:
        deleted = self._deleted
        if deleted is None:
            self.notify("Nothing to undo.", timeout=3)
            return
        try:
            index = ops.restore_event(self.session, deleted)
        except UserError as error:
            self._warn(error)
            return
        self._deleted = None
        self._changed(select=index)
        self.notify(f"Restored {deleted.event.id}.", timeout=3)

    def _toggle_decision(self) -> None:
        if self._current is None:
            return
        ops.toggle_decision_point(self.session, self._current)
        self._changed(select=self._current)

    def _move(self, direction: Literal[-1, 1]) -> None:
        if self._current is None:
            return
        try:
            index = ops.move_event(self.session, self._current, direction)
        except UserError as error:
            self._warn(error)
            return
        if index != self._current:
            self._changed(select=index)

    def _capture(self) -> None:
        if self.current_event() is None:
            return
        if not self.panel.edit():
            self.notify(
                "Nothing to capture here: m marks a decision point, f notes a finding.",
                timeout=4,
            )

    def _cycle_zone(self) -> None:
        zones = self._zones
        at = zones.index(self.zone) if self.zone in zones else -1
        self._memory.zone = zones[(at + 1) % len(zones)]
        self._memory.zone_chosen = True
        self._refresh(select=self._current)
        zone = self.zone
        shown = f"{zone_title(zone)} ({zone})" if zone else "off"
        if zone and not self.table.shows("zone"):
            shown += "; the terminal is too narrow to show it"
        self.notify(f"Second time column: {shown}.", timeout=3)

    # Findings --------------------------------------------------------------------------------

    def _new_finding(self) -> None:
        event = self.current_event()
        if event is None:
            self.notify("Add an event first: a finding belongs to an event.", timeout=4)
            return
        event_id = event.id

        def save(text: str) -> None:
            finding = ops.add_finding(self.session, text, event_id)
            self.edited()
            self._index_findings()
            self._show_current(highlight=finding.id)

        self.open_form(
            TimelineFindingForm(
                "Note a finding",
                "",
                save,
                context=f"At {event.id} ({format_utc(event.at)} UTC): {event.text}",
            )
        )

    def _edit_finding(self, finding_id: str) -> None:
        finding = self.session.findings[ops.finding_index(self.session, finding_id)]

        def save(text: str) -> None:
            ops.edit_finding(self.session, finding_id, text)
            self.edited()
            self._show_current(highlight=finding_id)

        self.open_form(TimelineFindingForm(f"Edit {finding_id}", finding.text, save))

    def _delete_finding(self, finding_id: str) -> None:
        finding = ops.delete_finding(self.session, finding_id)
        self.edited()
        self._index_findings()
        self._show_current()
        kept = promoted_label(finding.promoted_to)
        more = f" ({kept} stays)" if kept else ""
        self.notify(f"Deleted finding {finding_id}{more}.", timeout=4)

    def _promote_latest(self, to: Literal["factor", "action"]) -> None:
        """From the table: promote the newest finding at this event not promoted yet."""
        event = self.current_event()
        waiting = (
            [f for f in self._findings.get(event.id, []) if not f.promoted_to] if event else []
        )
        if not waiting:
            self.notify("No finding here waiting to be promoted: f notes one.", timeout=4)
            return
        self._promote(waiting[-1].id, to)

    def _promote(self, finding_id: str, to: Literal["factor", "action"]) -> None:
        try:
            if to == "factor":
                item_id = ops.promote_finding_to_factor(self.session, finding_id).id
                message = f"{finding_id} is now contributing factor {item_id}."
            else:
                item_id = ops.promote_finding_to_action(self.session, finding_id).id
                message = (
                    f"{finding_id} is now action item {item_id}: give it an owner and a "
                    "deadline in the action items phase."
                )
        except UserError as error:
            self._warn(error)
            return
        self.edited()
        self._show_current(highlight=finding_id)
        self.notify(message, timeout=6)
