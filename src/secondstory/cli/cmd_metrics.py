"""`secondstory metrics`: quality metrics across the postmortems in the sessions folder.

The definitions are in `secondstory.core.metrics`. Session files that fail to load are reported
on stderr and left out; the figures for the others are still printed, and the exit code is 2.
"""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "metrics",
        parents=[common],
        help="postmortem quality metrics across the sessions folder",
        description=(
            "Time to postmortem, action items done on time, items per postmortem, SEV1/SEV2 "
            "coverage, P1/P2 completion and recurring cause categories, each with its target. "
            "Files that cannot be read are named on stderr and left out; the exit code is then 2."
        ),
    )
    p.add_argument("--since", metavar="YYYY-MM-DD", help="only incidents on or after this date")
    p.add_argument("--format", default="table", choices=("table", "json"), help="output format")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="compute as of this date")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys
    from datetime import date

    from secondstory.core.followup import parse_day
    from secondstory.core.followup_load import scan_folder
    from secondstory.core.metrics import compute_metrics, format_metrics, metrics_to_dict
    from secondstory.core.paths import sessions_dir

    today = parse_day(args.today, "--today") if args.today else date.today()
    since = parse_day(args.since, "--since") if args.since else None
    scan = scan_folder(sessions_dir(args.sessions_dir))
    report = compute_metrics(scan.summaries, today=today, since=since)
    if args.format == "json":
        import json

        print(json.dumps(metrics_to_dict(report), indent=2, ensure_ascii=False))
    else:
        print("\n".join(format_metrics(report)))
    for problem in scan.problems:
        print(problem, file=sys.stderr)
    return 2 if scan.problems else 0
