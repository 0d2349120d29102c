"""Throughput: lint a 1 MB Markdown file with the coach and with proselint, same run.

    .venv/bin/python bench/lint_throughput.py [--size 1000000] [--repeat 3]

proselint is optional (`pip install proselint` into the benchmark venv); without it the
comparison is skipped. proselint runs with its default checks and `max_errors` raised so it
reads the whole file (its default stops after 1,000 results). Each tool's best of `--repeat`
runs is reported, as wall-clock and as CPU time of this process (steadier on a shared
machine); the coach starts cold every run (new coach, empty cache), and the one-off rule
compilation is reported separately.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from secondstory.core.language import Coach
from secondstory.core.language.rules import load_rules

# -- the benchmark corpus (also used by lint_live.py) -------------------------------------
# A deterministic postmortem-shaped Markdown text. Sentences come from the labelled sets
# (dev set when present, the tests' held-out sets) plus neutral timeline lines, arranged into
# headings, paragraphs, lists, code fences and log excerpts. `blame_share` is the fraction of
# prose sentences drawn from the flagged examples: 0.1 by default (already far denser than a
# real postmortem), or the labelled sets' own mix (about 0.45) with `blame_share=None`.

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [
    Path("/work/shared/data/lint-devset.jsonl"),
    *sorted((ROOT / "tests" / "core" / "language").glob("heldout*.jsonl")),
]
NEUTRAL = [
    "{t} UTC - Alert fired: checkout p99 latency above 2s for 5 minutes.",
    "{t} UTC - Dana acknowledged the page and opened the incident channel.",
    "{t} UTC - Traffic shifted to the secondary region; error rate fell to 0.4%.",
    "{t} UTC - The deploy pipeline paused the rollout at 25% of hosts.",
    "{t} UTC - Priya restarted the ingestion workers on all three nodes.",
]


def sentences() -> tuple[list[str], list[str]]:
    """(neutral, flagged) sentences from the labelled sets."""
    neutral: list[str] = []
    flagged: list[str] = []
    for path in SOURCES:
        if not path.exists():
            continue
        for line in path.read_text("utf-8").splitlines():
            item = json.loads(line)
            if item.get("kind") == "sentence":
                (flagged if item.get("flag") else neutral).append(item["text"])
    return neutral, flagged


def build(size: int, seed: int = 7, blame_share: float | None = 0.1) -> str:
    """About `size` characters of Markdown."""
    rng = random.Random(seed)
    neutral, flagged = sentences()
    mixed = neutral + flagged

    def sentence() -> str:
        if blame_share is None:
            return rng.choice(mixed)
        return rng.choice(flagged if rng.random() < blame_share else neutral)

    parts: list[str] = []
    length = 0
    section = 0
    while length < size:
        section += 1
        chunk: list[str] = [f"## Section {section}\n"]
        for _ in range(rng.randint(2, 4)):
            chunk.append(" ".join(sentence() for _ in range(rng.randint(3, 7))) + "\n")
        hour, minute = rng.randint(0, 23), rng.randint(0, 59)
        chunk.append(
            "\n".join(
                "- " + rng.choice(NEUTRAL).format(t=f"{hour:02d}:{(minute + i) % 60:02d}")
                for i in range(rng.randint(2, 5))
            )
            + "\n"
        )
        if section % 5 == 0:
            chunk.append(
                "```\n2026-03-22T14:23:05Z ERROR db-proxy: failed to acquire connection\n"
                "2026-03-22T14:23:06Z WARN retrying in 250ms\n```\n"
            )
        text = "\n".join(chunk) + "\n"
        parts.append(text)
        length += len(text)
    return "".join(parts)


def words(text: str) -> int:
    return len(text.split())


def timed(run: Callable[[], int], repeat: int) -> tuple[float, float, int]:
    """Best wall-clock and best CPU seconds over `repeat` runs, and the result count."""
    wall = cpu = float("inf")
    count = 0
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        count = run()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu, count


def time_coach(text: str, repeat: int) -> tuple[float, float, int]:
    return timed(lambda: len(Coach().check(text, final=True)), repeat)


def time_proselint(path: Path, repeat: int) -> tuple[float, float, int] | None:
    try:
        from proselint.checks import __register__
        from proselint.config import DEFAULT
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        return None
    CheckRegistry().register_many(__register__)  # what `proselint check` does first
    config = {**DEFAULT, "max_errors": 10**9}
    return timed(lambda: len(LintFile(path).lint(config)), repeat)  # type: ignore[arg-type]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="characters (default 1 MB)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--dense", action="store_true", help="worst case: about every other sentence is blame"
    )
    args = parser.parse_args()
    text = build(args.size, blame_share=None if args.dense else 0.1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "postmortems.md"
        path.write_text(text, "utf-8")
        size = path.stat().st_size
        kind = "dense (labelled mix)" if args.dense else "typical (1 in 10 sentences blame)"
        print(f"file: {size:,} bytes, {words(text):,} words, {text.count(chr(10)):,} lines; {kind}")

        start = time.perf_counter()
        rules = load_rules()
        print(
            f"rule loading and compiling (once per process): {time.perf_counter() - start:.3f} s"
            f" for {len(rules)} rules"
        )
        wall, cpu, flags = time_coach(text, args.repeat)
        print(
            f"secondstory coach: {wall:.3f} s wall, {cpu:.3f} s CPU "
            f"({size / wall / 1e6:.2f} MB/s, {flags} flags at warning and above)"
        )

        theirs = time_proselint(path, args.repeat)
        if theirs is None:
            print("proselint: not installed, comparison skipped (pip install proselint)")
            return 0
        their_wall, their_cpu, results = theirs
        print(
            f"proselint:         {their_wall:.3f} s wall, {their_cpu:.3f} s CPU "
            f"({size / their_wall / 1e6:.2f} MB/s, {results} results)"
        )
        print(
            f"speed-up: {their_wall / wall:.1f}x wall, {their_cpu / cpu:.1f}x CPU "
            "(target: at least 20x)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
