"""Typing into a 5,000-word note in the app, with the language coach marking as it goes.

    .venv/bin/python bench/coach_typing.py [--words 5000] [--keys 600] [--burst 1000]

Runs the real app headless at 120x36 on a session whose current phase's notes hold a
5,000-word note (the text of bench/lint_live.py), waits for the coach, puts the cursor inside
a middle paragraph and types. Key events are posted to the app the way the terminal driver
posts them. Reported for the coached `NoteArea` and, in the same run, for the same app with
the coach never built (the baseline: a plain TextArea's cost):

- coach check + marks: the coach's re-check of the whole note and the new marks, done once per
  frame (when the lines are drawn) after one or more keys: what the coach adds to a keystroke.
- TextArea edit: Textual's own handling of the key (for scale).
- key to frame: from posting the key to the first screen refresh after it was handled (the
  marks drawn), one key at a time; median, 99th percentile and worst.
- burst: `--burst` keys posted at once, far faster than anyone types; the time until all are
  handled and drawn, and whether the note then holds exactly what was typed (no dropped keys).

Targets: check median <= 2 ms and p99 <= 8 ms; key to frame no worse than the baseline's
(Textual redrawing the screen dominates it); no dropped keys. The machine's load moves the
absolute figures: compare the two rows of one run.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lint_live import TYPED, note_of, percentile  # noqa: E402
from lint_throughput import words  # noqa: E402
from textual import events  # noqa: E402
from textual.widgets.text_area import Edit, EditResult  # noqa: E402

from secondstory.core.clock import system_clock  # noqa: E402
from secondstory.core.model import Agenda, Incident, Phase, Session  # noqa: E402
from secondstory.core.storage import load_session, save_session  # noqa: E402
from secondstory.tui import workspaces  # noqa: E402
from secondstory.tui.app import SecondStoryApp  # noqa: E402
from secondstory.tui.coach_hub import CoachHub  # noqa: E402
from secondstory.tui.state import SessionState  # noqa: E402
from secondstory.tui.themes import load_themes  # noqa: E402
from secondstory.tui.widgets.text_fields import NoteArea  # noqa: E402

SIZE = (120, 36)


def session_with(note: str) -> Session:
    return Session(
        incident=Incident(id="INC-BENCH-0001", title="Typing benchmark", severity="SEV2"),
        agenda=Agenda(
            name="bench",
            phases=[
                Phase(id="notes", title="Notes", kind="discussion", planned_minutes=60, notes=note)
            ],
        ),
    )


def key_event(char: str) -> events.Key:
    if char == " ":
        return events.Key("space", " ")
    if char == "\n":
        return events.Key("enter", "\r")
    return events.Key(char, char)


class Timings:
    def __init__(self) -> None:
        self.edits: list[float] = []
        self.checks: list[float] = []
        self.refreshed: asyncio.Event | None = None


def instrument(area: NoteArea, timings: Timings) -> None:
    """Time each edit and each re-check of the note, and signal the first refresh after an edit."""
    edit, fresh = area.edit, area._fresh

    def timed_edit(change: Edit) -> EditResult:
        start = time.perf_counter()
        result = edit(change)
        timings.edits.append(time.perf_counter() - start)
        if timings.refreshed is not None:
            area.call_after_refresh(timings.refreshed.set)
        return result

    def timed_fresh() -> None:
        before = area._checked
        start = time.perf_counter()
        fresh()
        if area._checked != before:
            timings.checks.append(time.perf_counter() - start)

    area.edit = timed_edit  # type: ignore[method-assign,assignment]
    area._fresh = timed_fresh  # type: ignore[method-assign]


async def run(path: Path, note: str, keys: int, burst: int, coached: bool) -> dict[str, Any]:
    if not coached:
        CoachHub.ensure = lambda self: None  # type: ignore[method-assign]
    state = SessionState(load_session(path), path, clock=system_clock)
    app = SecondStoryApp(state=state, folder=path.parent, themes=load_themes(), bell=False)
    async with app.run_test(size=SIZE) as pilot:
        hub = CoachHub.of(app)
        assert hub is not None
        for _ in range(200):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if hub.coach is not None or not coached:
                break
        area = app.screen.query_one("#notes", NoteArea)
        area.focus()
        middle = note.find("\n\n", len(note) // 2)
        middle = note.rfind(". ", 0, middle) + 2
        area.move_cursor(_location(note, middle))
        await pilot.pause()
        timings = Timings()
        instrument(area, timings)
        checks_before_burst = 0

        typed = (TYPED * (keys // len(TYPED) + 1))[:keys]
        to_frame: list[float] = []
        for char in typed:
            timings.refreshed = asyncio.Event()
            start = time.perf_counter()
            app.post_message(key_event(char))
            await timings.refreshed.wait()
            to_frame.append(time.perf_counter() - start)
        timings.refreshed = None
        checks_before_burst = len(timings.checks)
        expected = note[:middle] + typed + note[middle:]
        sequential_ok = area.text == expected

        rush = (TYPED * (burst // len(TYPED) + 1))[:burst]
        done = asyncio.Event()
        start = time.perf_counter()
        for char in rush:
            app.post_message(key_event(char))
        while len(timings.edits) < keys + burst:
            await asyncio.sleep(0)
        area.call_after_refresh(done.set)
        await done.wait()
        burst_seconds = time.perf_counter() - start
        at = middle + len(typed)
        burst_ok = area.text == expected[:at] + rush + expected[at:]
        flags = len(area.flags)
    return {
        "edit": [t * 1000 for t in timings.edits[:keys]],
        "check": [t * 1000 for t in timings.checks[:checks_before_burst]] or [0.0],
        "burst_checks": len(timings.checks) - checks_before_burst,
        "to_frame": [t * 1000 for t in to_frame],
        "burst_seconds": burst_seconds,
        "ok": sequential_ok and burst_ok,
        "flags": flags,
    }


def _location(text: str, offset: int) -> tuple[int, int]:
    row = text.count("\n", 0, offset)
    return row, offset - (text.rfind("\n", 0, offset) + 1)


def line(label: str, values: list[float]) -> str:
    return (
        f"{label:<22} median {statistics.median(values):6.2f} ms  p99 "
        f"{percentile(values, 0.99):6.2f} ms  max {max(values):6.2f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--keys", type=int, default=600, help="keys typed one at a time")
    parser.add_argument("--burst", type=int, default=1000, help="keys posted at once")
    args = parser.parse_args()
    workspaces.WORKSPACES.clear()  # the notes workspace for the bench phase, whatever its kind
    note = note_of(args.words)
    print(f"note: {words(note):,} words, {len(note):,} characters; terminal {SIZE[0]}x{SIZE[1]}")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for coached in (True, False):
            path = Path(tmp) / f"bench-{coached}.toml"
            save_session(session_with(note), path)
            results[coached] = asyncio.run(run(path, note, args.keys, args.burst, coached))
    for coached, label in ((True, "coached NoteArea"), (False, "baseline (coach never built)")):
        r = results[coached]
        print(f"{label}: {r['flags']} flags in the note at the end")
        if coached:
            print("  " + line("coach check + marks", r["check"]) + f"  ({len(r['check'])} checks)")
        print("  " + line("TextArea edit", r["edit"]))
        print("  " + line("key to frame", r["to_frame"]))
        rate = args.burst / r["burst_seconds"]
        checks = f", {r['burst_checks']} checks" if coached else ""
        print(
            f"  burst of {args.burst} keys: {r['burst_seconds'] * 1000:.0f} ms "
            f"({rate:,.0f} keys/s{checks}); no dropped keys: {'yes' if r['ok'] else 'NO'}"
        )
    return 0 if all(r["ok"] for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
