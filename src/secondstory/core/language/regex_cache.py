"""The rules' regular expressions, kept compiled in `regexes-<python>.json` beside this file.

Python's regex compiler is written in Python: turning the rules' ~150 patterns into the
engine's code costs a `secondstory lint` run 60-130 ms, a third of linting a 1 MB file, and
the result is the same every time. So the rule-pack builder keeps what the compiler hands
the engine (`_sre.compile`'s arguments) for each pattern, and `compile` passes it straight
to the engine, which is written in C and takes about 20 microseconds per pattern.

The engine's code is only valid for the engine that defines it: the file is named for the
interpreter and records `_sre.MAGIC` (which CPython changes whenever the code's meaning
changes), and is used only where both match. Anywhere else, for any pattern not in the file
(a session's roster, an edited rule), or if the engine refuses the code (it checks code
before running it), `compile` is `re.compile`. Entries are keyed by the pattern's text and
flags, so a stale file can cost speed but never change a match.

Rebuilt with the rule pack: `python -m secondstory.core.language.rulepack_build`.
"""

from __future__ import annotations

import os
import re
import sys

from secondstory.core.language.records import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any

try:
    import _sre  # type: ignore[import-not-found]  # CPython's regex engine: no type stubs
except ImportError:  # not CPython: there is no engine code to reuse
    _sre = None

HERE = os.path.dirname(os.path.abspath(__file__))
FORMAT = 1

_Entry = tuple[int, list[int], int, dict[str, int], "tuple[Any, ...]"]
"""What the engine takes besides the pattern: all flags, code, groups, group names both ways."""
_table: dict[tuple[str, int], _Entry] | None = None


def engine() -> str:
    """Which engine's code the file holds: interpreter, version, code format."""
    magic = getattr(_sre, "MAGIC", 0)
    size = getattr(_sre, "CODESIZE", 0)
    return f"{sys.implementation.cache_tag}-{magic}-{size}-{FORMAT}"


def file_name() -> str:
    return f"regexes-{sys.implementation.cache_tag}.json"


def compile(source: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - as re.compile
    """`re.compile(source, flags)`, from the kept engine code when there is some."""
    table = _table if _table is not None else _load()
    entry = table.get((source, flags))
    if entry is not None and _sre is not None:
        all_flags, code, groups, groupindex, indexgroup = entry
        try:
            # The list is handed over, not copied: nothing else holds it, and the engine
            # copies it into the pattern object.
            pattern: re.Pattern[str] = _sre.compile(
                source, all_flags, code, groups, groupindex, indexgroup
            )
            return pattern
        except (TypeError, ValueError, RuntimeError):
            # An engine that takes other arguments, or refuses the code: compile it the
            # ordinary way, and stop asking the file.
            table.clear()
    return re.compile(source, flags)


def _load() -> dict[tuple[str, int], _Entry]:
    global _table
    _table = {}
    if _sre is None:
        return _table
    try:
        with open(os.path.join(HERE, file_name()), encoding="utf-8") as handle:
            text = handle.read()
    except OSError:
        return _table
    import json

    try:
        data = json.loads(text)
        if data.get("engine") != engine():
            return _table
        _table.update(decode(data))
    except (ValueError, TypeError, KeyError, IndexError):
        _table.clear()
    return _table


def decode(data: dict[str, Any]) -> dict[tuple[str, int], _Entry]:
    """The file's entries, by (pattern, flags)."""
    import array
    import base64
    import zlib

    words = array.array("I")
    words.frombytes(zlib.decompress(base64.b64decode(data["code"])))
    code = words.tolist()
    table: dict[tuple[str, int], _Entry] = {}
    for source, flags, all_flags, start, length, groups, groupindex, indexgroup in data["patterns"]:
        table[(source, flags)] = (
            all_flags,
            code[start : start + length],
            groups,
            groupindex,
            tuple(indexgroup),
        )
    return table


def record(patterns: list[tuple[str, int]]) -> dict[str, Any]:
    """The file's content for `patterns`, as this interpreter's compiler makes it.

    For the builder only: it watches what `re`'s compiler passes to the engine.
    """
    import array
    import base64
    import zlib

    compiler = sys.modules.get("re._compiler")
    if _sre is None or compiler is None or getattr(compiler, "_sre", None) is not _sre:
        raise RuntimeError("keeping compiled regexes needs CPython 3.11 or later")
    seen: list[tuple[Any, ...]] = []

    class Watcher:
        def __getattr__(self, name: str) -> Any:
            return getattr(_sre, name)

        def compile(self, *args: Any) -> Any:
            seen.append(args)
            return _sre.compile(*args)

    words = array.array("I")
    entries = []
    compiler._sre = Watcher()  # type: ignore[attr-defined]
    try:
        for source, flags in sorted(set(patterns)):
            seen.clear()
            compiler.compile(source, flags)
            (_, all_flags, code, groups, groupindex, indexgroup), *_ = seen
            entries.append(
                [
                    source,
                    flags,
                    all_flags,
                    len(words),
                    len(code),
                    groups,
                    dict(groupindex),
                    list(indexgroup),
                ]
            )
            words.extend(code)
    finally:
        compiler._sre = _sre  # type: ignore[attr-defined]
    packed = base64.b64encode(zlib.compress(words.tobytes(), 9)).decode("ascii")
    return {"engine": engine(), "patterns": entries, "code": packed}
