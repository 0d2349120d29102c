"""The postmortem document in GitHub-flavoured Markdown, ready to publish the same day.

Works at any moment, mid-meeting included: sections with nothing in them are left out, and a
running phase counts up to the moment of export. Everything the meeting captured is here, in
the order a reader wants it (what happened, why, what we will do, how the meeting went); the
sections with more to them are built in `md_timeline`, `md_causes` and `md_actions`.

Facilitator-private text never reaches the document: the phases' notes, the facilitator's note
on an event, who has spoken (voices) and the language coach's settings and dismissals stay in
the session file. The JSON export, meant for tools, carries the whole session.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from secondstory.core.clock import phase_elapsed, system_clock
from secondstory.core.exporters import md_escape as esc
from secondstory.core.exporters.md_actions import actions_section
from secondstory.core.exporters.md_causes import factors_section, five_whys_section
from secondstory.core.exporters.md_refs import Refs, duration, utc
from secondstory.core.exporters.md_timeline import (
    decisions_section,
    other_findings_section,
    sorted_session,
    timeline_section,
)
from secondstory.core.model import Note, Session


def _mmss(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60:02d}:{whole % 60:02d}"


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
                f"{duration(end - inc.started_at)} ({utc(inc.started_at)} to {utc(end)})",
            )
        )
    elif inc.started_at:
        fields.append(("Started", utc(inc.started_at)))
    closed_at = session.closing.closed_at
    day = session.meeting_date()
    if closed_at is not None:
        closed = closed_at.astimezone(UTC)
        when = closed.strftime("%H:%M UTC") if closed.date() == day else utc(closed)
        fields.append(("Date", f"{day.isoformat() + ', ' if day else ''}meeting closed at {when}"))
    elif day is not None:
        fields.append(("Date", day.isoformat()))
    if facilitator := session.facilitator():
        fields.append(("Facilitator", esc.inline(facilitator.name)))
    links = [link.strip() for link in inc.links if link.strip()]
    if links:
        fields.append(("Links", ", ".join(f"<{esc.inline(link)}>" for link in links)))
    out.append("")
    out.extend(f"- **{name}:** {value}" for name, value in fields)


def _section(out: list[str], title: str, body: str) -> None:
    if body.strip():
        out += ["", f"## {title}", "", body]


def _bullets(notes: list[Note]) -> str:
    lines = []
    for note in notes:
        who = f" ({esc.inline(note.author)})" if note.author.strip() else ""
        lines.append(f"- {esc.inline(note.text)}{who}")
    return "\n".join(lines)


def _attendees(session: Session) -> str:
    roles: dict[str, list[str]] = {}
    for role in session.prep.roles:
        if role.text.strip():
            roles.setdefault(role.person.strip().casefold(), []).append(role.text)
    lines = []
    for person in session.people:
        details = [d for d in (person.role, person.team) if d]
        if person.facilitator:
            details.append("facilitator")
        if person.observer:
            details.append("observer")
        suffix = f" ({esc.inline(', '.join(details))})" if details else ""
        own = roles.pop(person.name.strip().casefold(), [])
        told = f": {esc.inline(' '.join(own))}" if own else ""
        lines.append(f"- **{esc.inline(person.name)}**{suffix}{told}")
    # Roles from the pre-prep document of people not on the attendee list.
    for role in session.prep.roles:
        if role.person.strip().casefold() in roles and role.text.strip():
            lines.append(f"- **{esc.inline(role.person)}**: {esc.inline(role.text)}")
    return "\n".join(lines)


def _questions(session: Session) -> str:
    blocks = []
    for question in session.prep.questions:
        who = f" *({esc.inline(question.author)})*" if question.author.strip() else ""
        answer = esc.inline(question.answer) if question.answer.strip() else "*Not answered yet.*"
        blocks.append(f"- **{esc.inline(question.text)}**{who}\n  - {answer}")
    return "\n".join(blocks)


def _appreciations(session: Session) -> str:
    return "\n".join(
        f"- **{esc.inline(a.person)}:** {esc.inline(a.text)}" for a in session.appreciations
    )


def _parking_lot(session: Session, refs: Refs) -> str:
    titles = {phase.id: phase.title for phase in session.agenda.phases}
    lines = []
    for number, item in enumerate(session.parking_lot, 1):
        when = utc(item.at)
        phase = titles.get(item.phase, item.phase)
        where = f", during {esc.inline(phase)}" if phase else ""
        promoted = esc.inline(refs.promoted(item.promoted_to))
        tail = f" → {promoted}" if promoted else ""
        lines.append(f"{number}. {esc.inline(item.text)} *({when}{where})*{tail}")
    return "\n".join(lines)


def _closing(session: Session) -> str:
    parts = []
    if session.closing.statement.strip():
        parts.append(esc.text(session.closing.statement))
    if session.closing.extension_reason.strip():
        parts.append(f"**Closure postponed:** {esc.inline(session.closing.extension_reason)}")
    return "\n\n".join(parts)


def _agenda(session: Session, now: datetime) -> str:
    phases = session.agenda.phases
    if not phases:
        return ""
    planned = sum(p.planned_minutes for p in phases) * 60
    elapsed = [phase_elapsed(phase, now) for phase in phases]
    rows = [
        [phase.title, _mmss(phase.planned_minutes * 60), _mmss(spent) if phase.actual else "—"]
        for phase, spent in zip(phases, elapsed, strict=True)
    ]
    table = esc.table(["Phase", "Planned", "Actual"], rows)
    if not any(phase.actual for phase in phases):
        total = f"\n| **Total** | **{_mmss(planned)}** | — |"
        return table + total + "\n\nThe meeting clock has not run yet."
    return table + f"\n| **Total** | **{_mmss(planned)}** | **{_mmss(sum(elapsed))}** |"


def render_markdown(session: Session, clock: Callable[[], datetime] = system_clock) -> str:
    now = clock()
    session = sorted_session(session)
    refs = Refs(session)
    out: list[str] = []
    _header(session, out)
    _section(out, "Summary", esc.text(session.incident.summary))
    _section(out, "Impact", esc.text(session.incident.impact.customer_summary))
    _section(out, "Timeline", timeline_section(session, refs))
    _section(out, "Decision points", decisions_section(session, refs))
    _section(out, "Other findings", other_findings_section(session, refs))
    # The order of the sections the walking skeleton fixed (readers and tools rely on it);
    # what later workspaces capture comes after Lessons.
    _section(out, "Five whys", five_whys_section(session, refs))
    _section(out, "Contributing factors", factors_section(session, refs))
    _section(out, "What went well", _bullets(session.went_well))
    _section(out, "What could be better", _bullets(session.could_be_better))
    _section(out, "Where we got lucky", _bullets(session.lucky))
    _section(out, "Action items", actions_section(session, refs, now.date()))
    _section(out, "Attendees", _attendees(session))
    _section(out, "Lessons", _bullets(session.lessons))
    _section(out, "Appreciations", _appreciations(session))
    _section(out, "Questions before the meeting", _questions(session))
    _section(out, "Parking lot", _parking_lot(session, refs))
    _section(out, "Closing statement", _closing(session))
    _section(out, "Agenda", _agenda(session, now))
    return "\n".join(out) + "\n"
