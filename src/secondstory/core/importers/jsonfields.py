"""Reading fields out of JSON imports with messages that name the file and the JSON path.

Every problem reads `FILE: $.log_entries[3].created_at: expected ...; found ...`.
"""

from __future__ import annotations

import json
from datetime import datetime, tzinfo
from typing import Any

from secondstory.core.errors import UserError
from secondstory.core.importers.common import shorten

ISO_HELP = "an ISO 8601 date and time such as 2026-03-22T14:23:00Z"


def load_json(data: bytes, label: str) -> Any:
    try:
        return json.loads(data)
    except UnicodeDecodeError as error:
        raise UserError(f"{label}: not UTF-8 text (byte {error.start})") from None
    except json.JSONDecodeError as error:
        raise UserError(
            f"{label}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}"
        ) from None


def fail(
    label: str, path: str, expected: str, value: Any = None, *, missing: bool = False
) -> UserError:
    found = "missing" if missing else f"found {shorten(json.dumps(value, ensure_ascii=False), 40)}"
    return UserError(f"{label}: {path}: expected {expected}; {found}")


def string(label: str, obj: dict[str, Any], key: str, path: str) -> str:
    if key not in obj:
        raise fail(label, f"{path}.{key}", "a string", missing=True)
    value = obj[key]
    if not isinstance(value, str):
        raise fail(label, f"{path}.{key}", "a string", value)
    return value


def optional_string(label: str, obj: dict[str, Any], key: str, path: str) -> str:
    value = obj.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise fail(label, f"{path}.{key}", "a string", value)
    return value


def optional_object(label: str, obj: dict[str, Any], key: str, path: str) -> dict[str, Any]:
    value = obj.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise fail(label, f"{path}.{key}", "an object", value)
    return value


def optional_list(label: str, obj: dict[str, Any], key: str, path: str) -> list[Any]:
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise fail(label, f"{path}.{key}", "a list", value)
    return value


def stamp(label: str, obj: dict[str, Any], key: str, path: str, zone: tzinfo) -> datetime:
    """An ISO date and time; one without an offset is read in `zone`."""
    if key not in obj:
        raise fail(label, f"{path}.{key}", ISO_HELP, missing=True)
    value = obj[key]
    try:
        at = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        at = None
    if at is None:
        raise fail(label, f"{path}.{key}", ISO_HELP, value)
    return at if at.tzinfo is not None else at.replace(tzinfo=zone)


def display_name(ref: dict[str, Any], keys: tuple[str, ...] = ("summary", "name", "email")) -> str:
    for key in keys:
        value = ref.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""
