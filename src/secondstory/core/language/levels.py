"""Flag levels, from `info` (review notes only) up to `error` (likely blame)."""

from __future__ import annotations

from enum import IntEnum

from secondstory.core.errors import UserError


class Level(IntEnum):
    """How sure a rule is that the words pull the room toward blame.

    The live view shows `warning` and above; `suggestion` and `info` are for a review pass.
    """

    INFO = 0
    SUGGESTION = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str, *, where: str = "level") -> Level:
        """A level from its name; a `UserError` naming `where` for anything else."""
        try:
            return cls[value.strip().upper()]
        except (KeyError, AttributeError):
            names = ", ".join(level.label for level in reversed(cls))
            raise UserError(
                f"{where}: {value!r} is not a level (expected one of {names})"
            ) from None


LIVE_LEVEL = Level.WARNING
"""What the app shows while notes are typed."""
