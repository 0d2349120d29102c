"""`secondstory close-check SESSION`: can the incident close a week after the meeting?

Exit code 0 when it can, 1 when items block closing, 2 when the session cannot be read.
"""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "close-check",
        parents=[common],
        help="the one-week closure check: every P0 done, every P1 started (exit 0 or 1)",
        description=(
            "Check whether an incident can close: every P0 action item done, every P1 in "
            "progress or done. Lists what blocks closing and the day-14 and day-30 follow-ups."
        ),
    )
    p.add_argument("session", metavar="SESSION", help="session file or incident id")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="check as of this date")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from datetime import date

    from secondstory.core.closure import check_closure, format_closure
    from secondstory.core.followup import parse_day
    from secondstory.core.paths import sessions_dir
    from secondstory.core.sessions import resolve_session_path
    from secondstory.core.storage import load_session

    today = parse_day(args.today, "--today") if args.today else date.today()
    path = resolve_session_path(args.session, sessions_dir(args.sessions_dir))
    report = check_closure(load_session(path), today)
    print("\n".join(format_closure(report)))
    return 0 if report.can_close else 1
