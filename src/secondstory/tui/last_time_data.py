"""What the "last time" panel shows, and the status change it makes, without any widgets.

`load_last_time` reads the sessions folder once (`core.followup_load.scan_folder`, which keeps a
parse cache) and asks `core.followup` for two lists: the open items of earlier postmortems,
overdue first, and the open items of "rhyming" incidents, those sharing a cause category with
the open session. Files that fail to load are kept as `FILE: problem` lines for the panel to
show. `change_status` is what the `action` command does: load that session file, record the
change with `core.followup.set_action_status`, save it atomically. Both run in worker threads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from secondstory.core.errors import UserError
from secondstory.core.followup import (
    OpenItem,
    RhymingIncident,
    find_action,
    incident_date,
    open_items,
    rhyming_incidents,
    set_action_status,
)
from secondstory.core.followup_load import (
    SessionSummary,
    scan_folder,
    summary_from_session,
)
from secondstory.core.model import Session, StatusChange
from secondstory.core.storage import load_session, save_session


@dataclass(frozen=True)
class LastTime:
    folder: Path
    items: list[OpenItem]
    """Open items of earlier postmortems, overdue first, most overdue first."""
    rhyming: list[OpenItem]
    """Open items of earlier incidents sharing a cause category; `shared_categories` is set."""
    quiet_rhymes: list[RhymingIncident]
    """Earlier incidents sharing a cause category whose items are all closed."""
    categories: tuple[str, ...]
    """The open session's cause categories (five whys and contributing factors)."""
    earlier: int
    """Earlier postmortems read."""
    later: int
    """Sessions left out because their incident happened after this one."""
    skipped: list[str]
    """`FILE: problem` for each session file that could not be read."""


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b


def load_last_time(session: Session, path: Path, today: date) -> LastTime:
    """The panel's lists for `session` (its file is `path`), read from the folder of `path`."""
    folder = path.parent.resolve()  # named in messages: "." would read as a typo
    scan = scan_folder(folder)
    this = summary_from_session(session, path)
    this_day = incident_date(this)
    earlier: list[SessionSummary] = []
    later = 0
    for summary in scan.summaries:
        if summary.incident.id == session.incident.id or _same_file(summary.path, path):
            continue
        day = incident_date(summary)
        if this_day is not None and day is not None and day > this_day:
            later += 1
            continue
        earlier.append(summary)
    items = open_items(earlier, today=today)
    rhyming: list[OpenItem] = []
    quiet: list[RhymingIncident] = []
    if this.categories:
        rhyming = open_items(earlier, today=today, categories=this.categories)
        with_items = {item.path for item in rhyming}
        rhymes = rhyming_incidents(earlier, this.categories, session.incident.id)
        quiet = [r for r in rhymes if r.path not in with_items]
    return LastTime(
        folder=folder,
        items=items,
        rhyming=rhyming,
        quiet_rhymes=quiet,
        categories=this.categories,
        earlier=len(earlier),
        later=later,
        skipped=list(scan.problems),
    )


@dataclass(frozen=True)
class StatusChanged:
    path: Path
    incident_id: str
    action_id: str
    title: str
    before: str
    change: StatusChange | None
    """None when the item already had that status and no note was given: nothing written."""


def change_status(item: OpenItem, status: str, note: str, now: datetime) -> StatusChanged:
    """Record a status change on `item` in its own session file, as `secondstory action` does.

    Raises `UserError` when the file is gone, broken, holds another incident now, or no longer
    has the item; the file is then left as it was.
    """
    session = load_session(item.path)
    if session.incident.id != item.incident_id:
        raise UserError(
            f"{item.path}: now holds {session.incident.id}, not {item.incident_id}; "
            "press r to read the folder again"
        )
    try:
        action = find_action(session, item.action.id)
    except UserError as error:
        raise UserError([f"{item.path}: {problem}" for problem in error.problems]) from None
    before = action.status
    change = set_action_status(session, action.id, status, note, now=now)
    if change is not None:
        save_session(session, item.path)
    return StatusChanged(item.path, item.incident_id, action.id, action.title, before, change)
