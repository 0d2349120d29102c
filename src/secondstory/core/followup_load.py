"""Reading what follow-up needs from many session files, fast, with the same results.

`actions` and `metrics` read every session in the folder. Parsing and validating whole files
(timeline, notes, agenda prompts) costs about 8 ms per realistic session, too slow for a folder of a
thousand. Follow-up only reads the incident, the meeting, the action items, the closing, the phase
clock stamps (for the meeting date) and the cause categories, so this module cuts each file down to
those tables and keys, parses only them (with `followup_toml`, a fast reader for the TOML
secondstory writes, else `tomllib`) and builds plain records from them (`followup_records`),
without importing pydantic at all.

The cut works on TOML's own structure: a table header or a `key =` line is only recognised
outside multi-line strings, and whole subtrees are kept or dropped (a run of dropped tables, such
as a long timeline, in one step), so what is kept parses to exactly what a full parse would give
for those keys. Anything unusual (a syntax or validation error in a kept part, a value the model
would convert, an unknown top-level key, a newer schema, a quoted key with escapes) falls back to
the full loader, so every result and every error message is the one `load_session` gives.
Problems inside the skipped parts (the timeline, notes) are not seen here; opening the session,
or `secondstory list`, reports them.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from secondstory.core import followup_toml
from secondstory.core.errors import UserError
from secondstory.core.followup_cache import ParseCache, stat_key
from secondstory.core.followup_records import (
    SCHEMA_VERSION,
    SESSION_FIELDS,
    ActionInfo,
    ClosingInfo,
    IncidentInfo,
    MeetingInfo,
    NotPlain,
    action_from_data,
    action_from_model,
    closing_from_data,
    closing_from_model,
    incident_from_data,
    incident_from_model,
    interval_start,
    meeting_from_data,
    meeting_from_model,
)

if TYPE_CHECKING:
    from secondstory.core.model import Session


@dataclass(frozen=True)
class SessionSummary:
    """The part of a session that follow-up (open items, metrics, closure) reads."""

    path: Path
    incident: IncidentInfo
    meeting: MeetingInfo
    meeting_date: date | None
    """As `Session.meeting_date()`: first clock stamp, else the scheduled day."""
    held: bool
    """The meeting ran (a phase clock has stamps) or the status moved beyond Draft."""
    categories: tuple[str, ...]
    """Cause categories of the five whys and contributing factors, normalised, first seen first."""
    actions: tuple[ActionInfo, ...]
    closing: ClosingInfo


def normalise_category(text: str) -> str:
    """Categories compare without case or extra spaces: `Monitoring  and alerting` is one."""
    return " ".join(text.split()).lower()


def _categories(raw: list[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in raw:
        norm = normalise_category(item)
        if norm:
            seen.setdefault(norm, None)
    return tuple(seen)


def summary_from_session(session: Session, path: Path) -> SessionSummary:
    raw = [c.category for c in session.five_whys]
    raw += [f.category for f in session.contributing_factors]
    return SessionSummary(
        path=path,
        incident=incident_from_model(session.incident),
        meeting=meeting_from_model(session.meeting),
        meeting_date=session.meeting_date(),
        held=any(p.actual for p in session.agenda.phases) or session.incident.status != "Draft",
        categories=_categories(raw),
        actions=tuple(action_from_model(a) for a in session.actions),
        closing=closing_from_model(session.closing),
    )


class _Unsupported(Exception):
    """The fast path cannot vouch for this file: load it in full instead."""


_KEY = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_DOTTED = rf"{_KEY}(?:[ \t]*\.[ \t]*{_KEY})*"
_HEADER = re.compile(rf"[ \t]*\[\[?[ \t]*({_DOTTED})[ \t]*\]\]?[ \t]*(?:#.*)?\r?")
_STATEMENT = re.compile(rf"[ \t]*({_DOTTED})[ \t]*=")
_KEY_PART = re.compile(_KEY)
# Code on one line up to a comment or a multi-line string opener; single-line strings are
# skipped whole, so quotes and `#` inside them do not count.
_CODE = re.compile(r"""(?:[^"'#]|"(?!"")(?:[^"\\]|\\.)*"|'(?!'')[^']*')*""")

_WHOLE = frozenset({"schema_version", "incident", "meeting", "actions", "closing"})
_TOP_FIELDS = SESSION_FIELDS


def _split_key(dotted: str) -> tuple[str, ...]:
    parts = []
    for match in _KEY_PART.finditer(dotted):
        part = match.group(0)
        if part[0] == "'":
            part = part[1:-1]
        elif part[0] == '"':
            if "\\" in part:
                raise _Unsupported
            part = part[1:-1]
        parts.append(part)
    return tuple(parts)


_FIRST = "first"
"""Keep only the first of these subtrees (phase clock stamps: the first one dates the meeting)."""


def _wanted(path: tuple[str, ...]) -> bool | str | None:
    """Keep the whole subtree (True), drop it (False), or decide key by key below it (None)."""
    if not path:
        return None
    top = path[0]
    if top not in _TOP_FIELDS:
        raise _Unsupported  # the full loader names the unknown field
    if top in _WHOLE:
        return True
    if top == "agenda":
        if len(path) == 1 or (path[1] == "phases" and len(path) == 2):
            return None
        return _FIRST if path[1] == "phases" and path[2] == "actual" else False
    if top in ("five_whys", "contributing_factors"):
        return None if len(path) == 1 else path[1] == "category"
    return False


def _find_close(line: str, pos: int, delim: str) -> int:
    """End of the multi-line string closing on this line at or after `pos`, or -1."""
    while True:
        i = line.find(delim, pos)
        if i < 0:
            return -1
        if delim == '"""':
            j = i - 1
            while j >= pos and line[j] == "\\":
                j -= 1
            if (i - 1 - j) % 2:  # an odd run of backslashes escapes the first quote
                pos = i + 1
                continue
        end = i + 3
        # Up to two more quotes right after the delimiter still belong to the string.
        while end < len(line) and end - i < 5 and line[end] == delim[0]:
            end += 1
        return end


def _scan_line(line: str, delim: str | None) -> str | None:
    """The multi-line string (its delimiter) still open at the end of `line`, if any."""
    pos = 0
    while True:
        if delim is not None:
            end = _find_close(line, pos, delim)
            if end < 0:
                return delim
            pos, delim = end, None
        match = _CODE.match(line, pos)
        end = match.end() if match else pos
        opener = line[end : end + 3]
        if opener not in ('"""', "'''"):
            return None
        delim, pos = opener, end + 3


class _Reducer:
    """Line-by-line state of `reduce_toml`: open multi-line string, current table, what to keep."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.delim: str | None = None
        self.section: tuple[str, ...] = ()
        self.mode: bool | None = None  # True: keep every line, False: drop, None: key by key
        self.keep = False
        self.first_taken = False

    def resolve(self, wanted: bool | str | None) -> bool | None:
        if isinstance(wanted, str):  # _FIRST
            if self.first_taken:
                return False
            self.first_taken = True
            return True
        return wanted

    def header(self, line: str) -> bool:
        """Take `line` as a table header if it is one."""
        cached = _HEADERS.get(line)
        if cached is None:
            match = _HEADER.fullmatch(line)
            if not match:
                return False
            section = _split_key(match.group(1))
            cached = (section, _wanted(section))
            if len(_HEADERS) < 4096:
                _HEADERS[line] = cached
        self.section = cached[0]
        self.mode = self.resolve(cached[1])
        self.keep = self.mode is not False
        return True

    def statement(self, dotted: str) -> bool:
        """Whether the `key = value` starting here is kept."""
        cache_key = (self.section, dotted)
        if cache_key in _STATEMENTS:
            wanted = _STATEMENTS[cache_key]
        else:
            wanted = _wanted(self.section + _split_key(dotted))
            if len(_STATEMENTS) < 4096:
                _STATEMENTS[cache_key] = wanted
        return self.resolve(wanted) is not False

    def key_names(self) -> tuple[str, ...] | None:
        """Names one of which any kept `key = value` of this table contains (None: unknown)."""
        if self.section in (("five_whys",), ("contributing_factors",)):
            return ("category",)
        if self.section == ("agenda",):
            return ("phases",)
        if self.section == ("agenda", "phases"):
            return () if self.first_taken else ("actual",)
        return None

    def lines(self, lines: list[str]) -> None:
        out = self.out
        for line in lines:
            if self.delim is None:
                first = line[:1]
                if (
                    first == "[" or (first and first in " \t" and line.lstrip(" \t")[:1] == "[")
                ) and self.header(line):
                    if self.keep:
                        out.append(line)
                    continue
                if self.mode is None:
                    # Every `key = value` line has an `=`; most lines of long arrays do not.
                    statement = _STATEMENT.match(line) if "=" in line else None
                    if statement:
                        self.keep = self.statement(statement.group(1))
                else:
                    self.keep = self.mode
            if self.keep:
                out.append(line)
            if '"""' in line or "'''" in line:
                self.delim = _scan_line(line, self.delim)


_HEADERS: dict[str, tuple[tuple[str, ...], bool | str | None]] = {}
_STATEMENTS: dict[tuple[tuple[str, ...], str], bool | str | None] = {}
_INDENTED_BRACKET = re.compile(r"\n[ \t]+\[")


_OPENER = re.compile(r'[A-Za-z0-9_-]+ = """\n')


def _state_after(text: str, delim: str | None) -> str | None:
    """The multi-line string open at the end of `text`, reading only lines with a triple quote.

    Other lines cannot open or close one, so they are skipped without being looked at.
    """
    pos = 0
    # str.find is much faster than a regex alternation here; each kind is looked for again only
    # once passed, so a long text is scanned about once.
    double, single = text.find('"""'), text.find("'''")
    while True:
        if 0 <= double < pos:
            double = text.find('"""', pos)
        if 0 <= single < pos:
            single = text.find("'''", pos)
        found = min(double, single) if double >= 0 and single >= 0 else max(double, single)
        if found < 0:
            return delim
        start = text.rfind("\n", 0, found) + 1
        if delim is None and found == double:
            # The way tomli_w writes one: `key = """` alone on its line, then text without a
            # quote, closed by `"""` ending a line. The first quote after the opening one is
            # then the closing one (unless a backslash might escape it: read it line by line).
            opener = _OPENER.match(text, start)
            if opener is not None and opener.end() == found + 4:
                close = text.find('"', found + 4)
                after = close + 3
                if (
                    close >= 0
                    and text.startswith('"""', close)
                    and text[close - 1] != "\\"
                    and (after == len(text) or text[after] == "\n")
                ):
                    pos = after + 1
                    continue
        end = text.find("\n", found)
        if end < 0:
            return _scan_line(text[start:], delim)
        delim = _scan_line(text[start:end], delim)
        pos = end + 1


# The next line starting with `[` that is not the header of a table follow-up never reads (the
# timeline, the lists...): where a run of dropped tables may end. A candidate is only used when
# no multi-line string is open there; a header written any other way (spaces, quotes) just ends
# the run early and is looked at as usual.
# Once the first phase clock stamps are read, the agenda's phases are dropped too.
_DROPPED_TOP = sorted(SESSION_FIELDS - _WHOLE - {"agenda", "five_whys", "contributing_factors"})
_RUN_END = re.compile(r"\n\[(?!\[?(?:" + "|".join(_DROPPED_TOP) + r")[.\]])")
_RUN_END_PHASES = re.compile(r"\n\[(?!\[?(?:agenda\.phases|" + "|".join(_DROPPED_TOP) + r")[.\]])")


def reduce_toml(text: str) -> str:
    """The lines of `text` that hold what follow-up reads, still valid TOML (see module doc)."""
    state = _Reducer()
    out = state.out
    # Tables start with `[` at the start of a line, so cutting there gives one table per piece
    # (a piece that starts inside a multi-line string, or holds an indented header, is read line
    # by line). Whole pieces are kept or dropped without looking at their lines, and a run of
    # dropped tables (a timeline of thousands of events) is passed over in one step.
    size = len(text)
    cut = text.find("\n[")
    state.lines((text if cut < 0 else text[:cut]).split("\n"))
    plain = '"""' not in text and "'''" not in text
    indented = _INDENTED_BRACKET.search(text) is not None
    pos = size if cut < 0 else cut + 1  # at the `[` of the next piece
    while pos < size:
        start = pos
        cut = text.find("\n[", pos)
        stop = size if cut < 0 else cut
        raw = text[start:stop]
        pos = size if cut < 0 else cut + 1
        if state.delim is None and not (indented and _INDENTED_BRACKET.search(raw)):
            newline = raw.find("\n")
            first = raw if newline < 0 else raw[:newline]
            cached = _HEADERS.get(first)
            if cached is not None and cached[1] is False:
                state.section, state.mode, state.keep = cached[0], False, False  # common, cheap
            elif not state.header(first):
                state.lines(raw.split("\n"))
                continue
            if cut >= 0 and not indented:
                run = None
                if state.mode is False:
                    run = _RUN_END
                elif state.first_taken and state.section == ("agenda", "phases"):
                    run = _RUN_END_PHASES
                if run is not None:
                    run_end = run.search(text, cut)
                    end = size if run_end is None else run_end.start()
                    # Every `[` line before `end` starts a dropped table or lies inside a string;
                    # with no string open at `end`, all of it is dropped.
                    if plain or _state_after(text[start:end], None) is None:
                        state.mode, state.keep = False, False
                        pos = size if run_end is None else end + 1
                        continue
            rest = raw[newline + 1 :] if newline >= 0 else ""
            if state.mode is True:
                out.append(raw)
            elif state.mode is None:
                out.append(first)
                names = state.key_names()
                # A kept key's name is in its line; without one, no line of this table is kept.
                # (A quoted key with an escape could hide its name: any backslash reads lines.)
                if names is None or "\\" in rest or any(n in rest for n in names):
                    state.lines(rest.split("\n"))
                    continue
                state.keep = False  # no key of this table is kept, nor what continues it
            if not plain and ('"""' in raw or "'''" in raw):
                state.delim = _state_after(raw, None)
            continue
        state.lines(raw.split("\n"))
    if state.delim is not None:
        raise _Unsupported  # an unterminated string: the full loader says where
    return "\n".join(out)


def _as_list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise _Unsupported
    return value


def _as_dict(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Unsupported
    return value


def summary_from_reduced(data: dict[str, Any], path: Path) -> SessionSummary:
    """The summary of cut-down data, or `_Unsupported` unless every value is plainly valid."""
    version = data.get("schema_version", SCHEMA_VERSION)
    if type(version) is not int or version > SCHEMA_VERSION:
        raise _Unsupported
    if "incident" not in data:
        raise _Unsupported
    try:
        incident = incident_from_data(data["incident"])
        meeting = meeting_from_data(data.get("meeting", {}))
        closing = closing_from_data(data.get("closing", {}))
        actions = tuple(action_from_data(a) for a in _as_list(data.get("actions", [])))
        first_stamp: date | None = None
        ran = False
        for phase in _as_list(_as_dict(data.get("agenda", {})).get("phases", [])):
            phase = _as_dict(phase)
            if "actual" not in phase:
                continue
            starts = [interval_start(i) for i in _as_list(phase["actual"])]
            if not starts:
                raise _Unsupported  # later phases' stamps were cut on the promise this one had some
            ran = True
            if first_stamp is None:
                first_stamp = starts[0].date()
    except NotPlain:
        raise _Unsupported from None
    if first_stamp is None and meeting.scheduled_at is not None:
        first_stamp = meeting.scheduled_at.date()
    raw: list[str] = []
    for key in ("five_whys", "contributing_factors"):
        for item in _as_list(data.get(key, [])):
            category = _as_dict(item).get("category", "")
            if type(category) is not str:
                raise _Unsupported
            raw.append(category)
    return SessionSummary(
        path=path,
        incident=incident,
        meeting=meeting,
        meeting_date=first_stamp,
        held=ran or incident.status != "Draft",
        categories=_categories(raw),
        actions=actions,
        closing=closing,
    )


def _reduced_data(text: str) -> dict[str, Any]:
    reduced = reduce_toml(text)
    try:
        return followup_toml.loads(reduced)
    except followup_toml.Unsupported:
        return tomllib.loads(reduced)


def summary_from_text(text: str, path: Path) -> SessionSummary:
    """The fast path on a file's text; raises UserError exactly as a full load would."""
    try:
        return summary_from_reduced(_reduced_data(text), path)
    except (_Unsupported, tomllib.TOMLDecodeError):
        pass
    from secondstory.core.storage import loads_session

    return summary_from_session(loads_session(text, path), path)


def _full(path: Path) -> SessionSummary:
    """The summary through the model (pydantic), which raises with the usual message."""
    from secondstory.core.storage import load_session

    return summary_from_session(load_session(path), path)


def _read(path: Path, cache: ParseCache) -> SessionSummary:
    text: str | None = None
    try:
        with path.open("rb") as handle:
            key = stat_key(os.fstat(handle.fileno()))
            data = cache.get(path.name, key)
            if data is None:
                text = handle.read().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return _full(path)
    if text is not None:
        if "\r" in text:  # read as `load_session` does, with universal newlines
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        try:
            data = _reduced_data(text)
        except (_Unsupported, tomllib.TOMLDecodeError):
            return _full(path)
        cache.put(path.name, key, data)
    if not isinstance(data, dict):
        return _full(path)
    try:
        return summary_from_reduced(data, path)
    except _Unsupported:
        return _full(path)


def load_summary(path: Path) -> SessionSummary:
    """One session file's follow-up summary; a file that cannot load raises UserError."""
    return _read(path, ParseCache(None, {}))


@dataclass(frozen=True)
class FolderScan:
    """Every session in a folder that loaded, and one `FILE: problem` line per file that did not."""

    summaries: list[SessionSummary]
    problems: list[str]


def scan_folder(folder: Path, *, use_cache: bool = True) -> FolderScan:
    """Summaries of every session file in `folder` (see `followup_cache` for the cache)."""
    from secondstory.core.paths import session_files

    cache = ParseCache.open(folder) if use_cache else ParseCache(None, {})
    summaries: list[SessionSummary] = []
    problems: list[str] = []
    for path in session_files(folder):
        try:
            summaries.append(_read(path, cache))
        except UserError as error:
            problems.extend(error.problems)
    cache.save()
    return FolderScan(summaries, problems)
