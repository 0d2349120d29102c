"""What the tracker exports (Jira CSV, GitHub issues, iCalendar) share about an action item.

The issue body names the deadline, the success criteria and where the item came from, and links
back to the postmortem: the published document when `meeting.document_url` is set, otherwise the
incident id and its session file.
"""

from __future__ import annotations

import re

from secondstory.core.model import ActionItem, Priority, Session

JIRA_PRIORITY: dict[Priority, str] = {"P0": "Highest", "P1": "High", "P2": "Medium", "P3": "Low"}
TERM_LABEL = {"short": "short-term", "long": "long-term"}

_NUL = "\x00"


def clean(text: str) -> str:
    """Text as trackers can take it: NUL cannot travel in files or arguments, so it goes."""
    return text.replace(_NUL, "")


def one_line(text: str) -> str:
    """A title on one line: runs of whitespace and control characters become one space."""
    return " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", text).split())


def postmortem_link(session: Session) -> str:
    url = session.meeting.document_url.strip()
    if url:
        return clean(url)
    return f"{session.incident.id} (session file {session.incident.id}.toml)"


def issue_title(action: ActionItem) -> str:
    """The issue title: the action's title, or its id when the title shows nothing."""
    title = clean(action.title).strip()
    return title if one_line(title) else f"Action item {clean(action.id)}"


def action_categories(session: Session, action: ActionItem) -> list[str]:
    """The cause category the item came from (its chain or factor); else the session's only one."""
    kind, _, ref = action.origin.partition(":")
    found = ""
    if kind == "chain":
        found = next((c.category for c in session.five_whys if c.id == ref), "")
    elif kind in ("factor", "finding"):
        if kind == "finding":
            finding = next((f for f in session.findings if f.id == ref), None)
            promoted = finding.promoted_to if finding else None
            ref = promoted.partition(":")[2] if promoted and promoted.startswith("factor:") else ""
        found = next((f.category for f in session.contributing_factors if f.id == ref), "")
    if found.strip():
        return [" ".join(found.split()).lower()]
    every = {
        " ".join(c.split()).lower()
        for c in [w.category for w in session.five_whys]
        + [f.category for f in session.contributing_factors]
        if c.strip()
    }
    return sorted(every) if len(every) == 1 else []


def label_slug(text: str) -> str:
    """A label without spaces or commas (Jira splits on spaces, gh on commas)."""
    return re.sub(r"[\s,]+", "-", clean(text).strip()).strip("-")[:50]


def issue_body(session: Session, action: ActionItem) -> str:
    """Plain text that reads well as Markdown and in Jira; always ends with one newline."""
    inc = session.incident
    parts = []
    if action.description.strip():
        parts.append(clean(action.description).strip())
    criteria = clean(action.success_criteria).strip() or "(none recorded yet)"
    parts.append(f"Success criteria:\n{criteria}")
    facts = [
        f"Deadline: {action.deadline.isoformat() if action.deadline else 'none set'}",
        f"Priority: {action.priority}",
        f"Owner: {clean(action.owner).strip() or 'not assigned'}",
        f"Kind: {TERM_LABEL[action.term]}, {action.type}",
    ]
    parts.append("\n".join(facts))
    parts.append(
        f"From the postmortem of {inc.id} ({inc.severity}): {clean(inc.title).strip()}\n"
        f"Action {clean(action.id)}. Postmortem: {postmortem_link(session)}"
    )
    return "\n\n".join(parts) + "\n"
