"""The parking lot: park with time and phase, promote to an action, renumber on removal."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from secondstory.core import parking_lot as lot
from secondstory.core.agendas import load_agenda
from secondstory.core.errors import UserError
from secondstory.core.model import Incident, Session

NOW = datetime(2026, 3, 25, 15, 12, tzinfo=UTC)


def session() -> Session:
    s = Session(incident=Incident(id="INC-1", title="t"), agenda=load_agenda("sync-90"))
    s.agenda.current = 1
    return s


def test_park_records_time_and_phase() -> None:
    s = session()
    assert lot.park(s, " Should we move off the old pooler? ", NOW) == 1
    item = s.parking_lot[0]
    assert (item.at, item.text, item.phase) == (
        NOW,
        "Should we move off the old pooler?",
        "timeline",
    )
    with pytest.raises(UserError, match="expected some text"):
        lot.park(s, " ", NOW)


def test_park_without_an_agenda() -> None:
    s = Session(incident=Incident(id="INC-1", title="t"))
    lot.park(s, "x", NOW)
    assert s.parking_lot[0].phase == ""


def test_promote_links_both_ways() -> None:
    s = session()
    lot.park(s, "a", NOW)
    lot.park(s, "b", NOW)
    action = lot.promote_parked(s, 2, owner="Platform", priority="P1")
    assert (action.origin, action.owner, action.priority) == ("parked:2", "Platform", "P1")
    assert s.parking_lot[1].promoted_to == f"action:{action.id}"
    assert [n for n, _ in lot.open_items(s)] == [1]
    with pytest.raises(UserError, match="already promoted"):
        lot.promote_parked(s, 2)
    with pytest.raises(UserError, match="no item 3"):
        lot.promote_parked(s, 3)


def test_remove_renumbers_origins() -> None:
    s = session()
    for text in "abc":
        lot.park(s, text, NOW)
    later = lot.promote_parked(s, 3)
    first = lot.promote_parked(s, 1)
    lot.remove_parked(s, 2)
    assert later.origin == "parked:2" and s.parking_lot[1].text == "c"
    lot.remove_parked(s, 1)
    assert first.origin == "parked"
    assert later.origin == "parked:1"


def test_edit() -> None:
    s = session()
    lot.park(s, "a", NOW)
    lot.edit_parked(s, 1, "b")
    assert s.parking_lot[0].text == "b"
    with pytest.raises(UserError):
        lot.edit_parked(s, 1, "")
