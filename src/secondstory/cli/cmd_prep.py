"""`secondstory prep` writes the pre-meeting document; `secondstory prep-import` merges it back."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "prep",
        parents=[common],
        help="write the pre-meeting document for participants to fill in",
        description=(
            "Write a Markdown document for a GitHub or Confluence page: the timeline to verify "
            "and a section per person (role, went well, could be better, questions)."
        ),
    )
    p.add_argument("session", metavar="SESSION", help="session file or incident id")
    p.add_argument(
        "-o", "--output", metavar="FILE.md", help="write here (default: standard output)"
    )
    p.add_argument(
        "--force", action="store_true", help="replace FILE.md if it exists (it may be filled in)"
    )
    p.set_defaults(func=run_prep)

    q = sub.add_parser(
        "prep-import",
        parents=[common],
        help="merge a filled-in pre-meeting document into the session",
        description=(
            "Read a document written by `secondstory prep` and filled in, and add each item to "
            "the session under its author. Items already there are skipped."
        ),
    )
    q.add_argument("session", metavar="SESSION", help="session file or incident id")
    q.add_argument("document", metavar="FILE.md", help="the filled-in document")
    q.add_argument(
        "--dry-run", action="store_true", help="show what would be added; change nothing"
    )
    q.set_defaults(func=run_prep_import)


def run_prep(args: argparse.Namespace) -> int:
    from pathlib import Path

    from secondstory.core.atomic import atomic_write_text
    from secondstory.core.errors import UserError
    from secondstory.core.paths import sessions_dir
    from secondstory.core.prep import render_prep
    from secondstory.core.sessions import resolve_session_path
    from secondstory.core.storage import load_session

    session = load_session(resolve_session_path(args.session, sessions_dir(args.sessions_dir)))
    text = render_prep(session)
    if not args.output or args.output == "-":
        print(text, end="")
        return 0
    out = Path(args.output)
    if out.exists() and not args.force:
        raise UserError(
            f"{out}: already exists and may hold answers; pass --force to replace it, "
            "or read it back with `secondstory prep-import`"
        )
    atomic_write_text(out, text)
    print(f"wrote {out}")
    return 0


def run_prep_import(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from secondstory.core.paths import sessions_dir
    from secondstory.core.prep import merge_prep, read_prep_file
    from secondstory.core.sessions import resolve_session_path
    from secondstory.core.storage import load_session, save_session

    path = resolve_session_path(args.session, sessions_dir(args.sessions_dir))
    session = load_session(path)
    doc_path = Path(args.document)
    result = merge_prep(session, read_prep_file(doc_path), label=str(doc_path))
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    if args.dry_run:
        print(f"dry run, nothing written: would have {result.summary()}")
        return 0
    if result.added:
        save_session(session, path)
    print(result.summary() + (f" to {path}" if result.added else ""))
    return 0
