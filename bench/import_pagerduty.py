"""Benchmark: import a 10,000-entry PagerDuty log into a session file (target: under 1 second).

Generates the log (a REST API `log_entries` envelope, every entry type including notification
noise) and a session file in a temporary folder, then times the whole import as the CLI runs
it: load the session, parse the log, merge, save atomically. A second import of the same file
(everything a duplicate) is timed too, and the session is checked for what was added. Last,
the same import is timed as a whole `secondstory import` process (interpreter start included).

    .venv/bin/python bench/import_pagerduty.py [--entries N] [--runs R]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    t0 = time.perf_counter()
    from secondstory.core.importers import ImportOptions, import_file, import_source
    from secondstory.core.sessions import new_session
    from secondstory.core.storage import load_session, save_session

    import_time = time.perf_counter() - t0

    first, again, memory = [], [], []
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
            t = time.perf_counter()
            import_source(session, log, ImportOptions())
            memory.append(time.perf_counter() - t)
        timeline = load_session(folder / "INC-1.toml").timeline
        assert len(timeline) == added, (len(timeline), added)
        cli = []
        for _ in range(max(args.runs // 2, 1)):
            save_session(new_session("INC-1", "Checkout latency"), folder / "INC-1.toml")
            command = [sys.executable, "-m", "secondstory", "import"]
            command += [str(folder / "INC-1.toml"), str(log)]
            t = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            cli.append(time.perf_counter() - t)

    print(f"entries: {args.entries:,}, events added: {added:,} (notifications left out)")
    print(f"module import: {import_time * 1000:.0f} ms (once)")
    print(
        f"first import (load + parse + merge + save): median {statistics.median(first):.3f} s, "
        f"worst {max(first):.3f} s over {args.runs} runs (target: under 1 s)"
    )
    print(
        f"  of which parse + merge in memory (what the app runs before saving): "
        f"median {statistics.median(memory):.3f} s"
    )
    print(f"second import (all duplicates, nothing saved): median {statistics.median(again):.3f} s")
    print(f"whole `secondstory import` process: median {statistics.median(cli):.3f} s")


if __name__ == "__main__":
    main()
