"""The labelled sets: the shared dev set (when present) and this repo's held-out sets.

The held-out files were written by hand for this project: `heldout_published_style.jsonl` and
`heldout_notes_style.jsonl` were each written with the rules frozen and measured once before
any change (see the report for those first figures); `heldout.jsonl` was written before the
rules but read while writing them.

`untuned_*.jsonl` are sets in the style of published postmortems that the rules were never
tuned on; they hold the honest figure, so they are checked only against the issue's targets
(precision 0.9, recall 0.8). If they fail, look for the regression with the other sets: do
not tune rules on these sentences. `untuned_published.jsonl` was written and measured before
a round of rule changes (first look P 0.97 / R 0.87) by the same person who then made them,
so its later figures are not independent; `untuned_published_second.jsonl` was written after
that round and measured once (P 0.98 / R 0.90).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from secondstory.core.language import Coach, CoachConfig, Level

HERE = Path(__file__).parent
DEVSET = Path("/work/shared/data/lint-devset.jsonl")
HELDOUT = sorted(HERE.glob("heldout*.jsonl"))
UNTUNED = sorted(HERE.glob("untuned_*.jsonl"))


def _load(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _misses(items: list[dict[str, object]]) -> tuple[list[str], int, int]:
    coaches: dict[tuple[str, ...], Coach] = {}
    wrong: list[str] = []
    positives = flagged = 0
    for item in items:
        roster = tuple(item.get("roster", []))  # type: ignore[arg-type]
        coach = coaches.setdefault(roster, Coach(CoachConfig(roster=roster)))
        text = str(item["text"])
        if item["kind"] == "five_whys_chain":
            got = coach.judge_chain_text(text).flagged
        else:
            got = bool(coach.check(text, min_level=Level.WARNING, final=True))
        want = bool(item["flag"]) and item.get("level", "warning") != "suggestion"
        positives += want
        flagged += got
        if got != want:
            wrong.append(f"{item['id']} {'FP' if got else 'FN'} {text!r}")
    return wrong, positives, flagged


@pytest.mark.parametrize("path", HELDOUT, ids=lambda p: p.name)
def test_heldout_sets_precision_and_recall(path: Path) -> None:
    items = _load(path)
    wrong, positives, flagged = _misses(items)
    fp = sum(1 for w in wrong if " FP " in w)
    fn = sum(1 for w in wrong if " FN " in w)
    precision = (flagged - fp) / flagged
    recall = (positives - fn) / positives
    assert precision >= 0.95 and recall >= 0.95, "\n".join(wrong)


@pytest.mark.parametrize("path", UNTUNED, ids=lambda p: p.name)
def test_untuned_sets_meet_the_issue_targets(path: Path) -> None:
    items = _load(path)
    assert len(items) >= 120
    assert all(item["kind"] == "sentence" and isinstance(item["flag"], bool) for item in items)
    wrong, positives, flagged = _misses(items)
    fp = sum(1 for w in wrong if " FP " in w)
    fn = sum(1 for w in wrong if " FN " in w)
    assert (flagged - fp) / flagged >= 0.9
    assert (positives - fn) / positives >= 0.8


@pytest.mark.skipif(not DEVSET.exists(), reason="shared dev set not available")
def test_devset_labels_are_reproduced_at_the_live_level() -> None:
    wrong, _, _ = _misses(_load(DEVSET))
    assert wrong == []


def test_minimizers_show_only_in_the_review_pass() -> None:
    coach = Coach()
    text = "They just had to roll back; it's a simple fix."
    assert coach.check(text) == []
    assert {f.category for f in coach.check(text, min_level=Level.SUGGESTION)} == {"minimizing"}
