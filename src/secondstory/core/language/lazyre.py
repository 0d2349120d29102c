"""Regular expressions compiled on first use, so importing the coach costs next to nothing."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from secondstory.core.language import regex_cache
from secondstory.core.language.records import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any


class LazyPattern:
    """A `re.Pattern` stand-in that compiles itself the first time it is used."""

    __slots__ = ("_flags", "_pattern", "_source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags
        self._pattern: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._pattern is None:
            self._pattern = regex_cache.compile(self._source, self._flags)
        return self._pattern

    @property
    def flags_given(self) -> int:
        """The flags it was made with (a compiled pattern's `flags` adds the implied ones)."""
        return self._flags

    @property
    def pattern(self) -> str:
        return self._source

    @property
    def groupindex(self) -> Any:
        return self.compiled.groupindex

    def search(self, text: str, pos: int = 0, endpos: int = 2**63 - 1) -> re.Match[str] | None:
        return self.compiled.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = 2**63 - 1) -> re.Match[str] | None:
        return self.compiled.match(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = 2**63 - 1) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text, pos, endpos)

    def findall(self, text: str, pos: int = 0, endpos: int = 2**63 - 1) -> list[Any]:
        return self.compiled.findall(text, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0) -> str:
        return self.compiled.sub(repl, text, count)

    def split(self, text: str, maxsplit: int = 0) -> list[str]:
        return self.compiled.split(text, maxsplit)
