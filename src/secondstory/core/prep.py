"""The async pre-prep document: written before the meeting, filled in by every participant, and
merged back into the session.

`render_prep` writes Markdown that reads well on a GitHub or Confluence page: the timeline to
verify (a table with a comment column), then one section per person with their role during the
incident, what went well, what could be better and their questions, each with a fill-in marker.
`merge_prep` takes the document as read by `core.prep_parse` and adds every item to the session
under its author's name; items already there (same person, same words) are skipped, so a second
import of the same document adds nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from secondstory.core.errors import UserError
from secondstory.core.model import Note, Question, RoleNote, Session
from secondstory.core.prep_parse import (
    CATEGORIES,
    FILL_IN,
    HEADINGS,
    TIMELINE_HEADING,
    YOUR_NAME,
    PrepDocument,
    normalize_item,
    parse_prep,
)

__all__ = ["PrepResult", "merge_prep", "parse_prep", "read_prep_file", "render_prep"]

COMMENT_PREFIX = "Prep: "
"""Timeline comments become annotations starting with this, so they stand out in the walk."""


def _zone(session: Session) -> tzinfo:
    from secondstory.core.importers.common import zone_from_name

    return zone_from_name(session.incident.timezone) or UTC


def _stamp(value: datetime | None, zone: tzinfo) -> str:
    return value.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z") if value else ""


def escape_cell(text: str) -> str:
    value = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value.replace("|", "\\|").replace("\n", "<br>")


def render_item(text: str) -> list[str]:
    """One bullet: the first line after `- `, the rest indented two spaces (blank lines kept)."""
    lines = normalize_item(text).split("\n")
    return [f"- {lines[0]}"] + [f"  {line}" if line else "" for line in lines[1:]]


def _person_heading(name: str) -> str:
    return " ".join(name.split())


def _sections(lines: list[str]) -> None:
    for category in CATEGORIES:
        lines += ["", f"### {HEADINGS[category]}", "", f"- {FILL_IN}"]


def render_prep(session: Session, *, now: datetime | None = None) -> str:
    """The pre-meeting document for `session` as Markdown."""
    inc = session.incident
    zone = _zone(session)
    facts = [f"**Severity:** {inc.severity}"]
    for label, value in (
        ("Started", inc.started_at),
        ("Resolved", inc.resolved_at),
        ("Meeting", session.meeting.scheduled_at),
    ):
        if value is not None:
            facts.append(f"**{label}:** {_stamp(value, zone)}")
    lines = [
        f"<!-- secondstory prep: {inc.id} -->",
        f"# Before the postmortem: {' '.join(inc.title.split())} ({inc.id})",
        "",
        " · ".join(facts),
        "",
        "Please fill this in before the meeting, so the time together goes to understanding "
        "rather than collecting facts. Replace each "
        f"{FILL_IN} marker, one item per bullet, as many bullets as you like. Write about what "
        "you knew, saw and decided, and about how the system behaved; questions are welcome. "
        "Keep the headings as they are: secondstory reads this page back into the session.",
        "",
        f"## {TIMELINE_HEADING}",
        "",
        "Is anything wrong, missing or in the wrong order? Say so in the last column, starting "
        "with your name. Add a row (leave the ID empty) for an event that is missing.",
        "",
        f"| ID | Time ({inc.timezone}) | What happened | Source | Comments |",
        "|---|---|---|---|---|",
    ]
    for event in session.timeline:
        what = escape_cell(event.text)
        if event.decision_point:
            what += " *(decision point)*"
        when = event.at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        source = escape_cell(event.source + (f" ({event.author})" if event.author else ""))
        lines.append(f"| {event.id} | {when} | {what} | {source} |  |")
    if not session.timeline:
        lines.append("|  |  | *(no events yet: add the ones you remember)* |  |  |")
    for person in session.people:
        lines += ["", f"## {_person_heading(person.name)}"]
        about = " · ".join(x for x in (person.role, person.team) if x.strip())
        if about:
            plain = " ".join(about.split()).replace("*", "\\*").replace("_", "\\_")
            lines += ["", f"*{plain}*"]
        _sections(lines)
    lines += [
        "",
        f"## {YOUR_NAME}",
        "",
        "Not listed above? Put your name in this heading and fill in the sections below; copy "
        "the whole section for each further person.",
    ]
    _sections(lines)
    stamp = (now or datetime.now(UTC)).astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")
    lines += ["", "---", f"*Written by secondstory on {stamp}.*", ""]
    return "\n".join(lines)


@dataclass
class PrepResult:
    added: Counter[str] = field(default_factory=Counter)
    skipped: int = 0
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        labels = {
            "roles": ("role", "roles"),
            "went_well": ("went-well item", "went-well items"),
            "could_be_better": ("could-be-better item", "could-be-better items"),
            "questions": ("question", "questions"),
            "comments": ("timeline comment", "timeline comments"),
            "missing": ("missing event (as a question)", "missing events (as questions)"),
        }
        parts = [
            f"{n} {one if n == 1 else many}"
            for key, (one, many) in labels.items()
            if (n := self.added[key])
        ]
        added = ", ".join(parts) if parts else "nothing new"
        return f"added {added}; skipped {self.skipped} already in the session"


def merge_prep(session: Session, doc: PrepDocument, *, label: str = "<prep>") -> PrepResult:
    """Add the document's items to `session`, each under its author; skips what is there."""
    if doc.incident_id is not None and doc.incident_id != session.incident.id:
        raise UserError(
            f"{label}:{doc.incident_line}: this document was written for {doc.incident_id}, "
            f"not {session.incident.id}"
        )
    result = PrepResult(warnings=list(doc.warnings))
    known = {p.name.strip().lower() for p in session.people}
    roles = {(r.person, r.text) for r in session.prep.roles}
    questions = {(q.author, q.text) for q in session.prep.questions}
    notes = {
        "went_well": {(n.author, n.text) for n in session.went_well},
        "could_be_better": {(n.author, n.text) for n in session.could_be_better},
    }
    for person in doc.people.values():
        name = person.name
        if name.lower() not in known and any(person.items.values()):
            result.warnings.append(
                f"{label}: note: {name!r} is not among the session's people; "
                "their items are kept under that name"
            )
        for category, items in person.items.items():
            for text in items:
                if category == "roles":
                    key_set = roles
                elif category == "questions":
                    key_set = questions
                else:
                    key_set = notes[category]
                if (name, text) in key_set:
                    result.skipped += 1
                    continue
                key_set.add((name, text))
                result.added[category] += 1
                if category == "roles":
                    session.prep.roles.append(RoleNote(person=name, text=text))
                elif category == "questions":
                    session.prep.questions.append(Question(author=name, text=text))
                elif category == "went_well":
                    session.went_well.append(Note(text=text, author=name, source="prep"))
                else:
                    session.could_be_better.append(Note(text=text, author=name, source="prep"))
    events = {e.id: e for e in session.timeline}
    for row in doc.comments:
        annotation = COMMENT_PREFIX + row.comment
        event = events.get(row.event_id)
        if event is not None:
            if annotation in event.annotations:
                result.skipped += 1
                continue
            event.annotations.append(annotation)
            result.added["comments"] += 1
            continue
        what = " ".join(c for c in row.cells[1:3] if c.strip())
        text = f"Missing from the timeline? {what} ({row.comment})" if what else row.comment
        if ("", text) in questions:
            result.skipped += 1
            continue
        questions.add(("", text))
        session.prep.questions.append(Question(text=text))
        result.added["missing"] += 1
    return result


def read_prep_file(path: Path) -> PrepDocument:
    """Read a filled-in document from disk."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except UnicodeDecodeError as error:
        raise UserError(f"{path}: not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise UserError(f"{path}: cannot read: {error.strerror}") from None
    return parse_prep(text, str(path))
