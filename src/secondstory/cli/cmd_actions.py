"""`secondstory actions` (open items across postmortems) and `secondstory action` (set a status).

`actions` prints what it could read even when some session files fail to load: each failure goes
to stderr as `FILE: problem`, and the exit code is then 2 so scripts notice.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from secondstory.core.text_clip import clip

if TYPE_CHECKING:
    from secondstory.core.followup import OpenItem

FORMATS = ("table", "json", "csv")
COLUMNS = (
    "incident",
    "incident_title",
    "severity",
    "file",
    "action",
    "title",
    "owner",
    "priority",
    "status",
    "deadline",
    "days_overdue",
    "categories",
)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "actions",
        parents=[common],
        help="open action items across all postmortems, overdue first",
        description=(
            "List open and in-progress action items of every session in the sessions folder: "
            "overdue first (most overdue first), then by deadline. Files that cannot be read "
            "are named on stderr and skipped; the exit code is then 2."
        ),
    )
    p.add_argument("--overdue", action="store_true", help="only items past their deadline")
    p.add_argument("--owner", metavar="OWNER", help="only items of this owner (any case)")
    p.add_argument("--format", default="table", choices=FORMATS, help="output format")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="count days from this date")
    p.set_defaults(func=run_actions)

    a = sub.add_parser(
        "action",
        parents=[common],
        help="set an action item's status (done, in-progress, wont-do, open)",
        description="Record a status change on one action item; the history keeps every change.",
    )
    a.add_argument("session", metavar="SESSION", help="session file or incident id")
    a.add_argument("item", metavar="ITEM", help="action id (e.g. A-2) or position (1, 2, ...)")
    a.add_argument("--status", required=True, choices=("done", "in-progress", "wont-do", "open"))
    a.add_argument("--note", default="", help="why, or what changed (kept in the history)")
    a.add_argument(
        "--at",
        metavar="WHEN",
        help="when it happened, YYYY-MM-DD or an ISO date-time (default: now)",
    )
    a.set_defaults(func=run_action)


def _today(value: str | None) -> Any:
    from datetime import date

    from secondstory.core.followup import parse_day

    return parse_day(value, "--today") if value else date.today()


def _row(item: OpenItem) -> dict[str, Any]:
    a = item.action
    return {
        "incident": item.incident_id,
        "incident_title": item.incident_title,
        "severity": item.severity,
        "file": item.path.name,
        "action": a.id,
        "title": a.title,
        "owner": a.owner,
        "priority": a.priority,
        "status": a.status,
        "deadline": a.deadline.isoformat() if a.deadline else None,
        "days_overdue": item.days_overdue,
        "categories": list(item.categories),
    }


def format_table(items: list[OpenItem], width: int) -> list[str]:
    owner_w = min(max([5, *(len(i.action.owner) for i in items)]), 16)
    fixed = 13 + 1 + 3 + 1 + 11 + 1 + owner_w + 1 + 11 + 1  # due, pri, status, owner, deadline
    rest = max(width - fixed, 30)
    action_w = rest * 11 // 20
    incident_w = rest - action_w - 1
    head = (
        f"{'DUE':<13} {'PRI':<3} {'STATUS':<11} {'OWNER':<{owner_w}} {'DEADLINE':<11} "
        f"{'ACTION':<{action_w}} INCIDENT"
    )
    lines = [head.rstrip()]
    for item in items:
        a = item.action
        deadline = a.deadline.isoformat() if a.deadline else "-"
        action = clip(f"{a.id} {a.title}", action_w)
        incident = clip(f"{item.incident_id} {item.incident_title}", incident_w)
        lines.append(
            f"{item.due_label:<13} {a.priority:<3} {a.status:<11} "
            f"{clip(a.owner or '-', owner_w):<{owner_w}} {deadline:<11} "
            f"{action:<{action_w}} {incident}".rstrip()
        )
    return lines


def run_actions(args: argparse.Namespace) -> int:
    import shutil
    import sys

    from secondstory.core.followup import open_items
    from secondstory.core.followup_load import scan_folder
    from secondstory.core.paths import sessions_dir

    today = _today(args.today)
    folder = sessions_dir(args.sessions_dir)
    scan = scan_folder(folder)
    items = open_items(scan.summaries, today=today, owner=args.owner, overdue_only=args.overdue)
    if args.format == "json":
        import json

        print(json.dumps([_row(i) for i in items], indent=2, ensure_ascii=False))
    elif args.format == "csv":
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for item in items:
            row = _row(item)
            row["categories"] = "; ".join(row["categories"])
            writer.writerow(row)
    elif items:
        width = shutil.get_terminal_size((120, 24)).columns
        print("\n".join(format_table(items, width)))
        overdue = sum(1 for i in items if i.overdue)
        print(f"\n{len(items)} open item{'s' if len(items) != 1 else ''}, {overdue} overdue.")
    else:
        what = "overdue" if args.overdue else "open"
        whose = f" for owner '{args.owner}'" if args.owner else ""
        print(f"no {what} action items{whose} in {folder}")
    for problem in scan.problems:
        print(problem, file=sys.stderr)
    return 2 if scan.problems else 0


def _when(value: str | None) -> Any:
    from datetime import UTC, datetime

    from secondstory.core.clock import system_clock
    from secondstory.core.errors import UserError

    if not value:
        return system_clock()
    text = value.strip()
    try:
        if len(text) == 10:
            return datetime.fromisoformat(text).replace(tzinfo=UTC)
        when = datetime.fromisoformat(text)
    except ValueError:
        raise UserError(
            f"--at: expected YYYY-MM-DD or a date-time such as 2026-03-22T14:23:00+01:00, "
            f"got '{value}'"
        ) from None
    return when if when.tzinfo is not None else when.astimezone()


def run_action(args: argparse.Namespace) -> int:
    from secondstory.core.followup import set_action_status
    from secondstory.core.paths import sessions_dir
    from secondstory.core.sessions import resolve_session_path
    from secondstory.core.storage import load_session, save_session

    path = resolve_session_path(args.session, sessions_dir(args.sessions_dir))
    session = load_session(path)
    when = _when(args.at)
    from secondstory.core.followup import find_action

    item = find_action(session, args.item)
    before = item.status
    change = set_action_status(session, item.id, args.status, args.note, now=when)
    if change is None:
        print(f"{item.id} is already {before}; nothing changed")
        return 0
    save_session(session, path)
    print(f"{path}: {item.id} {before} -> {change.status}: {item.title}")
    return 0
