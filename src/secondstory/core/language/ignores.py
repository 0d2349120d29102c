"""Inline ignore comments for Markdown files.

    <!-- secondstory-ignore -->                 every rule, for what follows (see below)
    <!-- secondstory-ignore root-cause.singular hindsight -->   only these rules or categories
    <!-- secondstory-ignore-file [names] -->    the whole file
    <!-- secondstory-disable [names] -->        from here on ...
    <!-- secondstory-enable [names] -->         ... until here

`ignore` on a line of its own covers the rest of its paragraph, or the next paragraph when
nothing follows it in its own; after text on the same line it covers that line.
"""

from __future__ import annotations

import re

from secondstory.core.language.lazyre import LazyPattern
from secondstory.core.language.records import TYPE_CHECKING, Record

if TYPE_CHECKING:
    from typing import Literal

    DirectiveKind = Literal["ignore", "ignore-file", "disable", "enable"]

_DIRECTIVE = LazyPattern(
    r"<!--\s*secondstory-(ignore-file|ignore|disable|enable)\b(.*?)-->", re.DOTALL | re.IGNORECASE
)
ALL: frozenset[str] = frozenset()
"""An empty name set means every rule."""


class Directive(Record):
    kind: DirectiveKind
    names: frozenset[str]
    start: int
    """Where the directive starts to apply, relative to its paragraph."""
    end: int
    """Where it stops applying (paragraph length for "rest of paragraph")."""
    next_block: bool
    """True when an `ignore` applies to the next paragraph instead of its own."""


def find_directives(block: str) -> tuple[Directive, ...]:
    if "secondstory-" not in block:
        return ()
    out: list[Directive] = []
    for m in _DIRECTIVE.finditer(block):
        kind = m.group(1).lower()
        names = frozenset(n for n in re.split(r"[\s,]+", m.group(2).strip()) if n)
        line_start = block.rfind("\n", 0, m.start()) + 1
        line_end = block.find("\n", m.end())
        line_end = len(block) if line_end < 0 else line_end
        if kind == "ignore":
            if block[line_start : m.start()].strip():
                out.append(Directive("ignore", names, line_start, line_end, False))
            elif block[m.end() :].strip():
                out.append(Directive("ignore", names, m.end(), len(block), False))
            else:
                out.append(Directive("ignore", names, 0, 0, True))
        elif kind == "ignore-file":
            out.append(Directive("ignore-file", names, 0, 0, False))
        elif kind == "disable":
            out.append(Directive("disable", names, m.start(), m.end(), False))
        else:
            out.append(Directive("enable", names, m.start(), m.end(), False))
    return tuple(out)


def covers(names: frozenset[str], rule_id: str, category: str) -> bool:
    return not names or rule_id in names or category in names
