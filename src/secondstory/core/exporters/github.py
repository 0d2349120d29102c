"""Action items as a POSIX shell script of `gh issue create` commands, one per item.

Every piece of session text reaches `gh` unchanged, whatever characters it holds: titles and
labels are single-quoted with `shlex.quote` and passed as `--title=...` (so a leading dash is
never read as an option), and each body is written to a temporary file by `printf '%s'` with
the body single-quoted too, so nothing in it is expanded. (Not a here-document: dash, the usual
/bin/sh, drops a byte from a here-document line that starts like the delimiter and goes on with
a non-ASCII character.) Comments carry only single-line, control-free text. NUL cannot travel
through a shell, so it is dropped.

GitHub issues have no due date: the deadline and success criteria go in the body, the priority
and `postmortem` as labels. The owner is usually a team, not a GitHub login, so it goes in the
body too rather than `--assignee`.
"""

from __future__ import annotations

import shlex

from secondstory.core.exporters.trackers import (
    action_categories,
    clean,
    issue_body,
    issue_title,
    label_slug,
    one_line,
)
from secondstory.core.model import ActionItem, Session


def _comment(text: str) -> str:
    return one_line(text)[:100]


def labels(session: Session, action: ActionItem) -> list[str]:
    """`postmortem`, the priority, and the cause category (GitHub labels may hold spaces)."""
    found = ["postmortem", action.priority]
    found += [
        " ".join(clean(c).replace(",", " ").split())[:50]
        for c in action_categories(session, action)
    ]
    return list(dict.fromkeys(label for label in found if label))


def _command(session: Session, action: ActionItem) -> list[str]:
    flags = " ".join(f"--label={shlex.quote(label)}" for label in labels(session, action))
    return [
        f"# {_comment(action.id)}: {_comment(action.title)}",
        f"printf '%s' {shlex.quote(issue_body(session, action))} > \"$body\"",
        f'gh issue create --title={shlex.quote(issue_title(action))} --body-file="$body" '
        f"{flags} || failed=$((failed + 1))",
        "",
    ]


def render_github(session: Session) -> str:
    inc = session.incident
    every_label = list(
        dict.fromkeys(label for action in session.actions for label in labels(session, action))
    )
    lines = [
        "#!/bin/sh",
        f"# GitHub issues for the action items of {_comment(inc.id)}: {_comment(inc.title)}",
        f"# Postmortem: {_comment(label_slug(inc.id))}, written by secondstory.",
        "# Run it from a clone of the repository the issues belong in, with the GitHub CLI (gh)",
        "# logged in, or set GH_REPO=owner/name. Each run creates the issues again.",
        "set -u",
        "",
    ]
    if not session.actions:
        lines.append("echo 'no action items to create' >&2")
        return "\n".join(lines) + "\n"
    lines += [
        "body=$(mktemp) || exit 1",
        "trap 'rm -f \"$body\"' EXIT",
        "trap 'exit 130' HUP INT TERM",
        "failed=0",
        "",
        "# Create the labels the issues use; a label that already exists is left as it is.",
        "for label in " + " ".join(shlex.quote(label) for label in every_label) + "; do",
        '  gh label create "$label" >/dev/null 2>&1 || :',
        "done",
        "",
    ]
    for action in session.actions:
        lines += _command(session, action)
    lines += [
        'if [ "$failed" -gt 0 ]; then',
        '  echo "$failed issue(s) could not be created" >&2',
        "  exit 1",
        "fi",
    ]
    return "\n".join(lines) + "\n"
