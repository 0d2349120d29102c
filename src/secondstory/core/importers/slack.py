"""Slack workspace exports, as a folder or a zip.

An export holds `channels.json`, `users.json` and one folder per channel of `YYYY-MM-DD.json`
files, each an array of messages (`type`, `user`, `text`, `ts`, optional `subtype`,
`thread_ts`, `reactions`, `files`). Every message becomes an event whose author is the user's
name from `users.json` (mentions in the text are resolved the same way); thread replies get the
kind `reply` and sort right after their parent. Joins and leaves are skipped, and
`pinned_or_reacted` keeps only the messages someone pinned or reacted to.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from secondstory.core.errors import UserError
from secondstory.core.importers import jsonfields as jf
from secondstory.core.importers.common import (
    Context,
    Imported,
    Parsed,
    decision_marked,
    slack_source_id,
    slack_time,
)

SOURCE = "slack"

SKIPPED_SUBTYPES = frozenset({"channel_join", "channel_leave", "group_join", "group_leave"})
GONE_SUBTYPES = frozenset({"tombstone", "message_deleted"})
_DAY_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}\.json$")
_TS = re.compile(r"^\d{1,12}(?:\.\d{1,6})?$")
_TS_HELP = 'a Slack timestamp such as "1711633260.000100"'
_LINK = re.compile(r"<([^<>]*)>")


class _Export:
    """The files of an export, whether in a folder or a zip, addressed by relative path."""

    def __init__(self, path: Path, archive: zipfile.ZipFile | None) -> None:
        self.path = path
        self.archive = archive
        self.prefix = ""
        self.root = path
        if archive is not None:
            names = [n for n in archive.namelist() if not n.startswith("__MACOSX/")]
            hits = sorted((n for n in names if PurePosixPath(n).name == "channels.json"), key=len)
            self.names = set(names)
            if hits:
                self.prefix = hits[0][: -len("channels.json")]
        elif not (path / "channels.json").exists():
            inner = [d for d in sorted(path.iterdir()) if (d / "channels.json").is_file()]
            if len(inner) == 1:
                self.root = inner[0]

    def label(self, rel: str) -> str:
        if self.archive is not None:
            return f"{self.path}:{self.prefix}{rel}"
        return str(self.root / rel)

    def read(self, rel: str) -> bytes | None:
        if self.archive is not None:
            name = self.prefix + rel
            return self.archive.read(name) if name in self.names else None
        file = self.root / rel
        try:
            return file.read_bytes() if file.is_file() else None
        except OSError as error:
            raise UserError(f"{file}: cannot read: {error.strerror}") from None

    def day_files(self, folder: str) -> list[str]:
        if self.archive is not None:
            start = f"{self.prefix}{folder}/"
            found = [n[len(start) :] for n in self.names if n.startswith(start)]
        else:
            directory = self.root / folder
            found = [p.name for p in directory.iterdir()] if directory.is_dir() else []
        return sorted(n for n in found if _DAY_FILE.match(n))


@contextmanager
def _open(path: Path) -> Iterator[_Export]:
    if path.is_dir():
        yield _Export(path, None)
        return
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise UserError(
            f"{path}: expected a Slack export (a zip file or a folder with channels.json)"
        ) from None
    except OSError as error:
        raise UserError(f"{path}: cannot read: {error.strerror}") from None
    with archive:
        yield _Export(path, archive)


@dataclass(frozen=True)
class _Channel:
    id: str
    name: str
    pins: frozenset[str]


def _channels(export: _Export) -> list[_Channel]:
    data = export.read("channels.json")
    label = export.label("channels.json")
    if data is None:
        raise UserError(f"{label}: not found; expected a Slack workspace export")
    doc = jf.load_json(data, label)
    if not isinstance(doc, list):
        raise jf.fail(label, "$", "a list of channels", doc)
    channels = []
    for i, item in enumerate(doc):
        path = f"$[{i}]"
        if not isinstance(item, dict):
            raise jf.fail(label, path, "a channel object", item)
        name = jf.string(label, item, "name", path)
        pins = set()
        for j, pin in enumerate(jf.optional_list(label, item, "pins", path)):
            if not isinstance(pin, dict):
                raise jf.fail(label, f"{path}.pins[{j}]", "an object", pin)
            pins.add(jf.optional_string(label, pin, "id", f"{path}.pins[{j}]"))
        cid = jf.optional_string(label, item, "id", path) or name
        channels.append(_Channel(cid, name, frozenset(pins)))
    return channels


def _users(export: _Export, notes: list[str]) -> dict[str, str]:
    data = export.read("users.json")
    label = export.label("users.json")
    if data is None:
        notes.append(f"{label}: note: not found; authors and mentions stay as user ids")
        return {}
    doc = jf.load_json(data, label)
    if not isinstance(doc, list):
        raise jf.fail(label, "$", "a list of users", doc)
    names = {}
    for i, item in enumerate(doc):
        path = f"$[{i}]"
        if not isinstance(item, dict):
            raise jf.fail(label, path, "a user object", item)
        uid = jf.string(label, item, "id", path)
        profile = jf.optional_object(label, item, "profile", path)
        names[uid] = (
            jf.display_name(profile, ("real_name", "display_name"))
            or jf.display_name(item, ("real_name", "name"))
            or uid
        )
    return names


def _select(channels: list[_Channel], wanted: tuple[str, ...], label: str) -> list[_Channel]:
    if not wanted:
        return channels
    chosen = []
    for want in wanted:
        key = want.removeprefix("#")
        match = next((c for c in channels if key in (c.name, c.id)), None)
        if match is None:
            known = ", ".join(c.name for c in channels) or "none"
            raise UserError(f"{label}: no channel {want!r} in this export; channels: {known}")
        if match not in chosen:
            chosen.append(match)
    return chosen


def parse_slack(path: Path, ctx: Context) -> Parsed:
    parsed = Parsed()
    with _open(path) as export:
        channels = _select(_channels(export), ctx.options.channels, export.label("channels.json"))
        users = _users(export, parsed.notes)
        names = {c.id: c.name for c in channels}
        days = []
        for channel in channels:
            for name in export.day_files(channel.name):
                rel = f"{channel.name}/{name}"
                data = export.read(rel)
                if data is not None:
                    days.append((channel, export.label(rel), jf.load_json(data, export.label(rel))))
    total = sum(len(doc) for _, _, doc in days if isinstance(doc, list))
    reader = _Reader(ctx, parsed, users, names, several=len(channels) > 1, total=total)
    for channel, label, doc in days:
        if not isinstance(doc, list):
            raise jf.fail(label, "$", "a list of messages", doc)
        for i, message in enumerate(doc):
            reader.message(channel, label, f"$[{i}]", message)
    return parsed


class _Reader:
    def __init__(
        self,
        ctx: Context,
        parsed: Parsed,
        users: dict[str, str],
        channels: dict[str, str],
        *,
        several: bool,
        total: int,
    ) -> None:
        self.ctx = ctx
        self.parsed = parsed
        self.users = users
        self.channels = channels
        self.several = several
        self.total = total
        self.done = 0

    def message(self, channel: _Channel, label: str, path: str, msg: Any) -> None:
        self.done += 1
        self.ctx.tick("Slack messages", self.done, self.total)
        if not isinstance(msg, dict):
            raise jf.fail(label, path, "a message object", msg)
        if msg.get("type", "message") != "message":
            return
        subtype = jf.optional_string(label, msg, "subtype", path)
        if subtype in SKIPPED_SUBTYPES:
            self.parsed.filtered["joins and leaves"] += 1
            return
        if subtype in GONE_SUBTYPES:
            return
        ts = self._ts(label, msg, "ts", path, required=True)
        thread_ts = self._ts(label, msg, "thread_ts", path, required=False)
        reply = bool(thread_ts) and thread_ts != ts
        pinned = ts in channel.pins or bool(msg.get("pinned_to"))
        reactions = jf.optional_list(label, msg, "reactions", path)
        if self.ctx.options.pinned_or_reacted and not (pinned or reactions):
            self.parsed.filtered["not pinned or reacted"] += 1
            return
        annotations = [
            f"file: {jf.display_name(f, ('title', 'name')) or 'attachment'}"
            for f in jf.optional_list(label, msg, "files", path)
            if isinstance(f, dict)
        ]
        text = self.render(jf.optional_string(label, msg, "text", path))
        if not text:
            text = self._attachment_text(msg) or (annotations[0] if annotations else "")
        if self.several:
            annotations.insert(0, f"#{channel.name}")
        self.parsed.events.append(
            Imported(
                at=slack_time(ts),
                text=text or "(no text)",
                source=SOURCE,
                source_id=slack_source_id(channel.id, ts, thread_ts if reply else None),
                kind="reply" if reply else "message",
                author=self._author(msg),
                annotations=annotations,
                decision_point=decision_marked(text),
            )
        )

    @staticmethod
    def _ts(label: str, msg: dict[str, Any], key: str, path: str, *, required: bool) -> str:
        if not required and msg.get(key) is None:
            return ""
        value = jf.string(label, msg, key, path)
        if not _TS.match(value):
            raise jf.fail(label, f"{path}.{key}", _TS_HELP, value)
        return value

    def _author(self, msg: dict[str, Any]) -> str:
        user = msg.get("user")
        if isinstance(user, str) and user in self.users:
            return self.users[user]
        profile = msg.get("user_profile")
        bot = msg.get("bot_profile")
        return (
            (
                jf.display_name(profile, ("real_name", "display_name"))
                if isinstance(profile, dict)
                else ""
            )
            or (msg["username"] if isinstance(msg.get("username"), str) else "")
            or (jf.display_name(bot, ("name",)) if isinstance(bot, dict) else "")
            or (user if isinstance(user, str) else "")
        )

    @staticmethod
    def _attachment_text(msg: dict[str, Any]) -> str:
        attachments = msg.get("attachments")
        if not isinstance(attachments, list):
            return ""
        for item in attachments:
            if isinstance(item, dict):
                found = jf.display_name(item, ("fallback", "title", "text", "pretext"))
                if found:
                    return _unescape(found)
        return ""

    def render(self, text: str) -> str:
        """Slack markup to plain text: `<@U1>` -> `@Dana`, `<url|label>` -> `label (url)`."""

        def replace(match: re.Match[str]) -> str:
            inner = match.group(1)
            target, _, shown = inner.partition("|")
            if target.startswith("@"):
                return "@" + (self.users.get(target[1:]) or shown or target[1:])
            if target.startswith("#"):
                return "#" + (shown or self.channels.get(target[1:]) or target[1:])
            if target.startswith("!subteam^"):
                return shown or "@group"
            if target.startswith("!"):
                return "@" + (shown.lstrip("@") or target[1:].split("^")[0])
            if shown and shown != target:
                return f"{shown} ({target})"
            return target.removeprefix("mailto:")

        return _unescape(_LINK.sub(replace, text)).strip()


def _unescape(text: str) -> str:
    # Slack escapes exactly these three; a general HTML unescape would also eat "&copy".
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
