"""Words a regular expression cannot match without: checked before it runs (or compiles).

A rule runs only on sentences holding one of its trigger words, but a rule's patterns and
exceptions are many and most of them need words of their own: `(?:shoulda|coulda)\\b`
cannot match a sentence holding neither "shoulda" nor "coulda". `needs(source)` reads such
a set of literal strings off a pattern, conservatively: at least one of them occurs in any
text the pattern matches, or it says nothing (None). A substring test costs far less than
a regex search, and a pattern whose words never occur is never compiled (Python compiles
regexes in Python, and compiling the rules is a good part of linting a file).

Computed when the rule pack is built (`rulepack_build`), not at run time. The parser knows
the syntax the rules use and gives up (None) on anything else: inline flags, back
references, conditionals, unknown escapes.
"""

from __future__ import annotations

import re
from typing import Any

_QUANTIFIER = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")
_CONTROL = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_SHORTEST = 3
"""Literals shorter than this say too little to be worth a test."""

Node = tuple[Any, ...]
"""The parse tree: ("lit", char), ("any",), ("look", node), ("rep", least, node),
("alt", [branch, ...]) or ("seq", [item, ...])."""


class _GiveUp(Exception):
    """Syntax this parser does not know: nothing is claimed about the pattern."""


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.pos = 0

    def parse(self) -> Node:
        node = self.alternation()
        if self.pos != len(self.source):
            raise _GiveUp(f"unexpected {self.source[self.pos]!r}")
        return node

    def peek(self) -> str:
        return self.source[self.pos] if self.pos < len(self.source) else ""

    def alternation(self) -> Node:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.pos += 1
            branches.append(self.sequence())
        return ("alt", branches)

    def sequence(self) -> Node:
        items: list[Node] = []
        while self.peek() not in ("|", ")", ""):
            items.append(self.repeat(self.atom()))
        return ("seq", items)

    def repeat(self, node: Node) -> Node:
        char = self.peek()
        if char in ("*", "?"):
            low = 0
            self.pos += 1
        elif char == "+":
            low = 1
            self.pos += 1
        elif char == "{":
            found = _QUANTIFIER.match(self.source, self.pos)
            if found is None or found.group() == "{}":
                return node  # a literal "{", as Python's re reads it
            low = int(found.group(1) or 0)
            self.pos = found.end()
        else:
            return node
        if self.peek() in ("?", "+"):  # lazy or possessive: the same words are needed
            self.pos += 1
        if self.peek() in ("*", "+", "?", "{"):
            raise _GiveUp("repeated repeat")
        return ("rep", low, node)

    def atom(self) -> Node:
        source = self.source
        char = source[self.pos]
        if char == "(":
            return self.group()
        if char == "[":
            self.skip_class()
            return ("any",)
        if char == "\\":
            return self.escape()
        if char in ("*", "+", "?", ")"):
            raise _GiveUp("nothing to repeat")
        self.pos += 1
        if char in (".", "^", "$"):
            return ("any",)
        return ("lit", char)

    def group(self) -> Node:
        source = self.source
        self.pos += 1
        kind = "group"
        if source.startswith("?:", self.pos):
            self.pos += 2
        elif source.startswith("?P<", self.pos):
            self.pos = source.index(">", self.pos) + 1
        elif source.startswith("?=", self.pos) or source.startswith("?<=", self.pos):
            self.pos += 2 if source[self.pos + 1] == "=" else 3
            kind = "look"
        elif source.startswith("?!", self.pos) or source.startswith("?<!", self.pos):
            self.pos += 2 if source[self.pos + 1] == "!" else 3
            kind = "not"
        elif self.peek() == "?":
            raise _GiveUp("group syntax")
        inner = self.alternation()
        if self.peek() != ")":
            raise _GiveUp("unclosed group")
        self.pos += 1
        if kind == "not":
            return ("any",)
        if kind == "look":
            return ("look", inner)
        return inner

    def skip_class(self) -> None:
        source = self.source
        at = self.pos + 1
        if source[at : at + 1] == "^":
            at += 1
        if source[at : at + 1] == "]":
            at += 1
        while at < len(source) and source[at] != "]":
            if source[at] == "\\":
                at += 1
            elif source[at] == "[":
                raise _GiveUp("set operations")
            at += 1
        if at >= len(source):
            raise _GiveUp("unclosed class")
        self.pos = at + 1

    def escape(self) -> Node:
        if self.pos + 1 >= len(self.source):
            raise _GiveUp("trailing backslash")
        char = self.source[self.pos + 1]
        self.pos += 2
        if char in _CONTROL:
            return ("lit", _CONTROL[char])
        if char in "bBAZdDsSwW":
            return ("any",)
        if char.isascii() and char.isalnum():
            raise _GiveUp(f"escape \\{char}")  # \x.., \u...., \N{...}, back references
        return ("lit", char)


def _needed(node: Node) -> frozenset[str] | None:
    """Literals of which one occurs in every match of `node` (None: nothing known)."""
    kind = node[0]
    if kind == "lit":
        return frozenset([node[1]])
    if kind == "any":
        return None
    if kind == "look":
        return _needed(node[1])
    if kind == "rep":
        return _needed(node[2]) if node[1] >= 1 else None
    if kind == "alt":
        found: set[str] = set()
        for branch in node[1]:
            needed = _needed(branch)
            if needed is None:
                return None
            found |= needed
        return frozenset(found)
    # A sequence: every item is needed, and a run of literal characters is one string.
    options: list[frozenset[str]] = []
    run = ""
    for item in node[1]:
        if item[0] == "lit":
            run += item[1]
            continue
        if run:
            options.append(frozenset([run]))
            run = ""
        needed = _needed(item)
        if needed is not None:
            options.append(needed)
    if run:
        options.append(frozenset([run]))
    return max(options, key=_selective) if options else None


def _selective(options: frozenset[str]) -> tuple[int, int]:
    """Better: a longer shortest literal, then fewer literals to test."""
    return (min(len(option) for option in options), -len(options))


def needs(source: str) -> tuple[str, ...] | None:
    """Literal strings of which at least one occurs in every text `source` matches (as a
    regex compiled without flags, or with MULTILINE), sorted; None when none is known."""
    try:
        found = _needed(_Parser(source).parse())
    except (_GiveUp, ValueError, IndexError):
        return None
    if not found or min(len(option) for option in found) < _SHORTEST:
        return None
    return tuple(sorted(found))
