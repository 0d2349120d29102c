"""Facts computed from the timeline: time to detect / acknowledge / mitigate / resolve, and gaps.

Milestones come from the incident header (`Incident.started_at`, `detected_at`, ...). Where a
header time is missing, the first event whose kind names that milestone stands in (kinds are
compared lower-case with `_` and spaces read as `-`; see `MILESTONE_KINDS`). A missing start
falls back once more, to the first event, but only when that event comes before detection:
otherwise time to detect would read as zero when it is simply unknown. Each milestone records
where it came from (`header`, `event:E-3`, `first-event`) so the app can say so.

Durations, as most incident tools define them:

- time to detect = detected - started;
- time to acknowledge = acknowledged - detected (how long an alert waited for a person; from
  the start when detection is unknown);
- time to mitigate = mitigated - started; time to resolve = resolved - started.

Gaps: the time since the previous event, per row. A gap is *long* when it exceeds
`max(10 minutes, 3 x the median gap)`. The median of the non-zero gaps is the timeline's own
rhythm, and it is not pulled up by the few long pauses we want to find (a mean would be); three
times that rhythm separates a real stall from ordinary spacing. The 10-minute floor keeps a
dense timeline (events seconds apart, imported from chat) from flagging every two-minute pause:
ten minutes is where a pause starts to matter to customers and to time to resolve.

`compute_facts` is O(n) plus one sort of the gaps for the median; call it once per change to the
timeline and read rows with `TimelineFacts.row(i)`, which is O(1).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from secondstory.core.model import Incident, Session, TimelineEvent

MILESTONES = ("started", "detected", "acknowledged", "mitigated", "resolved")

MILESTONE_KINDS: dict[str, frozenset[str]] = {
    "started": frozenset({"start", "started", "onset", "impact-start", "incident-start"}),
    "detected": frozenset({"detection", "detect", "detected", "alert", "trigger", "page", "paged"}),
    "acknowledged": frozenset(
        {"acknowledge", "acknowledged", "ack", "acknowledgement", "acknowledgment"}
    ),
    "mitigated": frozenset({"mitigation", "mitigate", "mitigated", "workaround"}),
    "resolved": frozenset({"resolution", "resolve", "resolved", "recovery", "recovered"}),
}
"""Event kinds that stand in for a missing header time (importers: use the first of each)."""

LONG_GAP_FLOOR = timedelta(minutes=10)
LONG_GAP_FACTOR = 3


def normalise_kind(kind: str) -> str:
    return "-".join(kind.strip().lower().replace("_", " ").split())


_KIND_TO_MILESTONE = {kind: name for name, kinds in MILESTONE_KINDS.items() for kind in kinds}


@lru_cache(maxsize=512)
def milestone_for_kind(kind: str) -> str | None:
    """Which milestone an event kind marks (`alert` → `detected`), or None."""
    return _KIND_TO_MILESTONE.get(normalise_kind(kind))


@dataclass(frozen=True)
class Milestone:
    name: str
    at: datetime | None
    source: str
    """`header`, `event:E-3`, `first-event`, or `` when unknown."""


@dataclass(frozen=True)
class Durations:
    to_detect: timedelta | None
    to_acknowledge: timedelta | None
    to_mitigate: timedelta | None
    to_resolve: timedelta | None


@dataclass(frozen=True)
class RowFacts:
    gap: timedelta | None
    """Time since the previous event; None for the first row."""
    long_gap: bool
    since_start: timedelta | None
    """`T+` offset from the incident start, when the start is known."""
    milestone: str | None
    """The milestone this row stands for (`detected`, ...), if the facts took it from this row."""


@dataclass(frozen=True)
class TimelineFacts:
    milestones: dict[str, Milestone]
    durations: Durations
    gaps: tuple[timedelta | None, ...]
    long_gaps: tuple[bool, ...]
    median_gap: timedelta | None
    threshold: timedelta
    problems: tuple[str, ...]
    """Milestones out of order (`resolved is before detected`), for the facilitator to fix."""
    since_start: tuple[timedelta | None, ...]
    """Per row: the `T+` offset from the incident start (None when the start is unknown)."""
    milestone_rows: dict[int, str]
    """Row index → milestone name, for rows the milestones were taken from."""

    def row(self, index: int) -> RowFacts:
        return RowFacts(
            self.gaps[index],
            self.long_gaps[index],
            self.since_start[index],
            self.milestone_rows.get(index),
        )

    def at(self, name: str) -> datetime | None:
        return self.milestones[name].at

    @property
    def long_gap_rows(self) -> list[int]:
        return [i for i, flag in enumerate(self.long_gaps) if flag]


def _header(incident: Incident, name: str) -> datetime | None:
    value: datetime | None = getattr(incident, f"{name}_at")
    return value


def find_milestones(
    incident: Incident, timeline: Sequence[TimelineEvent]
) -> tuple[dict[str, Milestone], dict[int, str]]:
    """Each milestone's time and source, and which rows the fallbacks were taken from."""
    wanted = {name for name in MILESTONES if _header(incident, name) is None}
    from_events: dict[str, tuple[int, TimelineEvent]] = {}
    # Only the milestones the header lacks are looked for, and the scan stops once all are found.
    if wanted:
        for index, event in enumerate(timeline):
            name = milestone_for_kind(event.kind)
            if name in wanted and name not in from_events:
                from_events[name] = (index, event)
                if len(from_events) == len(wanted):
                    break
    result: dict[str, Milestone] = {}
    rows: dict[int, str] = {}
    for name in MILESTONES:
        header = _header(incident, name)
        if header is not None:
            result[name] = Milestone(name, header, "header")
        elif name in from_events:
            index, event = from_events[name]
            result[name] = Milestone(name, event.at, f"event:{event.id}")
            rows[index] = name
        else:
            result[name] = Milestone(name, None, "")
    detected = result["detected"].at
    if (
        result["started"].at is None
        and timeline
        and (detected is None or timeline[0].at < detected)
    ):
        result["started"] = Milestone("started", timeline[0].at, "first-event")
        rows.setdefault(0, "started")
    return result, rows


def _minus(later: datetime | None, earlier: datetime | None) -> timedelta | None:
    return later - earlier if later is not None and earlier is not None else None


def _median(values: list[timedelta]) -> timedelta | None:
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[mid]
    return (ordered[mid - 1] + ordered[mid]) / 2


def compute_facts(session: Session) -> TimelineFacts:
    """All timeline facts for a session (see the module doc); O(n log n) at worst, once."""
    timeline = session.timeline
    milestones, milestone_rows = find_milestones(session.incident, timeline)
    at = {name: m.at for name, m in milestones.items()}
    durations = Durations(
        to_detect=_minus(at["detected"], at["started"]),
        to_acknowledge=_minus(at["acknowledged"], at["detected"] or at["started"]),
        to_mitigate=_minus(at["mitigated"], at["started"]),
        to_resolve=_minus(at["resolved"], at["started"]),
    )
    problems = []
    known = [(name, at[name]) for name in MILESTONES if at[name] is not None]
    for (first, first_at), (second, second_at) in zip(known, known[1:], strict=False):
        if first_at is not None and second_at is not None and second_at < first_at:
            problems.append(f"{second} ({second_at:%Y-%m-%d %H:%M}) is before {first}")

    gaps: list[timedelta | None] = [None] * len(timeline)
    for i in range(1, len(timeline)):
        gaps[i] = timeline[i].at - timeline[i - 1].at
    median = _median([g for g in gaps if g is not None and g > timedelta(0)])
    threshold = max(LONG_GAP_FLOOR, median * LONG_GAP_FACTOR) if median else LONG_GAP_FLOOR
    long_gaps = tuple(g is not None and g > threshold for g in gaps)
    start = at["started"]
    since = tuple(e.at - start if start is not None else None for e in timeline)
    return TimelineFacts(
        milestones=milestones,
        durations=durations,
        gaps=tuple(gaps),
        long_gaps=long_gaps,
        median_gap=median,
        threshold=threshold,
        problems=tuple(problems),
        since_start=since,
        milestone_rows=milestone_rows,
    )


def milestone_rows(timeline: Sequence[TimelineEvent], facts: TimelineFacts) -> dict[int, str]:
    """Row → milestone for every row that marks one: the rows a milestone was taken from, and
    the first event at exactly a header time (O(log n) per milestone; `timeline` sorted)."""
    rows = dict(facts.milestone_rows)
    for name in MILESTONES:
        milestone = facts.milestones[name]
        if milestone.source != "header" or milestone.at is None:
            continue
        index = bisect.bisect_left(timeline, milestone.at, key=lambda e: e.at)
        if index < len(timeline) and timeline[index].at == milestone.at:
            rows.setdefault(index, name)
    return rows


def format_duration(delta: timedelta | None) -> str:
    """`45s`, `4m`, `4m 30s`, `1h 05m`, `2d 3h`; `-` prefix when negative; `—` when unknown."""
    if delta is None:
        return "—"
    total = int(delta.total_seconds())
    sign = "-" if total < 0 else ""
    total = abs(total)
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    if days:
        text = f"{days}d {hours}h" if hours else f"{days}d"
    elif hours:
        text = f"{hours}h {minutes:02d}m"
    elif minutes:
        text = f"{minutes}m {seconds:02d}s" if seconds and minutes < 10 else f"{minutes}m"
    else:
        text = f"{seconds}s"
    return sign + text
