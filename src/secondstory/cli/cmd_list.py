"""`secondstory list`: the sessions in the sessions folder, one line each."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("list", parents=[common], help="list the sessions in the sessions folder")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from secondstory.core.errors import UserError
    from secondstory.core.paths import session_files, sessions_dir
    from secondstory.core.storage import load_session

    folder = sessions_dir(args.sessions_dir)
    files = session_files(folder)
    if not files:
        print(f"no sessions in {folder}; create one with: secondstory new ID --title TITLE")
        return 0
    bad = 0
    for path in files:
        try:
            s = load_session(path)
        except UserError as error:
            bad += 1
            print(f"{path.name:<28} (cannot read: {error.problems[0]})")
            continue
        inc = s.incident
        print(f"{path.name:<28} {inc.severity}  {inc.status:<9}  {inc.title}")
    return 2 if bad else 0
