"""`secondstory open [FILE]`: run the app on a session, or on the sessions folder's picker."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "open",
        parents=[common],
        help="open a session in the app (no FILE: pick or create one)",
        description="Open a session file (or an incident id from the sessions folder).",
    )
    p.add_argument("file", nargs="?", metavar="FILE", help="session file or incident id")
    p.add_argument("--theme", metavar="NAME", default=argparse.SUPPRESS, help="colour theme")
    p.add_argument(
        "--no-bell", action="store_true", help="do not ring the terminal bell when time is up"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from secondstory.core.paths import sessions_dir
    from secondstory.core.sessions import resolve_session_path
    from secondstory.core.storage import load_session

    folder = sessions_dir(args.sessions_dir)
    path = None
    session = None
    if args.file:
        path = resolve_session_path(args.file, folder)
        # Validate before Textual starts, so a broken file is reported on a clean terminal.
        session = load_session(path)
    from secondstory.tui.launch import launch  # Textual is imported only from here on

    theme = getattr(args, "theme", None)
    return launch(path=path, folder=folder, theme=theme, bell=not args.no_bell, session=session)
