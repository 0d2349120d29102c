"""Time `secondstory actions` and `secondstory metrics` over a folder of 1,000 sessions.

Generates realistic sessions in a temporary folder (a full agenda with clock stamps, 40 timeline
events, some notes over several lines, three five-whys chains, five action items with history),
then runs each command end to end as a subprocess, several times, and prints wall-clock and CPU
times: cold (parse cache off, every file parsed) and warm (cache filled by an earlier run).
Target: at most 2 seconds each. The machine is shared, so CPU time is the steadier figure; the
load average is printed before and after, and last the scan alone is compared, in this process,
with reading every file through the full model (alternating runs, so the ratio holds under load).

    .venv/bin/python bench/followup.py [--sessions 1000] [--runs 5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from secondstory.core.model import (
    CAUSE_CATEGORIES,
    PRIORITIES,
    ActionItem,
    ContributingFactor,
    DecisionNotes,
    Interval,
    Note,
    Person,
    StatusChange,
    TimelineEvent,
    WhyChain,
    WhyStep,
)
from secondstory.core.sessions import new_session
from secondstory.core.storage import dumps_session

TODAY = "2026-06-30"


def make_session(i: int, rng: random.Random) -> str:
    start = datetime(2025, 1, 1, 9, tzinfo=UTC) + timedelta(hours=rng.randrange(0, 24 * 540))
    session = new_session(
        f"INC-{i:04d}",
        f"Checkout latency spike number {i} after a pool change",
        severity=rng.choice(["SEV1", "SEV2", "SEV2", "SEV3", "SEV4"]),
    )
    session.incident.started_at = start
    session.incident.summary = "Checkout requests timed out for 38 minutes.\nRoll back fixed it."
    held = rng.random() < 0.9
    meeting = start + timedelta(days=rng.randrange(1, 9), hours=2)
    if held:
        session.incident.status = rng.choice(["In review", "Reviewed", "Closed"])
        clock = meeting
        for phase in session.agenda.phases:
            end = clock + timedelta(minutes=phase.planned_minutes + rng.randrange(-2, 4))
            phase.actual.append(Interval(start=clock, end=end))
            phase.notes = "Facilitator note: keep the timeline moving.\nAsk about the pool."
            clock = end
    else:
        session.meeting.scheduled_at = meeting
    for k in range(rng.randrange(3, 5)):
        session.people.append(Person(name=f"Person {k}", role="responder", team="payments"))
    for k in range(40):
        multi = k % 10 == 0
        session.timeline.append(
            TimelineEvent(
                id=f"E-{k + 1}",
                at=start + timedelta(minutes=3 * k),
                text=f"Step {k}: p99 latency on checkout-api rose while the pool was saturated",
                kind=rng.choice(["alert", "event", "action", "decision"]),
                source=rng.choice(["manual", "pagerduty", "slack"]),
                source_id=f"PD{i:04d}{k:03d}",
                annotations=["lag: 4 min", "checked the dashboards first"] if k % 3 else [],
                decision_point=multi,
                decision=DecisionNotes(
                    known="Only the latency alert; no saturation metric.\nPool size unknown."
                    if multi
                    else "",
                    why_sensible="Rolling back is the usual first step" if multi else "",
                ),
            )
        )
    for k in range(3):
        session.five_whys.append(
            WhyChain(
                id=f"W-{k + 1}",
                problem="Checkout timed out for 38 minutes",
                category=rng.choice(CAUSE_CATEGORIES),
                closed=True,
                steps=[
                    WhyStep(question="Why did that happen?", answer=f"Because of reason {s}")
                    for s in range(5)
                ],
            )
        )
    session.contributing_factors.append(
        ContributingFactor(id="C-1", text="No load test for the pool", category="testing")
    )
    for k in range(rng.randrange(2, 8)):
        deadline = (meeting + timedelta(days=rng.choice([7, 14, 30, 45]))).date()
        status = rng.choice(["open", "in-progress", "done", "done", "wont-do"])
        history = [StatusChange(at=meeting + timedelta(days=2), status="in-progress")]
        if status in ("done", "wont-do"):
            history.append(
                StatusChange(
                    at=meeting + timedelta(days=rng.randrange(3, 40)),
                    status=status,
                    note="merged" if status == "done" else "superseded by the pool rewrite",
                )
            )
        session.actions.append(
            ActionItem(
                id=f"A-{k + 1}",
                title=f"Add a load test covering the connection pool ({k})",
                owner=rng.choice(["payments", "sre", "platform", "db"]),
                priority=rng.choice(PRIORITIES),
                deadline=deadline,
                success_criteria="CI fails when the pool saturates below 2x peak traffic.\n"
                "Runs nightly.",
                status=status,
                history=history,
                origin=f"chain:W-{k % 3 + 1}",
            )
        )
    session.went_well = [Note(text="Paging worked within a minute", author="Person 1")]
    session.could_be_better = [Note(text="The runbook did not mention the pool")]
    return dumps_session(session)


def generate(folder: Path, count: int) -> int:
    rng = random.Random(5)
    total = 0
    for i in range(count):
        text = make_session(i, rng)
        total += len(text.encode("utf-8"))
        (folder / f"INC-{i:04d}.toml").write_text(text, encoding="utf-8")
    return total


def time_command(
    args: list[str], runs: int, env: dict[str, str]
) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU (user + system) seconds of each run of a command.

    One untimed run first, so a warm cache is filled; with the cache off it changes nothing.
    """
    subprocess.run(args, capture_output=True, env=env)
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu, done = run_once(args, env)
        walls.append(wall)
        cpus.append(cpu)
        if done.returncode != 0:
            sys.exit(f"{' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return walls, cpus


def run_once(args: list[str], env: dict[str, str]) -> tuple[float, float, Any]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, done


def in_process(folder: Path, runs: int) -> None:
    """The scan alone, in this process, against reading every file with the full model."""
    from secondstory.core.followup_load import scan_folder, summary_from_session
    from secondstory.core.storage import load_session

    def full() -> list[Any]:
        return [summary_from_session(load_session(p), p) for p in sorted(folder.glob("*.toml"))]

    fast_times, full_times = [], []
    for _ in range(runs):  # alternating, so both see the same load
        t = time.process_time()
        scan = scan_folder(folder, use_cache=False)
        fast_times.append(time.process_time() - t)
        t = time.process_time()
        reference = full()
        full_times.append(time.process_time() - t)
        assert scan.summaries == reference and not scan.problems
    fast, slow = statistics.median(fast_times), statistics.median(full_times)
    print(
        f"in process, CPU median: fast scan {fast:.2f} s, full model {slow:.2f} s "
        f"(ratio {fast / slow:.2f}); same summaries"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", metavar="DIR", help="generate into DIR and keep it")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(opts.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        size = generate(folder, opts.sessions)
        print(f"{opts.sessions} sessions, {size / 1e6:.1f} MB in {folder}")
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        exe = [sys.executable, "-m", "secondstory", "--sessions-dir", str(folder)]
        cache = Path(tmp) / "cache"
        walls, cpus = [], []
        for _ in range(opts.runs):
            wall, cpu, _ = run_once([sys.executable, "-c", "import secondstory.cli.main"], {})
            walls.append(wall)
            cpus.append(cpu)
        print(
            f"for scale, starting the CLI and exiting: wall median {statistics.median(walls):.2f} "
            f"s, CPU median {statistics.median(cpus):.2f} s"
        )
        for label, env in (
            ("cold (no cache)", {**os.environ, "SECONDSTORY_CACHE_DIR": "off"}),
            ("warm (cache filled)", {**os.environ, "SECONDSTORY_CACHE_DIR": str(cache)}),
        ):
            print(label)
            for name, extra in (
                ("actions", ["actions", "--today", TODAY]),
                ("actions --format json", ["actions", "--today", TODAY, "--format", "json"]),
                ("metrics", ["metrics", "--today", TODAY]),
            ):
                walls, cpus = time_command([*exe, *extra], opts.runs, env)
                print(
                    f"  {name:<22} wall median {statistics.median(walls):.2f} s "
                    f"(best {min(walls):.2f}, worst {max(walls):.2f}); "
                    f"CPU median {statistics.median(cpus):.2f} s; {opts.runs} runs, target 2 s"
                )
        in_process(folder, max(opts.runs // 2, 2))
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
