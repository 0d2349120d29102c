"""Scale benchmark for the meeting workspaces (core half): a big session, loaded and walked.

Builds a session with 2,000 timeline events and 200 action items (plus findings, chains, lists
and attendees in proportion), saves it as TOML to a temporary folder, and times loading it and
the core operations the workspaces call: the ones behind the next-event / next-decision keys
must stay far below a frame (16.7 ms at 60 Hz). The app half (first frame of the Textual app on
this file vs the example session) is to be added once the app exists.

Run by hand:  .venv/bin/python bench/workspace_scale.py [--events 2000] [--actions 200]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import tomllib
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from secondstory.core.action_checks import check_session_actions
from secondstory.core.agendas import load_agenda
from secondstory.core.meeting_close import close_checklist
from secondstory.core.model import (
    ActionItem,
    Appreciation,
    DecisionNotes,
    Finding,
    Incident,
    Meeting,
    Note,
    Person,
    Session,
    TimelineEvent,
    WhyChain,
    WhyStep,
)
from secondstory.core.storage import dumps_session, load_session, save_session
from secondstory.core.timeline_facts import compute_facts
from secondstory.core.timeline_ops import TimelineNav, add_event, delete_event
from secondstory.core.timeline_strip import render_strip
from secondstory.core.timeparse import (
    format_clock,
    format_utc,
    parse_event_time,
    session_time_context,
)

FRAME_MS = 1000 / 60
EXAMPLE = Path(__file__).resolve().parents[1] / "sessions" / "INC-2026-0847.toml"
START = datetime(2026, 3, 22, 6, 0, tzinfo=UTC)
KINDS = ("event", "event", "event", "chat", "deploy", "alert", "page", "note")


def build_session(events: int, actions: int) -> Session:
    """A deterministic large session; timestamps every 7 to 40 seconds over several hours."""
    timeline = []
    at = START
    for i in range(events):
        at += timedelta(seconds=7 + (i * 37) % 34)
        if i % 400 == 399:
            at += timedelta(minutes=25)  # a few long gaps
        decision = i % 25 == 0
        timeline.append(
            TimelineEvent(
                id=f"E-{i + 1}",
                at=at,
                text=f"Responder note {i + 1}: checked pool metrics on shard {i % 12}",
                kind=KINDS[i % len(KINDS)],
                decision_point=decision,
                author=f"person{i % 9}",
                annotations=["lag 2m"] if i % 10 == 0 else [],
                decision=DecisionNotes(known="errors on checkout", why_sensible="rollback is fast")
                if decision and i % 50 == 0
                else DecisionNotes(),
            )
        )
    meeting = START + timedelta(days=3, hours=9)
    items = [
        ActionItem(
            id=f"A-{n + 1}",
            title=f"Add alert for pool exhaustion on shard {n}" if n % 7 else "Improve monitoring",
            owner="Backend" if n % 5 else "",
            priority=("P0", "P1", "P2", "P3")[n % 4],
            deadline=meeting.date() + timedelta(days=3 + n % 40),
            success_criteria=f"Alert fires when pool use > {80 + n % 15}%" if n % 3 else "works",
            term="long" if n % 4 == 0 else "short",
        )
        for n in range(actions)
    ]
    return Session(
        incident=Incident(
            id="INC-SCALE",
            title="Checkout outage (scale test)",
            severity="SEV1",
            started_at=START,
            detected_at=START + timedelta(minutes=9),
            acknowledged_at=START + timedelta(minutes=12),
            mitigated_at=START + timedelta(hours=6),
            resolved_at=at,
            timezone="Europe/Berlin",
        ),
        meeting=Meeting(scheduled_at=meeting),
        agenda=load_agenda("sync-90"),
        people=[Person(name=f"person{i}", observer=i == 8, facilitator=i == 0) for i in range(9)],
        timeline=timeline,
        findings=[
            Finding(id=f"F-{n + 1}", text=f"finding {n}", event_id=f"E-{n * 20 + 1}")
            for n in range(min(100, events // 20))
        ],
        five_whys=[
            WhyChain(
                id=f"W-{n + 1}",
                problem=f"problem {n}",
                steps=[WhyStep(question="Why?", answer=f"because {n}.{k}") for k in range(5)],
                category="capacity",
                closed=n % 2 == 0,
            )
            for n in range(20)
        ],
        actions=items,
        went_well=[Note(text=f"went well {n}") for n in range(30)],
        could_be_better=[Note(text=f"could be better {n}") for n in range(30)],
        appreciations=[Appreciation(person="person1", text="kept the status page current")],
    )


def timed(func: Callable[[], object], repeat: int = 7) -> float:
    """Median wall time of `func` in milliseconds."""
    samples = []
    for _ in range(repeat):
        begin = time.perf_counter()
        func()
        samples.append((time.perf_counter() - begin) * 1000)
    return statistics.median(samples)


def per_call(func: Callable[[int], object], calls: int, repeat: int = 5) -> float:
    """Median time of one call in microseconds, over `calls` calls with varying input."""

    def loop() -> None:
        for i in range(calls):
            func(i)

    return timed(loop, repeat) * 1000 / calls


def phase_change_save(session: Session) -> list[tuple[str, float, str]]:
    """What a save at a phase change costs the UI thread: the snapshot only, since the
    background writer renders and writes; and the parts, with the render by tomli_w (what the
    UI thread used to do) for comparison. Alternating runs, medians."""
    import tomli_w

    from secondstory.core.storage import session_to_data
    from secondstory.core.toml_writer import dumps_readable
    from secondstory.tui.state import SessionState

    times: dict[str, list[float]] = {}

    def add(name: str, fn: Callable[[], object]) -> None:
        started = time.perf_counter()
        fn()
        times.setdefault(name, []).append((time.perf_counter() - started) * 1000)

    data = session_to_data(session)
    with tempfile.TemporaryDirectory() as folder:
        state = SessionState(session, Path(folder) / "INC-SCALE.toml")
        for _ in range(7):
            add("save() at a phase change: UI thread", state.save)
            state.wait_for_writes()
            add("  all in one thread (save_now)", state.save_now)
            add("  snapshot (session_to_data)", lambda: session_to_data(session))
            add("  render (core.toml_writer)", lambda: dumps_readable(data))
            add(
                "  render with tomli_w (before)",
                lambda: tomli_w.dumps(data, multiline_strings=True),
            )
    return [(name, statistics.median(values), "ms") for name, values in times.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--actions", type=int, default=200)
    args = parser.parse_args()

    rows: list[tuple[str, float, str]] = []
    session = build_session(args.events, args.actions)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "INC-SCALE.toml"
        rows.append(("dumps_session (TOML text)", timed(lambda: dumps_session(session), 3), "ms"))
        rows.append(
            ("save_session (atomic write)", timed(lambda: save_session(session, path), 3), "ms")
        )
        size_kb = path.stat().st_size / 1024
        rows.append(("load_session (read + validate)", timed(lambda: load_session(path), 5), "ms"))
        text = path.read_text(encoding="utf-8")
        rows.append(("  of which tomllib.loads", timed(lambda: tomllib.loads(text), 5), "ms"))
        data = tomllib.loads(text)
        rows.append(
            (
                "  of which Session.model_validate",
                timed(lambda: Session.model_validate(data), 5),
                "ms",
            )
        )
        loaded = load_session(path)
    if EXAMPLE.exists():
        example_ms = timed(lambda: load_session(EXAMPLE), 5)
        rows.append((f"load_session {EXAMPLE.name} (example)", example_ms, "ms"))
    assert len(loaded.timeline) == args.events and len(loaded.actions) == args.actions

    rows.append(("compute_facts (once per change)", timed(lambda: compute_facts(loaded)), "ms"))
    facts = compute_facts(loaded)
    rows.append(
        (
            "TimelineNav.build (once per change)",
            timed(lambda: TimelineNav.build(loaded.timeline)),
            "ms",
        )
    )
    nav = TimelineNav.build(loaded.timeline)
    n = len(loaded.timeline)
    rows.append(
        ("nav.next_event (per key)", per_call(lambda i: nav.next_event(i % n), 20000), "µs")
    )
    rows.append(
        ("nav.next_decision (per key)", per_call(lambda i: nav.next_decision(i % n), 20000), "µs")
    )
    rows.append(
        (
            "nav.previous_decision (per key)",
            per_call(lambda i: nav.previous_decision(i % n), 20000),
            "µs",
        )
    )
    rows.append(("facts.row (per row)", per_call(lambda i: facts.row(i % n), 20000), "µs"))
    rows.append(
        (
            "format_utc + Berlin column (per row)",
            per_call(
                lambda i: (
                    format_utc(loaded.timeline[i % n].at),
                    format_clock(loaded.timeline[i % n].at, "Europe/Berlin", label=True),
                ),
                5000,
            ),
            "µs",
        )
    )
    rows.append(
        ("render_strip width 80", timed(lambda: render_strip(loaded, 80, facts=facts)), "ms")
    )
    rows.append(
        ("render_strip width 200", timed(lambda: render_strip(loaded, 200, facts=facts)), "ms")
    )
    today = date(2026, 3, 25)
    rows.append(
        (
            "check_session_actions (200 items)",
            timed(lambda: check_session_actions(loaded, today)),
            "ms",
        )
    )
    rows.append(("close_checklist", timed(lambda: close_checklist(loaded, today=today)), "ms"))
    context = session_time_context(loaded, after=n // 2)
    rows.append(
        (
            "parse_event_time '14:23' (per call)",
            per_call(lambda i: parse_event_time("14:23", context), 2000),
            "µs",
        )
    )

    def add_and_delete() -> None:
        index = add_event(loaded, loaded.timeline[n // 2].at, "inserted in the middle")
        delete_event(loaded, loaded.timeline[index].id)

    rows.append(("add_event + delete_event (middle)", timed(add_and_delete), "ms"))

    def change_then_rebuild() -> None:
        add_and_delete()
        TimelineNav.build(loaded.timeline)
        compute_facts(loaded)

    rows.append(("edit + rebuild nav + facts", timed(change_then_rebuild), "ms"))
    rows.extend(phase_change_save(loaded))

    print(f"session: {args.events} events, {args.actions} action items, TOML {size_kb:.0f} KiB")
    print(f"frame budget: {FRAME_MS:.1f} ms")
    for label, value, unit in rows:
        print(f"  {label:<40} {value:10.3f} {unit}")


if __name__ == "__main__":
    main()
