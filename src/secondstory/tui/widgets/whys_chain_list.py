"""The five-whys chains of a session, one line each, with keys for the chain as a whole.

The list only says what the facilitator asked for (`WhysChainList.Command`); the workspace
changes the session. Each line shows whether the chain is closed, whether the guard flags it
(it ends at a person), its id, problem and cause category.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList

from secondstory.core.model import WhyChain
from secondstory.tui.widgets.whys_guard import Guard
from secondstory.tui.widgets.whys_step_list import palette

ChainCommand = Literal["delete"]


def chain_label(
    chain: WhyChain, guard: Guard, colours: Mapping[str, str], one_line: bool = False
) -> Table:
    """The chain as a two-column grid: its mark, then text whose wrapped lines hang under it.

    `one_line` (a narrow screen) keeps each chain to one line, cut with an ellipsis."""
    if guard.flagged:
        mark = Text("⚠", style=f"bold {colours.get('text-warning', '')}")
    elif chain.closed:
        mark = Text("✓", style=colours.get("text-success", ""))
    else:
        mark = Text("○", style="dim")
    answered = sum(1 for s in chain.steps if s.answer.strip())
    details = [f"{answered} why" + ("s" if answered != 1 else "")]
    details.append(chain.category or "no category")
    if chain.closed:
        details.append("closed")
    body = Text()
    body.append(f"{chain.id} ", style="bold")
    body.append(chain.problem)
    body.append(" · " + " · ".join(details), style="dim")
    grid = Table.grid(padding=(0, 1, 0, 0), expand=True)
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1, no_wrap=one_line, overflow="ellipsis" if one_line else "fold")
    grid.add_row(mark, body)
    return grid


class WhysChainList(OptionList):
    BINDINGS = [
        Binding("d,delete", "command('delete')", "Delete chain", tooltip="Delete (press twice)"),
    ]

    class Command(Message):
        def __init__(self, chains: WhysChainList, command: ChainCommand, index: int | None):
            super().__init__()
            self.chains = chains
            self.command: ChainCommand = command
            self.index = index

        @property
        def control(self) -> WhysChainList:
            return self.chains

    def __init__(
        self,
        *,
        id: str | None = None,  # noqa: A002  (Textual's own name for it)
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.one_line = False
        """Set by the workspace on a narrow screen: one line per chain."""

    def show_chains(
        self, chains: Sequence[WhyChain], guards: Sequence[Guard], current: int | None
    ) -> None:
        colours = palette(self)
        self.set_options(
            chain_label(c, g, colours, self.one_line) for c, g in zip(chains, guards, strict=True)
        )
        if current is not None and chains:
            self.highlighted = max(0, min(current, len(chains) - 1))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "command":
            return self.highlighted is not None
        return True

    def action_command(self, command: ChainCommand) -> None:
        self.post_message(self.Command(self, command, self.highlighted))
