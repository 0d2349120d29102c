"""Batch commands pause the cycle collector while they run, and give it back afterwards."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from secondstory.cli import main as cli


def test_a_command_runs_with_the_collector_paused_and_restores_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    from secondstory.cli import cmd_metrics

    def spy(args: object) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(cmd_metrics, "run", spy)
    assert gc.isenabled()
    assert cli.main(["--sessions-dir", str(tmp_path), "metrics"]) == 0
    assert seen == [False]
    assert gc.isenabled()


def test_the_collector_comes_back_after_a_failing_command(tmp_path: Path) -> None:
    assert cli.main(["--sessions-dir", str(tmp_path), "metrics", "--since", "soon"]) == 2
    assert gc.isenabled()
