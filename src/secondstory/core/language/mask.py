"""Blank out what is not the writer's own prose: code, logs, quotes, links, comments.

The masked text has exactly the length of the original, line breaks in the same places, so
every offset found in it is an offset in the original. Quoted words and inline code become
runs of `x` (one neutral word, so the sentence keeps its shape); whole lines of code or logs
become spaces. Curly apostrophes are straightened so rules need only one spelling.
"""

from __future__ import annotations

import re

from secondstory.core.language.lazyre import LazyPattern

_FENCE = LazyPattern(r"^[ \t]{0,3}(`{3,}|~{3,})", re.MULTILINE)
_COMMENT = LazyPattern(r"<!--.*?-->", re.DOTALL)
_LOG_LINE = LazyPattern(
    r"^[ \t]*(?:"
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
_LOGFMT = LazyPattern(r"^[^\n]*\b(?:level|lvl|severity)=\w+[^\n]*$", re.MULTILINE)
_BLOCKQUOTE = LazyPattern(r"^[ \t]{0,3}>.*$", re.MULTILINE)
_INLINE_CODE = LazyPattern(r"(`+)[^`\n]+?\1")
_URL = LazyPattern(r"\b(?:https?://|www\.)[^\s)>\]]+")
_DOUBLE_QUOTED = LazyPattern(r"\"[^\"\n]{1,400}\"|\u201c[^\u201d\n]{0,400}\u201d")
_SINGLE_QUOTED = LazyPattern(
    r"(?<![\w'\u2019])['\u2018](?=\S)[^'\u2018\u2019\n]{1,120}?(?<=\S)['\u2019](?![\w'\u2019])"
)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def _words(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", "x", match.group())


def _spaces(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group())


def _mask_fences(text: str) -> str:
    fences = list(_FENCE.finditer(text))
    if not fences:
        return text
    out: list[str] = []
    pos = 0
    open_fence: re.Match[str] | None = None
    for fence in fences:
        if open_fence is None:
            open_fence = fence
            continue
        marker = open_fence.group(1)
        if fence.group(1)[0] == marker[0] and len(fence.group(1)) >= len(marker):
            line_end = text.find("\n", fence.end())
            end = len(text) if line_end < 0 else line_end
            out.append(text[pos : open_fence.start()])
            out.append(re.sub(r"[^\n]", " ", text[open_fence.start() : end]))
            pos = end
            open_fence = None
    if open_fence is not None:  # an unclosed fence runs to the end, as in CommonMark
        out.append(text[pos : open_fence.start()])
        out.append(re.sub(r"[^\n]", " ", text[open_fence.start() :]))
        pos = len(text)
    out.append(text[pos:])
    return "".join(out)


def mask(text: str) -> str:
    """The text with non-prose spans blanked, same length and line breaks as `text`."""
    if "`" in text or "~~~" in text:
        text = _mask_fences(text)
    if "<!--" in text:
        text = _COMMENT.sub(_spaces, text)
    text = _LOG_LINE.sub(_spaces, text)
    if "level=" in text or "lvl=" in text or "severity=" in text:
        text = _LOGFMT.sub(_spaces, text)
    if ">" in text:
        text = _BLOCKQUOTE.sub(_spaces, text)
    if "`" in text:
        text = _INLINE_CODE.sub(_words, text)
    if "://" in text or "www." in text:
        text = _URL.sub(_words, text)
    if '"' in text or "\u201c" in text:
        text = _DOUBLE_QUOTED.sub(_words, text)
    if "'" in text or "\u2018" in text or "\u2019" in text:
        text = _SINGLE_QUOTED.sub(_words, text)
    return text.translate(_APOSTROPHES)
