"""The timeline sections of the Markdown postmortem: key times, the events, decision points and
findings.

The key times and gaps come from `core.timeline_facts`, as the app shows them: time to detect,
acknowledge, mitigate and resolve, each with the moments it runs between; long gaps bold in the
table and listed, else the longest gap. The facilitator's own note on an event stays out: like
the phase notes, it is for the facilitator, not for the published document.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from secondstory.core.exporters import md_escape as esc
from secondstory.core.exporters.md_refs import Refs, duration
from secondstory.core.model import Finding, Session, TimelineEvent
from secondstory.core.timeline_facts import TimelineFacts, compute_facts, milestone_rows
from secondstory.core.timeline_ops import is_sorted

DECISION_FIELDS = (
    ("known", "What was known at the time"),
    ("why_sensible", "Why the action made sense"),
    ("missing", "What information was missing"),
)


def sorted_session(session: Session) -> Session:
    """The session with its timeline in time order (a hand-edited file may list it otherwise)."""
    if is_sorted(session.timeline):
        return session
    return session.model_copy(update={"timeline": sorted(session.timeline, key=lambda e: e.at)})


_MOMENTS = {
    "started": "the start of impact",
    "detected": "detection",
    "acknowledged": "acknowledgement",
    "mitigated": "mitigation",
    "resolved": "resolution",
}


def _key_times(facts: TimelineFacts, refs: Refs) -> list[str]:
    """Time to detect / acknowledge / mitigate / resolve, each with the moments it spans."""
    at = {name: m.at for name, m in facts.milestones.items()}
    d = facts.durations
    # Acknowledgement counts from detection, or from the start when detection is unknown.
    ack_from = "detected" if at["detected"] is not None else "started"
    lines = []
    for label, span, start, end in (
        ("Time to detect", d.to_detect, "started", "detected"),
        ("Time to acknowledge", d.to_acknowledge, ack_from, "acknowledged"),
        ("Time to mitigate", d.to_mitigate, "started", "mitigated"),
        ("Time to resolve", d.to_resolve, "started", "resolved"),
    ):
        first, last = at[start], at[end]
        if span is None or first is None or last is None:
            continue
        lines.append(
            f"- **{label}:** {duration(span)}, from {_MOMENTS[start]} ({refs.when(first)}) "
            f"to {_MOMENTS[end]} ({refs.when(last)})"
        )
    return lines


def _gap_lines(timeline: Sequence[TimelineEvent], facts: TimelineFacts, refs: Refs) -> list[str]:
    gaps = [(g, i) for i, g in enumerate(facts.gaps) if g is not None]
    if not gaps:
        return []
    long_rows = facts.long_gap_rows
    if long_rows:
        spans = [
            f"{refs.when(timeline[i - 1].at, zone=False)} to {refs.when(timeline[i].at)} "
            f"({duration(facts.gaps[i] or timeline[i].at - timeline[i - 1].at)})"
            for i in long_rows
        ]
        return [
            f"- **Long gaps** (more than {duration(facts.threshold)} between events): "
            + "; ".join(spans)
        ]
    longest, index = max(gaps, key=lambda pair: pair[0])
    if longest.total_seconds() <= 0:
        return []
    return [
        f"- **Longest gap between events:** {duration(longest)}, "
        f"{refs.when(timeline[index - 1].at, zone=False)} to {refs.when(timeline[index].at)}"
    ]


def _clock(timeline: Sequence[TimelineEvent], refs: Refs) -> list[str]:
    """The time column: seconds only where some event has them, the date when the day changes."""
    seconds = any(e.at.second for e in timeline)
    shown = []
    day = refs.first_day
    for event in timeline:
        moment = event.at.astimezone(UTC)
        text = moment.strftime("%H:%M:%S" if seconds else "%H:%M")
        if moment.date() != day:
            day = moment.date()
            text = f"{day.isoformat()} {text}"
        shown.append(text)
    return shown


def _event_cell(event: TimelineEvent) -> str:
    text = esc.cell(event.text)
    if event.decision_point:
        text += " *(decision point)*"
    lines = [text]
    if event.author.strip():
        lines.append(f"by {esc.cell(event.author)}")
    lines += [f"· {esc.cell(note)}" for note in event.annotations if note.strip()]
    return "<br>".join(lines)


def timeline_section(session: Session, refs: Refs) -> str:
    timeline = session.timeline
    if not timeline:
        return ""
    facts = compute_facts(session)
    marks = milestone_rows(timeline, facts)
    clock = _clock(timeline, refs)
    rows = []
    for index, event in enumerate(timeline):
        gap = facts.gaps[index]
        gap_text = duration(gap) if gap is not None else ""
        if facts.long_gaps[index]:
            gap_text = f"**{gap_text}**"
        kind = esc.cell(event.kind) if event.kind.strip() else ""
        if index in marks:
            kind = f"{kind} · **{marks[index]}**" if kind else f"**{marks[index]}**"
        rows.append([clock[index], gap_text, kind, _event_cell(event)])
    days = {e.at.astimezone(UTC).date() for e in timeline}
    start = "starting " if len(days) > 1 else "on "
    intro = f"Times are UTC, {start}{refs.first_day.isoformat() if refs.first_day else ''}."
    facts_lines = _key_times(facts, refs) + _gap_lines(timeline, facts, refs)
    facts_lines += [f"- **Check the times:** {esc.inline(p)}" for p in facts.problems]
    parts = [intro]
    if facts_lines:
        parts.append("\n".join(facts_lines))
    parts.append(esc.rendered_table(["Time (UTC)", "Gap", "Kind", "Event"], rows))
    return "\n\n".join(parts)


def _finding_line(finding: Finding, refs: Refs, where: str = "") -> str:
    promoted = esc.inline(refs.promoted(finding.promoted_to))
    tail = f" → {promoted}" if promoted else ""
    label = (
        f"**Finding {esc.inline(finding.id)}**{where}:"
        if where
        else (f"**Finding {esc.inline(finding.id)}:**")
    )
    return f"- {label} {esc.inline(finding.text)}{tail}"


def decisions_section(session: Session, refs: Refs) -> str:
    by_event: dict[str, list[Finding]] = {}
    for finding in session.findings:
        if finding.event_id:
            by_event.setdefault(finding.event_id, []).append(finding)
    blocks = []
    for event in session.timeline:
        if not event.decision_point:
            continue
        lines = [f"### {refs.when(event.at)}: {esc.inline(event.text)}", ""]
        for field, label in DECISION_FIELDS:
            value: str = getattr(event.decision, field)
            if value.strip():
                lines.append(f"- **{label}:** {esc.inline(value)}")
        lines += [_finding_line(f, refs) for f in by_event.get(event.id, [])]
        if len(lines) == 2:
            lines.append("*Nothing captured here yet.*")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def other_findings_section(session: Session, refs: Refs) -> str:
    """Findings noted at events that are not decision points, or at no event."""
    lines = []
    for finding in session.findings:
        event = refs.find_event(finding.event_id)
        if event is not None and event.decision_point:
            continue  # listed under its decision point
        where = f" (at {refs.when(event.at)})" if event is not None else ""
        lines.append(_finding_line(finding, refs, where))
    return "\n".join(lines)
