"""Precision and recall of the language coach on a labelled set, per category and overall.

    .venv/bin/python bench/devset_eval.py                       # the shared dev set
    .venv/bin/python bench/devset_eval.py --file tests/core/language/heldout.jsonl -v

An item counts as flagged at a threshold when the coach reports anything at or above it;
it should be flagged when its label says `flag` at a level at or above the threshold (so the
minimizing items, labelled `suggestion`, are negatives at the live level). Five-whys chains
are judged with the chain judge, as closed chains.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from secondstory.core.language import Coach, CoachConfig, Level

DEFAULT = Path("/work/shared/data/lint-devset.jsonl")


def predicted(item: dict[str, object], threshold: Level, coach: Coach) -> tuple[bool, str]:
    text = str(item["text"])
    if item.get("kind") == "five_whys_chain":
        verdict = coach.judge_chain_text(text, closed=True)
        hit = verdict.flagged and verdict.level is not None and verdict.level >= threshold
        return hit, f"{verdict.status} {','.join(verdict.reasons)}"
    flags = coach.check(text, min_level=threshold, final=True)
    return bool(flags), "; ".join(f"{f.level.label} {f.rule_id} {f.text!r}" for f in flags)


def expected(item: dict[str, object], threshold: Level) -> bool:
    if not item.get("flag"):
        return False
    return Level[str(item.get("level", "warning")).upper()] >= threshold


def evaluate(items: list[dict[str, object]], threshold: Level, verbose: bool) -> dict[str, float]:
    coaches: dict[tuple[str, ...], Coach] = {}
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # tp fp fn tn
    misses: list[str] = []
    for item in items:
        roster = tuple(str(n) for n in item.get("roster", []))  # type: ignore[attr-defined]
        coach = coaches.setdefault(roster, Coach(CoachConfig(roster=roster)))
        got, why = predicted(item, threshold, coach)
        want = expected(item, threshold)
        slot = (0 if want else 1) if got else (2 if want else 3)
        for key in (str(item.get("category", "none")), "ALL"):
            counts[key][slot] += 1
        if got != want:
            kind = "FP" if got else "FN"
            misses.append(f"  {kind} {item['id']:<5} {item['text']!r}\n        -> {why or '-'}")
    print(f"\n== at level {threshold.label} and above ==")
    print(f"{'category':<28}{'n':>4}{'tp':>4}{'fp':>4}{'fn':>4}{'precision':>11}{'recall':>8}")
    result: dict[str, float] = {}
    for key in sorted(counts, key=lambda k: (k == "ALL", k)):
        tp, fp, fn, tn = counts[key]
        precision = tp / (tp + fp) if tp + fp else float("nan")
        recall = tp / (tp + fn) if tp + fn else float("nan")
        print(
            f"{key:<28}{tp + fp + fn + tn:>4}{tp:>4}{fp:>4}{fn:>4}"
            f"{_fmt(precision):>11}{_fmt(recall):>8}"
        )
        if key == "ALL":
            result = {"precision": precision, "recall": recall}
    if verbose and misses:
        print("\n".join(misses))
    return result


def _fmt(value: float) -> str:
    return "-" if value != value else f"{value:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=DEFAULT, help="labelled JSONL file")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the misclassified")
    args = parser.parse_args(argv)
    items = [json.loads(line) for line in args.file.read_text("utf-8").splitlines() if line]
    print(f"{args.file}: {len(items)} items")
    evaluate(items, Level.WARNING, args.verbose)
    evaluate(items, Level.SUGGESTION, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
