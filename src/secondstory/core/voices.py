"""Voices: who has spoken in the current phase, so the facilitator can go round the room.

Marks live in `Phase.spoken` (names), so each phase starts with nobody heard. Observers
(executives, stakeholders) listen and are never counted as not heard; the facilitator is left
out of "not heard yet" too unless asked, since they speak all the time anyway.
"""

from __future__ import annotations

from secondstory.core.errors import UserError
from secondstory.core.model import Person, Phase, Session


def _phase(session: Session, phase_index: int | None) -> Phase:
    phases = session.agenda.phases
    if not phases:
        raise UserError("agenda: no phases, so nobody can be marked as heard")
    index = min(session.agenda.current, len(phases) - 1) if phase_index is None else phase_index
    if not 0 <= index < len(phases):
        raise UserError(f"agenda: no phase {index + 1}")
    return phases[index]


def _person(session: Session, name: str) -> Person:
    wanted = name.strip().casefold()
    for person in session.people:
        if person.name.casefold() == wanted:
            return person
    raise UserError(f"attendee {name.strip()!r}: not in the attendee list")


def speakers(session: Session, *, include_facilitator: bool = True) -> list[Person]:
    """Attendees expected to speak (observers left out)."""
    return [
        p for p in session.people if not p.observer and (include_facilitator or not p.facilitator)
    ]


def observers(session: Session) -> list[Person]:
    return [p for p in session.people if p.observer]


def has_spoken(session: Session, name: str, phase_index: int | None = None) -> bool:
    return _person(session, name).name in _phase(session, phase_index).spoken


def set_spoken(
    session: Session, name: str, spoken: bool = True, phase_index: int | None = None
) -> None:
    """Mark (or unmark) an attendee as heard in a phase (the current one by default)."""
    person = _person(session, name)
    phase = _phase(session, phase_index)
    if spoken and person.name not in phase.spoken:
        phase.spoken.append(person.name)
    elif not spoken and person.name in phase.spoken:
        phase.spoken.remove(person.name)


def toggle_spoken(session: Session, name: str, phase_index: int | None = None) -> bool:
    """Flip the mark; returns whether the attendee now counts as heard."""
    now = not has_spoken(session, name, phase_index)
    set_spoken(session, name, now, phase_index)
    return now


def not_heard(
    session: Session, phase_index: int | None = None, *, include_facilitator: bool = False
) -> list[str]:
    """Attendees (not observers) not yet heard in the phase, in attendee-list order."""
    heard = set(_phase(session, phase_index).spoken)
    return [
        p.name
        for p in speakers(session, include_facilitator=include_facilitator)
        if p.name not in heard
    ]


def reset_spoken(session: Session, phase_index: int | None = None) -> None:
    _phase(session, phase_index).spoken.clear()
