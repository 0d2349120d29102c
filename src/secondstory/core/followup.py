"""Action items after the meeting: open items across postmortems, and changing an item's status.

Queries work on `SessionSummary` values (see `followup_load`), so the CLI and the app's "last
time" panel share one definition of "open", "overdue" and their order. "Today" is always passed
in, never read from the clock here, so results are reproducible.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from secondstory.core.errors import UserError
from secondstory.core.followup_load import SessionSummary, normalise_category, scan_folder
from secondstory.core.followup_records import ACTION_STATUSES, PRIORITIES, ActionInfo

if TYPE_CHECKING:  # the model (pydantic) is imported only by the commands that change a session
    from secondstory.core.model import ActionItem, Session, StatusChange

OPEN_STATUSES = ("open", "in-progress")


class _Change(Protocol):
    @property
    def at(self) -> datetime: ...
    @property
    def status(self) -> str: ...


class _Tracked(Protocol):
    """An action item as the model or the follow-up records hold it."""

    @property
    def status(self) -> str: ...
    @property
    def history(self) -> Sequence[_Change]: ...


@dataclass(frozen=True)
class OpenItem:
    """An open (or in-progress) action item and the incident it came from."""

    path: Path
    """The session file that holds it."""
    incident_id: str
    incident_title: str
    severity: str
    categories: tuple[str, ...]
    """Cause categories of the incident the item came from."""
    action: ActionInfo
    deadline_delta: int | None
    """Days from the deadline to today: positive when overdue, None without a deadline."""
    shared_categories: tuple[str, ...] = ()
    """Categories shared with the ones asked about (rhyming incidents), when any were given."""

    @property
    def overdue(self) -> bool:
        return self.deadline_delta is not None and self.deadline_delta > 0

    @property
    def days_overdue(self) -> int:
        return max(self.deadline_delta or 0, 0)

    @property
    def days_left(self) -> int | None:
        """Days until the deadline (0: due today), None when overdue or without a deadline."""
        if self.deadline_delta is None or self.deadline_delta > 0:
            return None
        return -self.deadline_delta

    @property
    def due_label(self) -> str:
        """When the item is due, as the tables show it: "3 days late", "due today", "in 2 days"."""
        if self.action.deadline is None:
            return "no deadline"
        if self.overdue:
            days = self.days_overdue
            return f"{days} day{'s' if days != 1 else ''} late"
        left = self.days_left or 0
        if left == 0:
            return "due today"
        return f"in {left} day{'s' if left != 1 else ''}"


def is_open(item: _Tracked) -> bool:
    return item.status in OPEN_STATUSES


def sort_key(item: OpenItem) -> tuple[object, ...]:
    """Overdue first (most overdue first), then by deadline (none last), priority, incident."""
    deadline = item.action.deadline
    return (
        not item.overdue,
        -item.days_overdue,
        deadline is None,
        deadline or date.max,
        PRIORITIES.index(item.action.priority),
        item.incident_id,
        item.path.name,
    )


def _owner_matches(owner: str, wanted: str) -> bool:
    return owner.strip().casefold() == wanted.strip().casefold()


def open_items(
    summaries: Iterable[SessionSummary],
    *,
    today: date,
    owner: str | None = None,
    overdue_only: bool = False,
    categories: Collection[str] | None = None,
) -> list[OpenItem]:
    """Open items of every session, overdue first (see `sort_key`).

    `owner` matches the owner exactly, ignoring case and surrounding spaces. With `categories`,
    only items from incidents sharing at least one of them are returned (rhyming incidents).
    """
    wanted = {normalise_category(c) for c in categories or ()} - {""}
    found: list[OpenItem] = []
    for summary in summaries:
        shared: tuple[str, ...] = ()
        if categories is not None:
            shared = tuple(c for c in summary.categories if c in wanted)
            if not shared:
                continue
        for action in summary.actions:
            if not is_open(action):
                continue
            if owner is not None and not _owner_matches(action.owner, owner):
                continue
            delta = None if action.deadline is None else (today - action.deadline).days
            item = OpenItem(
                path=summary.path,
                incident_id=summary.incident.id,
                incident_title=summary.incident.title,
                severity=summary.incident.severity,
                categories=summary.categories,
                action=action,
                deadline_delta=delta,
                shared_categories=shared,
            )
            if overdue_only and not item.overdue:
                continue
            found.append(item)
    found.sort(key=sort_key)
    return found


def open_items_from_other_sessions(
    folder: Path,
    exclude_id: str,
    categories: str | Collection[str] | None = None,
    *,
    today: date,
) -> list[OpenItem]:
    """For the app's "last time" panel: open items of every other session in `folder`.

    Sessions whose incident id is `exclude_id` (the one being run) are left out, and so are
    files that fail to load (the panel is no place for a file's problems; `secondstory list`
    reports them). With `categories` (one or several), only items from incidents sharing a
    cause category are returned, each with `shared_categories` set. Overdue first.
    """
    if isinstance(categories, str):
        categories = [categories]
    scan = scan_folder(folder)
    others = [s for s in scan.summaries if s.incident.id != exclude_id]
    return open_items(others, today=today, categories=categories)


@dataclass(frozen=True)
class RhymingIncident:
    path: Path
    incident_id: str
    incident_title: str
    incident_date: date | None
    shared_categories: tuple[str, ...]


def incident_date(summary: SessionSummary) -> date | None:
    """The day the incident started (in its own time zone), else the meeting day."""
    started = summary.incident.started_at
    if started is None:
        return summary.meeting_date
    try:
        from zoneinfo import ZoneInfo

        return started.astimezone(ZoneInfo(summary.incident.timezone)).date()
    except (ValueError, KeyError, OSError):  # unknown zone name: the stamp's own offset
        return started.date()


def rhyming_incidents(
    summaries: Iterable[SessionSummary], categories: Collection[str], exclude_id: str
) -> list[RhymingIncident]:
    """Other incidents with a cause category in common with `categories`, newest first."""
    wanted = {normalise_category(c) for c in categories} - {""}
    found = []
    for summary in summaries:
        if summary.incident.id == exclude_id:
            continue
        shared = tuple(c for c in summary.categories if c in wanted)
        if shared:
            found.append(
                RhymingIncident(
                    summary.path,
                    summary.incident.id,
                    summary.incident.title,
                    incident_date(summary),
                    shared,
                )
            )
    found.sort(key=lambda r: (r.incident_date or date.min, r.incident_id), reverse=True)
    return found


def done_date(item: _Tracked) -> date | None:
    """The day the item was last marked done, None if it is not done or no change records it.

    Repeated `done` entries (a note added later) keep the day it first became done.
    """
    if item.status != "done":
        return None
    when: datetime | None = None
    for change in item.history:
        if change.status == "done":
            if when is None:
                when = change.at
        else:
            when = None
    return when.date() if when is not None else None


def action_ids(session: Session) -> list[str]:
    return [a.id for a in session.actions]


def find_action(session: Session, ref: str) -> ActionItem:
    """The action named by its id (`A-2`, any case) or its 1-based position (`2`)."""
    ref = ref.strip()
    for action in session.actions:
        if action.id == ref:
            return action
    for action in session.actions:
        if action.id.casefold() == ref.casefold():
            return action
    if ref.isdigit() and 1 <= int(ref) <= len(session.actions):
        return session.actions[int(ref) - 1]
    if not session.actions:
        raise UserError(f"{ref}: this session has no action items yet")
    ids = ", ".join(action_ids(session))
    raise UserError(
        f"{ref}: no such action item; expected an id ({ids}) "
        f"or a position from 1 to {len(session.actions)}"
    )


def set_action_status(
    session: Session, ref: str, status: str, note: str = "", *, now: datetime
) -> StatusChange | None:
    """Record a status change on the action `ref` (id or position) and return it.

    Appends a `StatusChange` stamped `now` to the item's history and sets its status (through
    `action_ops.set_status`, as the app does). Setting the status it already has without a note
    changes nothing and returns None. Raises `UserError` for an unknown item or status, or a
    time without a UTC offset, leaving the session untouched.
    """
    from secondstory.core.action_ops import set_status

    if status not in ACTION_STATUSES:
        raise UserError(f"{status}: unknown status; expected one of {', '.join(ACTION_STATUSES)}")
    if now.tzinfo is None:
        raise UserError("the time of a status change needs a UTC offset")
    action = find_action(session, ref)
    if not set_status(session, action.id, status, now, note.strip()):
        return None
    return action.history[-1]


def parse_day(text: str, option: str) -> date:
    """A `YYYY-MM-DD` option value, or a UserError naming the option."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"{option}: expected a date as YYYY-MM-DD, got '{text}'") from None
