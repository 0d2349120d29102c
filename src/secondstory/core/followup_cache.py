"""A cache of what follow-up parsed from each session file, so repeated runs skip the parsing.

Parsing is most of the cost of `actions` and `metrics` over a large folder. The cache keeps, per
file, the parsed (cut-down) TOML data under the file's modification time, size and inode: an
edit, a save by the app (an atomic rename gives a new inode) or a git checkout changes at least
one of them, and the file is parsed again. Validation is never cached: it runs on every read.

The cache lives outside the sessions folder, in `$SECONDSTORY_CACHE_DIR`, else
`$XDG_CACHE_HOME/secondstory`, else `~/.cache/secondstory`, one file per sessions folder.
`SECONDSTORY_CACHE_DIR=off` turns it off. A cache that cannot be read or written is ignored: it
only ever costs speed, never a result. It is a pickle of plain data written by this user.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

from secondstory import __version__

ENV_CACHE = "SECONDSTORY_CACHE_DIR"
FORMAT = 1
"""Bump when what `reduce_toml` keeps changes, so old entries are not reused."""

StatKey = tuple[int, int, int]


def cache_dir() -> Path | None:
    value = os.environ.get(ENV_CACHE)
    if value:
        return None if value.strip().lower() == "off" else Path(value)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "secondstory"


def stat_key(stat: os.stat_result) -> StatKey:
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


class ParseCache:
    """Parsed data per file name for one sessions folder."""

    def __init__(self, file: Path | None, entries: dict[str, tuple[StatKey, Any]]) -> None:
        self.file = file
        self.entries = entries
        self.seen: set[str] = set()
        self.changed = False

    @classmethod
    def open(cls, folder: Path) -> ParseCache:
        where = cache_dir()
        if where is None:
            return cls(None, {})
        digest = hashlib.sha256(str(folder.resolve()).encode("utf-8", "surrogateescape"))
        file = where / f"followup-{digest.hexdigest()[:20]}.pickle"
        entries: dict[str, tuple[StatKey, Any]] = {}
        try:
            with file.open("rb") as handle:
                stored = pickle.load(handle)
            if stored.get("format") == FORMAT and stored.get("version") == __version__:
                entries = stored["entries"]
        except Exception:  # missing, truncated or from another version: start afresh
            entries = {}
        return cls(file, entries)

    def get(self, name: str, key: StatKey) -> Any | None:
        self.seen.add(name)
        entry = self.entries.get(name)
        if entry is not None and entry[0] == key:
            return entry[1]
        return None

    def put(self, name: str, key: StatKey, data: Any) -> None:
        self.seen.add(name)
        self.entries[name] = (key, data)
        self.changed = True

    def save(self) -> None:
        """Write the entries of the files seen in this scan, if anything changed."""
        gone = set(self.entries) - self.seen
        if self.file is None or not (self.changed or gone):
            return
        for name in gone:
            del self.entries[name]
        payload = {"format": FORMAT, "version": __version__, "entries": self.entries}
        with contextlib.suppress(OSError, pickle.PickleError):
            from secondstory.core.atomic import atomic_write_bytes

            data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
            atomic_write_bytes(self.file, data)
