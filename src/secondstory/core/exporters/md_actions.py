"""The action items section of the Markdown postmortem: the table, then the quality checklist.

Every field the action items workspace captures is in the table: the action with its
id and description, owner, priority, deadline, success criteria, term, type, status and where it
came from (linked to its tracker issue when it has one). Under it, the rules of thumb from
`core.action_checks` as a task list (ticked when they pass) and the accepted-risk note.
"""

from __future__ import annotations

import re
from datetime import date

from secondstory.core.action_checks import RULES, check_session_actions
from secondstory.core.checks import Check
from secondstory.core.exporters import md_escape as esc
from secondstory.core.exporters.md_refs import Refs
from secondstory.core.model import ActionItem, Session

STATUS_LABELS = {
    "open": "open",
    "in-progress": "in progress",
    "done": "done",
    "wont-do": "won't do",
}
_SAFE_URL = re.compile(r"^https?://[^\s()<>|\\\[\]]+$")


def _id_cell(item: ActionItem) -> str:
    url = item.tracker_url.strip()
    if _SAFE_URL.match(url):
        return f"[{esc.cell(item.id)}]({url})"
    return esc.cell(item.id)


def _action_cell(item: ActionItem) -> str:
    title = esc.cell(item.title) if item.title.strip() else "*(no action typed)*"
    lines = [f"{_id_cell(item)}: {title}"]
    if item.description.strip():
        lines.append(esc.cell(item.description))
    return "<br>".join(lines)


def _checklist(checks: list[Check]) -> str:
    lines = []
    for rule in RULES:
        results = [c for c in checks if c.rule == rule]
        lines += [
            f"- [{'x' if c.ok else ' '}] {esc.inline(c.message)}" for c in results if c.message
        ]
    return "\n".join(lines)


def actions_section(session: Session, refs: Refs, today: date) -> str:
    if not session.actions:
        return ""
    rows = [
        [
            _action_cell(item),
            esc.cell(item.owner),
            item.priority,
            item.deadline.isoformat() if item.deadline else "",
            esc.cell(item.success_criteria),
            item.term,
            item.type,
            STATUS_LABELS.get(item.status, item.status),
            esc.cell(refs.origin(item.origin)) if item.origin.strip() else "",
        ]
        for item in session.actions
    ]
    # The first five columns are the ones the walking skeleton fixed; the rest came later.
    header = [
        "Action",
        "Owner",
        "Priority",
        "Deadline",
        "Success criteria",
        "Term",
        "Type",
        "Status",
        "From",
    ]
    parts = [esc.rendered_table(header, rows)]
    checks = check_session_actions(session, today)
    parts.append("Checked against the rules of thumb for action items:\n\n" + _checklist(checks))
    if session.closing.risk_accepted.strip():
        parts.append(
            f"**Risk of recurrence accepted:** {esc.inline(session.closing.risk_accepted)}"
        )
    return "\n\n".join(parts)
