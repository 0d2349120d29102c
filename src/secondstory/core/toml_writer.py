"""Session files as TOML text: the text `tomli_w.dumps` writes, byte for byte, several times faster.

A session with ten thousand imported timeline events took half a second to render with
`tomli_w`, which escapes strings a character at a time and builds the text from nested
generators. This module follows the same rules (which tables become `[[arrays of tables]]`, when
an inline table is short enough, key quoting, escapes, the indentation of arrays) with
`str.translate` for escapes, a fast path on exact built-in types, and one list of pieces.
Anything unusual (subclasses, `Decimal`, `time`) takes the same branches as `tomli_w`.
tests/core/test_toml_writer.py checks that the output is identical to `tomli_w`'s.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any

_INDENT = "    "
_MAX_LINE_LENGTH = 100
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
# Characters a basic string cannot hold as they are: quote, backslash, controls but tab.
_ILLEGAL = [chr(i) for i in range(32) if chr(i) != "\t"] + ['"', "\\", "\x7f"]
_COMPACT = {"\b": "\\b", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
_ESCAPES = {c: _COMPACT.get(c, f"\\u{ord(c):04x}") for c in _ILLEGAL}
_ONE_LINE = str.maketrans(_ESCAPES)
_MULTI_LINE = str.maketrans({**_ESCAPES, "\n": "\n"})
_NEEDS_ESCAPE = re.compile(r'[\x00-\x08\x0a-\x1f\x7f"\\]')


def _string(text: str, multiline: bool) -> str:
    if multiline and "\n" in text:
        return '"""\n' + text.replace("\r\n", "\n").translate(_MULTI_LINE) + '"""'
    if _NEEDS_ESCAPE.search(text) is None:
        return '"' + text + '"'
    return '"' + text.translate(_ONE_LINE) + '"'


class _CarriageReturn(Exception):
    """A string holds a carriage return (see `dumps_readable`)."""


class _Writer:
    def __init__(self, multiline: bool, refuse_carriage_return: bool = False) -> None:
        self.multiline = multiline
        self.refuse_cr = refuse_carriage_return
        self.inline_tables: dict[int, str] = {}  # by object id, as tomli_w caches them
        self.keys: dict[str, str] = {}

    def key(self, part: str) -> str:
        done = self.keys.get(part)
        if done is None:
            if type(part) is not str and not isinstance(part, str):
                raise TypeError(
                    f"Invalid mapping key '{part}' of type '{type(part).__qualname__}'."
                    " A string is required."
                )
            bare = _BARE_KEY.fullmatch(part) is not None
            done = part if bare else _string(part, False)
            self.keys[part] = done
        return done

    def literal(self, obj: Any, nest: int = 0) -> str:
        kind = type(obj)
        if kind is str:
            if self.refuse_cr and "\r" in obj:
                raise _CarriageReturn
            return _string(obj, self.multiline)
        if kind is bool:
            return "true" if obj else "false"
        if kind is int or kind is datetime or kind is date or kind is float:
            return str(obj)
        if kind is list or kind is tuple:
            return self.array(obj, nest)
        if kind is dict:
            return self.inline_table(obj)
        return self.literal_other(obj, nest)

    def literal_other(self, obj: Any, nest: int) -> str:
        """`tomli_w.format_literal`'s branches, in its order, for types not matched exactly."""
        if isinstance(obj, bool):
            return "true" if obj else "false"
        if isinstance(obj, (int, float, date, datetime)):
            return str(obj)
        if isinstance(obj, time):
            if obj.tzinfo:
                raise ValueError("TOML does not support offset times")
            return str(obj)
        if isinstance(obj, str):
            if self.refuse_cr and "\r" in obj:
                raise _CarriageReturn
            return _string(obj, self.multiline)
        if isinstance(obj, (list, tuple)):
            return self.array(obj, nest)
        if isinstance(obj, Mapping):
            return self.inline_table(obj)
        from decimal import Decimal

        if isinstance(obj, Decimal):
            if obj.is_nan():
                return "nan"
            if obj.is_infinite():
                return "-inf" if obj.is_signed() else "inf"
            text = str(obj).lower()
            return text if "." in text or "e" in text else text + ".0"
        raise TypeError(f"Object of type '{type(obj).__qualname__}' is not TOML serializable")

    def array(self, items: list[Any] | tuple[Any, ...], nest: int) -> str:
        if not items:
            return "[]"
        indent = _INDENT * (1 + nest)
        inner = nest + 1
        literal = self.literal
        return (
            "[\n"
            + ",\n".join([indent + literal(item, inner) for item in items])
            + f",\n{_INDENT * nest}]"
        )

    def inline_table(self, table: Mapping[str, Any]) -> str:
        done = self.inline_tables.get(id(table))
        if done is not None:
            return done
        if not table:
            done = "{}"
        else:
            key, literal = self.key, self.literal
            done = "{ " + ", ".join([f"{key(k)} = {literal(v)}" for k, v in table.items()]) + " }"
        self.inline_tables[id(table)] = done
        return done

    def suitable_inline(self, table: Mapping[str, Any]) -> bool:
        rendered = self.inline_table(table)
        return len(rendered) + len(_INDENT) + 1 <= _MAX_LINE_LENGTH and "\n" not in rendered

    def table(self, out: list[str], table: Mapping[str, Any], name: str, in_array: bool) -> None:
        lines: list[str] = []  # the `key = value` lines, written after the header
        tables: list[tuple[str, Any, bool]] = []
        keys, key, literal, multiline = self.keys, self.key, self.literal, self.multiline
        for k, v in table.items():
            kind = type(v)
            if kind is str:  # most values: no sub-table, no array
                if self.refuse_cr and "\r" in v:
                    raise _CarriageReturn
                lines.append(f"{keys.get(k) or key(k)} = {_string(v, multiline)}\n")
            elif kind is dict or (kind not in _SCALARS and isinstance(v, Mapping)):
                tables.append((k, v, False))
            elif (
                (kind is list or isinstance(v, (list, tuple)))
                and v
                and all(type(t) is dict or isinstance(t, Mapping) for t in v)
                and not all(self.suitable_inline(t) for t in v)
            ):
                tables.extend((k, t, True) for t in v)
            else:
                lines.append(f"{keys.get(k) or key(k)} = {literal(v)}\n")
        written = False
        if in_array or (name and (lines or not tables)):
            written = True
            out.append(f"[[{name}]]\n" if in_array else f"[{name}]\n")
        if lines:
            written = True
            out.extend(lines)
        for k, v, array in tables:
            if written:
                out.append("\n")
            else:
                written = True
            part = key(k)
            self.table(out, v, f"{name}.{part}" if name else part, array)


_SCALARS = frozenset({bool, int, float, datetime, date})


def dumps(data: Mapping[str, Any], *, multiline_strings: bool = False) -> str:
    """`tomli_w.dumps(data, multiline_strings=...)` (indent 4), the same text."""
    out: list[str] = []
    _Writer(multiline_strings).table(out, data, "", False)
    return "".join(out)


def dumps_readable(data: Mapping[str, Any]) -> str:
    """Multi-line strings where a value has line breaks, unless any string value holds a
    carriage return: TOML reads a CRLF inside a multi-line string back as LF, so such data is
    written with escapes only. The same text as `dumps` with the flag set that way."""
    out: list[str] = []
    try:
        _Writer(True, refuse_carriage_return=True).table(out, data, "", False)
    except _CarriageReturn:
        return dumps(data, multiline_strings=False)
    return "".join(out)
