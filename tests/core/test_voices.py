"""Voices: who has been heard in the current phase; observers listen."""

from __future__ import annotations

import pytest

from secondstory.core import voices
from secondstory.core.agendas import load_agenda
from secondstory.core.errors import UserError
from secondstory.core.model import Incident, Person, Session


def session() -> Session:
    return Session(
        incident=Incident(id="INC-1", title="t"),
        agenda=load_agenda("sync-90"),
        people=[
            Person(name="Dana", facilitator=True),
            Person(name="Ana"),
            Person(name="Bo"),
            Person(name="Exec", observer=True),
        ],
    )


def test_not_heard_leaves_out_observers_and_facilitator() -> None:
    s = session()
    assert voices.not_heard(s) == ["Ana", "Bo"]
    assert voices.not_heard(s, include_facilitator=True) == ["Dana", "Ana", "Bo"]
    assert [p.name for p in voices.observers(s)] == ["Exec"]
    assert [p.name for p in voices.speakers(s)] == ["Dana", "Ana", "Bo"]


def test_marks_are_per_phase() -> None:
    s = session()
    assert voices.toggle_spoken(s, "ana") is True  # any case
    assert voices.not_heard(s) == ["Bo"]
    assert s.agenda.phases[0].spoken == ["Ana"]
    s.agenda.current = 1
    assert voices.not_heard(s) == ["Ana", "Bo"]
    assert voices.has_spoken(s, "Ana", phase_index=0)
    voices.set_spoken(s, "Bo")
    voices.set_spoken(s, "Bo")  # idempotent
    assert s.agenda.phases[1].spoken == ["Bo"]
    assert voices.toggle_spoken(s, "Bo") is False
    voices.set_spoken(s, "Ana", phase_index=1)
    voices.reset_spoken(s)
    assert s.agenda.phases[1].spoken == []


def test_errors() -> None:
    s = session()
    with pytest.raises(UserError, match="'Zed': not in the attendee list"):
        voices.toggle_spoken(s, "Zed")
    with pytest.raises(UserError, match="no phase 10"):
        voices.not_heard(s, phase_index=9)
    s.agenda.phases.clear()
    with pytest.raises(UserError, match="no phases"):
        voices.not_heard(s)
