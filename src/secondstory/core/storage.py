"""Reading and writing session files (TOML), with messages that name the file and the field.

Reads use the standard library's `tomllib`; writes give the text `tomli_w` writes (through
`core.toml_writer`, a faster equivalent) and go through an atomic rename. A file that fails
to load is never touched.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from secondstory.core.atomic import atomic_write_text
from secondstory.core.errors import UserError
from secondstory.core.model import SCHEMA_VERSION, Session

_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)|\(at end of document\)")


def toml_error(path: Path | str, text: str, error: tomllib.TOMLDecodeError) -> str:
    """`FILE:LINE:COL: what is wrong` for a TOML syntax error."""
    message = str(error)
    match = _TOML_POSITION.search(message)
    what = _TOML_POSITION.sub("", message).strip()
    if match and match.group(1):
        line, col = match.group(1), match.group(2)
    else:
        lines = text.splitlines() or [""]
        line, col = str(len(lines)), str(len(lines[-1]) + 1)
    return f"{path}:{line}:{col}: {what[:1].lower()}{what[1:]}"


def field_path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def describe_validation(path: Path | str, error: ValidationError) -> list[str]:
    """One `FILE: field.path: what was expected` line for every problem pydantic found."""
    lines = []
    for item in error.errors(include_url=False):
        loc = tuple(p for p in item["loc"] if not (isinstance(p, str) and "[" in p))
        msg = item["msg"]
        if item["type"] == "extra_forbidden":
            msg = "unknown field (check the spelling)"
        elif item["type"] == "missing":
            msg = "required field is missing"
        elif item["type"] == "string_pattern_mismatch" and loc and loc[-1] == "id":
            msg = "expected letters, digits, '.', '_' or '-', such as INC-2026-0847"
        elif item["type"] == "timezone_aware":
            msg = "a date and time with a UTC offset, such as 2026-03-22T14:23:00Z"
        lines.append(f"{path}: {field_path(loc)}: {msg}")
    return lines


def parse_toml(path: Path | str, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise UserError(toml_error(path, text, error)) from None


def session_from_data(path: Path | str, data: dict[str, Any]) -> Session:
    version = data.get("schema_version", SCHEMA_VERSION)
    if isinstance(version, int) and version > SCHEMA_VERSION:
        raise UserError(
            f"{path}: schema_version: this file was written by a newer secondstory "
            f"(schema {version}); this version reads schema {SCHEMA_VERSION} and older. "
            "Upgrade secondstory to open it."
        )
    try:
        return Session.model_validate(data)
    except ValidationError as error:
        raise UserError(describe_validation(path, error)) from None


def load_session(path: Path) -> Session:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"{path}: no such session file") from None
    except UnicodeDecodeError as error:
        raise UserError(f"{path}: not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise UserError(f"{path}: cannot read: {error.strerror}") from None
    return session_from_data(path, parse_toml(path, text))


def session_to_data(session: Session) -> dict[str, Any]:
    # Defaults are left out so a file shows what the meeting captured, not every empty field.
    data = session.model_dump(mode="python", exclude_none=True, exclude_defaults=True)
    # Severity and status are what a reader of the file looks for first, default or not.
    incident = data["incident"]
    header = {k: incident.pop(k) for k in ("id", "title")}
    header |= {"severity": session.incident.severity, "status": session.incident.status}
    data["incident"] = header | incident
    return {"schema_version": session.schema_version, **data}


def dumps_session(session: Session) -> str:
    return dumps_data(session_to_data(session))


def dumps_data(data: dict[str, Any]) -> str:
    """File text for the output of `session_to_data` (which shares nothing with the model,
    so the app can render it in a background thread while the facilitator keeps typing)."""
    from secondstory.core.toml_writer import dumps_readable  # only writes need it

    # Multi-line strings keep notes readable in the file, but TOML turns a CRLF inside them
    # into LF; a session holding a carriage return is written with escapes so nothing changes.
    return dumps_readable(data)


def loads_session(text: str, path: Path | str = "<text>") -> Session:
    return session_from_data(path, parse_toml(path, text))


def save_session(session: Session, path: Path) -> None:
    atomic_write_text(path, dumps_session(session))
