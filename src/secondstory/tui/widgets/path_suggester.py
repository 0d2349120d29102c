"""Completion of file and folder paths as they are typed (→ accepts), for the import dialog.

The suggestion is the first entry of the typed folder whose name starts with what follows the
last `/`: folders first, each ending in `/` so the next name can be typed straight away. Nothing
is offered right after a `/` (a folder such as a Slack export is often the source itself), nor
for hidden entries until a `.` is typed. `~` is expanded for the lookup but kept as typed.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual.suggester import Suggester

MAX_ENTRIES = 2000
"""Folders larger than this are not listed for completion: one keystroke must stay cheap."""


def complete_path(value: str, base: Path) -> str | None:
    """`value` completed to the first matching entry (relative paths from `base`), or None."""
    if not value or value.endswith(("/", "/.", "/..")) or value in (".", ".."):
        return None
    head, _, prefix = value.rpartition("/")
    folder_text = head + "/" if head or value.startswith("/") else ""
    folder = Path(os.path.expanduser(folder_text or "."))
    if not folder.is_absolute():
        folder = base / folder
    try:
        with os.scandir(folder) as entries:
            names: list[tuple[bool, str]] = []
            for count, entry in enumerate(entries):
                if count >= MAX_ENTRIES:
                    return None
                name = entry.name
                if not name.startswith(prefix) or name == prefix and not _is_dir(entry):
                    continue
                if name.startswith(".") and not prefix.startswith("."):
                    continue
                names.append((not _is_dir(entry), name))
    except OSError:
        return None
    if not names:
        return None
    is_file, name = min(names)
    completed = folder_text + name + ("" if is_file else "/")
    return completed if completed != value else None


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


class PathSuggester(Suggester):
    def __init__(self, base: Path | None = None) -> None:
        # No cache: files come and go while the dialog is open.
        super().__init__(use_cache=False, case_sensitive=True)
        self.base = base

    async def get_suggestion(self, value: str) -> str | None:
        return complete_path(value, self.base or Path.cwd())
