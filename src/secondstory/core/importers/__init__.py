"""Timeline imports: events from incident tools or typed by hand, merged into a session.

Formats: `text` (hand-typed lines), `csv`, `pagerduty` (REST API log entries and notes) and
`slack` (a workspace export, folder or zip); `auto` picks one from the name and the content.

The app calls `import_source` on the session it holds, then saves; the CLI calls `import_file`,
which loads, merges and saves atomically. Both raise `UserError` for bad input before changing
anything, and importing the same source twice adds nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from secondstory.core.errors import UserError
from secondstory.core.importers.common import (
    Context,
    ImportOptions,
    ImportResult,
    Parsed,
    merge,
    parse_bound,
    sort_timeline,
    unknown_zone,
    zone_from_name,
)
from secondstory.core.model import Session

__all__ = [
    "FORMATS",
    "ImportOptions",
    "ImportResult",
    "detect_format",
    "import_file",
    "import_source",
    "read_source",
    "sort_timeline",
]

FORMATS: tuple[str, ...] = ("text", "csv", "pagerduty", "slack")

_TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".log"}
_CSV_HEADER_WORDS = ("time", "timestamp", "text", "event", "message", "description")


def detect_format(path: Path) -> str:
    """The format of `path`, from its suffix, else from its first bytes."""
    if path.is_dir():
        return "slack"
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return "slack"
    if suffix in (".csv", ".tsv"):
        return "csv"
    if suffix in _TEXT_SUFFIXES:
        return "text"
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except FileNotFoundError:
        raise UserError(f"{path}: no such file or folder") from None
    except OSError as error:
        raise UserError(f"{path}: cannot read: {error.strerror}") from None
    if head.startswith(b"PK\x03\x04"):
        return "slack"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"[")):
        if b'"ts"' in head and b"_log_entry" not in head and b'"log_entries"' not in head:
            raise UserError(
                f"{path}: looks like one day of one Slack channel; import the whole workspace "
                "export (its folder or zip) with --format slack"
            )
        return "pagerduty"
    first = head.split(b"\n", 1)[0].decode("utf-8", "replace").lower()
    if any(d in first for d in ",;\t") and any(w in first for w in _CSV_HEADER_WORDS):
        return "csv"
    return "text"


@dataclass(frozen=True)
class Source:
    """A file read and parsed, not yet merged."""

    format: str
    context: Context
    parsed: Parsed


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder; expected a file") from None
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except OSError as error:
        raise UserError(f"{path}: cannot read: {error.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UserError(f"{path}: not UTF-8 text (byte {error.start})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def make_context(session: Session, path: Path, options: ImportOptions) -> Context:
    name = options.tz or session.incident.timezone
    zone = zone_from_name(name)
    if zone is None:
        where = "--tz" if options.tz else "incident.timezone"
        raise UserError(f"{where}: {unknown_zone(name)}")
    day = options.date
    if day is None and session.incident.started_at is not None:
        day = session.incident.started_at.astimezone(zone).date()
    return Context(label=str(path), zone=zone, day=day, options=options)


def read_source(session: Session, path: Path, options: ImportOptions) -> Source:
    """Parse `path` for `session` (its zone and day); raises UserError, changes nothing."""
    fmt = options.format
    if fmt == "auto":
        if not path.exists():
            raise UserError(f"{path}: no such file or folder")
        fmt = detect_format(path)
    if fmt not in FORMATS:
        raise UserError(f"--format: unknown format {fmt!r}; expected auto, {', '.join(FORMATS)}")
    for wrong, flag, owner in (
        (options.channels and fmt != "slack", "--channel", "slack"),
        (options.pinned_or_reacted and fmt != "slack", "--pinned-or-reacted", "slack"),
        (
            options.include_notifications and fmt != "pagerduty",
            "--include-notifications",
            "pagerduty",
        ),
    ):
        if wrong:
            raise UserError(f"{flag}: applies to {owner} imports only; {path} is read as {fmt}")
    ctx = make_context(session, path, options)
    if fmt == "text":
        from secondstory.core.importers.text import parse_text

        parsed = parse_text(_read_text(path), ctx)
    elif fmt == "csv":
        from secondstory.core.importers.csvfile import parse_csv

        parsed = parse_csv(_read_text(path), ctx)
    elif fmt == "pagerduty":
        from secondstory.core.importers.pagerduty import parse_pagerduty

        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise UserError(f"{path}: no such file") from None
        except OSError as error:
            raise UserError(f"{path}: cannot read: {error.strerror}") from None
        parsed = parse_pagerduty(data, ctx)
    else:
        from secondstory.core.importers.slack import parse_slack

        if not path.exists():
            raise UserError(f"{path}: no such file or folder")
        parsed = parse_slack(path, ctx)
    return Source(fmt, ctx, parsed)


def _bounds(ctx: Context, options: ImportOptions) -> tuple[datetime | None, datetime | None]:
    since = parse_bound(options.since, "--since", ctx.zone, ctx.day) if options.since else None
    until = parse_bound(options.until, "--until", ctx.zone, ctx.day) if options.until else None
    if since is not None and until is not None and since > until:
        raise UserError(f"--since {options.since} is after --until {options.until}")
    return since, until


def import_source(
    session: Session, path: Path, options: ImportOptions | None = None, *, apply: bool = True
) -> ImportResult:
    """Read `path` and merge its new events into `session` (in memory; the caller saves).

    With `apply=False` nothing changes and the result lists what would be added.
    """
    options = options or ImportOptions()
    _bounds(make_context(session, path, options), options)  # bad --since fails before reading
    source = read_source(session, path, options)
    since, until = _bounds(source.context, options)
    return merge(
        session,
        source.parsed,
        source=str(path),
        fmt=source.format,
        since=since,
        until=until,
        apply=apply,
    )


def import_file(
    session_path: Path, path: Path, options: ImportOptions | None = None, *, dry_run: bool = False
) -> tuple[Session, ImportResult]:
    """Load a session file, import `path` into it and save it atomically (unless `dry_run`)."""
    from secondstory.core.storage import load_session, save_session

    session = load_session(session_path)
    result = import_source(session, path, options, apply=not dry_run)
    if result.added and not dry_run:
        save_session(session, session_path)
    return session, result
