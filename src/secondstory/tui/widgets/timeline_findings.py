"""The findings noted at the current event, with the keys that turn one into something more.

A finding is a short observation ("no load test covers the pool"). From here one key makes it
a contributing factor, another an action item; the finding keeps a link to what it became and
the new item names the finding, so the trail from the timeline to the actions stays visible.
The list only shows findings and asks for changes with `Requested`; the workspace makes them.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from secondstory.core.model import Finding

_PROMOTED = {"factor": "contributing factor", "action": "action item"}


def promoted_label(promoted_to: str | None) -> str:
    """`factor:CF-2` → `contributing factor CF-2`; empty when not promoted."""
    if not promoted_to:
        return ""
    kind, _, item = promoted_to.partition(":")
    return f"{_PROMOTED.get(kind, kind)} {item}".strip()


class TimelineFindings(OptionList):
    """Findings at one event; `c` / `a` promote the highlighted one."""

    DEFAULT_CSS = """
    TimelineFindings {
        height: auto;
        max-height: 8;
    }
    """

    BINDINGS = [
        Binding("c", "request('factor')", "→ Factor", tooltip="Make it a contributing factor"),
        Binding("a,i", "request('action')", "→ Action", tooltip="Make it an action item"),
        Binding("e", "request('edit')", "Edit", show=False),
        Binding("x,delete", "request('delete')", "Delete", show=False),
        Binding("f,n", "request('new')", "New finding", show=False),
    ]

    class Requested(Message):
        """A key asked for a change to a finding (None: no finding is highlighted)."""

        def __init__(self, action: str, finding_id: str | None) -> None:
            super().__init__()
            self.action = action
            self.finding_id = finding_id

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id, compact=True)

    def show(self, findings: Sequence[Finding], highlight: str | None = None) -> None:
        """List `findings`; keep the highlight on `highlight` (an id) or where it was."""
        before = self.highlighted_option.id if self.highlighted_option else None
        wanted = highlight or before
        options = []
        for finding in findings:
            prompt = Text(f"{finding.id} ", style="bold")
            prompt.append(finding.text)
            label = promoted_label(finding.promoted_to)
            if label:
                prompt.append(f"  → {label}", style="italic")
            options.append(Option(prompt, id=finding.id))
        self.set_options(options)
        if not options:
            return
        ids = [f.id for f in findings]
        self.highlighted = ids.index(wanted) if wanted in ids else 0

    @property
    def current_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None

    def action_request(self, action: str) -> None:
        self.post_message(self.Requested(action, self.current_id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # Enter on a finding edits it, as Enter on an event does.
        event.stop()
        self.post_message(self.Requested("edit", event.option.id))
