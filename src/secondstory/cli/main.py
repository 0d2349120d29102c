"""Entry point: parse the command line and hand over to one command module.

Each command lives in its own module under `secondstory.cli` and exposes
`register(subparsers, common)`; the module is imported only to build the parser, and its
heavy imports are deferred into the function that runs the command.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from secondstory import __version__
from secondstory.core.errors import UserError

# Order is the order shown in `--help`.
COMMAND_MODULES = [
    "secondstory.cli.cmd_open",
    "secondstory.cli.cmd_new",
    "secondstory.cli.cmd_list",
    "secondstory.cli.cmd_export",
    "secondstory.cli.cmd_import",
    "secondstory.cli.cmd_prep",
    "secondstory.cli.cmd_actions",
    "secondstory.cli.cmd_close_check",
    "secondstory.cli.cmd_metrics",
    "secondstory.cli.cmd_lint",
]


def build_parser() -> argparse.ArgumentParser:
    sessions_help = "folder of session files (default: $SECONDSTORY_SESSIONS, else ./sessions)"
    # Accepted before or after the command; SUPPRESS keeps a subcommand's unset default from
    # overwriting a value given before it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--sessions-dir", metavar="DIR", default=argparse.SUPPRESS, help=sessions_help
    )
    parser = argparse.ArgumentParser(
        prog="secondstory",
        description="Run blameless incident postmortems from the terminal.",
    )
    parser.add_argument("--sessions-dir", metavar="DIR", help=sessions_help)
    parser.add_argument("--version", action="version", version=f"secondstory {__version__}")
    parser.add_argument("--theme", metavar="NAME", help="colour theme for the app")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub, common)
    return parser


def _known_commands(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:  # argparse offers no public accessor for subcommand names
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


_VALUE_OPTIONS = {"--sessions-dir", "--theme"}


def _first_positional(args: list[str]) -> int | None:
    """Index of the first word that is neither an option nor an option's value."""
    skip = False
    for i, arg in enumerate(args):
        if skip:
            skip = False
        elif arg in _VALUE_OPTIONS:
            skip = True
        elif not arg.startswith("-") or arg == "-":
            return i
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    commands = _known_commands(parser)
    first = _first_positional(args_in)
    # `secondstory FILE` is short for `secondstory open FILE`; bare `secondstory` opens the picker.
    if (first is None or args_in[first] not in commands) and not any(
        a in ("-h", "--help", "--version") for a in args_in
    ):
        args_in.insert(len(args_in) if first is None else first, "open")
    args = parser.parse_args(args_in)
    try:
        return int(args.func(args) or 0)
    except UserError as error:
        for line in error.problems:
            print(line, file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
