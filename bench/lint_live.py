"""Live cost: re-check a 5,000-word note after each keystroke, as the app does.

    .venv/bin/python bench/lint_live.py [--words 5000] [--keys 2000]

One coach checks the whole note once (cold), then a typist inserts text one character at a
time at three places (middle of a paragraph, end of the note, a new paragraph between two
others) and the whole note is re-checked after every key. Reported per scenario: the cold
check, and the median, 99th percentile and worst re-check. Targets: median <= 2 ms, p99 <= 8
ms (wall clock). The same figures in CPU time of this thread are shown too: on a shared
machine the wall-clock tail is mostly time the process spent waiting for a core.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lint_throughput import build, words  # noqa: E402

from secondstory.core.language import Coach, CoachConfig  # noqa: E402
from secondstory.core.language.rules import load_rules  # noqa: E402

TYPED = (
    "At 14:32 the on-call should have paged the database team, but the alert went to the "
    "old rotation. Honestly it was obvious in hindsight; nobody checked the replica lag. "
    "The root cause was a misconfigured pool. "
)


def note_of(word_count: int) -> str:
    text = build(word_count * 7)
    cut = text.split()
    while len(cut) > word_count and "\n\n" in text:
        text = text[: text.rfind("\n\n")]
        cut = text.split()
    return text


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run(note: str, position: int, keys: int, label: str) -> None:
    coach = Coach(CoachConfig(roster=("Dana", "Priya")))
    start = time.perf_counter()
    coach.check(note)
    cold = time.perf_counter() - start
    times: list[float] = []
    cpu: list[float] = []
    text = note
    typed = (TYPED * (keys // len(TYPED) + 1))[:keys]
    for char in typed:
        text = text[:position] + char + text[position:]
        position += 1
        start, start_cpu = time.perf_counter(), time.thread_time()
        coach.check(text)
        times.append(time.perf_counter() - start)
        cpu.append(time.thread_time() - start_cpu)
    ms = [t * 1000 for t in times]
    cpu_ms = [t * 1000 for t in cpu]
    print(
        f"{label:<34} cold {cold * 1000:6.1f} ms | per key: median {statistics.median(ms):5.2f}"
        f" ms, p99 {percentile(ms, 0.99):5.2f} ms, max {max(ms):5.2f} ms ({len(ms)} keys)"
        f" | CPU: median {statistics.median(cpu_ms):5.2f} ms, p99 {percentile(cpu_ms, 0.99):5.2f}"
        f" ms, max {max(cpu_ms):5.2f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--keys", type=int, default=2000)
    args = parser.parse_args()
    load_rules()
    note = note_of(args.words)
    print(
        f"note: {words(note):,} words, {len(note):,} characters, "
        f"{note.count(chr(10) + chr(10)) + 1} paragraphs"
    )
    middle = note.find("\n\n", len(note) // 2)
    middle = note.rfind(". ", 0, middle) + 2
    run(note, middle, args.keys, "typing inside a middle paragraph")
    run(note + "\n\n", len(note) + 2, args.keys, "typing at the end of the note")
    gap = note.find("\n\n", len(note) // 3) + 1
    run(note[:gap] + "\n" + note[gap:], gap + 1, args.keys, "typing a new paragraph between")
    return 0


if __name__ == "__main__":
    sys.exit(main())
