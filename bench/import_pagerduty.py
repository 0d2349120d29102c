"""Benchmark: import a 10,000-entry PagerDuty log into a session file (target: under 1 second).

Generates the log (a REST API `log_entries` envelope, every entry type including notification
noise) and a session file in a temporary folder, then times the whole import as the CLI runs
it: load the session, parse the log, merge, save atomically. A second import of the same file
(everything a duplicate) is timed too, and the session is checked for what was added. Last,
the same import is timed as a whole `secondstory import` process (interpreter start included),
alternating with a process that only imports the session model, for scale. CPU times (user +
system) are steadier than wall-clock times on a shared machine. The in-memory phases are CPU
times too, and the session text is rendered with `tomli_w` as well, as a reference: the same
text, and the ratio of the two times.

    .venv/bin/python bench/import_pagerduty.py [--entries N] [--runs R]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

TYPES = (
    "trigger_log_entry",
    "notify_log_entry",
    "acknowledge_log_entry",
    "annotate_log_entry",
    "escalate_log_entry",
    "assign_log_entry",
    "resolve_log_entry",
)


def make_log(n: int) -> dict[str, object]:
    start = datetime(2026, 3, 22, 14, 0, tzinfo=UTC)
    entries = []
    for i in range(n):
        kind = TYPES[i % len(TYPES)]
        entry: dict[str, object] = {
            "id": f"R{i:08d}",
            "type": kind,
            "summary": f"{kind.split('_')[0].title()} number {i} on checkout-api",
            "created_at": (start + timedelta(seconds=7 * i)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "agent": {"id": f"PUSR{i % 9}", "type": "user_reference", "summary": f"User {i % 9}"},
            "channel": {"type": "note" if kind == "annotate_log_entry" else "api"},
            "incident": {"id": "PINC1", "type": "incident_reference", "summary": "checkout"},
        }
        if kind == "annotate_log_entry":
            entry["channel"] = {"type": "note", "summary": f"note {i}: pool at {i % 100}%"}
        entries.append(entry)
    return {"log_entries": entries, "offset": 0, "limit": n, "more": False, "total": n}


def _cpu_run(command: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) seconds of one run of `command`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def _cpu(fn: Any) -> tuple[float, Any]:
    t = time.process_time()
    result = fn()
    return time.process_time() - t, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    t0 = time.perf_counter()
    import tomli_w

    from secondstory.core.importers import ImportOptions, import_file, import_source
    from secondstory.core.sessions import new_session
    from secondstory.core.storage import load_session, save_session, session_to_data
    from secondstory.core.toml_writer import dumps_readable

    import_time = time.perf_counter() - t0

    first, again, memory = [], [], []
    phases: dict[str, list[float]] = {"to data": [], "render": [], "render (tomli_w)": []}
    added = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        log = folder / "log.json"
        log.write_text(json.dumps(make_log(args.entries)))
        for _ in range(args.runs):
            session_path = folder / "INC-1.toml"
            save_session(new_session("INC-1", "Checkout latency"), session_path)
            t = time.perf_counter()
            _, result = import_file(session_path, log, ImportOptions())
            first.append(time.perf_counter() - t)
            added = len(result.added)
            t = time.perf_counter()
            _, result = import_file(session_path, log, ImportOptions())
            again.append(time.perf_counter() - t)
            assert not result.added, "a second import added events"
        for _ in range(args.runs):
            session = new_session("INC-1", "Checkout latency")
            cpu, _ = _cpu(lambda: import_source(session, log, ImportOptions()))  # noqa: B023
            memory.append(cpu)
            cpu, data = _cpu(lambda: session_to_data(session))  # noqa: B023
            phases["to data"].append(cpu)
            cpu, text = _cpu(lambda: dumps_readable(data))  # noqa: B023
            phases["render"].append(cpu)
            cpu, reference = _cpu(lambda: tomli_w.dumps(data, multiline_strings=True))  # noqa: B023
            phases["render (tomli_w)"].append(cpu)
            assert text == reference
        timeline = load_session(folder / "INC-1.toml").timeline
        assert len(timeline) == added, (len(timeline), added)
        cli, cli_cpu, floor, floor_cpu = [], [], [], []
        for _ in range(max(args.runs, 3)):
            # Alternate with a process that only imports the session model, so both see the
            # same load on the machine.
            save_session(new_session("INC-1", "Checkout latency"), folder / "INC-1.toml")
            command = [sys.executable, "-m", "secondstory", "import"]
            command += [str(folder / "INC-1.toml"), str(log)]
            wall, cpu = _cpu_run(command)
            cli.append(wall)
            cli_cpu.append(cpu)
            wall, cpu = _cpu_run([sys.executable, "-c", "import secondstory.core.storage"])
            floor.append(wall)
            floor_cpu.append(cpu)

    med = statistics.median
    print(f"entries: {args.entries:,}, events added: {added:,} (notifications left out)")
    print(f"module import: {import_time * 1000:.0f} ms (once)")
    print(
        f"first import (load + parse + merge + save): median {med(first):.3f} s, "
        f"worst {max(first):.3f} s over {args.runs} runs (wall clock)"
    )
    print(f"  parse + merge in memory (what the app runs before saving): CPU {med(memory):.3f} s")
    for name, values in phases.items():
        print(f"  {name:<17} CPU median {med(values):.3f} s, best {min(values):.3f} s")
    ratio = med(phases["render"]) / med(phases["render (tomli_w)"])
    print(f"  render / render with tomli_w: {ratio:.2f} (same text, checked)")
    print(f"second import (all duplicates, nothing saved): median {med(again):.3f} s")
    print(
        f"whole `secondstory import` process: wall median {med(cli):.3f} s "
        f"(best {min(cli):.3f}), CPU median {med(cli_cpu):.3f} s; target: at most 1 s"
    )
    print(
        f"  for scale, a process that only imports the session model: wall median "
        f"{med(floor):.3f} s, CPU median {med(floor_cpu):.3f} s"
    )


if __name__ == "__main__":
    main()
