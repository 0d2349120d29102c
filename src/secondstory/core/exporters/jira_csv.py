"""Action items as a Jira CSV import: one row per item.

Columns: Summary, Issue Type, Description, Priority, Assignee, Due Date, then one Labels column per
label (Jira's importer reads a repeated column as several values). The csv module quotes values
that hold commas, quotes or line breaks. Due dates are ISO (`yyyy-MM-dd` in the importer's date
format setting); the assignee is the item's owner, which Jira must be able to match to a user
(otherwise map or clear the column in the import wizard).
"""

from __future__ import annotations

import csv
import io

from secondstory.core.exporters.trackers import (
    JIRA_PRIORITY,
    action_categories,
    clean,
    issue_body,
    issue_title,
    label_slug,
    one_line,
)
from secondstory.core.model import ActionItem, Session

HEADER = ["Summary", "Issue Type", "Description", "Priority", "Assignee", "Due Date"]
ISSUE_TYPE = "Task"


def summary(action: ActionItem) -> str:
    """Jira's summary: one line, at most 255 characters, never empty."""
    return one_line(issue_title(action))[:255] or one_line(f"Action item {action.id}")[:255]


def labels(session: Session, action: ActionItem) -> list[str]:
    found = ["postmortem", label_slug(session.incident.id)]
    found += [label_slug(c) for c in action_categories(session, action)]
    return list(dict.fromkeys(label for label in found if label))


def render_jira_csv(session: Session) -> str:
    rows = []
    for action in session.actions:
        rows.append(
            [
                summary(action),
                ISSUE_TYPE,
                issue_body(session, action).rstrip("\n"),
                JIRA_PRIORITY[action.priority],
                one_line(clean(action.owner)),
                action.deadline.isoformat() if action.deadline else "",
                *labels(session, action),
            ]
        )
    width = max([len(HEADER) + 1, *(len(r) for r in rows)])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER + ["Labels"] * (width - len(HEADER)))
    for row in rows:
        writer.writerow(row + [""] * (width - len(row)))
    return out.getvalue()
