"""A fast reader for the plain TOML that secondstory writes, giving what `tomllib` gives.

`tomllib` is written in Python and reads a character at a time; on a folder of a thousand
sessions it was most of the time `actions` and `metrics` took. This reader handles only the
layout `tomli_w` writes (and simple hand edits of it): table and array-of-tables headers with bare
keys, `key = value` lines with bare keys, basic and literal strings, multi-line basic strings,
integers, decimal floats, booleans, offset and local date-times, dates, arrays and one-line
inline tables, comments at the end of a line. Each of these is matched by a regular expression
that accepts only what TOML accepts and decoded as `tomllib` decodes it.

Anything else (dotted or quoted keys, a key or table defined twice, a table extended by a header
after it was written inline, literal multi-line strings, line-continuation backslashes, `\\U`
escapes, hex or `inf` numbers, a carriage return, comments inside arrays, indentation...) raises
`Unsupported`: the caller then reads the text with `tomllib`, so the result, or the error
message, is always exactly `tomllib`'s. Being narrow is the point: every accepted form is one
whose meaning is plain.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Any


class Unsupported(Exception):
    """The text uses TOML this reader does not handle: read it with `tomllib`."""


_BARE = r"[A-Za-z0-9_-]+"
_COMMENT = r"(?:#[^\x00-\x08\x0a-\x1f\x7f]*)?"
# Blank or comment-only lines (at least one), or the end of the text.
_BLANK = re.compile(rf"[ \t]*{_COMMENT}(?:\n|\Z)")
_HEADER = re.compile(rf"\[(\[?)({_BARE}(?:\.{_BARE})*)(\]?)\][ \t]*{_COMMENT}(?:\n|\Z)")
_KEY = re.compile(rf"({_BARE})[ \t]*=[ \t]*")
_END = _BLANK  # what may follow a value on its line
# Basic strings: any character but a quote, a backslash or a control character (tab allowed),
# and the escapes `\b \t \n \f \r \" \\ \uXXXX`. Multi-line ones also allow a newline, and skip
# the newline right after the opening quotes; a raw quote inside is left to `tomllib`.
_ESCAPE = r'\\(?:[btnfr"\\]|u[0-9A-Fa-f]{4})'
_PLAIN = r'[^"\\\x00-\x08\x0a-\x1f\x7f]'
_PLAIN_ML = r'[^"\\\x00-\x08\x0b-\x1f\x7f]'
_STRING = re.compile(rf'"({_PLAIN}*(?:{_ESCAPE}{_PLAIN}*)*)"')
_ML_STRING = re.compile(rf'"""\n?({_PLAIN_ML}*(?:{_ESCAPE}{_PLAIN_ML}*)*)"""')
_LITERAL = re.compile(r"'([^'\x00-\x08\x0a-\x1f\x7f]*)'")
_ESCAPES = re.compile(r'\\(?:([btnfr"\\])|u([0-9A-Fa-f]{4}))')
_SIMPLE_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}
# As `tomllib`'s own patterns (tomllib/_re.py), so the same text gives the same value.
_DATETIME = re.compile(
    r"([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
    r"(?:[Tt ]([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9])(?:\.([0-9]{1,6})[0-9]*)?"
    r"(?:([Zz])|([+-])([01][0-9]|2[0-3]):([0-5][0-9]))?)?"
)
_NUMBER = re.compile(r"[+-]?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")
# The forms tomli_w writes most, matched with their key and what follows in one step: a string
# or a date or an offset date-time without a fraction (which `fromisoformat` reads as tomllib).
_STRING_BODY = rf"{_PLAIN}*(?:{_ESCAPE}{_PLAIN}*)*"
_STAMP = (
    r"[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
    r"(?:[T ](?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9]))?"
)
_LINE_STRING = re.compile(rf'({_BARE}) = "({_STRING_BODY})"\n')
_LINE_STAMP = re.compile(rf"({_BARE}) = ({_STAMP})\n")
_PAIR_STRING = re.compile(rf'({_BARE}) = "({_STRING_BODY})"(, | }})')
_PAIR_STAMP = re.compile(rf"({_BARE}) = ({_STAMP})(, | }})")
_ARRAY_SPACE = re.compile(r"[ \t\n]*")
_SPACE = re.compile(r"[ \t]*")
_ZONES: dict[str, tzinfo] = {}


def _unescape(match: re.Match[str]) -> str:
    simple = match.group(1)
    if simple is not None:
        return _SIMPLE_ESCAPES[simple]
    code = int(match.group(2), 16)
    if 0xD800 <= code <= 0xDFFF:  # not a Unicode scalar value: tomllib reports it
        raise Unsupported
    return chr(code)


def _string(body: str) -> str:
    return _ESCAPES.sub(_unescape, body) if "\\" in body else body


def _zone(sign: str, hours: str, minutes: str) -> tzinfo:
    key = sign + hours + minutes
    zone = _ZONES.get(key)
    if zone is None:
        factor = 1 if sign == "+" else -1
        zone = timezone(timedelta(hours=factor * int(hours), minutes=factor * int(minutes)))
        _ZONES[key] = zone
    return zone


def _datetime(match: re.Match[str]) -> date | datetime:
    year, month, day, hour, minute, sec, micros, zulu, sign, off_h, off_m = match.groups()
    try:
        if hour is None:
            return date(int(year), int(month), int(day))
        zone: tzinfo | None = None
        if sign:
            zone = _zone(sign, off_h, off_m)
        elif zulu:
            zone = UTC
        fraction = int(micros.ljust(6, "0")) if micros else 0
        return datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(sec), fraction, zone
        )
    except ValueError:  # 31 February: tomllib says where
        raise Unsupported from None


def _stamp(text: str) -> date | datetime:
    """A `_STAMP` match: a date, or a date-time with an offset and whole seconds."""
    try:
        return datetime.fromisoformat(text) if len(text) > 10 else date.fromisoformat(text)
    except ValueError:  # 31 February: tomllib says where
        raise Unsupported from None


def _value(text: str, pos: int) -> tuple[int, Any]:
    char = text[pos : pos + 1]
    if char == '"':
        if text.startswith('"""', pos):
            match = _ML_STRING.match(text, pos)
        else:
            match = _STRING.match(text, pos)
        if match is None:
            raise Unsupported
        return match.end(), _string(match.group(1))
    if char == "'":
        match = _LITERAL.match(text, pos)
        if match is None or text.startswith("'''", pos):
            raise Unsupported
        return match.end(), match.group(1)
    if char == "[":
        return _array(text, pos + 1)
    if char == "{":
        return _inline_table(text, pos + 1)
    if char == "t" and text.startswith("true", pos):
        return pos + 4, True
    if char == "f" and text.startswith("false", pos):
        return pos + 5, False
    match = _DATETIME.match(text, pos)
    if match is not None:
        return match.end(), _datetime(match)
    match = _NUMBER.match(text, pos)
    if match is not None:
        if match.group(1) is None and match.group(2) is None:
            return match.end(), int(match.group())
        return match.end(), float(match.group())
    raise Unsupported


def _array(text: str, pos: int) -> tuple[int, list[Any]]:
    items: list[Any] = []
    while True:
        pos = _ARRAY_SPACE.match(text, pos).end()  # type: ignore[union-attr]  # always matches
        if text.startswith("]", pos):
            return pos + 1, items
        pos, item = _value(text, pos)
        items.append(item)
        pos = _ARRAY_SPACE.match(text, pos).end()  # type: ignore[union-attr]
        if text.startswith(",", pos):
            pos += 1
        elif text.startswith("]", pos):
            return pos + 1, items
        else:
            raise Unsupported


def _inline_table(text: str, pos: int) -> tuple[int, dict[str, Any]]:
    table: dict[str, Any] = {}
    pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]  # always matches
    if text.startswith("}", pos):
        return pos + 1, table
    while True:
        value: Any
        match = _PAIR_STRING.match(text, pos)
        if match is not None:
            key, value, after = match.groups()
            value = _string(value)
        else:
            match = _PAIR_STAMP.match(text, pos)
            if match is not None:
                key, stamp, after = match.groups()
                value = _stamp(stamp)
        if match is not None:
            if key in table:
                raise Unsupported
            table[key] = value
            pos = match.end()
            if after == " }":
                return pos, table
            continue
        match = _KEY.match(text, pos)
        if match is None:
            raise Unsupported
        key = match.group(1)
        if key in table:
            raise Unsupported
        pos, table[key] = _value(text, match.end())
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        if text.startswith(",", pos):
            pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
        elif text.startswith("}", pos):
            return pos + 1, table
        else:
            raise Unsupported


def loads(text: str) -> dict[str, Any]:
    """`tomllib.loads(text)` for the layout described above; raises `Unsupported` otherwise."""
    root: dict[str, Any] = {}
    table = root
    # Tables and arrays of tables made by headers: only these may be extended by a later header.
    by_header: set[int] = set()
    pos, size = 0, len(text)
    while pos < size:
        char = text[pos]
        if char == "[":
            match = _HEADER.match(text, pos)
            if match is None or len(match.group(1)) != len(match.group(3)):
                raise Unsupported
            parts = match.group(2).split(".")
            node = root
            for part in parts[:-1]:
                child = node.get(part)
                if child is None:
                    child = node[part] = {}
                    by_header.add(id(child))
                elif id(child) not in by_header:
                    raise Unsupported
                node = child[-1] if isinstance(child, list) else child
            last = parts[-1]
            table = {}
            by_header.add(id(table))
            if match.group(1):  # [[array.of.tables]]
                items = node.get(last)
                if items is None:
                    items = node[last] = []
                    by_header.add(id(items))
                elif not isinstance(items, list) or id(items) not in by_header:
                    raise Unsupported
                items.append(table)
            elif last in node:
                raise Unsupported  # declared twice, or over a value: tomllib decides
            else:
                node[last] = table
            pos = match.end()
            continue
        if char == "\n":
            pos += 1
            continue
        match = _LINE_STRING.match(text, pos)
        if match is not None:
            key, value = match.groups()
            if key in table:
                raise Unsupported
            table[key] = _string(value)
            pos = match.end()
            continue
        match = _LINE_STAMP.match(text, pos)
        if match is not None:
            key, value = match.groups()
            if key in table:
                raise Unsupported
            table[key] = _stamp(value)
            pos = match.end()
            continue
        match = _KEY.match(text, pos)
        if match is None:
            blank = _BLANK.match(text, pos)
            if blank is None or blank.end() == pos:
                raise Unsupported
            pos = blank.end()
            continue
        key = match.group(1)
        if key in table:
            raise Unsupported
        pos, value = _value(text, match.end())
        end = _END.match(text, pos)
        if end is None:
            raise Unsupported
        table[key] = value
        pos = end.end()
    return root
