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

and the same with the units labelled `borderline` left out of both. A unit labelled at
`suggestion` level (minimizing words, say) is one the live view is meant not to show, so live
recall is given both against the units it should show (warning-labelled) and against all. With
several folders a pooled line follows. `--show` lists the misses and false alarms of each view.
Use a folder the rules were tuned on only to see what tuning did; a folder they never saw is
the measurement.
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


VIEWS = (("live (warning+)", Level.WARNING), ("review (suggestion+)", Level.SUGGESTION))


class Tally:
    """Counts for one view: [flagged, flagged and true, true] over each way of counting."""

    def __init__(self) -> None:
        # all labels; firm = borderline positives left out; shown = only the labels this
        # view is meant to show (a minimizer labelled `suggestion` is not a live miss)
        self.counts = {"all": [0, 0, 0], "firm": [0, 0, 0], "shown": [0, 0, 0]}
        self.missed: dict[str, int] = defaultdict(int)

    def add(self, unit: dict[str, Any], hit: bool, level: Level) -> None:
        true = bool(unit["flag"])
        kinds = ["all"]
        if not (unit.get("borderline") and true):
            kinds.append("firm")
        if not true or Level[str(unit.get("level", "warning")).upper()] >= level:
            kinds.append("shown")
        for kind in kinds:
            self.counts[kind][0] += hit
            self.counts[kind][1] += hit and true
            self.counts[kind][2] += true
        if true and not hit:
            self.missed[str(unit.get("category", "?"))] += 1

    def merge(self, other: Tally) -> None:
        for kind, values in other.counts.items():
            self.counts[kind] = [a + b for a, b in zip(self.counts[kind], values, strict=True)]
        for category, n in other.missed.items():
            self.missed[category] += n

    def report(self, view: str) -> None:
        flagged, right, true = self.counts["all"]
        f_flagged, f_right, f_true = self.counts["firm"]
        _, s_right, s_true = self.counts["shown"]
        print(
            f"  {view}: precision {ratio(right, flagged)} ({right}/{flagged}), recall"
            f" {ratio(right, true)} ({right}/{true}), of the labels it should show"
            f" {ratio(s_right, s_true)} ({s_right}/{s_true}); without borderline: precision"
            f" {ratio(f_right, f_flagged)}, recall {ratio(f_right, f_true)}"
        )
        missed = ", ".join(f"{k} {v}" for k, v in sorted(self.missed.items()))
        print(f"    missed by category: {missed}")


def evaluate(folder: Path, roster: tuple[str, ...], show: bool) -> dict[str, Tally]:
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
    tallies = {}
    for view, level in VIEWS:
        tally = Tally()
        for doc, doc_units in units.items():
            hits = [(start, rule) for start, lvl, rule in found[doc] if lvl >= level]
            for unit in doc_units:
                rules = [rule for start, rule in hits if unit["start"] <= start < unit["end"]]
                tally.add(unit, bool(rules), level)
                if show and bool(rules) != bool(unit["flag"]):
                    what = f"FP {','.join(rules)}" if rules else f"FN {unit.get('category')}"
                    print(f"    {view.split()[0]} {what} [{doc}] {unit['text'][:160]!r}")
        tally.report(view)
        tallies[view] = tally
    return tallies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path, metavar="DIR")
    parser.add_argument("--roster", default="", help="names of people, comma-separated")
    parser.add_argument("--show", action="store_true", help="list misses and false alarms")
    args = parser.parse_args()
    roster = tuple(n.strip() for n in args.roster.split(",") if n.strip())
    for folder in args.folders:
        if not (folder / "labels.jsonl").is_file():
            print(f"{folder}: no labels.jsonl", file=sys.stderr)
            return 2
    pooled = {view: Tally() for view, _ in VIEWS}
    for folder in args.folders:
        for view, tally in evaluate(folder, roster, args.show).items():
            pooled[view].merge(tally)
    if len(args.folders) > 1:
        print(f"pooled over {len(args.folders)} folders:")
        for view, _ in VIEWS:
            pooled[view].report(view)
    return 0


if __name__ == "__main__":
    sys.exit(main())
