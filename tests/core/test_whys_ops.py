"""Five whys chains: steps, categories, contributing factors, close and reopen."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from secondstory.core import whys_ops as ops
from secondstory.core.errors import UserError
from secondstory.core.model import CAUSE_CATEGORIES, Incident, Session, TimelineEvent


def session() -> Session:
    return Session(
        incident=Incident(id="INC-1", title="t"),
        timeline=[TimelineEvent(id="E-1", at=datetime(2026, 3, 22, 14, tzinfo=UTC), text="x")],
    )


def test_chains_get_ids_and_need_a_problem() -> None:
    s = session()
    first = ops.add_chain(s, " Checkout returned 500s ", category="Testing")
    second = ops.add_chain(s, "Alert came late")
    assert (first.id, second.id) == ("W-1", "W-2")
    assert first.problem == "Checkout returned 500s" and first.category == "testing"
    with pytest.raises(UserError, match="expected a problem statement"):
        ops.add_chain(s, "  ")
    ops.edit_problem(s, "W-2", "Alert fired 9 minutes late")
    assert s.five_whys[1].problem == "Alert fired 9 minutes late"
    with pytest.raises(UserError, match="W-7: no such five-whys chain"):
        ops.edit_problem(s, "W-7", "x")


def test_steps_add_edit_link_delete() -> None:
    s = session()
    ops.add_chain(s, "p")
    assert ops.add_step(s, "W-1", question="Why?", answer="pool exhausted") == 0
    assert ops.add_step(s, "W-1", answer="no load test", event_id="E-1") == 1
    assert ops.add_step(s, "W-1", answer="first", index=0) == 0
    chain = s.five_whys[0]
    assert [st.answer for st in chain.steps] == ["first", "pool exhausted", "no load test"]
    ops.edit_step(s, "W-1", 1, answer=" pool ran out ")
    assert chain.steps[1].answer == "pool ran out"
    ops.link_step_event(s, "W-1", 1, "E-1")
    assert chain.steps[1].event_id == "E-1"
    with pytest.raises(UserError, match="E-9: no such timeline event"):
        ops.link_step_event(s, "W-1", 1, "E-9")
    with pytest.raises(UserError, match="no step 9"):
        ops.edit_step(s, "W-1", 8, answer="x")
    assert ops.delete_step(s, "W-1", 0).answer == "first"
    assert ops.last_answer(chain) == "no load test"


def test_categories() -> None:
    s = session()
    ops.add_chain(s, "p")
    assert ops.set_category(s, "W-1", "MONITORING") == "monitoring and alerting"
    assert ops.set_category(s, "W-1", "  Cache   Invalidation ") == "cache invalidation"
    assert ops.categories_in_use(s) == [*CAUSE_CATEGORIES, "cache invalidation"]
    assert ops.set_category(s, "W-1", "") == ""
    with pytest.raises(UserError, match="expected a short name"):
        ops.set_category(s, "W-1", "x" * 41)


def test_contributing_factor_follows_the_step() -> None:
    s = session()
    ops.add_chain(s, "p", category="testing")
    ops.add_step(s, "W-1", answer="no load test in CI", event_id="E-1")
    factor = ops.set_contributing(s, "W-1", 0, True)
    assert factor is not None
    assert (factor.id, factor.text, factor.chain_id, factor.event_id, factor.category) == (
        "CF-1",
        "no load test in CI",
        "W-1",
        "E-1",
        "testing",
    )
    assert s.five_whys[0].steps[0].contributing
    # Marking again does not duplicate; editing the answer and category updates the factor.
    assert ops.set_contributing(s, "W-1", 0, True) is factor
    ops.edit_step(s, "W-1", 0, answer="no pool load test in CI")
    ops.set_category(s, "W-1", "deployment")
    assert (factor.text, factor.category) == ("no pool load test in CI", "deployment")
    with pytest.raises(UserError, match="needs an answer"):
        ops.edit_step(s, "W-1", 0, answer="")
    assert ops.toggle_contributing(s, "W-1", 0) is None
    assert s.contributing_factors == [] and not s.five_whys[0].steps[0].contributing


def test_contributing_needs_an_answer() -> None:
    s = session()
    ops.add_chain(s, "p")
    ops.add_step(s, "W-1", question="Why?")
    with pytest.raises(UserError, match="type the answer"):
        ops.set_contributing(s, "W-1", 0, True)


def test_deleting_a_marked_step_or_chain_removes_its_factors() -> None:
    s = session()
    ops.add_chain(s, "p")
    ops.add_step(s, "W-1", answer="a")
    ops.add_step(s, "W-1", answer="b")
    ops.set_contributing(s, "W-1", 0, True)
    ops.set_contributing(s, "W-1", 1, True)
    ops.delete_step(s, "W-1", 0)
    assert [f.text for f in s.contributing_factors] == ["b"]
    ops.add_chain(s, "q")
    ops.add_step(s, "W-2", answer="c")
    ops.set_contributing(s, "W-2", 0, True)
    ops.delete_chain(s, "W-1")
    assert [f.chain_id for f in s.contributing_factors] == ["W-2"]


def test_close_and_reopen() -> None:
    s = session()
    ops.add_chain(s, "p")
    with pytest.raises(UserError, match="at least one answer"):
        ops.close_chain(s, "W-1")
    ops.add_step(s, "W-1", answer="load testing not in the pipeline")
    ops.close_chain(s, "W-1")
    assert s.five_whys[0].closed
    ops.reopen_chain(s, "W-1")
    assert not s.five_whys[0].closed


def test_moving_a_step_swaps_it_with_its_neighbour_and_keeps_its_factor() -> None:
    s = session()
    ops.add_chain(s, "p", category="capacity")
    for answer in ("a", "b", "c"):
        ops.add_step(s, "W-1", answer=answer)
    factor = ops.set_contributing(s, "W-1", 2, True)
    chain = s.five_whys[0]
    assert ops.move_step(s, "W-1", 2, -1) == 1
    assert [st.answer for st in chain.steps] == ["a", "c", "b"]
    assert ops.move_step(s, "W-1", 1, -1) == 0
    assert ops.move_step(s, "W-1", 0, -1) == 0  # already first: nothing moves
    assert ops.move_step(s, "W-1", 2, 1) == 2  # already last
    assert [st.answer for st in chain.steps] == ["c", "a", "b"]
    # The factor is linked by chain and answer, so it still belongs to the moved step ...
    assert chain.steps[0].contributing
    assert s.contributing_factors == [factor]
    # ... and unmarking the step in its new place still removes it.
    ops.set_contributing(s, "W-1", 0, False)
    assert s.contributing_factors == []
    with pytest.raises(UserError, match="no step 4"):
        ops.move_step(s, "W-1", 3, 1)
    with pytest.raises(UserError, match="W-9: no such five-whys chain"):
        ops.move_step(s, "W-9", 0, 1)
