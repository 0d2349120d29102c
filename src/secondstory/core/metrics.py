"""Quality metrics across the postmortems in a folder, with the definitions they rest on.

The numbers are only useful if everyone reads them the same way, so each rule is stated here:

- Scope: every session that loads. With `since`, only incidents dated on or after it (the day the
  incident started, in its time zone, else the meeting day); undated sessions are then left out
  and counted.
- Held: a postmortem counts as held when its meeting clock ran (a phase has time stamps) or its
  status moved beyond Draft. A scheduled meeting alone does not count.
- Time to postmortem: business days (Monday to Friday, no holiday calendar) from the day the
  incident started to the meeting day: the weekdays after the start day up to and including the
  meeting day, so a Friday incident reviewed on Monday took 1. Held postmortems only. Target:
  under 5; met when every measured incident is under 5.
- Done on time: of the items with a deadline that are done or past their deadline, the share
  done on or before it. The done day is the `done` status change in the item's history; done
  items with no such change, won't-do items and items not yet due are counted apart. Target:
  over 80%.
- Items per postmortem: action items recorded per held postmortem. Target: 3 to 7 each.
- Coverage: the share of SEV1/SEV2 incidents in scope whose postmortem was held. Target: 100%.
- P1/P2 completion: of the P1 and P2 items that are due (done, past the deadline, or without a
  deadline 30 days after the meeting), the share done. Won't-do items are counted apart.
  Target: 100%.
- Recurring causes: cause categories (five whys and contributing factors, compared without case)
  of incidents in the last 6 months (and since `since`), seen in more than one incident.
  "other" names no cause and is left out. An incident recurs when it shares a category with an
  earlier one in the window; target: under 10% of the categorised incidents.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from secondstory.core.charts import histogram, share_line
from secondstory.core.followup import done_date, incident_date
from secondstory.core.followup_load import SessionSummary
from secondstory.core.followup_records import ActionInfo

TTP_TARGET_DAYS = 5
ON_TIME_TARGET = 0.80
ITEMS_LOW, ITEMS_HIGH = 3, 7
RECURRENCE_TARGET = 0.10
RECURRENCE_MONTHS = 6
DUE_WITHOUT_DEADLINE_DAYS = 30
UNCATEGORISED = "other"
LIST_LIMIT = 10
BAR_WIDTH = 20


@dataclass(frozen=True)
class Ref:
    """An incident as the metrics name it."""

    incident_id: str
    title: str
    file: str
    day: date | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "incident": self.incident_id,
            "title": self.title,
            "file": self.file,
            "date": self.day.isoformat() if self.day else None,
        }


def _ref(summary: SessionSummary) -> Ref:
    return Ref(
        summary.incident.id, summary.incident.title, summary.path.name, incident_date(summary)
    )


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def business_days(start: date, end: date) -> int:
    """Weekdays after `start` up to and including `end`; 0 when `end` is not after `start`."""
    if end <= start:
        return 0
    weeks, rest = divmod((end - start).days, 7)
    count = weeks * 5
    base = start + timedelta(days=weeks * 7)
    count += sum(1 for i in range(1, rest + 1) if (base + timedelta(days=i)).weekday() < 5)
    return count


def months_before(day: date, months: int) -> date:
    """The same day of the month `months` earlier, clamped to the end of a shorter month."""
    years, month_index = divmod(day.month - 1 - months, 12)
    year, month = day.year + years, month_index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class TimeToPostmortem:
    measured: tuple[tuple[Ref, int], ...]
    missing: tuple[tuple[Ref, str], ...]

    @property
    def within(self) -> int:
        return sum(1 for _, days in self.measured if days < TTP_TARGET_DAYS)

    @property
    def share(self) -> float | None:
        return _share(self.within, len(self.measured))

    @property
    def median(self) -> float | None:
        import statistics  # deferred: importing it costs more than the whole computation

        return statistics.median(d for _, d in self.measured) if self.measured else None

    @property
    def met(self) -> bool | None:
        return None if not self.measured else self.within == len(self.measured)


@dataclass(frozen=True)
class OnTime:
    on_time: int
    done_late: int
    overdue: int
    not_yet_due: int
    no_deadline: int
    done_undated: int
    wont_do: int

    @property
    def judged(self) -> int:
        return self.on_time + self.done_late + self.overdue

    @property
    def share(self) -> float | None:
        return _share(self.on_time, self.judged)

    @property
    def met(self) -> bool | None:
        share = self.share
        return None if share is None else share > ON_TIME_TARGET


@dataclass(frozen=True)
class ItemsPerPostmortem:
    counts: tuple[tuple[Ref, int], ...]

    @property
    def within(self) -> int:
        return sum(1 for _, n in self.counts if ITEMS_LOW <= n <= ITEMS_HIGH)

    @property
    def share(self) -> float | None:
        return _share(self.within, len(self.counts))

    @property
    def mean(self) -> float | None:
        import statistics

        return statistics.fmean(n for _, n in self.counts) if self.counts else None

    @property
    def met(self) -> bool | None:
        return None if not self.counts else self.within == len(self.counts)


@dataclass(frozen=True)
class Coverage:
    held: tuple[Ref, ...]
    missing: tuple[Ref, ...]

    @property
    def share(self) -> float | None:
        return _share(len(self.held), len(self.held) + len(self.missing))

    @property
    def met(self) -> bool | None:
        return None if self.share is None else not self.missing


@dataclass(frozen=True)
class Completion:
    done: int
    due_open: tuple[tuple[Ref, ActionInfo], ...]
    not_yet_due: int
    wont_do: int

    @property
    def share(self) -> float | None:
        return _share(self.done, self.done + len(self.due_open))

    @property
    def met(self) -> bool | None:
        return None if self.share is None else not self.due_open


@dataclass(frozen=True)
class Recurrence:
    window_start: date
    categories: tuple[tuple[str, tuple[Ref, ...]], ...]
    """Categories seen in more than one incident, most incidents first."""
    categorised: int
    recurring: tuple[Ref, ...]
    uncategorised: int
    undated: int

    @property
    def share(self) -> float | None:
        return _share(len(self.recurring), self.categorised)

    @property
    def met(self) -> bool | None:
        share = self.share
        return None if share is None else share < RECURRENCE_TARGET


@dataclass(frozen=True)
class MetricsReport:
    today: date
    since: date | None
    sessions: int
    undated_left_out: int
    time_to_postmortem: TimeToPostmortem
    on_time: OnTime
    items_per_postmortem: ItemsPerPostmortem
    coverage: Coverage
    completion: Completion
    recurrence: Recurrence


def _time_to_postmortem(scope: list[SessionSummary]) -> TimeToPostmortem:
    measured: list[tuple[Ref, int]] = []
    missing: list[tuple[Ref, str]] = []
    for s in scope:
        ref = _ref(s)
        started = incident_date(s) if s.incident.started_at is not None else None
        if not s.held:
            missing.append((ref, "not held yet"))
        elif started is None:
            missing.append((ref, "no incident start time (incident.started_at)"))
        elif s.meeting_date is None:
            missing.append((ref, "no meeting date"))
        elif s.meeting_date < started:
            missing.append((ref, "meeting dated before the incident started"))
        else:
            measured.append((ref, business_days(started, s.meeting_date)))
    return TimeToPostmortem(tuple(measured), tuple(missing))


def _on_time(scope: list[SessionSummary], today: date) -> OnTime:
    tally = dict.fromkeys(
        (
            "on_time",
            "done_late",
            "overdue",
            "not_yet_due",
            "no_deadline",
            "done_undated",
            "wont_do",
        ),
        0,
    )
    for s in scope:
        for a in s.actions:
            if a.status == "wont-do":
                key = "wont_do"
            elif a.deadline is None:
                key = "no_deadline"
            elif a.status == "done":
                day = done_date(a)
                if day is None:
                    key = "done_undated"
                else:
                    key = "on_time" if day <= a.deadline else "done_late"
            else:
                key = "overdue" if a.deadline < today else "not_yet_due"
            tally[key] += 1
    return OnTime(**tally)


def _completion(scope: list[SessionSummary], today: date) -> Completion:
    done = not_yet = wont = 0
    due_open: list[tuple[Ref, ActionInfo]] = []
    for s in scope:
        for a in s.actions:
            if a.priority not in ("P1", "P2"):
                continue
            if a.status == "wont-do":
                wont += 1
                continue
            if a.status == "done":
                done += 1
                continue
            if a.deadline is not None:
                due = a.deadline < today
            elif s.meeting_date is not None:
                due = s.meeting_date + timedelta(days=DUE_WITHOUT_DEADLINE_DAYS) < today
            else:
                due = False
            if due:
                due_open.append((_ref(s), a))
            else:
                not_yet += 1
    due_open.sort(key=lambda pair: (pair[1].deadline or date.max, pair[0].incident_id))
    return Completion(done, tuple(due_open), not_yet, wont)


def _recurrence(scope: list[SessionSummary], today: date, since: date | None) -> Recurrence:
    start = months_before(today, RECURRENCE_MONTHS)
    if since is not None and since > start:
        start = since
    dated: list[tuple[date, str, SessionSummary]] = []
    undated = 0
    for s in scope:
        day = incident_date(s)
        if day is None:
            undated += 1
        elif start <= day <= today:
            dated.append((day, s.incident.id, s))
    dated.sort(key=lambda t: (t[0], t[1]))
    by_category: dict[str, list[Ref]] = {}
    recurring: list[Ref] = []
    categorised = uncategorised = 0
    for _, _, s in dated:
        cats = [c for c in s.categories if c != UNCATEGORISED]
        if not cats:
            uncategorised += 1
            continue
        categorised += 1
        ref = _ref(s)
        if any(c in by_category for c in cats):
            recurring.append(ref)
        for c in cats:
            by_category.setdefault(c, []).append(ref)
    repeated = sorted(
        ((c, tuple(refs)) for c, refs in by_category.items() if len(refs) > 1),
        key=lambda pair: (-len(pair[1]), pair[0]),
    )
    return Recurrence(start, tuple(repeated), categorised, tuple(recurring), uncategorised, undated)


def compute_metrics(
    summaries: Iterable[SessionSummary], *, today: date, since: date | None = None
) -> MetricsReport:
    scope: list[SessionSummary] = []
    undated_left_out = 0
    for s in summaries:
        if since is not None:
            day = incident_date(s)
            if day is None:
                undated_left_out += 1
                continue
            if day < since:
                continue
        scope.append(s)
    held = [s for s in scope if s.held]
    severe = [s for s in scope if s.incident.severity in ("SEV1", "SEV2")]
    return MetricsReport(
        today=today,
        since=since,
        sessions=len(scope),
        undated_left_out=undated_left_out,
        time_to_postmortem=_time_to_postmortem(scope),
        on_time=_on_time(scope, today),
        items_per_postmortem=ItemsPerPostmortem(tuple((_ref(s), len(s.actions)) for s in held)),
        coverage=Coverage(
            tuple(_ref(s) for s in severe if s.held),
            tuple(_ref(s) for s in severe if not s.held),
        ),
        completion=_completion(scope, today),
        recurrence=_recurrence(scope, today, since),
    )


# ---- JSON ---------------------------------------------------------------------------------


def _pct(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def metrics_to_dict(report: MetricsReport) -> dict[str, Any]:
    ttp, ot, ipp = report.time_to_postmortem, report.on_time, report.items_per_postmortem
    cov, comp, rec = report.coverage, report.completion, report.recurrence
    return {
        "today": report.today.isoformat(),
        "since": report.since.isoformat() if report.since else None,
        "sessions": report.sessions,
        "undated_left_out": report.undated_left_out,
        "time_to_postmortem": {
            "target": f"under {TTP_TARGET_DAYS} business days",
            "met": ttp.met,
            "within_target_percent": _pct(ttp.share),
            "median_business_days": ttp.median,
            "incidents": [{**r.to_dict(), "business_days": d} for r, d in ttp.measured],
            "missing": [{**r.to_dict(), "reason": why} for r, why in ttp.missing],
        },
        "done_on_time": {
            "target": f"over {ON_TIME_TARGET:.0%}",
            "met": ot.met,
            "percent": _pct(ot.share),
            "on_time": ot.on_time,
            "done_late": ot.done_late,
            "overdue": ot.overdue,
            "not_yet_due": ot.not_yet_due,
            "no_deadline": ot.no_deadline,
            "done_without_date": ot.done_undated,
            "wont_do": ot.wont_do,
        },
        "items_per_postmortem": {
            "target": f"{ITEMS_LOW} to {ITEMS_HIGH}",
            "met": ipp.met,
            "within_target_percent": _pct(ipp.share),
            "mean": None if ipp.mean is None else round(ipp.mean, 2),
            "postmortems": [{**r.to_dict(), "items": n} for r, n in ipp.counts],
        },
        "sev1_sev2_coverage": {
            "target": "100%",
            "met": cov.met,
            "percent": _pct(cov.share),
            "held": [r.to_dict() for r in cov.held],
            "without_postmortem": [r.to_dict() for r in cov.missing],
        },
        "p1_p2_completion": {
            "target": "100%",
            "met": comp.met,
            "percent": _pct(comp.share),
            "done": comp.done,
            "not_yet_due": comp.not_yet_due,
            "wont_do": comp.wont_do,
            "due_not_done": [
                {
                    **r.to_dict(),
                    "action": a.id,
                    "title": a.title,
                    "priority": a.priority,
                    "deadline": a.deadline.isoformat() if a.deadline else None,
                }
                for r, a in comp.due_open
            ],
        },
        "recurring_causes": {
            "target": f"under {RECURRENCE_TARGET:.0%} of categorised incidents recur",
            "met": rec.met,
            "window_start": rec.window_start.isoformat(),
            "recurring_percent": _pct(rec.share),
            "categorised_incidents": rec.categorised,
            "uncategorised_incidents": rec.uncategorised,
            "undated_incidents": rec.undated,
            "recurring_incidents": [r.to_dict() for r in rec.recurring],
            "categories": [
                {"category": c, "incidents": [r.to_dict() for r in refs]}
                for c, refs in rec.categories
            ],
        },
    }


# ---- terminal -----------------------------------------------------------------------------


def _verdict(met: bool | None) -> str:
    if met is None:
        return "- no data"
    return "✓ met" if met else "✗ not met"


def _title(name: str, target: str, met: bool | None) -> str:
    return f"{name:<34} target: {target:<28} {_verdict(met)}"


def _names(refs: list[str], limit: int = LIST_LIMIT) -> str:
    shown = ", ".join(refs[:limit])
    return shown + (f" and {len(refs) - limit} more" if len(refs) > limit else "")


def _count(part: int, whole: int, noun: str) -> str:
    return f"({part} of {whole} {noun})"


def _bucket_rows(values: list[int], at_least: int, top: int = 10) -> list[tuple[str, float]]:
    """Counts per value from 0 up to the largest seen (at least `at_least`), `top`+ grouped."""
    last = min(max([at_least, *values]), top)
    counts = [0] * (last + 1)
    for v in values:
        counts[min(v, last)] += 1
    return [(f"{i}+" if i == top else str(i), float(n)) for i, n in enumerate(counts)]


def _distribution(caption: str, rows: list[tuple[str, float]], indent: str) -> list[str]:
    return [indent + caption] + [indent + "  " + line for line in histogram(rows, BAR_WIDTH)]


def format_metrics(report: MetricsReport) -> list[str]:
    """The report for a terminal: each metric with its bar, figure, target and verdict."""
    ttp, ot, ipp = report.time_to_postmortem, report.on_time, report.items_per_postmortem
    cov, comp, rec = report.coverage, report.completion, report.recurrence
    scope = f"{report.sessions} session{'s' if report.sessions != 1 else ''}"
    if report.since:
        scope += f" with incidents since {report.since.isoformat()}"
    lines = [f"Postmortem metrics: {scope}; today {report.today.isoformat()}"]
    if report.undated_left_out:
        lines.append(f"  ({report.undated_left_out} undated sessions left out by --since)")
    indent = "  "

    lines += ["", _title("Time to postmortem", f"under {TTP_TARGET_DAYS} business days", ttp.met)]
    if ttp.measured:
        median = ttp.median
        lines.append(
            indent
            + share_line("within target", ttp.share, BAR_WIDTH, 14)
            + f"  {_count(ttp.within, len(ttp.measured), 'incidents')}, median {median:g} days"
        )
        rows = _bucket_rows([d for _, d in ttp.measured], TTP_TARGET_DAYS)
        lines += _distribution("incidents by business days to the meeting:", rows, indent)
        late = [f"{r.incident_id} ({d})" for r, d in ttp.measured if d >= TTP_TARGET_DAYS]
        if late:
            lines.append(indent + "over target: " + _names(late))
    if ttp.missing:
        reasons: dict[str, int] = {}
        for _, why in ttp.missing:
            reasons[why] = reasons.get(why, 0) + 1
        detail = "; ".join(f"{why}: {n}" for why, n in reasons.items())
        lines.append(indent + f"not measured: {len(ttp.missing)} ({detail})")

    lines += ["", _title("Action items done on time", f"over {ON_TIME_TARGET:.0%}", ot.met)]
    if ot.judged:
        lines.append(
            indent
            + share_line("on time", ot.share, BAR_WIDTH, 14)
            + f"  {_count(ot.on_time, ot.judged, 'due or done items')}"
        )
    lines.append(
        indent
        + f"done late {ot.done_late} · overdue {ot.overdue} · not yet due {ot.not_yet_due} · "
        f"no deadline {ot.no_deadline} · done with no date {ot.done_undated} · "
        f"won't do {ot.wont_do}"
    )

    lines += ["", _title("Action items per postmortem", f"{ITEMS_LOW} to {ITEMS_HIGH}", ipp.met)]
    if ipp.counts:
        mean = ipp.mean or 0.0
        lines.append(
            indent
            + share_line("within range", ipp.share, BAR_WIDTH, 14)
            + f"  {_count(ipp.within, len(ipp.counts), 'postmortems')}, mean {mean:.1f}"
        )
        rows = _bucket_rows([n for _, n in ipp.counts], ITEMS_HIGH)
        lines += _distribution("postmortems by number of action items:", rows, indent)
        outside = [
            f"{r.incident_id} ({n})" for r, n in ipp.counts if not ITEMS_LOW <= n <= ITEMS_HIGH
        ]
        if outside:
            lines.append(indent + "outside the range: " + _names(outside))
    else:
        lines.append(indent + "no postmortem held yet")

    lines += ["", _title("Postmortem coverage, SEV1/SEV2", "100%", cov.met)]
    total = len(cov.held) + len(cov.missing)
    if total:
        lines.append(
            indent
            + share_line("held", cov.share, BAR_WIDTH, 14)
            + f"  {_count(len(cov.held), total, 'SEV1/SEV2 incidents')}"
        )
        if cov.missing:
            missing = [r.incident_id for r in cov.missing]
            lines.append(indent + "no postmortem held: " + _names(missing))
    else:
        lines.append(indent + "no SEV1/SEV2 incidents")

    lines += ["", _title("P1/P2 completion", "100%", comp.met)]
    due = comp.done + len(comp.due_open)
    if due:
        lines.append(
            indent
            + share_line("done", comp.share, BAR_WIDTH, 14)
            + f"  {_count(comp.done, due, 'due items')}"
        )
    if comp.due_open:
        lines.append(
            indent
            + "due, not done: "
            + _names([f"{r.incident_id} {a.id}" for r, a in comp.due_open])
        )
    lines.append(indent + f"not yet due {comp.not_yet_due} · won't do {comp.wont_do}")

    lines += [
        "",
        _title(
            f"Recurring causes, last {RECURRENCE_MONTHS} months",
            f"under {RECURRENCE_TARGET:.0%} recur",
            rec.met,
        ),
        indent + f"incidents since {rec.window_start.isoformat()}; newest first",
    ]
    if rec.categorised:
        lines.append(
            indent
            + share_line("recurring", rec.share, BAR_WIDTH, 14)
            + f"  {_count(len(rec.recurring), rec.categorised, 'categorised incidents')}"
        )
    if rec.categories:
        rows = [(c, float(len(refs))) for c, refs in rec.categories]
        for (_, refs), line in zip(rec.categories, histogram(rows, BAR_WIDTH), strict=True):
            newest = [r.incident_id for r in reversed(refs)]
            lines.append(indent + line + "  " + _names(newest, 6))
    else:
        lines.append(indent + "no cause category seen in more than one incident")
    if rec.uncategorised or rec.undated:
        lines.append(indent + f"without a category: {rec.uncategorised} · undated: {rec.undated}")
    return lines
