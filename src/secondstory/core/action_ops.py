"""Editing a session's action items: add, edit, delete, deadlines typed as words, status changes.

Every change validates through the model, so a bad value becomes a `UserError` naming the
field, and the session is left as it was.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import ValidationError

from secondstory.core import ids
from secondstory.core.deadlines import parse_deadline
from secondstory.core.errors import UserError
from secondstory.core.model import (
    ActionItem,
    ActionStatus,
    ActionTerm,
    ActionType,
    Priority,
    Session,
    StatusChange,
)
from secondstory.core.storage import describe_validation


def action_index(session: Session, action_id: str) -> int:
    for index, item in enumerate(session.actions):
        if item.id == action_id:
            return index
    raise UserError(f"action {action_id}: no such action item")


def get_action(session: Session, action_id: str) -> ActionItem:
    return session.actions[action_index(session, action_id)]


def add_action(
    session: Session,
    title: str,
    *,
    owner: str = "",
    priority: Priority = "P2",
    deadline: date | None = None,
    success_criteria: str = "",
    term: ActionTerm = "short",
    type: ActionType = "prevent",  # noqa: A002 - the model's field name
    origin: str = "",
    description: str = "",
) -> ActionItem:
    """Append a new item (`A-N`) and return it. The title may be empty while it is typed."""
    try:
        item = ActionItem(
            id=ids.new_id(ids.ACTION, session.actions),
            title=title.strip(),
            owner=owner.strip(),
            priority=priority,
            deadline=deadline,
            success_criteria=success_criteria.strip(),
            term=term,
            type=type,
            origin=origin,
            description=description,
        )
    except ValidationError as error:
        raise UserError(describe_validation("action item", error)) from None
    session.actions.append(item)
    return item


def edit_action(
    session: Session,
    action_id: str,
    *,
    title: str | None = None,
    owner: str | None = None,
    priority: Priority | None = None,
    deadline: date | None = None,
    clear_deadline: bool = False,
    success_criteria: str | None = None,
    term: ActionTerm | None = None,
    type: ActionType | None = None,  # noqa: A002 - the model's field name
    description: str | None = None,
    tracker_url: str | None = None,
) -> ActionItem:
    """Change the given fields (None leaves a field alone); all or nothing."""
    item = get_action(session, action_id)
    changes: dict[str, object] = {
        "title": title.strip() if title is not None else None,
        "owner": owner.strip() if owner is not None else None,
        "priority": priority,
        "deadline": deadline,
        "success_criteria": success_criteria.strip() if success_criteria is not None else None,
        "term": term,
        "type": type,
        "description": description,
        "tracker_url": tracker_url,
    }
    updates = {k: v for k, v in changes.items() if v is not None}
    if clear_deadline:
        updates["deadline"] = None
    try:
        checked = ActionItem.model_validate(item.model_dump() | updates)
    except ValidationError as error:
        raise UserError(describe_validation(f"action {action_id}", error)) from None
    # Same object, new values: widgets holding the item keep seeing it.
    for name in updates:
        setattr(item, name, getattr(checked, name))
    return item


def set_deadline_text(session: Session, action_id: str, text: str, today: date) -> date | None:
    """Set a deadline typed as words (`2 weeks`, `next friday`, a date) relative to the meeting
    date (or `today` before the meeting has a date). Empty text clears the deadline."""
    if not text.strip():
        edit_action(session, action_id, clear_deadline=True)
        return None
    deadline = parse_deadline(text, session.meeting_date() or today)
    edit_action(session, action_id, deadline=deadline)
    return deadline


def set_status(
    session: Session, action_id: str, status: ActionStatus, now: datetime, note: str = ""
) -> bool:
    """Change an item's status and record the change in its history; False if unchanged."""
    item = get_action(session, action_id)
    if item.status == status and not note:
        return False
    item.history.append(StatusChange(at=now, status=status, note=note))
    item.status = status
    return True


def delete_action(session: Session, action_id: str) -> ActionItem:
    """Remove an item. Findings and parked items promoted to it become promotable again."""
    item = session.actions.pop(action_index(session, action_id))
    link = f"action:{action_id}"
    for finding in session.findings:
        if finding.promoted_to == link:
            finding.promoted_to = None
    for parked in session.parking_lot:
        if parked.promoted_to == link:
            parked.promoted_to = None
    return item
