"""Scale benchmark for the meeting workspaces (app half): the big session in the running app.

The session is the one `bench/workspace_scale.py` builds (2,000 timeline events, 200 action
items, findings, chains and lists in proportion), compared with the example session.

(a) First frame. Each run starts a fresh interpreter with `secondstory open FILE`; the app
    writes the time of its first frame (Textual's Ready event) to the file named by
    SECONDSTORY_BENCH_READY and exits; this is `bench/startup.py`'s mechanism, reused. Runs
    alternate between the files so load on the machine affects them alike; medians and their
    ratio are printed (target: big / example at most 1.5). Both files are measured twice: as
    saved, the app opens on the first phase (the opening, not the timeline), and with the
    agenda moved to the timeline phase, so that the first frame includes the timeline
    workspace itself.

(b) Headless, in this process (Textual's Pilot, 160x48). The timeline workspace mounted on
    its own until its first frame is drawn; then the whole app: switching to the timeline
    phase (ctrl+n, which also saves the session, as every phase change does), and one key
    press walking the timeline: next event (down) and next decision point (d), as wall and
    CPU time per press, median and p99. A Pilot press waits until the app is idle and the
    screen updated, so it includes Pilot's own bookkeeping: a key nothing is bound to (f12)
    shows that floor. Last, the workspace's own work without Textual's message loop and
    drawing: a cursor move, and the recomputation after every edit.

(c) The real app on a pseudo-terminal (160x48), as a facilitator runs it: the time from
    writing a key to the first byte of the frame that answers it, and to its last byte, and
    the app's CPU time per key (from /proc). A frame at 60 Hz is 16.7 ms; Textual draws at
    most 60 frames a second, so the latency includes waiting for its next frame. The same
    measure on a bare Textual DataTable is printed first: this machine's floor for a key.

Printed in the order (a), (c), (b). Every run opens a fresh copy of its file: the app saves the
agenda's position on every phase change, and a second run on the same file would start on the
timeline phase and measure the next workspace instead.

Run by hand:
    .venv/bin/python bench/workspace_scale_app.py [--runs 11] [--presses 100] [--switches 10]
        [--skip-startup] [--skip-pilot] [--skip-pty]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from startup import bench_env, one_run  # noqa: E402  (bench/startup.py: first frame, fresh process)
from workspace_scale import build_session  # noqa: E402  (the big session)

from secondstory.core.storage import load_session, save_session  # noqa: E402

FRAME_MS = 1000 / 60
EXAMPLE = Path(__file__).resolve().parents[1] / "sessions" / "INC-2026-0847.toml"
TIMELINE_PHASE = 1
"""In both sessions the agenda's second phase is the timeline walkthrough."""


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def describe(values: list[float]) -> str:
    return (
        f"median {statistics.median(values):7.2f} ms  p99 {percentile(values, 0.99):7.2f} ms"
        f"  (n={len(values)})"
    )


# (a) First frame ----------------------------------------------------------------------------


def write_sessions(folder: Path, events: int, actions: int) -> dict[str, Path]:
    """The example and the big session, as saved and moved to the timeline phase."""
    files: dict[str, Path] = {}
    big = build_session(events, actions)
    example = load_session(EXAMPLE)
    for name, session in (("example", example), ("big", big)):
        assert session.agenda.phases[TIMELINE_PHASE].kind == "timeline"
        session.agenda.current = 0
        path = folder / f"{name}.toml"
        save_session(session, path)
        files[name] = path
        session.agenda.current = TIMELINE_PHASE
        on_timeline = folder / f"{name}-on-timeline.toml"
        save_session(session, on_timeline)
        files[f"{name} (timeline phase)"] = on_timeline
    return files


def first_frames(files: dict[str, Path], runs: int) -> dict[str, list[float]]:
    stamp = files["example"].parent / "ready"
    env = bench_env(stamp.parent, stamp)
    commands = {
        name: [sys.executable, "-m", "secondstory", "open", str(path)]
        for name, path in files.items()
    }
    for command in commands.values():  # warm the file cache and bytecode
        one_run(command, stamp, env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(one_run(command, stamp, env) * 1000)
    return times


def report_first_frames(times: dict[str, list[float]]) -> None:
    print("(a) first frame of `secondstory open FILE` (fresh process, headless 80x24)")
    for name, values in times.items():
        print(
            f"  {name:<26} median {statistics.median(values):6.0f} ms"
            f"  (min {min(values):.0f}, max {max(values):.0f}, n={len(values)})"
        )
    for suffix in ("", " (timeline phase)"):
        ratio = statistics.median(times[f"big{suffix}"]) / statistics.median(
            times[f"example{suffix}"]
        )
        verdict = "ok" if ratio <= 1.5 else "OVER the 1.5 target"
        where = "on the timeline phase" if suffix else "as saved (first phase)"
        print(f"  ratio big / example, {where}: {ratio:.2f}  ({verdict})")


# (b) The running app ------------------------------------------------------------------------


async def timed_press(pilot: Any, key: str) -> tuple[float, float]:
    """Wall and CPU milliseconds from sending `key` to an idle app with the screen updated."""
    wall, cpu = time.perf_counter(), time.process_time()
    await pilot.press(key)
    await pilot.pause()  # runs the screen update that a 60 Hz timer would otherwise run
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


async def in_app(
    path: Path, presses: int, switches: int
) -> dict[str, tuple[list[float], list[float]]]:
    from secondstory.tui.app import SecondStoryApp
    from secondstory.tui.screens.main_screen import MainScreen
    from secondstory.tui.state import SessionState
    from secondstory.tui.themes import load_themes
    from secondstory.tui.workspaces.timeline import TimelineWorkspace

    themes = load_themes()
    path = fresh_copy(path)
    state = SessionState(load_session(path), path)
    app = SecondStoryApp(state=state, folder=path.parent, themes=themes, display_tz=UTC, bell=False)
    results: dict[str, tuple[list[float], list[float]]] = {}

    def add(name: str, sample: tuple[float, float]) -> None:
        walls, cpus = results.setdefault(name, ([], []))
        walls.append(sample[0])
        cpus.append(sample[1])

    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        for _ in range(switches):
            add("ctrl+n: open the timeline phase", await timed_press(pilot, "ctrl+n"))
            screen = app.screen
            assert isinstance(screen, MainScreen)
            assert isinstance(screen.workspace(), TimelineWorkspace)
            await pilot.press("ctrl+r")
            await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        workspace = screen.workspace()
        assert isinstance(workspace, TimelineWorkspace)
        table = workspace.table
        rows = table.row_count
        for _ in range(presses):
            if table.cursor is not None and table.cursor >= rows - 1:
                await pilot.press("home")
            add("down: next event", await timed_press(pilot, "down"))
        await pilot.press("home")
        for _ in range(presses):
            before = table.cursor
            add("d: next decision point", await timed_press(pilot, "d"))
            if table.cursor == before:  # past the last decision point: start again
                await pilot.press("home")
        for _ in range(presses):
            add("f12 (unbound): Pilot's floor", await timed_press(pilot, "f12"))

        # The workspace's own work, without Textual's message loop and drawing: a cursor move
        # (which redraws the event panel and the strip mark at once), and the recomputation
        # after every edit (facts, navigation, strip picture, table data).
        own: list[float] = []
        for _ in range(presses):
            index = table.cursor or 0
            started = time.perf_counter()
            table.move_to(index + 1 if index + 1 < rows else 0)
            own.append((time.perf_counter() - started) * 1000)
        results["own work per cursor move"] = (own, own)
        edits: list[float] = []
        for _ in range(max(5, presses // 10)):
            started = time.perf_counter()
            workspace._refresh(select=table.cursor)
            edits.append((time.perf_counter() - started) * 1000)
        results["own work after an edit (recompute all)"] = (edits, edits)
        state.dirty = False  # nothing to save: the bench edits nothing
        await pilot.press("ctrl+q")
    return results


async def mount_alone(path: Path, repeats: int) -> dict[str, tuple[list[float], list[float]]]:
    """The timeline workspace mounted on its own (no side column, no footer), until drawn."""
    from textual.app import App, ComposeResult
    from textual.containers import Container

    from secondstory.tui.state import SessionState
    from secondstory.tui.themes import DEFAULT_THEME, load_themes, variable_defaults
    from secondstory.tui.workspaces.timeline import TimelineWorkspace

    path = fresh_copy(path)
    state = SessionState(load_session(path), path)
    themes = load_themes()

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield Container(id="slot")

        def get_theme_variable_defaults(self) -> dict[str, str]:
            return variable_defaults(self.current_theme.to_color_system().generate())

    host = Host()
    for theme in themes.themes.values():
        host.register_theme(theme)
    host.theme = DEFAULT_THEME
    walls: list[float] = []
    cpus: list[float] = []
    async with host.run_test(size=(160, 48)) as pilot:
        slot = host.query_one("#slot", Container)
        for _ in range(repeats + 1):
            wall, cpu = time.perf_counter(), time.process_time()
            await slot.mount(TimelineWorkspace(state, TIMELINE_PHASE))
            await pilot.pause()
            walls.append((time.perf_counter() - wall) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
            await slot.remove_children()
            await pilot.pause()
    # The first mount also imports the workspace's modules: report it apart.
    return {
        "first mount (with imports)": ([walls[0]], [cpus[0]]),
        "mount, first frame drawn": (walls[1:], cpus[1:]),
    }


# (c) Key presses in the real app, on a pseudo-terminal -------------------------------------

KEYS = {"down": b"\x1b[B", "d": b"d", "ctrl+n": b"\x0e", "home": b"\x1b[H"}


class PtyApp:
    """`secondstory open FILE` on a pty: send keys, time the frames that answer them."""

    def __init__(self, path: Path, size: tuple[int, int], command: list[str] | None = None) -> None:
        import fcntl
        import pty
        import struct
        import subprocess
        import termios

        main_fd, child_fd = pty.openpty()
        width, height = size
        fcntl.ioctl(child_fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "TEXTUAL_ANIMATIONS": "none"}
        env.pop("SECONDSTORY_BENCH_READY", None)
        self.proc = subprocess.Popen(
            command or [sys.executable, "-m", "secondstory", "open", str(path), "--no-bell"],
            stdin=child_fd,
            stdout=child_fd,
            stderr=child_fd,
            env=env,
            start_new_session=True,
            close_fds=True,
        )
        os.close(child_fd)
        self.fd = main_fd

    def read_until_quiet(self, quiet: float, first_timeout: float = 10.0) -> list[float]:
        """Times (perf_counter) of output chunks until `quiet` seconds pass without any."""
        import select

        stamps: list[float] = []
        deadline = time.perf_counter() + first_timeout
        while True:
            now = time.perf_counter()
            wait = (stamps[-1] + quiet - now) if stamps else (deadline - now)
            if wait <= 0:
                return stamps
            ready, _, _ = select.select([self.fd], [], [], wait)
            if ready:
                if not os.read(self.fd, 1 << 16):
                    return stamps
                stamps.append(time.perf_counter())

    def drain(self, seconds: float) -> None:
        """Read and drop output for `seconds`."""
        import select

        end = time.perf_counter() + seconds
        while (left := end - time.perf_counter()) > 0:
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready and not os.read(self.fd, 1 << 16):
                return

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def press(self, key: str, quiet: float = 0.05) -> tuple[float, float] | None:
        """(ms to the first byte of the answer, ms to its last byte); None if nothing came."""
        started = time.perf_counter()
        os.write(self.fd, KEYS[key])
        stamps = self.read_until_quiet(quiet, first_timeout=2.0)
        if not stamps:
            return None
        return (stamps[0] - started) * 1000, (stamps[-1] - started) * 1000

    def close(self) -> None:
        import signal

        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)
        os.close(self.fd)


BARE_TABLE = """
from textual.app import App
from textual.widgets import DataTable, Footer

class Bare(App):
    def compose(self):
        yield DataTable()
        yield Footer()

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("UTC", "Gap", "Kind", "Event")
        for i in range(40):
            table.add_row(f"14:{i:02d}", "+1m", "event", f"Something happened, number {i}")
        table.focus()

Bare().run()
"""


def timed_keys(app: PtyApp, key: str, presses: int, every: int) -> tuple[Any, ...]:
    """`presses` timed presses of `key`, going back to the first row (untimed) every `every`."""
    firsts: list[float] = []
    lasts: list[float] = []
    cpu_total = 0.0
    app.press("home")
    for n in range(presses):
        if n and n % every == 0:
            app.press("home")
        cpu = app.cpu_seconds()
        answer = app.press(key)
        cpu_total += app.cpu_seconds() - cpu
        if answer is not None:
            firsts.append(answer[0])
            lasts.append(answer[1])
    return firsts, lasts, cpu_total * 1000 / presses


def fresh_copy(path: Path) -> Path:
    """A copy of `path` for one run, next to it (see the module doc)."""
    copy = path.with_name(f"run-{time.monotonic_ns()}-{path.name}")
    copy.write_bytes(path.read_bytes())
    return copy


def pty_presses(path: Path, presses: int, size: tuple[int, int]) -> dict[str, Any]:
    path = fresh_copy(path)
    session = load_session(path)
    rows = len(session.timeline)
    decisions = sum(e.decision_point for e in session.timeline)
    app = PtyApp(path, size)
    results: dict[str, Any] = {}
    try:
        # The first frame. The opening phase may keep redrawing, so wait a fixed time rather
        # than for silence.
        app.read_until_quiet(0.1, first_timeout=30.0)
        app.drain(2.0)
        cpu = app.cpu_seconds()
        answer = app.press("ctrl+n", quiet=0.3)
        results["ctrl+n: open the timeline phase"] = (
            [answer[0]] if answer else [],
            [answer[1]] if answer else [],
            (app.cpu_seconds() - cpu) * 1000,
        )
        app.read_until_quiet(0.5)
        # Stay inside the timeline: at its end a key moves nothing and draws nothing.
        results["down: next event"] = timed_keys(app, "down", presses, rows - 1)
        results["d: next decision point"] = timed_keys(app, "d", presses, decisions)
    finally:
        app.close()
    return results


def pty_reference(presses: int, size: tuple[int, int]) -> dict[str, Any]:
    """The same measure on a bare Textual DataTable: this machine's floor for a cursor key."""
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "bare_table.py"
        script.write_text(BARE_TABLE, encoding="utf-8")
        app = PtyApp(script, size, command=[sys.executable, str(script)])
        try:
            app.read_until_quiet(0.5, first_timeout=30.0)
            return {"down: next row": timed_keys(app, "down", presses, 39)}
        finally:
            app.close()


def report_pty(name: str, results: dict[str, Any]) -> None:
    print(f"(c) {name}")
    for label, (firsts, lasts, cpu_each) in results.items():
        if not firsts:
            print(f"  {label:<36} no answer on screen")
            continue
        print(f"  {label:<36} key to first byte  {describe(firsts)}")
        print(f"  {'':<36} key to frame drawn {describe(lasts)}")
        print(f"  {'':<36} app CPU per key    {cpu_each:7.2f} ms (mean, from /proc)")


def report_app(name: str, results: dict[str, tuple[list[float], list[float]]]) -> None:
    print(f"(b) {name}")
    for label, (walls, cpus) in results.items():
        print(f"  {label:<42} wall {describe(walls)}")
        if walls is not cpus:
            print(f"  {'':<42} cpu  {describe(cpus)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--actions", type=int, default=200)
    parser.add_argument("--runs", type=int, default=11, help="fresh processes per file")
    parser.add_argument("--presses", type=int, default=200, help="key presses per key")
    parser.add_argument("--switches", type=int, default=10, help="ctrl+n samples")
    parser.add_argument("--skip-startup", action="store_true", help="skip part (a)")
    parser.add_argument("--skip-pilot", action="store_true", help="skip part (b)")
    parser.add_argument("--skip-pty", action="store_true", help="skip part (c)")
    args = parser.parse_args()

    print(
        f"frame at 60 Hz: {FRAME_MS:.1f} ms; big session: {args.events} events, "
        f"{args.actions} action items"
    )
    with tempfile.TemporaryDirectory() as tmp:
        files = write_sessions(Path(tmp), args.events, args.actions)
        sizes = ", ".join(
            f"{name} {files[name].stat().st_size / 1024:.0f} KiB" for name in ("example", "big")
        )
        print(f"files: {sizes}")
        if not args.skip_startup:
            report_first_frames(first_frames(files, args.runs))
        if not args.skip_pty:
            reference = pty_reference(args.presses, (160, 48))
            report_pty("reference, a bare Textual DataTable on a pty (160x48)", reference)
            for name in ("example", "big"):
                results_pty = pty_presses(files[name], args.presses, (160, 48))
                report_pty(f"{name} session, real app on a pty (160x48)", results_pty)
        if not args.skip_pilot:
            for name in ("example", "big"):
                alone = asyncio.run(mount_alone(files[name], args.switches))
                report_app(f"{name} session, the timeline workspace alone (headless 160x48)", alone)
                results = asyncio.run(in_app(files[name], args.presses, args.switches))
                report_app(f"{name} session, Pilot (headless 160x48, in this process)", results)


if __name__ == "__main__":
    main()
