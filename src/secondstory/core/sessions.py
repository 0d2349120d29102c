"""Creating sessions and finding them by id or path."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from secondstory.core.agendas import DEFAULT_AGENDA, load_agenda
from secondstory.core.errors import UserError
from secondstory.core.model import Incident, Meeting, Session, Severity
from secondstory.core.storage import save_session


def new_session(
    incident_id: str,
    title: str,
    *,
    severity: Severity = "SEV2",
    agenda: str = DEFAULT_AGENDA,
    scheduled_at: datetime | None = None,
) -> Session:
    from pydantic import ValidationError

    from secondstory.core.storage import describe_validation

    try:
        incident = Incident(id=incident_id, title=title, severity=severity)
    except ValidationError as error:
        raise UserError(describe_validation("secondstory new", error)) from None
    return Session(
        incident=incident,
        agenda=load_agenda(agenda),
        meeting=Meeting(scheduled_at=scheduled_at),
    )


def create_session_file(folder: Path, session: Session) -> Path:
    """Write a new session as `ID.toml`; refuses to overwrite an existing file."""
    path = folder / f"{session.incident.id}.toml"
    if path.exists():
        raise UserError(f"{path}: already exists; open it, or pick another incident id")
    save_session(session, path)
    return path


def resolve_session_path(arg: str, folder: Path) -> Path:
    """A path as given, or an incident id looked up in the sessions folder."""
    path = Path(arg)
    if path.exists() or path.suffix == ".toml" or "/" in arg:
        return path
    candidate = folder / f"{arg}.toml"
    if candidate.exists():
        return candidate
    raise UserError(f"{arg}: no such file, and no {candidate}")
