"""Throughput: lint a 1 MB Markdown file with the coach and with proselint, same run.

    .venv/bin/python bench/lint_throughput.py [--dense | --unique | --from DIR] [--repeat 5]
        [--no-process]

proselint is optional (`pip install proselint` into the benchmark venv); without it the
comparison is skipped. Two comparisons, each run `--repeat` times with the two tools taking
turns (the machine is shared: medians, and the median of the per-run ratios, are reported):

- in process: `Coach().check(text)` (a new coach each run, so no cached paragraphs or
  sentences; the rules are compiled once per process and that cost is reported on its own)
  against proselint's `LintFile.lint` with its default checks and `max_errors` raised so it
  reads the whole file;
- whole process: `python -m secondstory lint FILE` against `proselint check FILE`, start-up,
  imports, rule loading and output included. Both run from bytecode (a private
  PYTHONPYCACHEPREFIX, written by a first untimed run of each).

The corpus: `--dense` puts blame language in about every other sentence; `--unique` makes
every prose sentence different (numbered), so nothing is answered from the coach's sentence
cache. `--from DIR` reads the Markdown and text files of a folder (real postmortems, say)
and repeats them until the size is reached; from the second round on, each sentence is
numbered as `--unique` does, so a repeat is never answered from the cache. The number is a
footnote mark, "[123]", ahead of the full stop: no rule reads digits, so it changes how often
rules wake no more than the sentence itself does. (It was "(note 123)" until the lead noticed
that "note" wakes every rule triggered by "not": half the real corpus's sentences ran rules
they would never have run without the number.)
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from secondstory.core.language import Coach
from secondstory.core.language.rules import check_compiles, load_rules

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


def build(
    size: int, seed: int = 7, blame_share: float | None = 0.1, *, unique: bool = False
) -> str:
    """About `size` characters of Markdown; with `unique`, every prose sentence differs."""
    rng = random.Random(seed)
    neutral, flagged = sentences()
    mixed = neutral + flagged

    counter = 0

    def sentence() -> str:
        nonlocal counter
        if blame_share is None:
            chosen = rng.choice(mixed)
        else:
            chosen = rng.choice(flagged if rng.random() < blame_share else neutral)
        if not unique or chosen[-1:] not in ".!?":
            return chosen
        counter += 1
        return f"{chosen[:-1]} [{counter}]{chosen[-1]}"

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


_SENTENCE_END = re.compile(r"(?<=[a-z0-9)])([.!?])(?=\s|$)")


def from_folder(folder: Path, size: int) -> str:
    """About `size` characters: the folder's .md and .txt files, round after round; prose
    sentences (or lines without one) numbered from the second round on (fenced code is left
    alone)."""
    files = sorted(p for p in folder.iterdir() if p.suffix in (".md", ".txt"))
    if not files:
        raise SystemExit(f"{folder}: no .md or .txt files")
    counter = itertools.count(1)

    def numbered(text: str) -> str:
        lines = []
        fenced = False
        for line in text.split("\n"):
            if line.lstrip().startswith(("```", "~~~")):
                fenced = not fenced
            elif not fenced and line.strip() and not line.startswith(("#", "    ", "\t")):
                marked = _SENTENCE_END.sub(lambda m: f" [{next(counter)}]{m.group(1)}", line)
                # A list item or a line without a full stop is numbered at its end.
                line = marked if marked != line else f"{line} [{next(counter)}]"
            lines.append(line)
        return "\n".join(lines)

    parts: list[str] = []
    length = 0
    first = True
    while length < size:
        for path in files:
            text = path.read_text("utf-8").strip() + "\n\n"
            if not first:
                text = numbered(text)
            parts.append(text)
            length += len(text)
            if length >= size:
                break
        first = False
    return "".join(parts)


def words(text: str) -> int:
    return len(text.split())


def cpu_and_wall(run: Callable[[], int]) -> tuple[float, float, int]:
    """Wall-clock and CPU seconds of `run()` in this process, and its result count."""
    start, start_cpu = time.perf_counter(), time.process_time()
    count = run()
    return time.perf_counter() - start, time.process_time() - start_cpu, count


def child_times(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def proselint_runner(path: Path) -> Callable[[], int] | None:
    try:
        from proselint.checks import __register__
        from proselint.config import DEFAULT
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        return None
    CheckRegistry().register_many(__register__)  # what `proselint check` does first
    config = {**DEFAULT, "max_errors": 10**9}
    return lambda: len(LintFile(path).lint(config))  # type: ignore[arg-type]


def report(label: str, ours: list[tuple[float, float]], theirs: list[tuple[float, float]]) -> None:
    """Medians of wall and CPU time for both tools, and the speed-up."""
    wall = statistics.median(w for w, _ in ours)
    cpu = statistics.median(c for _, c in ours)
    their_wall = statistics.median(w for w, _ in theirs)
    their_cpu = statistics.median(c for _, c in theirs)
    per_run = sorted(t[1] / o[1] for o, t in zip(ours, theirs, strict=True))
    print(
        f"{label}: secondstory {wall:.3f} s wall / {cpu:.3f} s CPU, proselint {their_wall:.3f} s"
        f" wall / {their_cpu:.3f} s CPU (medians of {len(ours)})\n"
        f"  speed-up: {their_wall / wall:.1f}x wall, {their_cpu / cpu:.1f}x CPU; per-run CPU"
        f" ratios {per_run[0]:.1f}x to {per_run[-1]:.1f}x, median"
        f" {statistics.median(per_run):.1f}x (target: at least 20x)"
    )


def in_process(text: str, path: Path, repeat: int) -> None:
    size = len(text.encode("utf-8"))
    start = time.process_time()
    rules = load_rules()
    for rule in rules:  # what the first check of a process pays (the regexes compile lazily)
        check_compiles(rule)
    print(
        f"rule loading and compiling (once per process): {time.process_time() - start:.3f} s CPU"
        f" for {len(rules)} rules"
    )
    Coach().check(text, final=True)  # warm the interpreter, not the coach
    theirs_run = proselint_runner(path)
    ours: list[tuple[float, float]] = []
    theirs: list[tuple[float, float]] = []
    flags = results = 0
    for _ in range(repeat):
        wall, cpu, flags = cpu_and_wall(lambda: len(Coach().check(text, final=True)))
        ours.append((wall, cpu))
        if theirs_run is not None:
            their_wall, their_cpu, results = cpu_and_wall(theirs_run)
            theirs.append((their_wall, their_cpu))
    wall = statistics.median(w for w, _ in ours)
    print(
        f"secondstory coach: {flags} flags at warning and above, {size / wall / 1e6:.2f} MB/s"
        + (f"; proselint: {results} results" if theirs else "")
    )
    if not theirs:
        print("proselint: not installed, comparison skipped (pip install proselint)")
        return
    report("in process", ours, theirs)


def whole_process(path: Path, repeat: int) -> None:
    python = sys.executable
    proselint = shutil.which("proselint", path=str(Path(python).parent))
    if proselint is None:
        print("whole process: proselint command not found, comparison skipped")
        return
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "PYTHONPYCACHEPREFIX": cache}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        ours_cmd = [python, "-m", "secondstory", "lint", "--no-config", str(path)]
        theirs_cmd = [proselint, "check", str(path)]
        child_times(ours_cmd, env)  # writes the bytecode both runs then load
        child_times(theirs_cmd, env)
        ours: list[tuple[float, float]] = []
        theirs: list[tuple[float, float]] = []
        for _ in range(repeat):
            ours.append(child_times(ours_cmd, env))
            theirs.append(child_times(theirs_cmd, env))
    report("whole process (CLI)", ours, theirs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="characters (default 1 MB)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each tool (default 5)")
    corpus = parser.add_mutually_exclusive_group()
    corpus.add_argument(
        "--dense", action="store_true", help="worst case: about every other sentence is blame"
    )
    corpus.add_argument(
        "--unique", action="store_true", help="every prose sentence different (no cache hits)"
    )
    corpus.add_argument(
        "--from",
        dest="folder",
        type=Path,
        metavar="DIR",
        help="a folder of .md/.txt files (real postmortems) instead of the made-up text",
    )
    parser.add_argument(
        "--no-process", action="store_true", help="skip the whole-process (CLI) comparison"
    )
    args = parser.parse_args()
    if args.folder is not None:
        text = from_folder(args.folder, args.size)
    else:
        text = build(args.size, blame_share=None if args.dense else 0.1, unique=args.unique)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "postmortems.md"
        path.write_text(text, "utf-8")
        kind = (
            f"the files of {args.folder}, repeats numbered"
            if args.folder is not None
            else "dense (labelled mix)"
            if args.dense
            else "unique sentences"
            if args.unique
            else "typical (1 in 10 sentences blame)"
        )
        print(
            f"file: {path.stat().st_size:,} bytes, {words(text):,} words,"
            f" {text.count(chr(10)):,} lines; {kind}"
        )
        in_process(text, path, args.repeat)
        if not args.no_process:
            whole_process(path, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
