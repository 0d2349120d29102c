"""Quick-entry lists and appreciations."""

from __future__ import annotations

import pytest

from secondstory.core import lists_ops as ops
from secondstory.core.errors import UserError
from secondstory.core.model import Incident, Session


def session() -> Session:
    return Session(incident=Incident(id="INC-1", title="t"))


@pytest.mark.parametrize("name", list(ops.LISTS))
def test_add_edit_move_remove(name: ops.ListName) -> None:
    s = session()
    assert ops.add_note(s, name, " rollback was quick ", author="Ana") == 0
    assert ops.add_note(s, name, "status page updated", source="prep") == 1
    items = ops.notes(s, name)
    assert items is getattr(s, name)
    assert (items[0].text, items[0].author, items[1].source) == (
        "rollback was quick",
        "Ana",
        "prep",
    )
    ops.edit_note(s, name, 1, "status page updated every 10 minutes")
    assert ops.move_note(s, name, 1, -1) == 0
    assert ops.move_note(s, name, 0, -1) == 0
    assert [n.text for n in items] == ["status page updated every 10 minutes", "rollback was quick"]
    assert ops.remove_note(s, name, 0).source == "prep"
    assert len(items) == 1


def test_list_errors() -> None:
    s = session()
    with pytest.raises(UserError, match="What went well: expected some text"):
        ops.add_note(s, "went_well", "  ")
    with pytest.raises(UserError, match="no entry 3"):
        ops.edit_note(s, "lucky", 2, "x")
    with pytest.raises(UserError, match="expected one of went_well"):
        ops.notes(s, "timeline")  # type: ignore[arg-type]


def test_appreciations() -> None:
    s = session()
    assert ops.add_appreciation(s, " John ", "rolled back instead of debugging") == 0
    ops.edit_appreciation(s, 0, text="chose rollback: exactly right with what he knew")
    assert s.appreciations[0].person == "John"
    assert s.appreciations[0].text.startswith("chose rollback")
    with pytest.raises(UserError, match="appreciation: expected some text"):
        ops.add_appreciation(s, "Alice", "")
    assert ops.remove_appreciation(s, 0).person == "John"
    with pytest.raises(UserError, match="no entry 1"):
        ops.remove_appreciation(s, 0)
