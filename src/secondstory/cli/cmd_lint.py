"""`secondstory lint [PATH ...]`: check Markdown or text files for blame language.

Prints `PATH:LINE:COL: LEVEL RULE-ID: question` and the suggested rewrite on the next line,
or a JSON array with `--format json`. Exit 0 when nothing is at or above the level, 1 when
something is, 2 for usage or input errors. Reads `.secondstory.toml` (`[language]`) from the
current directory upward; options add to it.
"""

from __future__ import annotations

import argparse
import os
import sys

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: importing typing costs every run ~3 ms
if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path
    from typing import Any

    from secondstory.core.language import Flag

_SUFFIXES = {".md", ".markdown", ".txt", ".text", ".mdown", ".mkd"}
STDIN = "<stdin>"


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "lint",
        parents=[common],
        help="check Markdown or text files for blame and counterfactual language",
        description=(
            "Check Markdown or text files (or standard input) for blame and counterfactual "
            "language. Folders are searched for .md and .txt files. Settings come from the "
            "nearest .secondstory.toml ([language] table); options add to them."
        ),
    )
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders; none or - reads stdin"
    )
    p.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default text)"
    )
    p.add_argument(
        "--min-level",
        metavar="LEVEL",
        help="report this level and above: error, warning (default), suggestion, info",
    )
    p.add_argument("--roster", metavar="NAME,...", help="names of people (adds to the config)")
    p.add_argument("--system-terms", metavar="TERM,...", help="words that name systems, not people")
    p.add_argument("--disable", metavar="RULE,...", help="rule ids or categories to switch off")
    p.add_argument("--no-config", action="store_true", help="ignore .secondstory.toml files")
    p.add_argument("--list-rules", action="store_true", help="list the rules and exit")
    p.set_defaults(func=run)


def _names(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(part.strip() for part in value.split(",") if part.strip())


def run(args: argparse.Namespace) -> int:
    from secondstory.core.errors import UserError
    from secondstory.core.language import Coach, CoachConfig, Level, project_config
    from secondstory.core.language.rules import load_rules, unknown_rule_names

    if args.list_rules:
        return _list_rules()
    config = CoachConfig() if args.no_config else project_config()
    level = config.min_level
    if args.min_level is not None:
        level = Level.parse(args.min_level, where="--min-level")
    disabled = _names(args.disable)
    unknown = unknown_rule_names(disabled)
    if unknown:
        hint = "(see `secondstory lint --list-rules`)"
        raise UserError([f"--disable: unknown rule or category {n!r} {hint}" for n in unknown])
    config = config.merged(
        CoachConfig(
            min_level=level,
            level_set=True,
            disabled=frozenset(disabled),
            roster=_names(args.roster),
            system_terms=_names(args.system_terms),
        )
    )
    inputs = _read_inputs(args.paths or ["-"])
    load_rules()
    coach = Coach(config)
    results = [(name, coach.check(with_lf(text), final=True)) for name, text in inputs]
    if args.format == "json":
        _print_json(results, [text for _, text in inputs])
    else:
        _print_text(results)
    return 1 if any(flags for _, flags in results) else 0


def _read_inputs(paths: list[str]) -> list[tuple[str, str]]:
    from secondstory.core.errors import UserError

    files: list[tuple[str, str | Path | None]] = []
    problems: list[str] = []
    for raw in paths:
        if raw == "-":
            files.append((STDIN, None))
            continue
        if os.path.isfile(raw):  # the usual case, without importing pathlib (~4 ms)
            files.append((raw, raw))
            continue
        from pathlib import Path

        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in _SUFFIXES)
            files += [(str(p), p) for p in found if p.is_file()]
        elif path.exists():
            files.append((raw, path))
        else:
            problems.append(f"{raw}: no such file or folder")
    texts: list[tuple[str, str]] = []
    for name, source in files:
        try:
            # Read as written (newline=""): JSON offsets count a Windows line break as the
            # two characters it is in the file, as an editor does.
            if source is None:
                stdin = getattr(sys.stdin, "buffer", None)
                text = stdin.read().decode("utf-8") if stdin is not None else sys.stdin.read()
            else:
                with open(source, encoding="utf-8", newline="") as handle:
                    text = handle.read()
        except UnicodeDecodeError as error:
            problems.append(f"{name}: not UTF-8 text (byte {error.start}): {error.reason}")
            continue
        except OSError as error:
            problems.append(f"{name}: cannot read: {error.strerror or error}")
            continue
        texts.append((name, text))
    if problems:
        raise UserError(problems)
    return texts


def _print_text(results: list[tuple[str, list[Flag]]]) -> None:
    from itertools import islice

    from secondstory.core.language import Level

    # Written a few hundred flags at a time: a write per flag costs more than formatting
    # it, and one string of all of them (megabytes for a long file) is fresh memory.
    labels = {level: level.label for level in Level}
    lines = (
        f"{name}:{flag.line}:{flag.col}: {labels[flag.level]} {flag.rule_id}: "
        f"{flag.message}\n    suggestion: {flag.suggestion}\n"
        for name, flags in results
        for flag in flags
    )
    while batch := list(islice(lines, 256)):
        sys.stdout.write("".join(batch))
    total = sum(len(flags) for _, flags in results)
    if total:
        files = sum(1 for _, flags in results if flags)
        print(
            f"{total} flag{'s' if total != 1 else ''} in {files} file{'s' if files != 1 else ''}",
            file=sys.stderr,
        )


def with_lf(text: str) -> str:
    """The text with its line breaks as "\\n", as the coach reads them."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def to_file_offset(text: str) -> Callable[[int], int]:
    """Maps an offset in `with_lf(text)` to one in `text`: each "\\r\\n" before it adds one."""
    if "\r\n" not in text:
        return lambda offset: offset
    from bisect import bisect_left

    # Where each "\r\n" of the file became a "\n": its index less the ones before it.
    joined: list[int] = []
    at = text.find("\r\n")
    while at >= 0:
        joined.append(at - len(joined))
        at = text.find("\r\n", at + 2)
    return lambda offset: offset + bisect_left(joined, offset)


def _print_json(results: list[tuple[str, list[Flag]]], texts: list[str]) -> None:
    import json

    rows = []
    for (name, flags), text in zip(results, texts, strict=True):
        shift = to_file_offset(text)
        for flag in flags:
            row = {"path": name, **flag.to_dict()}
            row["start"], row["end"] = shift(flag.start), shift(flag.end)
            rows.append(row)
    json.dump(rows, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def _list_rules() -> int:
    from secondstory.core.language.chains import CHAIN_RULE
    from secondstory.core.language.rules import load_rules

    for rule in (*load_rules(), CHAIN_RULE):
        shown = [rule.levels[kind] for kind in ("person", "unknown", "machine")]
        levels = "/".join(level.label if level is not None else "-" for level in shown)
        print(f"{rule.id:<40} {rule.category:<16} {levels:<28} {rule.message}")
    return 0
