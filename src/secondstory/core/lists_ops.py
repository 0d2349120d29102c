"""The quick-entry lists (went well, could be better, lucky, lessons) and appreciations."""

from __future__ import annotations

from typing import Literal

from secondstory.core.errors import UserError
from secondstory.core.model import Appreciation, Note, Session

ListName = Literal["went_well", "could_be_better", "lucky", "lessons"]

LISTS: dict[ListName, str] = {
    "went_well": "What went well",
    "could_be_better": "What could be better",
    "lucky": "Where we got lucky",
    "lessons": "Lessons",
}
"""List name (the session field) → its heading, in display order."""


def notes(session: Session, name: ListName) -> list[Note]:
    if name not in LISTS:
        raise UserError(f"list {name!r}: expected one of {', '.join(LISTS)}")
    result: list[Note] = getattr(session, name)
    return result


def _text(text: str, what: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise UserError(f"{what}: expected some text")
    return cleaned


def _check(items: list[Note] | list[Appreciation], index: int, what: str) -> None:
    if not 0 <= index < len(items):
        raise UserError(f"{what}: no entry {index + 1}")


def add_note(
    session: Session, name: ListName, text: str, *, author: str = "", source: str = "meeting"
) -> int:
    """Append a note; returns its index."""
    items = notes(session, name)
    items.append(Note(text=_text(text, LISTS[name]), author=author.strip(), source=source))
    return len(items) - 1


def edit_note(session: Session, name: ListName, index: int, text: str) -> None:
    items = notes(session, name)
    _check(items, index, LISTS[name])
    items[index].text = _text(text, LISTS[name])


def remove_note(session: Session, name: ListName, index: int) -> Note:
    items = notes(session, name)
    _check(items, index, LISTS[name])
    return items.pop(index)


def move_note(session: Session, name: ListName, index: int, direction: Literal[-1, 1]) -> int:
    """Swap a note with its neighbour; returns its new index (unchanged at either end)."""
    items = notes(session, name)
    _check(items, index, LISTS[name])
    target = index + direction
    if not 0 <= target < len(items):
        return index
    items[index], items[target] = items[target], items[index]
    return target


def add_appreciation(session: Session, person: str, text: str) -> int:
    """A specific thank-you: who, and what they did well. Returns its index."""
    session.appreciations.append(
        Appreciation(person=_text(person, "appreciation"), text=_text(text, "appreciation"))
    )
    return len(session.appreciations) - 1


def edit_appreciation(
    session: Session, index: int, *, person: str | None = None, text: str | None = None
) -> None:
    _check(session.appreciations, index, "appreciation")
    item = session.appreciations[index]
    if person is not None:
        item.person = _text(person, "appreciation")
    if text is not None:
        item.text = _text(text, "appreciation")


def remove_appreciation(session: Session, index: int) -> Appreciation:
    _check(session.appreciations, index, "appreciation")
    return session.appreciations.pop(index)
