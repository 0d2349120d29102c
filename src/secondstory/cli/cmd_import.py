"""`secondstory import SESSION SOURCE`: merge a timeline from a file into a session."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

LARGE_IMPORT = 5000
"""Imports with at least this many entries report progress on stderr."""


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "import",
        parents=[common],
        help="add timeline events from a text, CSV, PagerDuty or Slack file",
        description=(
            "Merge timeline events from SOURCE into SESSION. Events keep their source and id, so "
            "importing the same source again adds only what is new."
        ),
    )
    p.add_argument("session", metavar="SESSION", help="session file or incident id")
    p.add_argument("source", metavar="SOURCE", help="file (or Slack export folder/zip) to import")
    p.add_argument(
        "--format",
        default="auto",
        choices=("auto", "text", "csv", "pagerduty", "slack"),
        help="default: from the file name and content",
    )
    p.add_argument(
        "--tz",
        metavar="ZONE",
        help="zone for times that name none (IANA name, UTC or +01:00); default: the incident's",
    )
    p.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="day for times without a date; default: the day the incident started",
    )
    p.add_argument("--since", metavar="T", help="leave out events before T (ISO time or HH:MM)")
    p.add_argument("--until", metavar="T", help="leave out events after T (ISO time or HH:MM)")
    p.add_argument(
        "--channel",
        action="append",
        default=[],
        metavar="NAME",
        help="Slack: import this channel (repeat for several; default: all)",
    )
    p.add_argument(
        "--pinned-or-reacted",
        action="store_true",
        help="Slack: only messages someone pinned or reacted to",
    )
    p.add_argument(
        "--include-notifications",
        action="store_true",
        help="PagerDuty: keep notify_log_entry rows (left out by default)",
    )
    p.add_argument(
        "--dry-run", action="store_true", help="show what would be added; change nothing"
    )
    p.set_defaults(func=run)


def progress_printer(stream: TextIO) -> Any:
    """Progress lines for large imports: every 1,000 entries on a terminal, else every 5,000."""
    tty = stream.isatty()

    def report(what: str, done: int, total: int) -> None:
        if total >= LARGE_IMPORT and (tty or done % 5000 == 0):
            print(f"importing: {done:,} of {total:,} {what}", file=stream, flush=True)

    return report


def run(args: argparse.Namespace) -> int:
    from datetime import date
    from pathlib import Path

    from secondstory.core.errors import UserError
    from secondstory.core.importers import ImportOptions, import_file
    from secondstory.core.paths import sessions_dir
    from secondstory.core.sessions import resolve_session_path

    day = None
    if args.date:
        try:
            day = date.fromisoformat(args.date)
        except ValueError:
            raise UserError(f"--date: expected YYYY-MM-DD; found {args.date!r}") from None
    options = ImportOptions(
        format=args.format,
        tz=args.tz,
        date=day,
        since=args.since,
        until=args.until,
        channels=tuple(args.channel),
        pinned_or_reacted=args.pinned_or_reacted,
        include_notifications=args.include_notifications,
        progress=progress_printer(sys.stderr),
    )
    session_path = resolve_session_path(args.session, sessions_dir(args.sessions_dir))
    session, result = import_file(session_path, Path(args.source), options, dry_run=args.dry_run)
    for note in result.notes:
        print(note, file=sys.stderr)
    if args.dry_run:
        zone = _zone(session.incident.timezone)
        for event in result.added:
            print(_line(event, zone))
        print(f"dry run, nothing written: would have {result.summary()}")
    else:
        where = f" to {session_path}" if result.added else ""
        print(f"{result.summary()}{where}")
    return 0


def _zone(name: str) -> Any:
    from datetime import UTC

    from secondstory.core.importers.common import zone_from_name

    return zone_from_name(name) or UTC


def _line(event: Any, zone: Any) -> str:
    at = event.at.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S %Z")
    who = f" ({event.author})" if event.author else ""
    mark = " [decision]" if event.decision_point else ""
    first = event.text.split("\n", 1)[0]
    return f"{event.id:<7} {at}  {event.kind:<11} {first}{who}{mark}"
