"""Starting the app from the command line: bad options are refused before Textual starts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tui_support import build_session

from secondstory.core.errors import UserError
from secondstory.core.storage import save_session
from secondstory.tui.launch import launch


def test_unknown_theme_is_refused_before_the_app_starts(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    save_session(build_session(), path)
    before = path.read_bytes()
    with pytest.raises(UserError, match="unknown theme 'neon'"):
        launch(path=path, folder=tmp_path, theme="neon", bell=True)
    assert path.read_bytes() == before


def test_cli_unknown_theme_exits_2_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    save_session(build_session(), path)
    result = subprocess.run(
        [sys.executable, "-m", "secondstory", "open", str(path), "--theme", "neon"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "unknown theme 'neon'" in result.stderr
    assert "secondstory-light" in result.stderr


def test_bench_hook_opens_renders_and_exits(tmp_path: Path) -> None:
    """What bench/startup.py relies on: the first frame is stamped and the app leaves."""
    path = tmp_path / "s.toml"
    save_session(build_session(), path)
    before = path.read_bytes()
    stamp = tmp_path / "ready"
    result = subprocess.run(
        [sys.executable, "-m", "secondstory", "open", str(path)],
        env={**os.environ, "SECONDSTORY_BENCH_READY": str(stamp)},
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 0
    wall, cpu = (float(part) for part in stamp.read_text().split())
    assert wall > 0 and cpu > 0
    assert path.read_bytes() == before  # opening and closing changes nothing
