"""Precision and recall of the language coach on labelled real postmortems, sentence by sentence.

    .venv/bin/python bench/real_text_eval.py DIR [DIR ...] [--roster NAME,...]

Each DIR holds `docs/*.md` (published postmortems, kept out of this repository: third-party
text) and `labels.jsonl`, one labelled unit (a sentence, list item or heading) per line:

    {"doc": "07-name.md", "start": 812, "end": 901, "flag": true, "level": "warning",
     "category": "counterfactual", "borderline": false, ...}

`start`/`end` are offsets into the file as written (`newline=""`), as `secondstory lint
--format json` reports them. A finding counts for the unit its start falls in. For the live
view (warning and above) and the review view (suggestion and above):

    precision = units flagged and labelled flag=true / units flagged
    recall    = units labelled flag=true and flagged / units labelled flag=true

and the same with the units labelled `borderline` left out of both. Use a folder the rules
were tuned on only to see what tuning did; a folder they never saw is the measurement.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from secondstory.cli.cmd_lint import to_file_offset, with_lf
from secondstory.core.language import Coach, CoachConfig, Level


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "-"


def evaluate(folder: Path, roster: tuple[str, ...]) -> None:
    units: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in (folder / "labels.jsonl").read_text("utf-8").splitlines():
        unit = json.loads(line)
        units[str(unit["doc"])].append(unit)
    coach = Coach(CoachConfig(roster=roster))
    found: dict[str, list[tuple[int, Level, str]]] = {}
    for doc in units:
        with open(folder / "docs" / doc, encoding="utf-8", newline="") as handle:
            raw = handle.read()
        shift = to_file_offset(raw)  # offsets as `secondstory lint` reports them
        flags = coach.check(with_lf(raw), final=True, min_level=Level.INFO)
        found[doc] = [(shift(f.start), f.level, f.rule_id) for f in flags]
    positives = sum(bool(u["flag"]) for us in units.values() for u in us)
    print(
        f"{folder}: {len(units)} documents, {sum(map(len, units.values()))} units, "
        f"{positives} labelled flag=true"
    )
    for view, level in (
        ("live (warning+)", Level.WARNING),
        ("review (suggestion+)", Level.SUGGESTION),
    ):
        counts = {"all": [0, 0, 0], "firm": [0, 0, 0]}  # flagged, flagged and true, true
        missed: dict[str, int] = defaultdict(int)
        for doc, doc_units in units.items():
            starts = [start for start, lvl, _ in found[doc] if lvl >= level]
            for unit in doc_units:
                hit = any(unit["start"] <= start < unit["end"] for start in starts)
                true = bool(unit["flag"])
                kinds = ["all"] if unit.get("borderline") and true else ["all", "firm"]
                for kind in kinds:
                    counts[kind][0] += hit
                    counts[kind][1] += hit and true
                    counts[kind][2] += true
                if true and not hit:
                    missed[str(unit.get("category", "?"))] += 1
        flagged, right, true = counts["all"]
        f_flagged, f_right, f_true = counts["firm"]
        print(
            f"  {view}: precision {ratio(right, flagged)} ({right}/{flagged}), recall"
            f" {ratio(right, true)} ({right}/{true}); without borderline: precision"
            f" {ratio(f_right, f_flagged)}, recall {ratio(f_right, f_true)}"
        )
        print("    missed by category: " + ", ".join(f"{k} {v}" for k, v in sorted(missed.items())))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path, metavar="DIR")
    parser.add_argument("--roster", default="", help="names of people, comma-separated")
    args = parser.parse_args()
    roster = tuple(n.strip() for n in args.roster.split(",") if n.strip())
    for folder in args.folders:
        if not (folder / "labels.jsonl").is_file():
            print(f"{folder}: no labels.jsonl", file=sys.stderr)
            return 2
        evaluate(folder, roster)
    return 0


if __name__ == "__main__":
    sys.exit(main())
