"""The attendee list: typed lines, unique names, marks that follow renames and removals."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secondstory.core.agendas import load_agenda
from secondstory.core.errors import UserError
from secondstory.core.model import Incident, Person, Session
from secondstory.core.people_ops import (
    add_person,
    edit_person,
    parse_person,
    person_line,
    remove_person,
    toggle_flag,
)
from secondstory.core.storage import dumps_session, loads_session


def session() -> Session:
    made = Session(
        incident=Incident(id="INC-1", title="t"),
        agenda=load_agenda("sync-90"),
        people=[Person(name="Priya Raman", role="On-call SRE"), Person(name="Dana")],
    )
    made.agenda.phases[0].spoken = ["Priya Raman", "Dana"]
    made.agenda.phases[1].spoken = ["Dana"]
    return made


def test_a_typed_line_gives_name_role_team_and_zone() -> None:
    s = session()
    person = add_person(s, " Sam Okafor , Incident commander, Payments , Europe/Berlin ")
    assert (person.name, person.role, person.team, person.timezone) == (
        "Sam Okafor",
        "Incident commander",
        "Payments",
        "Europe/Berlin",
    )
    assert s.people[-1] is person
    assert add_person(s, "Alex").role == ""


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "name: empty"),
        (" , SRE", "name: empty"),
        ("priya raman, SRE", "'priya raman' is already in the attendee list"),
        ("Sam, SRE, Payments, Mars/Olympus", "time zone 'Mars/Olympus': expected UTC"),
        ("Sam, SRE, Payments, ../etc/passwd", "time zone '../etc/passwd'"),
        ("a, b, c, UTC, e", "at most four parts"),
        ("x" * 81, "name: 81 characters; at most 80"),
    ],
)
def test_bad_lines_are_refused_and_change_nothing(typed: str, message: str) -> None:
    s = session()
    before = dumps_session(s)
    with pytest.raises(UserError) as error:
        add_person(s, typed)
    assert message in str(error.value)
    assert dumps_session(s) == before


def test_a_rename_carries_the_heard_marks() -> None:
    s = session()
    edit_person(s, 1, "Dana Whitfield, Database engineer")
    assert s.people[1].name == "Dana Whitfield"
    assert s.people[1].role == "Database engineer"
    assert s.agenda.phases[0].spoken == ["Priya Raman", "Dana Whitfield"]
    assert s.agenda.phases[1].spoken == ["Dana Whitfield"]
    # Keeping one's own name (in another case) is not a clash with oneself.
    edit_person(s, 1, "dana whitfield")
    assert s.people[1].name == "dana whitfield"
    with pytest.raises(UserError, match="already in the attendee list"):
        edit_person(s, 1, "Priya Raman")


def test_flags_survive_an_edit() -> None:
    s = session()
    assert toggle_flag(s, 0, "facilitator") is True
    edit_person(s, 0, "Priya Raman, Facilitator")
    assert s.people[0].facilitator is True
    assert toggle_flag(s, 0, "facilitator") is False


def test_removing_someone_takes_them_off_every_phase() -> None:
    s = session()
    gone = remove_person(s, 1)
    assert gone.name == "Dana"
    assert [p.name for p in s.people] == ["Priya Raman"]
    assert s.agenda.phases[0].spoken == ["Priya Raman"]
    assert s.agenda.phases[1].spoken == []
    with pytest.raises(UserError, match="attendee 5: there are 1"):
        remove_person(s, 4)


def test_an_observer_is_not_marked_heard() -> None:
    s = session()
    assert toggle_flag(s, 1, "observer") is True
    assert all("Dana" not in phase.spoken for phase in s.agenda.phases)
    assert toggle_flag(s, 1, "involved_in_change") is True
    with pytest.raises(UserError, match="not one of"):
        toggle_flag(s, 1, "name")


def test_the_session_still_loads_after_any_change() -> None:
    s = session()
    add_person(s, "Sam, SRE, Payments, UTC")
    toggle_flag(s, 2, "observer")
    edit_person(s, 0, "Priya, SRE")
    remove_person(s, 1)
    assert loads_session(dumps_session(s)) == s


names = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=","), max_size=30
).filter(lambda n: n.strip() and n == n.strip())


@given(name=names, role=names | st.just(""), team=names | st.just(""))
def test_a_person_typed_back_from_its_line_is_the_same(name: str, role: str, team: str) -> None:
    person = Person(name=name, role=role, team=team)
    line = person_line(person)
    assert parse_person(line)[:3] == (name, role, team)
    s = Session(incident=Incident(id="INC-1", title="t"), agenda=load_agenda("sync-90"))
    again = add_person(s, line)
    assert (again.name, again.role, again.team) == (name, role, team)
