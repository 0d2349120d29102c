"""Startup time: process start to the first frame, secondstory vs a bare Textual app.

Each run starts a fresh interpreter. The parent notes the wall-clock time just before it spawns
the process; the app writes the time at its first frame (Textual's Ready event, sent after the
first screen is laid out and drawn) to a file named by SECONDSTORY_BENCH_READY, then exits.
All run headless at the default 80x24, from bytecode (see `main`). Runs alternate between the
apps so that load on the machine affects them alike. Prints the medians and the ratio (target:
at most 1.3), and as a third line the bare app after loading the session with pydantic, which
shows how much of the gap the session model alone accounts for, and as a fourth the bare app
after importing pydantic alone. Each process also reports the
CPU time it spent up to its first frame: on a busy machine the CPU ratio is the steadier one.

    .venv/bin/python bench/startup.py [--runs N] [--session FILE]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "sessions" / "INC-2026-0847.toml"

BARE_APP = """
import sys, time
from pathlib import Path
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("hello")

    def on_ready(self):
        Path(sys.argv[1]).write_text(f"{time.time():.6f} {time.process_time():.6f}")
        self.exit()

Bare().run(headless=True)
"""

# The same bare app, after loading the session the way `secondstory open` does: the floor set by
# pydantic and the session model, which the app cannot do without.
BARE_WITH_MODEL = (
    "import sys\n"
    "from pathlib import Path\n"
    "from secondstory.core.storage import load_session\n"
    "load_session(Path(sys.argv[2]))\n" + BARE_APP
)


# The same bare app after importing pydantic's BaseModel and nothing of ours: what holding the
# session in pydantic models costs before a single model is defined or a file is read.
BARE_WITH_PYDANTIC = "from pydantic import BaseModel\n" + BARE_APP


def bench_env(folder: Path, stamp: Path) -> dict[str, str]:
    """The environment every timed process runs in: a terminal's size, bytecode, the stamp."""
    # Run from bytecode, as an installed app does: Python writes each module's compiled
    # form on first import and reuses it. This machine sets PYTHONDONTWRITEBYTECODE, which
    # would leave the editable source to be compiled afresh in every run (site-packages,
    # and so Textual, were compiled at install), so a private cache, written by the
    # untimed first run of each command, stands in for `__pycache__`.
    env = {
        **os.environ,
        "SECONDSTORY_BENCH_READY": str(stamp),
        "PYTHONPYCACHEPREFIX": str(folder / "pycache"),
        # With no terminal, Rich sizes its console 80x25 while the headless driver says
        # 80x24; the app then lays out and draws its first screen twice more, for a
        # resize no terminal would send. A terminal's size, as every real run has one.
        "COLUMNS": "80",
        "LINES": "24",
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def one_run(command: list[str], stamp: Path, env: dict[str, str]) -> float:
    """Wall time from spawning the process to its first frame."""
    return timed_run(command, stamp, env)[0]


def timed_run(command: list[str], stamp: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall time to the first frame, and the CPU time the process spent to get there."""
    stamp.unlink(missing_ok=True)
    started = time.time()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    ready, cpu = (float(part) for part in stamp.read_text().split())
    return ready - started, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="measured runs per app (default 15)")
    parser.add_argument("--session", type=Path, default=EXAMPLE, help="session file to open")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        session = folder / args.session.name
        shutil.copy(args.session, session)  # the app never writes the example itself
        stamp = folder / "ready"
        env = bench_env(folder, stamp)
        ours = [sys.executable, "-m", "secondstory", "open", str(session)]
        commands = {
            "secondstory": ours,
            "bare textual": [sys.executable, "-c", BARE_APP, str(stamp)],
            "bare + model": [sys.executable, "-c", BARE_WITH_MODEL, str(stamp), str(session)],
            "bare+pydantic": [sys.executable, "-c", BARE_WITH_PYDANTIC, str(stamp)],
        }
        for command in commands.values():  # warm the file cache and bytecode
            one_run(command, stamp, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        cpus: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                wall, cpu = timed_run(command, stamp, env)
                times[name].append(wall)
                cpus[name].append(cpu)

    medians = {name: statistics.median(values) for name, values in times.items()}
    cpu_medians = {name: statistics.median(values) for name, values in cpus.items()}
    for name, values in times.items():
        print(
            f"{name:<13} median {medians[name] * 1000:6.0f} ms"
            f"  (min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f}, n={len(values)})"
            f"  CPU {cpu_medians[name] * 1000:4.0f} ms"
        )
    for label, name, what in (
        ("ratio", "secondstory", "secondstory / bare textual, wall (target at most 1.3);"),
        ("floor", "bare + model", "bare + model / bare textual (pydantic, session model);"),
        ("pydantic", "bare+pydantic", "bare app after `from pydantic import BaseModel` alone;"),
    ):
        ratio = medians[name] / medians["bare textual"]
        cpu_ratio = cpu_medians[name] / cpu_medians["bare textual"]
        print(f"{label:<13} {ratio:.2f}  {what} CPU {cpu_ratio:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
