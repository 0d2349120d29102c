"""`secondstory new ID --title T`: create a session file from the command line."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    from secondstory.core.agendas import PRESETS
    from secondstory.core.model import SEVERITIES

    p = sub.add_parser(
        "new",
        parents=[common],
        help="create a session file in the sessions folder",
        description="Create ID.toml in the sessions folder (never overwrites).",
    )
    p.add_argument("id", metavar="ID", help="incident id, e.g. INC-2026-0847")
    p.add_argument("--title", required=True, help="incident title")
    p.add_argument("--severity", default="SEV2", choices=SEVERITIES, help="default SEV2")
    p.add_argument(
        "--agenda",
        default="sync-90",
        metavar="NAME",
        help=f"preset ({', '.join(PRESETS)}) or a custom agenda .toml file; default sync-90",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from secondstory.core.paths import sessions_dir
    from secondstory.core.sessions import create_session_file, new_session

    session = new_session(args.id, args.title, severity=args.severity, agenda=args.agenda)
    path = create_session_file(sessions_dir(args.sessions_dir), session)
    print(f"created {path}")
    return 0
