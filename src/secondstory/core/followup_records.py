"""Plain records of what follow-up reads from a session, built without pydantic.

`actions` and `metrics` read every session file in the folder; importing pydantic and building
the session model costs about a quarter of a second before the first file is read, and
validating each file through it costs more. These records hold the incident, meeting, closing
and action items as frozen dataclasses with the model's field names and defaults, so code that
reads `summary.incident.id` or `item.action.deadline` works on either.

`*_from_data` build them from parsed TOML when every value is plainly what the model accepts:
exactly the expected Python type, a known literal, an aware date-time, a number within its
bounds. Anything else (a coercion pydantic would make, a value it would reject, an unknown key)
raises `NotPlain`, and the caller validates the whole file with the model instead, so every
result and every error message is the model's. Being narrow is what keeps that promise:
whatever is accepted here, the model accepts unchanged. The constants below mirror
`core.model`; tests/core/test_followup_records.py checks that they still do.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from secondstory.core.model import ActionItem, Closing, Incident, Meeting, StatusChange

SCHEMA_VERSION = 1
SESSION_FIELDS = frozenset(
    {
        "schema_version",
        "incident",
        "meeting",
        "people",
        "agenda",
        "timeline",
        "findings",
        "five_whys",
        "contributing_factors",
        "actions",
        "went_well",
        "could_be_better",
        "lucky",
        "lessons",
        "appreciations",
        "parking_lot",
        "prep",
        "language",
        "closing",
        "drafts",
    }
)
SEVERITIES = ("SEV1", "SEV2", "SEV3", "SEV4")
STATUSES = ("Draft", "In review", "Reviewed", "Closed")
PRIORITIES = ("P0", "P1", "P2", "P3")
ACTION_STATUSES: tuple[Literal["open", "in-progress", "done", "wont-do"], ...] = (
    "open",
    "in-progress",
    "done",
    "wont-do",
)
ACTION_TERMS = ("short", "long")
ACTION_TYPES = ("prevent", "detect", "mitigate", "process")
_INCIDENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_MAX_INT = 2**63  # pydantic reads larger integers too, but nothing here needs them


class NotPlain(Exception):
    """The data is not plainly valid: validate it with the model to get its result or error."""


@dataclass(frozen=True, slots=True)
class IncidentInfo:
    id: str
    title: str
    severity: str = "SEV2"
    status: str = "Draft"
    timezone: str = "UTC"
    summary: str = ""
    started_at: datetime | None = None
    detected_at: datetime | None = None
    acknowledged_at: datetime | None = None
    mitigated_at: datetime | None = None
    resolved_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class MeetingInfo:
    scheduled_at: datetime | None = None
    location: str = ""
    document_url: str = ""


@dataclass(frozen=True, slots=True)
class ClosingInfo:
    statement: str = ""
    closed_at: datetime | None = None
    risk_accepted: str = ""
    extension_reason: str = ""


@dataclass(frozen=True, slots=True)
class StatusChangeInfo:
    at: datetime
    status: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class ActionInfo:
    id: str
    title: str
    owner: str = ""
    priority: str = "P2"
    deadline: date | None = None
    success_criteria: str = ""
    term: str = "short"
    type: str = "prevent"
    status: str = "open"
    origin: str = ""
    description: str = ""
    tracker_url: str = ""
    history: tuple[StatusChangeInfo, ...] = ()


# ---- from parsed TOML ------------------------------------------------------------------------

_AWARE = "aware"
_LITERALS: dict[str, tuple[str, ...]] = {}


def _literal(name: str, values: tuple[str, ...]) -> str:
    _LITERALS[name] = values
    return name


# Per model: field -> expected type, `_AWARE` (a date-time with a UTC offset) or a literal name.
_INCIDENT: dict[str, Any] = {
    "id": "incident_id",
    "title": str,
    "severity": _literal("severity", SEVERITIES),
    "status": _literal("status", STATUSES),
    "timezone": str,
    "summary": str,
    "started_at": _AWARE,
    "detected_at": _AWARE,
    "acknowledged_at": _AWARE,
    "mitigated_at": _AWARE,
    "resolved_at": _AWARE,
    "impact": dict,
    "links": list,
}
_IMPACT: dict[str, Any] = {
    "users_affected": int,
    "users_affected_percent": float,
    "revenue": float,
    "currency": str,
    "customer_summary": str,
}
_MEETING: dict[str, Any] = {"scheduled_at": _AWARE, "location": str, "document_url": str}
_CLOSING: dict[str, Any] = {
    "statement": str,
    "closed_at": _AWARE,
    "risk_accepted": str,
    "extension_reason": str,
}
_ACTION: dict[str, Any] = {
    "id": str,
    "title": str,
    "owner": str,
    "priority": _literal("priority", PRIORITIES),
    "deadline": date,
    "success_criteria": str,
    "term": _literal("term", ACTION_TERMS),
    "type": _literal("type", ACTION_TYPES),
    "status": _literal("action_status", ACTION_STATUSES),
    "origin": str,
    "description": str,
    "tracker_url": str,
    "history": list,
}
_CHANGE: dict[str, Any] = {
    "at": _AWARE,
    "status": "action_status",
    "note": str,
}
_INTERVAL: dict[str, Any] = {"start": _AWARE, "end": _AWARE}


def _check(data: Any, fields: dict[str, Any], required: tuple[str, ...]) -> dict[str, Any]:
    if type(data) is not dict:
        raise NotPlain
    for key, value in data.items():
        want = fields.get(key)
        if want is None:
            raise NotPlain  # unknown field
        if type(want) is type:
            if type(value) is not want:
                raise NotPlain
        elif want is _AWARE:
            if type(value) is not datetime or value.tzinfo is None or value.utcoffset() is None:
                raise NotPlain
        elif want == "incident_id":
            if type(value) is not str or _INCIDENT_ID.fullmatch(value) is None:
                raise NotPlain
        elif type(value) is not str or value not in _LITERALS[want]:
            raise NotPlain
    for key in required:
        if key not in data:
            raise NotPlain
    return data


def _check_impact(data: Any) -> None:
    _check(data, _IMPACT, ())
    users = data.get("users_affected")
    if users is not None and not 0 <= users < _MAX_INT:
        raise NotPlain
    percent = data.get("users_affected_percent")
    if percent is not None and not (math.isfinite(percent) and 0 <= percent <= 100):
        raise NotPlain
    revenue = data.get("revenue")
    if revenue is not None and not (math.isfinite(revenue) and revenue >= 0):
        raise NotPlain


def incident_from_data(data: Any) -> IncidentInfo:
    _check(data, _INCIDENT, ("id", "title"))
    if "impact" in data:
        _check_impact(data["impact"])
    links = data.get("links")
    if links is not None and any(type(link) is not str for link in links):
        raise NotPlain
    return IncidentInfo(
        data["id"],
        data["title"],
        data.get("severity", "SEV2"),
        data.get("status", "Draft"),
        data.get("timezone", "UTC"),
        data.get("summary", ""),
        data.get("started_at"),
        data.get("detected_at"),
        data.get("acknowledged_at"),
        data.get("mitigated_at"),
        data.get("resolved_at"),
    )


def meeting_from_data(data: Any) -> MeetingInfo:
    _check(data, _MEETING, ())
    return MeetingInfo(
        data.get("scheduled_at"), data.get("location", ""), data.get("document_url", "")
    )


def closing_from_data(data: Any) -> ClosingInfo:
    _check(data, _CLOSING, ())
    return ClosingInfo(
        data.get("statement", ""),
        data.get("closed_at"),
        data.get("risk_accepted", ""),
        data.get("extension_reason", ""),
    )


def _change_from_data(data: Any) -> StatusChangeInfo:
    _check(data, _CHANGE, ("at", "status"))
    return StatusChangeInfo(data["at"], data["status"], data.get("note", ""))


def action_from_data(data: Any) -> ActionInfo:
    _check(data, _ACTION, ("id", "title"))
    history = data.get("history")
    return ActionInfo(
        data["id"],
        data["title"],
        data.get("owner", ""),
        data.get("priority", "P2"),
        data.get("deadline"),
        data.get("success_criteria", ""),
        data.get("term", "short"),
        data.get("type", "prevent"),
        data.get("status", "open"),
        data.get("origin", ""),
        data.get("description", ""),
        data.get("tracker_url", ""),
        tuple(_change_from_data(c) for c in history) if history else (),
    )


def interval_start(data: Any) -> datetime:
    """The start of one phase clock interval (`Interval` in the model), checked as it is."""
    _check(data, _INTERVAL, ("start",))
    start: datetime = data["start"]
    return start


# ---- from the model --------------------------------------------------------------------------


def incident_from_model(incident: Incident) -> IncidentInfo:
    return IncidentInfo(
        incident.id,
        incident.title,
        incident.severity,
        incident.status,
        incident.timezone,
        incident.summary,
        incident.started_at,
        incident.detected_at,
        incident.acknowledged_at,
        incident.mitigated_at,
        incident.resolved_at,
    )


def meeting_from_model(meeting: Meeting) -> MeetingInfo:
    return MeetingInfo(meeting.scheduled_at, meeting.location, meeting.document_url)


def closing_from_model(closing: Closing) -> ClosingInfo:
    return ClosingInfo(
        closing.statement, closing.closed_at, closing.risk_accepted, closing.extension_reason
    )


def _change_from_model(change: StatusChange) -> StatusChangeInfo:
    return StatusChangeInfo(change.at, change.status, change.note)


def action_from_model(action: ActionItem) -> ActionInfo:
    return ActionInfo(
        action.id,
        action.title,
        action.owner,
        action.priority,
        action.deadline,
        action.success_criteria,
        action.term,
        action.type,
        action.status,
        action.origin,
        action.description,
        action.tracker_url,
        tuple(_change_from_model(c) for c in action.history),
    )
