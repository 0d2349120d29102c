"""The timeline's headline: time to detect, acknowledge, mitigate and resolve, and its size.

Durations come from `core.timeline_facts` (header times, or the first event of a milestone's
kind). A milestone taken from an event is marked `*`, so the room knows it is an estimate from
the timeline rather than a recorded time. Milestones out of order are shown as a warning: they
make every duration after them wrong.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from secondstory.core.timeline_facts import TimelineFacts, format_duration

_DURATIONS = (
    ("detect", "to_detect", "detected", "TTD"),
    ("acknowledge", "to_acknowledge", "acknowledged", "TTA"),
    ("mitigate", "to_mitigate", "mitigated", "TTM"),
    ("resolve", "to_resolve", "resolved", "TTR"),
)


def summary_parts(facts: TimelineFacts, *, short: bool) -> list[str]:
    """`detect 6m`, ... (or `TTD 6m` when `short`): one entry per duration."""
    parts = []
    for word, attr, milestone, acronym in _DURATIONS:
        value = getattr(facts.durations, attr)
        estimated = "*" if facts.milestones[milestone].source.startswith("event:") else ""
        label = acronym if short else word
        parts.append(f"{label} {format_duration(value)}{estimated}")
    return parts


NO_MILESTONES = (
    "No milestone times yet: set them in the incident header, or use the kinds alert, "
    "mitigation, resolution"
)


def summary_forms(facts: TimelineFacts) -> tuple[str, str]:
    """The durations in words (`Time to detect 6m · acknowledge 2m ...`) and as acronyms."""
    durations = facts.durations
    if all(getattr(durations, attr) is None for _, attr, _, _ in _DURATIONS):
        return NO_MILESTONES, "No milestones yet: kinds alert / mitigation / resolution"
    return (
        "Time to " + " · ".join(summary_parts(facts, short=False)),
        " · ".join(summary_parts(facts, short=True)),
    )


def counts_text(events: int, decisions: int, long_gaps: int) -> str:
    noun = "event" if events == 1 else "events"
    text = f"{events} {noun} · {decisions} decision point{'s' if decisions != 1 else ''}"
    if long_gaps:
        text += f" · {long_gaps} long gap{'s' if long_gaps != 1 else ''}"
    return text


class TimelineSummary(Widget):
    """One line (two when a milestone is out of order); picks a shorter form when narrow."""

    COMPONENT_CLASSES = {
        "timeline-summary--durations",
        "timeline-summary--counts",
        "timeline-summary--problem",
    }

    DEFAULT_CSS = """
    TimelineSummary {
        height: auto;
        & > .timeline-summary--durations { color: $text; text-style: bold; }
        & > .timeline-summary--counts { color: $text-muted; }
        & > .timeline-summary--problem { color: $warning; text-style: bold; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self._facts: TimelineFacts | None = None
        self._counts = ""

    def show(self, facts: TimelineFacts, events: int, decisions: int) -> None:
        self._facts = facts if events else None
        self._counts = counts_text(events, decisions, sum(facts.long_gaps))
        self.refresh(layout=True)

    def render(self) -> Text:
        facts = self._facts
        if facts is None:
            return Text("")
        width = self.size.width
        counts = self._counts
        words, acronyms = summary_forms(facts)
        # The durations matter more to the room than the counts, and words more than acronyms:
        # drop the counts before falling back to TTD / TTA / TTM / TTR.
        options = [(words, True), (words, False), (acronyms, True), (acronyms, False)]
        fits = [
            (head, show)
            for head, show in options
            if len(head) + 3 * show + len(counts) * show <= width
        ]
        head, show_counts = fits[0] if fits else options[-1]
        style = self.get_component_rich_style
        text = Text()
        text.append(head, style=style("timeline-summary--durations"))
        if show_counts:
            text.append(" " * max(3, width - len(head) - len(counts)))
            text.append(counts, style=style("timeline-summary--counts"))
        for problem in facts.problems:
            text.append(
                f"\n⚠ {problem}: check the incident times", style=style("timeline-summary--problem")
            )
        return text
