"""What an import would add, shown before anything changes: counts, then the first new events.

The counts say how many events are new, how many are already in the timeline (the same source
and id were imported before, so they are skipped) and how many the importer left out on purpose
(notifications, joins, outside the since/until window). Times are shown in the zone the import
read them in.
"""

from __future__ import annotations

from datetime import tzinfo

from textual.content import Content
from textual.widgets import Static

from secondstory.core.importers import ImportResult

FIRST_EVENTS = 6
"""New events listed in full; the rest are counted."""


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


def counts_line(result: ImportResult) -> str:
    left_out = sum(result.filtered.values())
    parts = [
        plural(len(result.added), "new event"),
        f"{plural(result.duplicates, 'event')} already in the timeline",
    ]
    if left_out:
        parts.append(f"{left_out:,} left out")
    return " · ".join(parts)


def preview_content(result: ImportResult, zone: tzinfo, zone_name: str) -> Content:
    """The preview as styled lines; the facilitator reads it before confirming."""
    lines: list[Content] = [Content.styled(counts_line(result), "bold")]
    details = [f"Read as {result.format}"]
    if result.duplicates:
        details.append("already there: imported before (same source and ids)")
    if result.filtered:
        reasons = ", ".join(f"{why} {n:,}" for why, n in sorted(result.filtered.items()))
        details.append(f"left out: {reasons}")
    lines.append(Content.styled("; ".join(details) + ".", "$text-muted"))
    for note in result.notes:
        lines.append(Content.styled(note, "$text-warning"))
    if result.added:
        lines.append(Content.styled(f"First new events (times in {zone_name}):", "$text-secondary"))
        for event in result.added[:FIRST_EVENTS]:
            when = event.at.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")
            first = " ".join(event.text.split("\n", 1)[0].split())
            who = f" ({event.author})" if event.author else ""
            lines.append(
                Content.assemble(
                    (f"{when}  ", "$text-muted"),
                    (f"{event.kind:<11} ", "$text-secondary"),
                    first + who,
                )
            )
        more = len(result.added) - FIRST_EVENTS
        if more > 0:
            lines.append(Content.styled(f"… and {plural(more, 'more event')}", "$text-muted"))
    elif result.duplicates:
        lines.append(Content("Nothing new to add: every event is already in the timeline."))
    elif result.filtered:
        lines.append(Content("Nothing to add: every event in the source was left out."))
    else:
        lines.append(Content("Nothing to add: no events found in the source."))
    return Content("\n").join(lines)


class ImportPreview(Static):
    DEFAULT_CSS = """
    ImportPreview {
        height: auto;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def show(self, result: ImportResult, zone: tzinfo, zone_name: str) -> None:
        self.update(preview_content(result, zone, zone_name))
