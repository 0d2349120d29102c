"""PagerDuty: REST API log entries (the `log_entries` envelope or a bare list) and incident notes.

Each log entry becomes one event: its `type` gives the kind (`trigger_log_entry` -> `trigger`),
its agent the author, its id the stable source id. Notification rows (`notify_log_entry`: who
was paged, how) are routing noise for a postmortem and are left out unless asked for. Notes
(`notes[]` with `user`, `content`, `created_at`) become `note` events; a note and the annotate
entry PagerDuty logged for it are recognised as one event when merged.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from secondstory.core.errors import UserError
from secondstory.core.importers import jsonfields as jf
from secondstory.core.importers.common import (
    PROGRESS_EVERY,
    Context,
    Imported,
    Parsed,
    content_id,
    decision_marked,
)

SOURCE = "pagerduty"

NOISE = frozenset({"notify_log_entry"})
KINDS = {
    "exhaust_escalation_path": "escalate",
    "repeat_escalation_path": "escalate",
    "priority_change": "priority",
    "urgency_change": "urgency",
}


def parse_pagerduty(data: bytes, ctx: Context) -> Parsed:
    doc = jf.load_json(data, ctx.label)
    parsed = Parsed()
    # (JSON path prefix, index or None, item): the path of an item is only spelt out for an error.
    entries: list[tuple[str, int | None, Any]] = []
    notes: list[tuple[str, int | None, Any]] = []
    if isinstance(doc, dict):
        found = False
        for key, bucket in (("log_entries", entries), ("notes", notes)):
            if key in doc:
                found = True
                items = doc[key]
                if not isinstance(items, list):
                    raise jf.fail(ctx.label, f"$.{key}", "a list", items)
                prefix = f"$.{key}"
                bucket.extend([(prefix, i, item) for i, item in enumerate(items)])
        if "log_entry" in doc:
            found = True
            entries.append(("$.log_entry", None, doc["log_entry"]))
        if not found:
            raise UserError(
                f"{ctx.label}: $: expected a PagerDuty response with `log_entries` or `notes`, "
                f"or a list of log entries; found the keys {', '.join(map(str, doc)) or 'none'}"
            )
        if doc.get("more") is True:
            parsed.notes.append(
                f"{ctx.label}: note: the response says more entries exist (more: true, "
                f"total {doc.get('total')}); fetch every page (offset) to import them all"
            )
    elif isinstance(doc, list):
        for i, item in enumerate(doc):
            bucket = notes if isinstance(item, dict) and "content" in item else entries
            bucket.append(("$", i, item))
    else:
        raise jf.fail(ctx.label, "$", "an object with `log_entries` or a list of log entries", doc)
    total = len(entries) + len(notes)
    done = 0
    noise = frozenset() if ctx.options.include_notifications else NOISE
    events = parsed.events
    notifications = 0
    for prefix, index, entry in entries:
        done += 1
        if done % PROGRESS_EVERY == 0:
            ctx.tick("PagerDuty entries", done, total)
        item = _plain_entry(entry, ctx.zone, noise)
        if item is _NOT_PLAIN:
            item = _entry(ctx, _path(prefix, index), entry)
        if item is None:
            notifications += 1
        else:
            events.append(item)
    if notifications:
        parsed.filtered["notifications"] += notifications
    for prefix, index, note in notes:
        done += 1
        ctx.tick("PagerDuty entries", done, total)
        events.append(_note(ctx, _path(prefix, index), note))
    return parsed


def _path(prefix: str, index: int | None) -> str:
    return prefix if index is None else f"{prefix}[{index}]"


_NOT_PLAIN: Any = object()


def _plain_entry(entry: Any, zone: tzinfo, noise: frozenset[str]) -> Any:
    """`_entry` for an entry whose fields all have the expected types, else `_NOT_PLAIN`
    (then `_entry` reads it again and names what is wrong). The same result as `_entry`."""
    if type(entry) is not dict:
        return _NOT_PLAIN
    get = entry.get
    kind_raw = get("type")
    if type(kind_raw) is not str:
        return _NOT_PLAIN
    if kind_raw in noise:
        return None
    entry_id, created, summary = get("id"), get("created_at"), get("summary")
    channel, agent = get("channel"), get("agent")
    if (
        type(entry_id) is not str
        or type(created) is not str
        or (summary is not None and type(summary) is not str)
        or (channel is not None and type(channel) is not dict)
        or (agent is not None and type(agent) is not dict)
    ):
        return _NOT_PLAIN
    try:
        at = datetime.fromisoformat(created)
    except ValueError:
        return _NOT_PLAIN
    if at.tzinfo is None:
        at = at.replace(tzinfo=zone)
    summary = summary.strip() if summary else ""
    return _imported(kind_raw, entry_id, at, summary, channel or {}, agent or {})


def _entry(ctx: Context, path: str, entry: Any) -> Imported | None:
    label = ctx.label
    if not isinstance(entry, dict):
        raise jf.fail(label, path, "a log entry object", entry)
    kind_raw = jf.string(label, entry, "type", path)
    if kind_raw in NOISE and not ctx.options.include_notifications:
        return None
    entry_id = jf.string(label, entry, "id", path)
    at = jf.stamp(label, entry, "created_at", path, ctx.zone)
    summary = jf.optional_string(label, entry, "summary", path).strip()
    channel = jf.optional_object(label, entry, "channel", path)
    agent = jf.optional_object(label, entry, "agent", path)
    return _imported(kind_raw, entry_id, at, summary, channel, agent)


def _imported(
    kind_raw: str,
    entry_id: str,
    at: datetime,
    summary: str,
    channel: dict[str, Any],
    agent: dict[str, Any],
) -> Imported:
    """The event for a checked entry (both the quick and the careful path end here)."""
    kind = kind_raw.removesuffix("_log_entry")
    kind = KINDS.get(kind, kind)
    annotations: list[str] = []
    if kind == "annotate":
        # The note's words live in the channel; the entry's summary is often just "Note added".
        text = jf.display_name(channel, ("summary", "notes", "content")) or summary
    else:
        text = summary
        detail = jf.display_name(channel, ("summary",))
        if detail and detail not in summary:
            annotations.append(detail)
    return Imported(
        at=at,
        text=text or kind.replace("_", " "),
        source=SOURCE,
        source_id=entry_id,
        kind=kind,
        author=jf.display_name(agent),
        annotations=annotations,
        decision_point=decision_marked(text),
    )


def _note(ctx: Context, path: str, note: Any) -> Imported:
    label = ctx.label
    if not isinstance(note, dict):
        raise jf.fail(label, path, "a note object", note)
    content = jf.string(label, note, "content", path).strip()
    at = jf.stamp(label, note, "created_at", path, ctx.zone)
    note_id = jf.optional_string(label, note, "id", path)
    return Imported(
        at=at,
        text=content or "(empty note)",
        source=SOURCE,
        source_id=f"note:{note_id or content_id(at, content)}",
        kind="note",
        author=jf.display_name(jf.optional_object(label, note, "user", path)),
        decision_point=decision_marked(content),
    )
