"""Id prefixes for the things a meeting creates, and the helper that picks the next free id.

Ids are short and human (`E-12`, `W-2`) because people read them aloud and type them into
origins such as `finding:F-3`. They are never reused while the item exists: a new id is one past
the highest number in use, so deleting the last item and adding another gives its number back,
which is harmless because links to a deleted item are cleared when it is deleted.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from secondstory.core.model import next_id

EVENT = "E"
FINDING = "F"
CHAIN = "W"
FACTOR = "CF"
ACTION = "A"


class HasId(Protocol):
    @property
    def id(self) -> str: ...


def new_id(prefix: str, items: Iterable[HasId]) -> str:
    """The next free `PREFIX-N` among `items`' ids."""
    return next_id(prefix, [item.id for item in items])
