"""A flag: one place in a text where the coach has a question for the facilitator."""

from __future__ import annotations

from secondstory.core.language.levels import Level
from secondstory.core.language.records import TYPE_CHECKING, Record

if TYPE_CHECKING:
    from typing import Any


class Flag(Record):
    """A match of one rule, positioned in the text that was checked.

    `start`/`end` are character offsets into that text (end exclusive); `line`/`col` and
    `end_line`/`end_col` are 1-based (`end_col` is the column just after the match).
    `sentence` is the sentence the match sits in, with whitespace collapsed: together with
    `rule_id` it is what a dismissal stores.
    """

    rule_id: str
    category: str
    level: Level
    start: int
    end: int
    line: int
    col: int
    end_line: int
    end_col: int
    text: str
    message: str
    suggestion: str
    note: str
    sentence: str
    subject: str
    """`person`, `unknown` or `machine` when the rule looks at who the words are about, else ``."""

    def to_dict(self) -> dict[str, Any]:
        data = self._asdict()
        data["level"] = self.level.label
        return data
