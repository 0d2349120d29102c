"""The why/because steps of one five-whys chain, with keys for the highlighted step.

Each step shows its number, its question (or "Why?") and its answer, the timeline event the
answer links to, and a mark when it is a contributing factor. The step the chain guard is about
(an answer that stops at a person) is marked as well. Like the chain list, this widget only
reports what was asked for (`WhysStepList.Command`); the workspace changes the session.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList

from secondstory.core.model import TimelineEvent, WhyChain, WhyStep

StepCommand = Literal["edit", "contributing", "link", "delete", "add", "action", "up", "down"]


def event_label(event: TimelineEvent) -> str:
    return f"{event.id} {event.at.strftime('%H:%M')}"


_palettes: dict[str, dict[str, str]] = {}


def palette(widget: Widget) -> dict[str, str]:
    """Theme colours as Rich styles (Rich cannot read Textual's `$` variables).

    Worked out once per theme: asking the app for its variables takes a few milliseconds."""
    theme = widget.app.theme
    if theme not in _palettes:
        found = widget.app.get_css_variables()
        _palettes[theme] = {
            name: value if (value := found.get(name, "")).startswith("#") else ""
            for name in ("text-secondary", "text-warning", "text-success", "text-accent")
        }
    return _palettes[theme]


def step_label(
    number: int,
    step: WhyStep,
    events: Mapping[str, TimelineEvent],
    flagged: bool,
    colours: Mapping[str, str],
) -> Table:
    """The step as a two-column grid, so wrapped lines hang under the text, not the number."""
    body = Text()
    body.append(step.question or "Why?", style=colours.get("text-secondary", ""))
    body.append("\n→ ", style="dim")
    if step.answer:
        warning = colours.get("text-warning", "")
        body.append(step.answer, style=f"bold {warning}" if flagged else "")
    else:
        body.append("(no answer yet: e to type it)", style="italic dim")
    if step.event_id:
        event = events.get(step.event_id)
        linked = event_label(event) if event else f"{step.event_id} (not in the timeline)"
        body.append(f"  ↳ {linked}", style=colours.get("text-accent", ""))
    if step.contributing:
        body.append("  ★ contributing factor", style=f"bold {colours.get('text-success', '')}")
    if flagged:
        body.append("  ⚠ stops at a person", style=f"bold {colours.get('text-warning', '')}")
    grid = Table.grid(padding=(0, 1, 0, 0), expand=True)
    grid.add_column(width=len(str(number)) + 1, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(f"{number}.", style="bold"), body)
    return grid


class WhysStepList(OptionList):
    BINDINGS = [
        Binding("e", "command('edit')", "Edit", tooltip="Edit the question and answer"),
        Binding(
            "f",
            "command('contributing')",
            "Factor",
            tooltip="Mark or unmark the answer as a contributing factor",
        ),
        Binding("l", "command('link')", "Link", tooltip="Link the answer to a timeline event"),
        Binding("d,delete", "command('delete')", "Delete", tooltip="Delete (press twice)"),
        Binding("a", "command('add')", "Add", tooltip="Type the next answer", show=False),
        Binding("shift+up", "command('up')", "Move up", tooltip="Move the step up", show=False),
        Binding(
            "shift+down", "command('down')", "Move down", tooltip="Move the step down", show=False
        ),
        Binding(
            "A",
            "command('action')",
            "To action",
            tooltip="Turn the answer into an action item",
        ),
    ]

    class Command(Message):
        def __init__(self, steps: WhysStepList, command: StepCommand, index: int | None):
            super().__init__()
            self.steps = steps
            self.command: StepCommand = command
            self.index = index

        @property
        def control(self) -> WhysStepList:
            return self.steps

    def __init__(
        self,
        *,
        id: str | None = None,  # noqa: A002  (Textual's own name for it)
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes, compact=True)

    def show_steps(
        self,
        chain: WhyChain | None,
        events: Mapping[str, TimelineEvent],
        flagged_step: int | None,
        highlight: int | None = None,
    ) -> None:
        steps = chain.steps if chain else []
        previous = self.highlighted if highlight is None else highlight
        colours = palette(self)
        self.set_options(
            step_label(n, step, events, n - 1 == flagged_step, colours)
            for n, step in enumerate(steps, 1)
        )
        if steps:
            index = len(steps) - 1 if previous is None else previous
            self.highlighted = max(0, min(index, len(steps) - 1))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "command" and parameters and parameters[0] != "add":
            return self.highlighted is not None
        return True

    def action_command(self, command: StepCommand) -> None:
        self.post_message(self.Command(self, command, self.highlighted))

    def action_cursor_down(self) -> None:
        # Past the last step the cursor goes on to the answer line below, where the next
        # answer is typed.
        if self.highlighted is None or self.highlighted >= self.option_count - 1:
            self.post_message(self.Command(self, "add", self.highlighted))
            return
        super().action_cursor_down()
