"""The result type shared by the live checklists (action item quality, meeting close).

A check is advice, never a block: the app lists them with a mark, the export prints them, and
the facilitator decides. Every rule reports at least one result, `ok` or `warning`, so a
checklist always shows every rule and "no warnings" is simply `passing(checks)`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Level = Literal["ok", "warning"]


@dataclass(frozen=True)
class Check:
    rule: str
    """Stable rule id (`count`, `owner`, `timeline-walked`, ...) for tests, exports and settings."""
    level: Level
    item_id: str | None
    """The action item (or chain, event) the result is about; None for whole-session rules."""
    message: str
    question: str = ""
    """For warnings: a question the facilitator can ask the room to fix it."""

    @property
    def ok(self) -> bool:
        return self.level == "ok"


def passing(checks: Iterable[Check]) -> bool:
    """True when no check is a warning."""
    return all(check.level == "ok" for check in checks)


def warnings(checks: Iterable[Check]) -> list[Check]:
    return [check for check in checks if check.level == "warning"]
