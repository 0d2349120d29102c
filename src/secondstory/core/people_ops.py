"""The attendee list: add, change and remove people, and flip their roles in the room.

A person is typed as one line, `name, role, team, time zone`, all but the name optional, so
the facilitator can fill the list while people join. Names are how the rest of the session
refers to people (who has been heard in each phase, the language coach's roster), so names
must be unique, and renaming or removing someone updates those marks too.
"""

from __future__ import annotations

from secondstory.core.errors import UserError
from secondstory.core.model import Person, Session

MAX_NAME = 80
MAX_FIELD = 120
FLAGS = {
    "facilitator": "facilitator",
    "observer": "observer",
    "involved_in_change": "involved in the change",
}
"""The yes/no fields of a person, with the words the app uses for them."""


def parse_person(typed: str) -> tuple[str, str, str, str]:
    """`(name, role, team, time zone)` from `name, role, team, time zone`."""
    parts = [part.strip() for part in typed.split(",")]
    if len(parts) > 4:
        raise UserError(
            f"{typed.strip()!r}: at most four parts, separated by commas: "
            "name, role, team, time zone"
        )
    name, role, team, zone = (parts + ["", "", ""])[:4]
    return name, role, team, zone


def check_zone(zone: str) -> str:
    """`zone` if it names a time zone (UTC, or a name such as Europe/Berlin)."""
    if not zone:
        return ""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError(
            f"time zone {zone!r}: expected UTC or a zone name such as Europe/Berlin"
        ) from None
    return zone


def _checked(session: Session, typed: str, skip: int | None) -> Person:
    name, role, team, zone = parse_person(typed)
    if not name:
        raise UserError("name: empty; type at least a name (then, optionally, role, team, zone)")
    if len(name) > MAX_NAME:
        raise UserError(f"name: {len(name)} characters; at most {MAX_NAME}")
    for label, text in (("role", role), ("team", team)):
        if len(text) > MAX_FIELD:
            raise UserError(f"{label}: {len(text)} characters; at most {MAX_FIELD}")
    for index, other in enumerate(session.people):
        if index != skip and other.name.casefold() == name.casefold():
            raise UserError(f"{name!r} is already in the attendee list")
    return Person(name=name, role=role, team=team, timezone=check_zone(zone))


def add_person(session: Session, typed: str) -> Person:
    """Add the person typed as `name, role, team, time zone`; UserError changes nothing."""
    person = _checked(session, typed, None)
    session.people.append(person)
    return person


def person_line(person: Person) -> str:
    """The person as typed, for editing: `name, role, team, time zone` without empty tails."""
    parts = [person.name, person.role, person.team, person.timezone]
    while len(parts) > 1 and not parts[-1]:
        parts.pop()
    return ", ".join(parts)


def edit_person(session: Session, index: int, typed: str) -> Person:
    """Replace person `index`'s name, role, team and zone (flags stay); a new name is
    carried into the phases' heard marks."""
    old = _person(session, index)
    new = _checked(session, typed, index)
    if new.name != old.name:
        for phase in session.agenda.phases:
            phase.spoken = [new.name if n == old.name else n for n in phase.spoken]
    old.name, old.role, old.team, old.timezone = new.name, new.role, new.team, new.timezone
    return old


def remove_person(session: Session, index: int) -> Person:
    """Take person `index` off the list, and off every phase's heard marks."""
    person = _person(session, index)
    del session.people[index]
    for phase in session.agenda.phases:
        phase.spoken = [n for n in phase.spoken if n != person.name]
    return person


def toggle_flag(session: Session, index: int, flag: str) -> bool:
    """Flip one of `FLAGS` for person `index`; its new value."""
    if flag not in FLAGS:
        raise UserError(f"{flag!r}: not one of {', '.join(FLAGS)}")
    person = _person(session, index)
    value = not getattr(person, flag)
    setattr(person, flag, value)
    if flag == "observer" and value:
        # Observers listen: they are never asked for, so they are not marked heard either.
        for phase in session.agenda.phases:
            phase.spoken = [n for n in phase.spoken if n != person.name]
    return value


def _person(session: Session, index: int) -> Person:
    if not 0 <= index < len(session.people):
        raise UserError(f"attendee {index + 1}: there are {len(session.people)}")
    return session.people[index]
