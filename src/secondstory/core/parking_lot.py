"""The parking lot: tangents set aside with a timestamp and the phase they came up in.

Parked items are numbered from 1 in the order they were parked; an action item made from one
has the origin `parked:N`. Removing an item renumbers the ones after it, and the origins that
pointed at them follow, so links stay right.
"""

from __future__ import annotations

import re
from datetime import datetime

from secondstory.core.action_ops import add_action
from secondstory.core.clock import current_phase
from secondstory.core.errors import UserError
from secondstory.core.model import ActionItem, ParkedItem, Priority, Session

_ORIGIN = re.compile(r"^parked:(\d+)$")


def _item(session: Session, number: int) -> ParkedItem:
    if not 1 <= number <= len(session.parking_lot):
        raise UserError(f"parking lot: no item {number}")
    return session.parking_lot[number - 1]


def park(session: Session, text: str, now: datetime) -> int:
    """Park a line or a typed tangent; returns its number (1-based)."""
    cleaned = text.strip()
    if not cleaned:
        raise UserError("parking lot: expected some text to park")
    phase = current_phase(session.agenda)
    session.parking_lot.append(ParkedItem(at=now, text=cleaned, phase=phase.id if phase else ""))
    return len(session.parking_lot)


def edit_parked(session: Session, number: int, text: str) -> None:
    cleaned = text.strip()
    if not cleaned:
        raise UserError(f"parking lot item {number}: expected some text")
    _item(session, number).text = cleaned


def open_items(session: Session) -> list[tuple[int, ParkedItem]]:
    """(number, item) for items not yet promoted."""
    return [(i, p) for i, p in enumerate(session.parking_lot, 1) if not p.promoted_to]


def promote_parked(
    session: Session, number: int, *, owner: str = "", priority: Priority = "P2"
) -> ActionItem:
    """Turn a parked item into an action item with origin `parked:N`."""
    item = _item(session, number)
    if item.promoted_to:
        raise UserError(f"parking lot item {number}: already promoted to {item.promoted_to}")
    action = add_action(
        session, item.text, owner=owner, priority=priority, origin=f"parked:{number}"
    )
    item.promoted_to = f"action:{action.id}"
    return action


def remove_parked(session: Session, number: int) -> ParkedItem:
    """Remove an item and renumber the origins of actions made from later items."""
    item = _item(session, number)
    session.parking_lot.pop(number - 1)
    for action in session.actions:
        match = _ORIGIN.match(action.origin)
        if match is None:
            continue
        n = int(match.group(1))
        if n == number:
            action.origin = "parked"
        elif n > number:
            action.origin = f"parked:{n - 1}"
    return item
