"""`secondstory export SESSION --format F [-o OUT] [--copy]`: render a session for publishing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    from secondstory.core.exporters import FORMATS

    p = sub.add_parser(
        "export",
        parents=[common],
        help="export a session (Markdown, JSON, trackers)",
        description="Render a session. Without -o the result goes to standard output.",
    )
    p.add_argument("file", metavar="SESSION", help="session file or incident id")
    p.add_argument(
        "--format",
        "-f",
        default="markdown",
        metavar="FORMAT",
        help=f"one of: {', '.join(FORMATS)} (default markdown)",
    )
    p.add_argument("-o", "--output", metavar="OUT", help="write to this file ('-': stdout)")
    p.add_argument(
        "--copy",
        action="store_true",
        help="put the result on the clipboard; without a clipboard, write a file instead",
    )
    p.set_defaults(func=run)


def copy_or_fallback(rendered: str, fallback: Path) -> str:
    """Copy to the local clipboard, or, where there is none, write `fallback` and say so."""
    try:
        import pyperclip

        pyperclip.copy(rendered)
    except Exception as error:  # pyperclip raises its own and OS errors alike; never crash
        from secondstory.core.atomic import atomic_write_text

        atomic_write_text(fallback, rendered)
        reason = str(error).split(".")[0] if str(error) else type(error).__name__
        return f"no clipboard available ({reason}); wrote {fallback} instead"
    return "copied to the clipboard"


def run(args: argparse.Namespace) -> int:
    from secondstory.core.atomic import atomic_write_text
    from secondstory.core.exporters import get_format
    from secondstory.core.paths import sessions_dir
    from secondstory.core.sessions import resolve_session_path
    from secondstory.core.storage import load_session

    fmt = get_format(args.format)
    path = resolve_session_path(args.file, sessions_dir(args.sessions_dir))
    session = load_session(path)
    rendered = fmt.render(session)
    if args.copy:
        fallback = (
            Path(args.output)
            if args.output and args.output != "-"
            else path.with_suffix(fmt.suffix)
        )
        print(copy_or_fallback(rendered, fallback), file=sys.stderr)
        return 0
    if args.output and args.output != "-":
        out = Path(args.output)
        atomic_write_text(out, rendered)
        print(f"wrote {out}", file=sys.stderr)
    else:
        sys.stdout.write(rendered)
    return 0
