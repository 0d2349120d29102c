"""Quality metrics across postmortems: each rule, its edge cases, and the report."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from secondstory.core.followup_load import SessionSummary, summary_from_session
from secondstory.core.metrics import (
    business_days,
    compute_metrics,
    format_metrics,
    metrics_to_dict,
    months_before,
)
from secondstory.core.model import (
    ActionItem,
    ContributingFactor,
    Interval,
    Session,
    StatusChange,
    WhyChain,
)
from secondstory.core.sessions import new_session

TODAY = date(2026, 6, 30)


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def make(
    ident: str,
    *,
    started: date | None = date(2026, 6, 1),
    met: date | None = date(2026, 6, 3),
    severity: str = "SEV2",
    actions: list[ActionItem] | None = None,
    categories: tuple[str, ...] = (),
    factor: str = "",
) -> SessionSummary:
    s: Session = new_session(ident, f"Incident {ident}", severity=severity)  # type: ignore[arg-type]
    if started is not None:
        s.incident.started_at = at(started)
    if met is not None:
        s.agenda.phases[0].actual.append(Interval(start=at(met, 15)))
    s.actions = actions or []
    s.five_whys = [WhyChain(id=f"W-{i}", problem="p", category=c) for i, c in enumerate(categories)]
    if factor:
        s.contributing_factors = [ContributingFactor(id="C-1", text="t", category=factor)]
    return summary_from_session(s, Path(f"{ident}.toml"))


def act(
    ident: str,
    deadline: date | None = None,
    status: str = "open",
    done_on: date | None = None,
    priority: str = "P2",
) -> ActionItem:
    history = []
    if done_on is not None:
        history.append(StatusChange(at=at(done_on), status=status))
    return ActionItem(
        id=ident,
        title=ident,
        deadline=deadline,
        status=status,
        priority=priority,
        history=history,
    )


@given(st.dates(date(2000, 1, 1), date(2040, 1, 1)), st.integers(0, 400))
def test_business_days_match_counting_one_by_one(start: date, span: int) -> None:
    end = start + timedelta(days=span)
    expected = sum(1 for i in range(1, span + 1) if (start + timedelta(days=i)).weekday() < 5)
    assert business_days(start, end) == expected


def test_business_days_examples() -> None:
    friday, monday = date(2026, 3, 20), date(2026, 3, 23)
    assert business_days(friday, monday) == 1
    assert business_days(monday, monday) == 0
    assert business_days(monday, monday + timedelta(days=7)) == 5
    assert business_days(monday, friday) == 0  # end before start


def test_months_before_clamps_to_shorter_months() -> None:
    assert months_before(date(2026, 6, 30), 6) == date(2025, 12, 30)
    assert months_before(date(2026, 8, 31), 6) == date(2026, 2, 28)
    assert months_before(date(2026, 3, 15), 3) == date(2025, 12, 15)


def test_time_to_postmortem_per_incident_and_missing_data() -> None:
    report = compute_metrics(
        [
            make("A", started=date(2026, 6, 5), met=date(2026, 6, 8)),  # Fri -> Mon: 1
            make("B", started=date(2026, 6, 1), met=date(2026, 6, 12)),  # 9 business days
            make("C", started=None),
            make("D", met=None),
            make("E", started=date(2026, 6, 10), met=date(2026, 6, 8)),
        ],
        today=TODAY,
    )
    ttp = report.time_to_postmortem
    assert [(r.incident_id, d) for r, d in ttp.measured] == [("A", 1), ("B", 9)]
    assert [(r.incident_id, why) for r, why in ttp.missing] == [
        ("C", "no incident start time (incident.started_at)"),
        ("D", "not held yet"),
        ("E", "meeting dated before the incident started"),
    ]
    assert ttp.within == 1 and ttp.share == 0.5 and ttp.median == 5 and ttp.met is False


def test_done_on_time_counts() -> None:
    d = date(2026, 6, 10)
    report = compute_metrics(
        [
            make(
                "A",
                actions=[
                    act("on-time", d, "done", done_on=d),
                    act("late", d, "done", done_on=d + timedelta(days=1)),
                    act("overdue", d, "in-progress"),
                    act("not-due", date(2026, 7, 30)),
                    act("no-deadline", None, "done", done_on=d),
                    act("undated", d, "done"),
                    act("dropped", d, "wont-do"),
                ],
            )
        ],
        today=TODAY,
    )
    ot = report.on_time
    assert (ot.on_time, ot.done_late, ot.overdue) == (1, 1, 1)
    assert (ot.not_yet_due, ot.no_deadline, ot.done_undated, ot.wont_do) == (1, 1, 1, 1)
    assert ot.share == 1 / 3 and ot.met is False


def test_done_on_time_target_is_over_80_percent() -> None:
    d = date(2026, 6, 10)
    five = [act(f"A-{i}", d, "done", done_on=d) for i in range(4)]
    late = [act("A-9", d, "done", done_on=d + timedelta(days=3))]
    assert compute_metrics([make("A", actions=five + late)], today=TODAY).on_time.met is False
    assert compute_metrics([make("A", actions=five)], today=TODAY).on_time.met is True


def test_items_per_postmortem_counts_held_postmortems_only() -> None:
    report = compute_metrics(
        [
            make("A", actions=[act(f"A-{i}") for i in range(3)]),
            make("B", actions=[act(f"B-{i}") for i in range(8)]),
            make("C", met=None, actions=[act("C-1")]),  # not held
        ],
        today=TODAY,
    )
    ipp = report.items_per_postmortem
    assert [(r.incident_id, n) for r, n in ipp.counts] == [("A", 3), ("B", 8)]
    assert ipp.within == 1 and ipp.mean == 5.5 and ipp.met is False


def test_coverage_of_sev1_sev2() -> None:
    report = compute_metrics(
        [
            make("A", severity="SEV1"),
            make("B", severity="SEV2", met=None),
            make("C", severity="SEV3", met=None),  # not counted
        ],
        today=TODAY,
    )
    cov = report.coverage
    assert [r.incident_id for r in cov.held] == ["A"]
    assert [r.incident_id for r in cov.missing] == ["B"]
    assert cov.share == 0.5 and cov.met is False


def test_p1_p2_completion() -> None:
    met = date(2026, 5, 1)
    report = compute_metrics(
        [
            make(
                "A",
                met=met,
                actions=[
                    act("done", date(2026, 5, 20), "done", priority="P1"),
                    act("late", date(2026, 6, 1), priority="P2"),
                    act("later", date(2026, 7, 15), priority="P1"),
                    act("old-no-deadline", None, priority="P2"),  # meeting + 30 days passed
                    act("p0", date(2026, 5, 2), priority="P0"),  # not P1/P2
                    act("dropped", date(2026, 5, 2), "wont-do", priority="P1"),
                ],
            )
        ],
        today=TODAY,
    )
    comp = report.completion
    assert comp.done == 1
    assert [a.id for _, a in comp.due_open] == ["late", "old-no-deadline"]
    assert comp.not_yet_due == 1 and comp.wont_do == 1
    assert comp.share == 1 / 3 and comp.met is False


def test_recurring_categories_in_the_last_six_months() -> None:
    report = compute_metrics(
        [
            make("OLD", started=date(2025, 11, 1), categories=("capacity",)),  # outside window
            make("A", started=date(2026, 2, 1), categories=("Capacity",)),
            make("B", started=date(2026, 3, 1), categories=("capacity", "testing")),
            make("C", started=date(2026, 4, 1), factor="testing"),
            make("D", started=date(2026, 5, 1), categories=("other",)),
            make("E", started=date(2026, 5, 2), categories=("other", "deployment")),
            make("F", started=None, met=None, categories=("capacity",)),  # undated
        ],
        today=TODAY,
    )
    rec = report.recurrence
    assert rec.window_start == date(2025, 12, 30)
    assert [(c, [r.incident_id for r in refs]) for c, refs in rec.categories] == [
        ("capacity", ["A", "B"]),
        ("testing", ["B", "C"]),
    ]
    assert [r.incident_id for r in rec.recurring] == ["B", "C"]
    assert (rec.categorised, rec.uncategorised, rec.undated) == (4, 1, 1)
    assert rec.share == 0.5 and rec.met is False


def test_since_limits_the_scope_and_leaves_out_undated_sessions() -> None:
    report = compute_metrics(
        [
            make("A", started=date(2026, 1, 10)),
            make("B", started=date(2026, 5, 10)),
            make("C", started=None, met=None),
        ],
        today=TODAY,
        since=date(2026, 3, 1),
    )
    assert report.sessions == 1 and report.undated_left_out == 1
    assert [r.incident_id for r, _ in report.time_to_postmortem.measured] == ["B"]
    assert report.recurrence.window_start == date(2026, 3, 1)


def test_no_sessions_gives_no_data_everywhere() -> None:
    report = compute_metrics([], today=TODAY)
    assert report.sessions == 0
    for metric in (
        report.time_to_postmortem,
        report.on_time,
        report.items_per_postmortem,
        report.coverage,
        report.completion,
        report.recurrence,
    ):
        assert metric.met is None
        assert metric.share is None
    text = "\n".join(format_metrics(report))
    assert text.count("- no data") == 6
    assert json.loads(json.dumps(metrics_to_dict(report)))["sessions"] == 0


def test_table_shows_bars_figures_targets_and_verdicts() -> None:
    d = date(2026, 6, 10)
    report = compute_metrics(
        [
            make(
                "A",
                severity="SEV1",
                actions=[act(f"A-{i}", d, "done", done_on=d) for i in range(4)],
            ),
            make("B", severity="SEV1", met=None),
        ],
        today=TODAY,
    )
    lines = format_metrics(report)
    text = "\n".join(lines)
    assert lines[0] == "Postmortem metrics: 2 sessions; today 2026-06-30"
    on_time = next(line for line in lines if line.strip().startswith("on time"))
    assert "████████████████████" in on_time and "100%" in on_time
    assert "target: over 80%" in text and "✓ met" in text
    coverage = next(line for line in lines if line.strip().startswith("held"))
    assert "██████████ " in coverage and "50%" in coverage and "(1 of 2 SEV1/SEV2" in coverage
    assert "no postmortem held: B" in text
    assert "✗ not met" in text


def test_json_report_has_every_metric_with_target_and_verdict() -> None:
    report = compute_metrics([make("A", actions=[act("A-1")])], today=TODAY)
    data = json.loads(json.dumps(metrics_to_dict(report)))
    for key in (
        "time_to_postmortem",
        "done_on_time",
        "items_per_postmortem",
        "sev1_sev2_coverage",
        "p1_p2_completion",
        "recurring_causes",
    ):
        assert "target" in data[key] and "met" in data[key]
    assert data["time_to_postmortem"]["incidents"][0]["business_days"] == 2
    assert data["items_per_postmortem"]["met"] is False
