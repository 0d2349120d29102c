"""Entry point: parse the command line and hand over to one command module.

Each command lives in its own module under `secondstory.cli` and exposes
`register(subparsers, common)`; the module is imported only to build the parser, and its
heavy imports are deferred into the function that runs the command.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence

from secondstory import __version__
from secondstory.core.errors import UserError

# Command name -> the module that registers it; order is the order shown in `--help`.
# Kept as data so that running one command imports only its own module.
COMMANDS: dict[str, str] = {
    "open": "secondstory.cli.cmd_open",
    "new": "secondstory.cli.cmd_new",
    "list": "secondstory.cli.cmd_list",
    "export": "secondstory.cli.cmd_export",
    "import": "secondstory.cli.cmd_import",
    "prep": "secondstory.cli.cmd_prep",
    "prep-import": "secondstory.cli.cmd_prep",
    "actions": "secondstory.cli.cmd_actions",
    "action": "secondstory.cli.cmd_actions",
    "close-check": "secondstory.cli.cmd_close_check",
    "metrics": "secondstory.cli.cmd_metrics",
    "lint": "secondstory.cli.cmd_lint",
}


def _columns() -> int:
    """The terminal's width as `shutil.get_terminal_size` reads it, without importing
    `shutil` (and the compression modules it brings): argparse makes a help formatter for
    every option it adds, and each one asked shutil, which cost every run about 5 ms."""
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


class _Formatter(argparse.HelpFormatter):
    def __init__(self, prog: str, **kwargs: object) -> None:
        kwargs.setdefault("width", _columns() - 2)  # argparse's own margin
        super().__init__(prog, **kwargs)  # type: ignore[arg-type]


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser for every command, or only for `command` when it is known."""
    sessions_help = "folder of session files (default: $SECONDSTORY_SESSIONS, else ./sessions)"
    # Accepted before or after the command; SUPPRESS keeps a subcommand's unset default from
    # overwriting a value given before it.
    common = _Parser(add_help=False)
    common.add_argument(
        "--sessions-dir", metavar="DIR", default=argparse.SUPPRESS, help=sessions_help
    )
    parser = _Parser(
        prog="secondstory",
        description="Run blameless incident postmortems from the terminal.",
    )
    parser.add_argument("--sessions-dir", metavar="DIR", help=sessions_help)
    parser.add_argument("--version", action="version", version=f"secondstory {__version__}")
    parser.add_argument("--theme", metavar="NAME", help="colour theme for the app")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    modules = [COMMANDS[command]] if command in COMMANDS else list(dict.fromkeys(COMMANDS.values()))
    for name in modules:
        importlib.import_module(name).register(sub, common)
    return parser


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
    first = _first_positional(args_in)
    wants_help = any(a in ("-h", "--help", "--version") for a in args_in)
    # `secondstory FILE` is short for `secondstory open FILE`; bare `secondstory` opens the picker.
    if (first is None or args_in[first] not in COMMANDS) and not wants_help:
        args_in.insert(len(args_in) if first is None else first, "open")
        first = _first_positional(args_in)
    command = args_in[first] if first is not None else None
    parser = build_parser(None if wants_help and command is None else command)
    args = parser.parse_args(args_in)
    # Batch commands make many objects (10,000 imported events, a thousand sessions read) that
    # reference counting frees; the cycle collector's passes over them cost a tenth of the
    # time and find nothing. It is paused while one runs; the app (`open`) keeps it.
    pause_gc = command != "open" and gc.isenabled()
    if pause_gc:
        gc.disable()
    try:
        return int(args.func(args) or 0)
    except UserError as error:
        for line in error.problems:
            print(line, file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    finally:
        if pause_gc:
            gc.enable()
