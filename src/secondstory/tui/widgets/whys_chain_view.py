"""The current five-whys chain: its problem and category, its steps, the guard, the answer line.

A display container: the workspace tells it what to show (`show_chain`) and listens to the
messages of the widgets inside (step commands, the answer line's Enter). With no chain yet it
shows how to start one, and the phase's prompts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from secondstory.core.model import TimelineEvent, WhyChain
from secondstory.tui.widgets.text_fields import NoteInput
from secondstory.tui.widgets.whys_guard import Guard, WhysGuard, answered_index
from secondstory.tui.widgets.whys_step_list import WhysStepList

EMPTY_TEXT = (
    "No chain yet. Press n and type the problem as the customers or the system saw it; "
    "then ask why, one answer at a time."
)


def chain_heading(chain: WhyChain, number: int, total: int) -> Content:
    factors = sum(1 for s in chain.steps if s.contributing)
    details = [chain.category or "no category yet (c)"]
    details.append("closed" if chain.closed else "open")
    if factors:
        details.append(f"{factors} contributing factor" + ("s" if factors != 1 else ""))
    if total > 1:
        details.append(f"chain {number} of {total}")
    return Content.assemble(
        (f"{chain.id} ", "bold $text-accent"),
        (chain.problem, "bold"),
        "\n",
        (" · ".join(details), "$text-muted"),
    )


def answer_placeholder(chain: WhyChain | None) -> str:
    if chain is None:
        return "Press n to start a chain"
    last = chain.steps[-1] if chain.steps else None
    if last is not None and not last.answer:
        return f"Because … (answers step {len(chain.steps)}; Enter saves)"
    return f"Because … or “Why …? because …” (Enter adds step {len(chain.steps) + 1})"


class WhysChainView(Vertical):
    DEFAULT_CSS = """
    WhysChainView {
        height: 1fr;
        border: round $secondary 50%;
        border-title-color: $text-secondary;
        &:focus-within { border: round $secondary; border-title-style: bold; }
        #whys-head { height: auto; padding: 0 1; }
        #whys-steps { height: 1fr; background: transparent; padding: 0 1; }
        #whys-empty { height: 1fr; padding: 0 1; color: $text-muted; }
        #whys-answer-line { margin: 0 1; }
        &.-empty #whys-head, &.-empty #whys-steps { display: none; }
        &.-has-chain #whys-empty { display: none; }
    }
    """

    def __init__(
        self,
        prompts: Sequence[str] = (),
        *,
        id: str | None = None,  # noqa: A002  (Textual's own name for it)
    ) -> None:
        super().__init__(id=id)
        self._prompts = list(prompts)
        self.head = Static("", id="whys-head")
        self.steps = WhysStepList(id="whys-steps")
        self.guard = WhysGuard("", id="whys-guard")
        self.answer_line = NoteInput(
            placeholder=answer_placeholder(None),
            compact=True,
            id="whys-answer-line",
            draft_key="whys:answer-line",
        )
        self.empty = Static(self._empty_text(), id="whys-empty", markup=False)

    def _empty_text(self) -> str:
        lines = [EMPTY_TEXT]
        if self._prompts:
            lines.append("")
            lines += [f"• {p}" for p in self._prompts]
        return "\n".join(lines)

    def compose(self) -> ComposeResult:
        yield self.head
        yield self.empty
        yield self.steps
        yield self.guard
        yield self.answer_line

    def show_chain(
        self,
        chain: WhyChain | None,
        number: int,
        total: int,
        events: Mapping[str, TimelineEvent],
        guard: Guard,
        highlight: int | None = None,
    ) -> None:
        self.set_class(chain is None, "-empty")
        self.set_class(chain is not None, "-has-chain")
        self.answer_line.placeholder = answer_placeholder(chain)
        if chain is None:
            self.border_title = "Five whys"
            self.steps.clear_options()
            self.guard.show_guard(guard, False)
            return
        self.border_title = f"Chain {chain.id}"
        self.head.update(chain_heading(chain, number, total))
        flagged = answered_index(chain, guard.step) if guard.flagged else None
        self.steps.show_steps(chain, events, flagged, highlight)
        self.guard.show_guard(guard, chain.closed)
