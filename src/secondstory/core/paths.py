"""Where sessions live: `--sessions-dir`, then `SECONDSTORY_SESSIONS`, then `./sessions`."""

from __future__ import annotations

import os
from pathlib import Path

ENV_SESSIONS = "SECONDSTORY_SESSIONS"


def sessions_dir(override: str | os.PathLike[str] | None = None) -> Path:
    if override:
        return Path(override)
    env = os.environ.get(ENV_SESSIONS)
    if env:
        return Path(env)
    return Path.cwd() / "sessions"


def session_files(folder: Path) -> list[Path]:
    """Every session file in a folder, sorted by name; missing folders hold none."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.toml") if p.is_file())
