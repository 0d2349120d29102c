"""Blank out what is not the writer's own prose: code, logs, quotes, links, comments.

The masked text has exactly the length of the original, line breaks in the same places, so
every offset found in it is an offset in the original. Quoted words and inline code become
runs of `x` (one neutral word, so the sentence keeps its shape); whole lines of code or logs
become spaces. Curly apostrophes are straightened so rules need only one spelling.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from secondstory.core.language.lazyre import LazyPattern

# A fence line's indent and run of backticks or tildes, matched at the line's start.
_FENCE_RUN = LazyPattern(r"[ \t]{0,3}(`{3,}|~{3,})")
# Line patterns start with the line break before the line (the text is given a leading
# "\n"): a pattern that starts with a literal lets the regex engine jump from line to line,
# where `^` with MULTILINE would be tried at every position.
_COMMENT = LazyPattern(r"<!--.*?-->", re.DOTALL)
_LOG_LINE = LazyPattern(
    # The lookahead holds what every alternative below starts with: most lines fail it at
    # their first character or two. The indent is taken possessively: no alternative starts
    # with a space, and giving spaces back one at a time made each line of a blanked code
    # block cost its length.
    r"\n[ \t]*+(?=[\[\d$\{]|at\s|[A-Z](?:[A-Z\d]|[a-z]{2}\s+\d|ile\s|raceback))(?:"
    # 2026-03-22T14:23:05Z ERROR ... / [2026-03-22 14:23:05] api[12]: ... / key=value lines
    r"\[?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}\S*\]?\s+(?:\[?[A-Z]{3,8}\]?[\s:]|\S+\[\d+\]:|"
    r"\S+=|\[)"
    r"|\[?\d{2}:\d{2}:\d{2}(?:[.,]\d+)?\]?\s+\[?(?:ERROR|WARN|WARNING|INFO|DEBUG|FATAL|TRACE|"
    r"CRITICAL|ERR|CRIT|NOTICE|PANIC)\b"
    r"|\[?(?:ERROR|WARN|WARNING|FATAL|CRITICAL|PANIC|DEBUG|TRACE|E\d{4}|Traceback)\]?[:\]]"
    r"|at\s+[\w$.<>]+\(.*\)\s*$"
    r"|File\s+\".*\",\s+line\s+\d+"
    r"|\$\s+\S"
    r"|[A-Z][a-z]{2}\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}\s+\S+\s+\S+?(?:\[\d+\])?:"
    r"|\{\".*\}\s*$"
    r").*$",
    re.MULTILINE,
)
# A logfmt line is a line holding one of these keys: found by the key, then blanked whole
# (a pattern that reads the line up to its key tries that at every line of a long text).
_LOGFMT_KEY = LazyPattern(r"\b(?:level|lvl|severity)=\w")
# Both begin with literal characters (the engine skips ahead to them): "`" then any further
# backticks of the run, and "h"/"w" with the word boundary before them checked behind.
_INLINE_CODE = LazyPattern(r"`(`*)[^`\n]+?`\1")
_URL = LazyPattern(r"(?:h(?<![\w]h)ttps?://|w(?<![\w]w)ww\.)[^\s)>\]]+")
# A Markdown link's destination, "(#anchor)" or "(../path "title")" right after "]": an
# address, not prose ("[[6]](#References)" would otherwise offer "References" as a subject).
_LINK_TARGET = LazyPattern(r"\((?<=\]\()(?:[^\s()]|\([^\s()]*\))*+(?:[ \t]+\"[^\"\n]*\")?\)")
_DOUBLE_QUOTED = LazyPattern(r"\"[^\"\n]{1,400}\"|\u201c[^\u201d\n]{0,400}\u201d")
# The quote is matched first and the character before it checked after (same meaning as a
# leading lookbehind, but the engine can skip ahead to quote characters).
_SINGLE_QUOTED = LazyPattern(
    r"['\u2018](?<![\w'\u2019].)(?=\S)[^'\u2018\u2019\n]{1,120}?(?<=\S)['\u2019](?![\w'\u2019])"
)
_APOSTROPHES = ("\u2019", "\u2018", "\u02bc")
_BLANK_LINE = LazyPattern(r"\n[ \t]*+\n")


def blank(text: str, fill: str) -> str:
    """`text` with every character but line breaks replaced by `fill`."""
    if "\n" not in text:  # the usual case: one line of a log, one quoted phrase
        return fill * len(text)
    return "\n".join(fill * len(part) for part in text.split("\n"))


def _words(match: re.Match[str]) -> str:
    return blank(match.group(), "x")


def _spaces(match: re.Match[str]) -> str:
    return blank(match.group(), " ")


def _sub_from(
    pattern: LazyPattern,
    text: str,
    starts: str,
    repl: Callable[[re.Match[str]], str],
    after_word: bool = True,
) -> str:
    """`pattern.sub(repl, text)` for a pattern whose matches all begin with one of the
    characters in `starts`: candidates are found with `str.find` and the pattern is tried
    only there, instead of at every position of a long text. With `after_word` False, a
    candidate right after a word character or an apostrophe is skipped (the single-quote
    pattern refuses those anyway)."""
    positions: list[int] = []
    for char in starts:
        at = text.find(char)
        while at >= 0:
            if after_word or not at or not _after_word(text[at - 1]):
                positions.append(at)
            at = text.find(char, at + 1)
    positions.sort()
    return _sub_at(pattern, text, positions, repl)


def _after_word(before: str) -> bool:
    return before.isalnum() or before in "_'\u2019"


def _sub_at(
    pattern: LazyPattern,
    text: str,
    positions: list[int],
    repl: Callable[[re.Match[str]], str],
) -> str:
    """`pattern.sub(repl, text)` when every match starts at one of `positions` (ascending):
    the pattern is tried there only."""
    if not positions:
        return text
    compiled = pattern.compiled
    out: list[str] = []
    last = 0
    for at in positions:
        if at < last:
            continue
        m = compiled.match(text, at)
        if m is not None:
            out.append(text[last:at])
            out.append(repl(m))
            last = m.end()
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def _url_starts(text: str) -> list[int]:
    """Where a URL (`_URL`) may start: "http" or "https" before each "://", each "www."."""
    found: list[int] = []
    at = text.find("://")
    while at >= 0:
        if at >= 5 and text.startswith("https", at - 5):
            found.append(at - 5)
        elif at >= 4 and text.startswith("http", at - 4):
            found.append(at - 4)
        at = text.find("://", at + 3)
    at = text.find("www.")
    while at >= 0:
        found.append(at)
        at = text.find("www.", at + 4)
    found.sort()
    return found


def _quote_marks(text: str) -> list[int]:
    """Each ">" that opens a block quote line: at most three spaces or tabs before it."""
    found: list[int] = []
    at = text.find(">")
    while at >= 0:
        line_start = text.rfind("\n", 0, at) + 1
        if at - line_start <= 3 and not text[line_start:at].strip(" \t"):
            found.append(at)
        at = text.find(">", at + 1)
    return found


def _blank_lines(text: str, positions: list[int]) -> str:
    """`text` with each line that holds one of `positions` (ascending) made spaces."""
    if not positions:
        return text
    out: list[str] = []
    last = 0
    for at in positions:
        if at < last:
            continue  # on a line already blanked
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        if end < 0:
            end = len(text)
        out += (text[last:start], " " * (end - start))
        last = end
    out.append(text[last:])
    return "".join(out)


def _line_sub(pattern: LazyPattern, text: str) -> str:
    """Blank the lines `pattern` matches; it starts with the line break before the line."""
    return pattern.sub(_spaces, "\n" + text)[1:]


def fence_lines(text: str) -> list[tuple[int, int]]:
    """`(start, end)` of each line that opens or closes a fenced code block, in order.

    As CommonMark reads them: a run of three or more backticks or tildes after at most
    three spaces opens one, unless it is backticks and the rest of the line holds a
    backtick (then it is inline code, as in a line of just ```` ```ls -l``` ````); the
    first later run of the same character, at least as long and with nothing but white
    space after it, closes it. A block left open runs to the end of the text.
    """
    # Candidates by `str.find` (a long text has few of them), in order of position.
    starts: set[int] = set()
    for marker in ("```", "~~~"):
        at = text.find(marker)
        while at >= 0:
            line_start = text.rfind("\n", 0, at) + 1
            if at - line_start <= 3 and not text[line_start:at].strip(" \t"):
                starts.add(line_start)
            newline = text.find("\n", at)
            at = -1 if newline < 0 else text.find(marker, newline + 1)
    found: list[tuple[int, int]] = []
    opened = ""
    for start in sorted(starts):
        fence = _FENCE_RUN.match(text, start)
        if fence is None:  # cannot happen: each candidate starts with a run
            continue
        marker = fence.group(1)
        end = text.find("\n", fence.end())
        if end < 0:
            end = len(text)
        rest = text[fence.end() : end]
        if not opened:
            if marker[0] == "`" and "`" in rest:
                continue
            opened = marker
        elif marker[0] == opened[0] and len(marker) >= len(opened) and not rest.strip():
            opened = ""
        else:
            continue
        found.append((start, end))
    return found


def _mask_fences(text: str) -> str:
    lines = fence_lines(text)
    if not lines:
        return text
    out: list[str] = []
    pos = 0
    for index in range(0, len(lines), 2):
        start = lines[index][0]
        end = lines[index + 1][1] if index + 1 < len(lines) else len(text)
        out.append(text[pos:start])
        out.append(blank(text[start:end], " "))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def mask(text: str) -> str:
    """The text with non-prose spans blanked, same length and line breaks as `text`."""
    if "`" in text or "~~~" in text:
        text = _mask_fences(text)
    if "<!--" in text:
        text = _COMMENT.sub(_spaces, text)
    return _mask_lines_and_spans(_line_sub(_LOG_LINE, text))


def mask_document(text: str) -> str | None:
    """`mask` for a whole document in one pass, for bulk checks.

    A paragraph's slice of the result equals `mask(paragraph)` for every paragraph that
    holds no fenced code (``` or ~~~) and no `<!--` (mask those on their own): fences and
    comments are left alone here, and every other pattern stays within a line, except a log
    line, which may run on to the next line. None when one runs across a blank line, into
    another paragraph: then mask paragraph by paragraph.
    """
    # `_line_sub`, written out: a long text has few log lines, and building the result
    # from pieces of `text` saves two copies of it.
    pieces: list[str] = []
    last = 0
    for match in _LOG_LINE.compiled.finditer("\n" + text):
        line = match.group()
        if _BLANK_LINE.search(line):
            return None
        # The match starts at the line break before the line: one character earlier in
        # `text`, or at its start (where the line break was added).
        start, end = match.start() - 1, match.end() - 1
        if start < 0:
            line, start = line[1:], 0
        pieces += (text[last:start], blank(line, " "))
        last = end
    if pieces:
        pieces.append(text[last:])
        text = "".join(pieces)
    return _mask_lines_and_spans(text)


def _mask_lines_and_spans(text: str) -> str:
    # A one-character search is many times faster than a longer one: it goes first.
    if "=" in text and ("level=" in text or "lvl=" in text or "severity=" in text):
        text = _blank_lines(text, [m.start() for m in _LOGFMT_KEY.finditer(text)])
    if ">" in text:
        text = _blank_lines(text, _quote_marks(text))
    if "`" in text:
        text = _sub_from(_INLINE_CODE, text, "`", _words)
    if "](" in text:
        text = _sub_from(_LINK_TARGET, text, "(", _spaces)
    if ("/" in text and "://" in text) or "www." in text:
        text = _sub_at(_URL, text, _url_starts(text), _words)
    if '"' in text or "\u201c" in text:
        text = _sub_from(_DOUBLE_QUOTED, text, '"\u201c', _words)
    if "'" in text or "\u2018" in text or "\u2019" in text:
        text = _sub_from(_SINGLE_QUOTED, text, "'\u2018", _words, after_word=False)
    for curly in _APOSTROPHES:
        if curly in text:
            text = text.replace(curly, "'")
    return text
