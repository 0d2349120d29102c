"""The action item quality checks: each rule of thumb, ok and warning."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from secondstory.core.action_checks import (
    RULES,
    check_actions,
    check_session_actions,
    checks_for_item,
    criterion_problem,
    vague_question,
)
from secondstory.core.checks import Check, passing, warnings
from secondstory.core.model import ActionItem, Incident, Meeting, Session

MEETING = date(2026, 3, 25)


def item(n: int, **fields: object) -> ActionItem:
    base: dict[str, object] = {
        "id": f"A-{n}",
        "title": f"Add connection pool alert number {n}",
        "owner": "Backend",
        "priority": "P2",
        "deadline": MEETING + timedelta(days=7),
        "success_criteria": "Alert fires when pool use > 90%",
        "term": "short",
    }
    base.update(fields)
    return ActionItem.model_validate(base)


def healthy() -> list[ActionItem]:
    return [
        item(1, priority="P0"),
        item(2),
        item(3, term="long", deadline=MEETING + timedelta(days=28)),
    ]


def by_rule(checks: list[Check], rule: str) -> list[Check]:
    return [c for c in checks if c.rule == rule]


def test_healthy_list_passes_every_rule_in_order() -> None:
    checks = check_actions(healthy(), meeting_date=MEETING)
    assert passing(checks)
    assert [c.rule for c in checks] == list(RULES)
    assert all(c.item_id is None for c in checks)


@pytest.mark.parametrize(
    ("count", "level", "fragment"),
    [
        (0, "warning", "no action items"),
        (1, "warning", "only 1 action item:"),
        (2, "warning", "only 2 action items"),
        (3, "ok", "3 action items"),
        (7, "ok", "7 action items"),
        (8, "warning", "8 action items: more than 7"),
    ],
)
def test_count_rule(count: int, level: str, fragment: str) -> None:
    items = [item(i, priority="P1", term="long" if i == 0 else "short") for i in range(count)]
    (check,) = by_rule(check_actions(items, meeting_date=MEETING), "count")
    assert check.level == level
    assert fragment in check.message
    if level == "warning":
        assert check.question


def test_wont_do_items_are_not_counted() -> None:
    items = healthy() + [item(9, status="wont-do", owner="")]
    checks = check_actions(items, meeting_date=MEETING)
    assert by_rule(checks, "count")[0].message == "3 action items"
    assert passing(checks)


def test_term_mix() -> None:
    only_short = [item(i, priority="P1") for i in range(3)]
    (check,) = by_rule(check_actions(only_short, meeting_date=MEETING), "term-mix")
    assert check.level == "warning" and "no long-term item" in check.message
    only_long = [item(i, priority="P1", term="long") for i in range(3)]
    (check,) = by_rule(check_actions(only_long, meeting_date=MEETING), "term-mix")
    assert "no short-term item" in check.message


def test_priority_needs_p0_p1_or_accepted_risk() -> None:
    low = [item(1), item(2), item(3, term="long")]
    (check,) = by_rule(check_actions(low, meeting_date=MEETING), "priority")
    assert check.level == "warning"
    (check,) = by_rule(
        check_actions(low, meeting_date=MEETING, risk_accepted="SEV4, cache only"), "priority"
    )
    assert check.level == "ok" and "accepted risk" in check.message
    (check,) = by_rule(check_actions(low, meeting_date=MEETING, risk_accepted="  "), "priority")
    assert check.level == "warning"


def test_missing_owner_deadline_criterion_are_reported_per_item() -> None:
    items = healthy() + [item(4, owner=" ", deadline=None, success_criteria="")]
    checks = check_actions(items, meeting_date=MEETING)
    for rule in ("owner", "deadline", "success-criteria"):
        (check,) = by_rule(checks, rule)
        assert check.level == "warning" and check.item_id == "A-4"
    assert {c.rule for c in checks_for_item(checks, "A-4")} == {
        "owner",
        "deadline",
        "success-criteria",
    }
    assert checks_for_item(checks, "A-1") == []


def test_deadline_beyond_30_days() -> None:
    items = healthy() + [
        item(4, deadline=MEETING + timedelta(days=30)),
        item(5, deadline=MEETING + timedelta(days=31)),
    ]
    late = by_rule(check_actions(items, meeting_date=MEETING), "deadline-30-days")
    assert [(c.level, c.item_id) for c in late] == [("warning", "A-5")]
    assert "31 days after the meeting" in late[0].message


def test_thirty_day_rule_waits_without_a_meeting_date() -> None:
    items = [*healthy(), item(4, deadline=MEETING + timedelta(days=90))]
    (check,) = by_rule(check_actions(items, meeting_date=None), "deadline-30-days")
    assert check.level == "ok" and "no meeting date" in check.message


@pytest.mark.parametrize(
    "title",
    [
        "Improve monitoring",
        "Better alerting",
        "Look into the pool settings",
        "Investigate the flaky deploy",
        "Be more careful when deploying",
        "Make the ops team smarter",
        "Retrain on-call engineers",
        "Double-check config changes",
        "Ensure quality",
        "Improve test coverage",
        "fix it",
    ],
)
def test_vague_actions_get_a_question(title: str) -> None:
    question = vague_question(title)
    assert question is not None and question.endswith("?")
    items = healthy() + [item(4, title=title)]
    vague = by_rule(check_actions(items, meeting_date=MEETING), "vague-action")
    assert [(c.level, c.item_id) for c in vague] == [("warning", "A-4")]
    assert vague[0].question == question


@pytest.mark.parametrize(
    "title",
    [
        "Add connection pool load testing to CI",
        "Monitor connection pool exhaustion",
        "Document safe deployment windows",
        "Post-deploy health check for endpoints",
        "Add more alerts when pool use > 90%",
        "Improve test coverage of the pool module to 80%",
        "Ensure deploys are blocked when the load test fails",
    ],
)
def test_specific_actions_pass(title: str) -> None:
    assert vague_question(title) is None


def test_empty_title_is_flagged() -> None:
    items = healthy() + [item(4, title="")]
    vague = by_rule(check_actions(items, meeting_date=MEETING), "vague-action")
    assert vague[0].message == "A-4 has no action"


@pytest.mark.parametrize(
    ("criterion", "ok"),
    [
        ("", False),
        ("it works", False),
        ("Works.", False),
        ("done", False),
        ("better", False),
        ("faster", False),
        ("no more issues", False),
        ("Alert fires if pool > 90%", True),
        ("Catches similar issues before deploy", True),
        ("Runs automated smoke tests", True),
        ("Team follows documented schedule", True),
        ("p99 latency under 300 ms", True),
        ("Everyone on the rota has done the failover drill once", True),
    ],
)
def test_measurable_success_criteria(criterion: str, ok: bool) -> None:
    assert (criterion_problem(criterion) is None) is ok


def test_session_wrapper_uses_meeting_date_then_today() -> None:
    session = Session(incident=Incident(id="INC-1", title="t"))
    session.actions = [*healthy(), item(4, deadline=MEETING + timedelta(days=40))]
    today = MEETING + timedelta(days=20)
    late = by_rule(check_session_actions(session, today), "deadline-30-days")
    assert late[0].level == "ok"  # 20 days after "today"
    session.meeting = Meeting(scheduled_at=datetime(2026, 3, 25, 15, tzinfo=UTC))
    late = by_rule(check_session_actions(session, today), "deadline-30-days")
    assert late[0].level == "warning"
    session.closing.risk_accepted = "noted"
    assert warnings(check_session_actions(session, today)) == late


def test_two_hundred_items_give_one_result_per_failing_item() -> None:
    items = [item(i, owner="" if i % 2 else "Ops") for i in range(200)]
    checks = check_actions(items, meeting_date=MEETING)
    assert len(by_rule(checks, "owner")) == 100
    assert by_rule(checks, "count")[0].level == "warning"
