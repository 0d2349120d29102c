"""Startup time: process start to the first frame, secondstory vs a bare Textual app.

Each run starts a fresh interpreter. The parent notes the wall-clock time just before it spawns
the process; the app writes the time at its first frame (Textual's Ready event, sent after the
first screen is laid out and drawn) to a file named by SECONDSTORY_BENCH_READY, then exits.
All run headless at the default 80x24. Runs alternate between the apps so that load on the
machine affects them alike. Prints the medians and the ratio (target: at most 1.3), and as a
third line the bare app after loading the session with pydantic, which shows how much of the
gap the session model alone accounts for.

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
        Path(sys.argv[1]).write_text(f"{time.time():.6f}")
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


def one_run(command: list[str], stamp: Path, env: dict[str, str]) -> float:
    stamp.unlink(missing_ok=True)
    started = time.time()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return float(stamp.read_text()) - started


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
        env = {**os.environ, "SECONDSTORY_BENCH_READY": str(stamp)}
        ours = [sys.executable, "-m", "secondstory", "open", str(session)]
        commands = {
            "secondstory": ours,
            "bare textual": [sys.executable, "-c", BARE_APP, str(stamp)],
            "bare + model": [sys.executable, "-c", BARE_WITH_MODEL, str(stamp), str(session)],
        }
        for command in commands.values():  # warm the file cache and bytecode
            one_run(command, stamp, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(one_run(command, stamp, env))

    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, values in times.items():
        print(
            f"{name:<13} median {medians[name] * 1000:6.0f} ms"
            f"  (min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f}, n={len(values)})"
        )
    ratio = medians["secondstory"] / medians["bare textual"]
    print(f"ratio         {ratio:.2f}  secondstory / bare textual (target at most 1.3)")
    floor = medians["bare + model"] / medians["bare textual"]
    print(f"floor         {floor:.2f}  bare + model / bare textual (pydantic, session model)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
