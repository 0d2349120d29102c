"""The postmortem document in GitHub-flavoured Markdown, ready to publish the same day.

Works at any moment, mid-meeting included: sections with nothing in them are left out, and a
running phase counts up to the moment of export.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from secondstory.core.clock import phase_elapsed, system_clock
from secondstory.core.exporters import md_escape as esc
from secondstory.core.model import Note, Session


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _mmss(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60:02d}:{whole % 60:02d}"


def _duration(seconds: float) -> str:
    minutes = int(seconds // 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"


def _impact_line(session: Session) -> str:
    impact = session.incident.impact
    parts = []
    if impact.users_affected is not None:
        parts.append(f"{impact.users_affected:,} users")
    if impact.users_affected_percent is not None:
        parts.append(f"{impact.users_affected_percent:g}% of users")
    if impact.revenue is not None:
        parts.append(f"{impact.revenue:,.0f} {esc.inline(impact.currency)} revenue")
    return ", ".join(parts)


def _header(session: Session, out: list[str]) -> None:
    inc = session.incident
    out.append(f"# {esc.inline(inc.id)}: {esc.inline(inc.title)}")
    fields: list[tuple[str, str]] = [("Severity", inc.severity), ("Status", inc.status)]
    if impact := _impact_line(session):
        fields.append(("Impact", impact))
    end = inc.resolved_at or inc.mitigated_at
    if inc.started_at and end:
        fields.append(
            (
                "Duration",
                f"{_duration((end - inc.started_at).total_seconds())} "
                f"({_utc(inc.started_at)} to {_utc(end)})",
            )
        )
    elif inc.started_at:
        fields.append(("Started", _utc(inc.started_at)))
    if day := session.meeting_date():
        fields.append(("Date", day.isoformat()))
    if facilitator := session.facilitator():
        fields.append(("Facilitator", esc.inline(facilitator.name)))
    out.append("")
    out.extend(f"- **{name}:** {value}" for name, value in fields)


def _section(out: list[str], title: str, body: str) -> None:
    if body.strip():
        out += ["", f"## {title}", "", body]


def _bullets(notes: list[Note]) -> str:
    lines = []
    for note in notes:
        who = f" ({esc.inline(note.author)})" if note.author else ""
        lines.append(f"- {esc.inline(note.text)}{who}")
    return "\n".join(lines)


def _timeline(session: Session) -> str:
    if not session.timeline:
        return ""
    rows = []
    for event in sorted(session.timeline, key=lambda e: e.at):
        mark = " (decision point)" if event.decision_point else ""
        rows.append([event.at.astimezone(UTC).strftime("%H:%M:%S"), event.text + mark])
    first = min(e.at for e in session.timeline).astimezone(UTC).date()
    return f"Times in UTC, starting {first.isoformat()}.\n\n" + esc.table(
        ["Time (UTC)", "Event"], rows
    )


def _decisions(session: Session) -> str:
    blocks = []
    for event in sorted(session.timeline, key=lambda e: e.at):
        if not event.decision_point:
            continue
        lines = [
            f"### {event.at.astimezone(UTC).strftime('%H:%M')} UTC: {esc.inline(event.text)}",
            "",
        ]
        d = event.decision
        for label, value in (
            ("What was known at the time", d.known),
            ("Why the action made sense", d.why_sensible),
            ("What information was missing", d.missing),
            ("Notes", event.notes),
        ):
            if value.strip():
                lines.append(f"- **{label}:** {esc.inline(value)}")
        findings = [f for f in session.findings if f.event_id == event.id]
        for finding in findings:
            lines.append(f"- **Finding:** {esc.inline(finding.text)}")
        blocks.append("\n".join(lines))
    loose = [f for f in session.findings if f.event_id is None or session.event(f.event_id) is None]
    if loose:
        blocks.append(
            "### Other findings\n\n" + "\n".join(f"- {esc.inline(f.text)}" for f in loose)
        )
    return "\n\n".join(blocks)


def _five_whys(session: Session) -> str:
    blocks = []
    for chain in session.five_whys:
        category = f" ({esc.inline(chain.category)})" if chain.category else ""
        lines = [f"### {esc.inline(chain.problem)}{category}", ""]
        for n, step in enumerate(chain.steps, 1):
            question = step.question.strip() or "Why?"
            flag = " *(contributing factor)*" if step.contributing else ""
            lines.append(f"{n}. {esc.inline(question)} {esc.inline(step.answer)}{flag}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _factors(session: Session) -> str:
    lines = []
    for factor in session.contributing_factors:
        category = f" ({esc.inline(factor.category)})" if factor.category else ""
        lines.append(f"- {esc.inline(factor.text)}{category}")
    return "\n".join(lines)


def _actions(session: Session) -> str:
    if not session.actions:
        return ""
    rows = [
        [
            item.title,
            item.owner,
            item.priority,
            item.deadline.isoformat() if item.deadline else "",
            item.success_criteria,
        ]
        for item in session.actions
    ]
    body = esc.table(["Action", "Owner", "Priority", "Deadline", "Success criteria"], rows)
    if session.closing.risk_accepted.strip():
        body += f"\n\nRisk of recurrence accepted: {esc.inline(session.closing.risk_accepted)}"
    return body


def _attendees(session: Session) -> str:
    lines = []
    for person in session.people:
        details = [d for d in (person.role, person.team) if d]
        if person.facilitator:
            details.append("facilitator")
        if person.observer:
            details.append("observer")
        suffix = f" ({esc.inline(', '.join(details))})" if details else ""
        lines.append(f"- {esc.inline(person.name)}{suffix}")
    return "\n".join(lines)


def _appreciations(session: Session) -> str:
    return "\n".join(
        f"- **{esc.inline(a.person)}:** {esc.inline(a.text)}" for a in session.appreciations
    )


def _parking_lot(session: Session) -> str:
    return "\n".join(f"- {esc.inline(p.text)}" for p in session.parking_lot)


def _agenda(session: Session, now: datetime) -> str:
    if not session.agenda.phases:
        return ""
    rows = [
        [phase.title, _mmss(phase.planned_minutes * 60), _mmss(phase_elapsed(phase, now))]
        for phase in session.agenda.phases
    ]
    return esc.table(["Phase", "Planned", "Actual"], rows)


def render_markdown(session: Session, clock: Callable[[], datetime] = system_clock) -> str:
    now = clock()
    out: list[str] = []
    _header(session, out)
    _section(out, "Summary", esc.text(session.incident.summary))
    _section(out, "Impact", esc.text(session.incident.impact.customer_summary))
    _section(out, "Timeline", _timeline(session))
    _section(out, "Decision points", _decisions(session))
    _section(out, "Five whys", _five_whys(session))
    _section(out, "Contributing factors", _factors(session))
    _section(out, "What went well", _bullets(session.went_well))
    _section(out, "What could be better", _bullets(session.could_be_better))
    _section(out, "Where we got lucky", _bullets(session.lucky))
    _section(out, "Action items", _actions(session))
    _section(out, "Attendees", _attendees(session))
    _section(out, "Lessons", _bullets(session.lessons))
    _section(out, "Appreciations", _appreciations(session))
    _section(out, "Parking lot", _parking_lot(session))
    _section(out, "Closing statement", esc.text(session.closing.statement))
    _section(out, "Agenda", _agenda(session, now))
    return "\n".join(out) + "\n"
