"""Helpers shared by the import and pre-prep tests: sessions, fixture files, parser contexts."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from secondstory.core.importers.common import Context, ImportOptions, zone_from_name
from secondstory.core.model import Person, Session
from secondstory.core.sessions import new_session

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "imports"


def make_session(started: datetime | None = None, timezone: str = "UTC") -> Session:
    session = new_session("INC-7", "Checkout latency")
    session.incident.timezone = timezone
    session.incident.started_at = started
    session.people = [
        Person(name="Dana Ortiz", role="on-call", team="payments"),
        Person(name="Sam Lee", role="secondary"),
    ]
    return session


def make_ctx(
    label: str = "tl.txt",
    zone: str = "UTC",
    day: date | None = date(2026, 3, 22),
    **options: Any,
) -> Context:
    tz = zone_from_name(zone)
    assert tz is not None
    return Context(label=label, zone=tz, day=day, options=ImportOptions(**options))
