"""The five-whys workspace, for root-cause phases: several chains, each asked down to the system.

The chains are listed on the left (above, when narrow); the current chain's steps are on the
right with the answer line under them, where the facilitator types each answer as the room
gives it: Enter adds it as the next step. A line such as "Why did the pool fill up? every
instance opened 200 connections" is split into question and answer; a question alone waits
for its answer on the next Enter.

The chain guard (the language coach's judgement) marks a chain whose last answer is a person or
"human error" and shows "how" questions to carry it on. Keys outside the answer line:
n new chain, p edit the problem, c cause category, x close or reopen, [ and ] switch chains;
on a step: e edit, f contributing factor, l link a timeline event, d delete (twice),
shift+up / shift+down move it, A turn it into an action item. Every change goes through
`core.whys_ops`. In presentation mode [ and ] still switch chains (`presentation_key`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.events import DescendantFocus, Key, Resize
from textual.widgets import Input, OptionList, Static

from secondstory.core import whys_ops
from secondstory.core.action_ops import add_action
from secondstory.core.errors import UserError
from secondstory.core.model import TimelineEvent, WhyChain
from secondstory.tui.coach_hub import CoachHub
from secondstory.tui.widgets.whys_category_picker import WhysCategoryPicker
from secondstory.tui.widgets.whys_chain_form import WhysChainForm
from secondstory.tui.widgets.whys_chain_list import WhysChainList
from secondstory.tui.widgets.whys_chain_view import WhysChainView
from secondstory.tui.widgets.whys_guard import (
    PENDING,
    ChainJudge,
    Guard,
    answered_index,
    guard_lines,
)
from secondstory.tui.widgets.whys_step_form import WhysStepForm
from secondstory.tui.widgets.whys_step_list import WhysStepList, event_label
from secondstory.tui.workspaces.base import Workspace

if TYPE_CHECKING:
    from secondstory.tui.widgets.action_form import ActionDraft

WIDE = 100
"""From this width on, the chain list sits beside the current chain instead of above it."""

HINTS = {
    "chains": "n new chain · p problem · c category · x close · d delete · Enter steps",
    "steps": (
        "e edit · f factor · l link · d delete · A action · shift+↑↓ move · [ ] chain · ↓ type"
    ),
    "answer": "Enter adds the answer · “Why …? answer” splits · ↑ or Esc: steps and chain keys",
}

PREVIOUS_CHAIN_KEY = "left_square_bracket"
NEXT_CHAIN_KEY = "right_square_bracket"

_QUESTION = re.compile(r"^\s*((?:why|how|what)\b[^?]*\?)\s*(.*)$", re.IGNORECASE | re.DOTALL)


def split_typed(text: str) -> tuple[str, str]:
    """`(question, answer)` from a typed line: "Why …? answer" splits; else it is an answer."""
    match = _QUESTION.match(text)
    if match:
        return match.group(1).strip(), match.group(2).strip()
    return "", text.strip()


def chain_presentation(
    chain: WhyChain, guard: Guard, events: dict[str, TimelineEvent], current: int | None
) -> str:
    """The chain as the shared screen shows it: problem, every step, and the guard."""
    head = f"{chain.id} · {chain.problem}"
    if chain.category:
        head += f" ({chain.category})"
    if chain.closed:
        head += " · closed"
    lines = [head]
    # A chain that stops at a person puts the "how" questions first, where the room looks.
    if guard.flagged:
        lines += guard_lines(guard, chain.closed)
    flagged = answered_index(chain, guard.step) if guard.flagged else None
    for n, step in enumerate(chain.steps, 1):
        pointer = "▶" if n - 1 == current else " "
        lines.append(f"{pointer}{n}. {step.question or 'Why?'}")
        if step.answer:
            extra = []
            if step.event_id and step.event_id in events:
                extra.append(event_label(events[step.event_id]))
            if step.contributing:
                extra.append("contributing factor")
            if n - 1 == flagged:
                extra.append("stops at a person")
            tail = f"  [{' · '.join(extra)}]" if extra else ""
            lines.append(f"    → {step.answer}{tail}")
    if not chain.steps:
        lines.append("  Why?")
    if not guard.flagged:
        lines += guard_lines(guard, chain.closed)
    return "\n".join(lines)


class FiveWhysWorkspace(Workspace):
    DEFAULT_CSS = """
    FiveWhysWorkspace {
        layout: vertical;
        #whys-hint { height: 1; color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis; }
        #whys-hint.-error { color: $text-error; }
        #whys-hint.-warning { color: $text-warning; text-style: bold; }
        #whys-hint.-done { color: $text-success; }
        #whys-body { height: 1fr; layout: vertical; }
        #whys-chains {
            height: auto;
            max-height: 5;
            border: round $secondary 50%;
            border-title-color: $text-secondary;
            background: transparent;
            padding: 0 1;
            &:focus { border: round $secondary; border-title-style: bold; }
        }
        &.-wide #whys-body { layout: horizontal; }
        &.-wide #whys-chains { width: 36%; height: 1fr; max-height: 100%; margin-right: 1; }
    }
    """

    BINDINGS = [
        Binding("n", "new_chain", "New chain", tooltip="Start a new chain from a problem"),
        Binding(
            "p",
            "edit_problem",
            "Problem",
            tooltip="Edit the chain's problem statement",
            show=False,
        ),
        Binding("c", "category", "Category", tooltip="Set the chain's cause category"),
        Binding("x", "close_chain", "Close", tooltip="Close the chain, or reopen it"),
        Binding(PREVIOUS_CHAIN_KEY, "switch(-1)", "Prev chain", show=False),
        Binding(NEXT_CHAIN_KEY, "switch(1)", "Next chain", show=False),
    ]

    def compose(self) -> ComposeResult:
        # The session's shared language coach judges the chains (see whys_guard).
        self._judge = ChainJudge(lambda: self.state.coach)
        self._current = self._first_chain()
        self._armed: str | None = None
        self._hint_key = "chains"
        self.hint = Static(HINTS["chains"], id="whys-hint", markup=False)
        self.chains = WhysChainList(id="whys-chains")
        self.view = WhysChainView(self.phase.prompts, id="whys-view")
        yield self.hint
        with Container(id="whys-body"):
            yield self.chains
            yield self.view

    def on_mount(self) -> None:
        self.refresh_all()
        hub = CoachHub.of(self)
        if hub is not None:
            # Judged again whenever the coach arrives or is rebuilt (new roster, settings).
            hub.changed.subscribe(self, self._coach_changed, immediate=True)
            hub.ensure()

    def _coach_changed(self, generation: int) -> None:
        if self.is_attached:
            self.refresh_all()

    def _first_chain(self) -> int | None:
        chains = self.state.session.five_whys
        if not chains:
            return None
        # The first chain still being asked, else the first: the room reads them in order.
        return next((i for i, c in enumerate(chains) if not c.closed), 0)

    # Reading ----------------------------------------------------------------------------------

    @property
    def guard_ready(self) -> bool:
        """Whether the chain guard can judge: the session's coach is built (after the first
        frame, in a worker) and the chains have been judged with it."""
        return self._judge.ready

    @property
    def chain(self) -> WhyChain | None:
        chains = self.state.session.five_whys
        if self._current is None or not chains:
            return None
        return chains[min(self._current, len(chains) - 1)]

    def guard(self, chain: WhyChain | None) -> Guard:
        return self._judge.judge(chain) if chain is not None else PENDING

    def events(self) -> dict[str, TimelineEvent]:
        return {e.id: e for e in self.state.session.timeline}

    def _last_step(self) -> int | None:
        """Another chain opens at its deepest step, where the questioning goes on."""
        chain = self.chain
        return len(chain.steps) - 1 if chain is not None and chain.steps else None

    # Showing ----------------------------------------------------------------------------------

    def refresh_all(self, highlight: int | None = None) -> None:
        chains = self.state.session.five_whys
        if self._current is not None:
            self._current = min(self._current, len(chains) - 1) if chains else None
        guards = [self.guard(c) for c in chains]
        self.chains.show_chains(chains, guards, self._current)
        self.chains.border_title = f"Chains ({len(chains)})"
        chain = self.chain
        guard = (
            guards[self._current] if chain is not None and self._current is not None else PENDING
        )
        self.view.show_chain(
            chain, (self._current or 0) + 1, len(chains), self.events(), guard, highlight
        )

    def say(self, message: str, level: str = "") -> None:
        """Show a message in the hint line until the focus moves or another message comes."""
        self.hint.update(message)
        for name in ("error", "warning", "done"):
            self.hint.set_class(level == name, f"-{name}")

    def show_hint(self) -> None:
        self.say(HINTS[self._hint_key])

    @on(DescendantFocus)
    def _focus_moved(self, event: DescendantFocus) -> None:
        widget = event.widget
        if widget is self.chains:
            self._hint_key = "chains"
        elif widget is self.view.steps:
            self._hint_key = "steps"
        elif widget is self.view.answer_line:
            self._hint_key = "answer"
        self._armed = None
        self.show_hint()

    def changed(self, message: str = "", level: str = "done", highlight: int | None = None) -> None:
        self.refresh_all(highlight)
        self.edited()
        if message:
            self.say(message, level)

    # Keys that act on the workspace -----------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"new_chain", "edit_problem", "category", "close_chain", "switch"}:
            focused = self.screen.focused if self.is_attached else None
            if isinstance(focused, Input):
                return False  # the letters are being typed
            if action != "new_chain" and self.chain is None:
                return None
        return True

    def on_key(self, event: Key) -> None:
        if self._armed is not None and event.key not in ("d", "delete"):
            self._armed = None
            self.show_hint()
        if event.key in ("escape", "up") and self.view.answer_line.has_focus:
            event.stop()
            self._to_steps()

    def action_switch(self, step: int) -> None:
        chains = self.state.session.five_whys
        if not chains or self._current is None:
            return
        self._current = (self._current + step) % len(chains)
        self.refresh_all(highlight=self._last_step())

    def action_new_chain(self) -> None:
        def apply(problem: str) -> None:
            whys_ops.add_chain(self.state.session, problem)

        def done(saved: bool | None) -> None:
            if not saved:
                return
            self._current = len(self.state.session.five_whys) - 1
            self.changed(f"{self.chain.id if self.chain else 'Chain'} started: now its category.")
            self.action_category(then_answer=True)

        self.open_form(WhysChainForm("New five-whys chain", "", apply), done)

    def action_edit_problem(self) -> None:
        chain = self.chain
        if chain is None:
            return

        def apply(problem: str) -> None:
            whys_ops.edit_problem(self.state.session, chain.id, problem)

        self.open_form(
            WhysChainForm(f"Problem · {chain.id}", chain.problem, apply),
            self._after_form("Problem updated."),
        )

    def action_category(self, then_answer: bool = False) -> None:
        chain = self.chain
        if chain is None:
            return
        session = self.state.session

        def apply(category: str) -> None:
            whys_ops.set_category(session, chain.id, category)

        def done(saved: bool | None) -> None:
            if saved:
                self.changed(f"{chain.id}: category {chain.category or 'cleared'}.")
            if then_answer:
                self.view.answer_line.focus()

        picker = WhysCategoryPicker(
            chain.id, whys_ops.categories_in_use(session), chain.category, apply
        )
        self.open_form(picker, done)

    def action_close_chain(self) -> None:
        chain = self.chain
        if chain is None:
            return
        try:
            if chain.closed:
                whys_ops.reopen_chain(self.state.session, chain.id)
                self.changed(f"{chain.id} reopened.")
                return
            whys_ops.close_chain(self.state.session, chain.id)
        except UserError as error:
            self.say(str(error), "error")
            return
        guard = self.guard(chain)
        if guard.flagged:
            self.changed(f"{chain.id} closed, but it ends at a person: ask how, then x reopens.")
            self.say(
                f"{chain.id} closed, but it ends at a person: ask how, then x reopens.", "warning"
            )
        else:
            self.changed(f"{chain.id} closed.")

    def _after_form(self, message: str) -> Callable[[bool | None], None]:
        def done(saved: bool | None) -> None:
            if saved:
                self.changed(message)

        return done

    # The chain list ---------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#whys-chains")
    def _chain_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != self._current:
            self._current = event.option_index
            self.refresh_all(highlight=self._last_step())

    @on(OptionList.OptionSelected, "#whys-chains")
    def _chain_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._current = event.option_index
        self._to_steps()

    @on(WhysChainList.Command)
    def _chain_command(self, event: WhysChainList.Command) -> None:
        event.stop()
        if not self.in_front():
            return
        chain = self.chain
        if event.command != "delete" or chain is None:
            return
        key = f"chain:{chain.id}"
        if self._armed != key:
            self._armed = key
            factors = sum(1 for s in chain.steps if s.contributing)
            self.say(
                f"Press d again to delete {chain.id} with its {len(chain.steps)} step(s)"
                + (f" and {factors} contributing factor(s)" if factors else ""),
                "warning",
            )
            return
        self._armed = None
        whys_ops.delete_chain(self.state.session, chain.id)
        self.changed(f"{chain.id} deleted.")

    # The steps --------------------------------------------------------------------------------

    def _to_steps(self) -> None:
        chain = self.chain
        if chain is not None and chain.steps:
            self.view.steps.focus()
        elif self.view.answer_line.has_focus:
            self.chains.focus()
        else:
            self.view.answer_line.focus()

    @on(OptionList.OptionSelected, "#whys-steps")
    def _step_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._edit_step(event.option_index)

    @on(WhysStepList.Command)
    def _step_command(self, event: WhysStepList.Command) -> None:
        event.stop()
        if not self.in_front():
            return
        chain = self.chain
        if chain is None:
            return
        if event.command == "add":
            self.view.answer_line.focus()
            return
        index = event.index
        if index is None or index >= len(chain.steps):
            return
        if event.command == "edit":
            self._edit_step(index)
        elif event.command == "contributing":
            self._toggle_contributing(chain, index)
        elif event.command == "link":
            self._link_event(chain, index)
        elif event.command == "delete":
            self._delete_step(chain, index)
        elif event.command == "action":
            self._to_action(chain, index)
        elif event.command in ("up", "down"):
            self._move_step(chain, index, -1 if event.command == "up" else 1)

    def _edit_step(self, index: int) -> None:
        chain = self.chain
        if chain is None or index >= len(chain.steps):
            return
        step = chain.steps[index]
        event = self.state.session.event(step.event_id) if step.event_id else None

        def apply(question: str, answer: str) -> None:
            whys_ops.edit_step(
                self.state.session, chain.id, index, question=question, answer=answer
            )

        form = WhysStepForm(
            f"{chain.id} · step {index + 1}",
            step.question,
            step.answer,
            apply,
            linked=event_label(event) if event else "",
            focus_answer=bool(step.question) or not step.answer,
        )

        def done(saved: bool | None) -> None:
            if saved:
                self.changed(f"Step {index + 1} updated.", highlight=index)

        self.open_form(form, done)

    def _toggle_contributing(self, chain: WhyChain, index: int) -> None:
        try:
            factor = whys_ops.toggle_contributing(self.state.session, chain.id, index)
        except UserError as error:
            self.say(str(error), "error")
            return
        if factor is not None:
            self.changed(f"{factor.id} recorded as a contributing factor.", highlight=index)
        else:
            self.changed(f"Step {index + 1} is no longer a contributing factor.", highlight=index)

    def _link_event(self, chain: WhyChain, index: int) -> None:
        timeline = self.state.session.timeline
        if not timeline:
            self.say("The timeline has no events to link yet.", "error")
            return
        step = chain.steps[index]
        # The dialogs that are not needed on every visit load when first opened.
        from secondstory.tui.widgets.whys_event_picker import WhysEventPicker

        def apply(event_id: str | None) -> None:
            whys_ops.link_step_event(self.state.session, chain.id, index, event_id)

        def done(saved: bool | None) -> None:
            if not saved:
                return
            linked = chain.steps[index].event_id
            self.changed(
                f"Step {index + 1} linked to {linked}."
                if linked
                else f"Step {index + 1} unlinked.",
                highlight=index,
            )

        picker = WhysEventPicker(
            f"Link step {index + 1} of {chain.id} to an event", timeline, step.event_id, apply
        )
        self.open_form(picker, done)

    def _move_step(self, chain: WhyChain, index: int, direction: Literal[-1, 1]) -> None:
        target = whys_ops.move_step(self.state.session, chain.id, index, direction)
        if target == index:
            self.say(f"Step {index + 1} is already the {'first' if direction < 0 else 'last'}.")
            return
        self.changed(f"Step {index + 1} is now step {target + 1}.", highlight=target)

    def _delete_step(self, chain: WhyChain, index: int) -> None:
        key = f"step:{chain.id}:{index}"
        if self._armed != key:
            self._armed = key
            self.say(f"Press d again to delete step {index + 1} of {chain.id}", "warning")
            return
        self._armed = None
        whys_ops.delete_step(self.state.session, chain.id, index)
        self.changed(f"Step {index + 1} deleted.", highlight=max(index - 1, 0))

    def _to_action(self, chain: WhyChain, index: int) -> None:
        from secondstory.tui.widgets.action_form import ActionForm, form_context

        step = chain.steps[index]
        session = self.state.session

        def apply(draft: ActionDraft) -> None:
            if not draft.title.strip():
                raise UserError("action: expected what will be done")
            origin = f"chain:{chain.id}"
            add_action(
                session,
                draft.title,
                owner=draft.owner,
                priority=draft.priority,
                deadline=draft.deadline,
                success_criteria=draft.success_criteria,
                term=draft.term,
                type=draft.type,
                origin=origin,
            )

        def done(saved: bool | None) -> None:
            if saved:
                item = session.actions[-1]
                self.changed(f"{item.id} added to the action items (from {chain.id}).")

        form = ActionForm(
            f"New action item from {chain.id}",
            None,
            form_context(session, self.state.now().date()),
            apply,
            origin=f"chain:{chain.id}",
            note=f"Step {index + 1}: {step.answer or step.question}",
        )
        self.open_form(form, done)

    # The answer line --------------------------------------------------------------------------

    @on(Input.Submitted, "#whys-answer-line")
    def _answer_typed(self, event: Input.Submitted) -> None:
        event.stop()
        if self.chain is None:
            self.say("Start a chain first: press ↑ then n.", "error")
            return
        self._add_answer(event.value)

    def commit(self) -> None:
        # An answer typed but not yet entered when the facilitator quits or exports is
        # kept, as Enter would have kept it.
        if self.is_attached and self.chain is not None and self.view.answer_line.value.strip():
            self._add_answer(self.view.answer_line.value)

    def _add_answer(self, typed: str) -> None:
        chain = self.chain
        question, answer = split_typed(typed)
        if chain is None or (not question and not answer):
            return
        session = self.state.session
        reopened = chain.closed
        if reopened:
            # A new answer means the chain is not finished after all.
            whys_ops.reopen_chain(session, chain.id)
        last = chain.steps[-1] if chain.steps else None
        if not question and last is not None and not last.answer:
            # The question came first, on its own: this is its answer.
            index = len(chain.steps) - 1
            whys_ops.edit_step(session, chain.id, index, answer=answer)
        else:
            index = whys_ops.add_step(session, chain.id, question=question, answer=answer)
        self.view.answer_line.clear()
        guard = self.guard(chain)
        if guard.flagged:
            self.changed(
                "That answer stops at a person: ask how the system made it possible.",
                "warning",
                highlight=index,
            )
        elif reopened:
            self.changed(f"{chain.id} reopened: it has a new answer.", highlight=index)
        else:
            self.changed(highlight=index)
            self.show_hint()

    # Workspace --------------------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        wide = event.size.width >= WIDE
        if wide != self.has_class("-wide") or self.chains.one_line == wide:
            self.set_class(wide, "-wide")
            self.chains.one_line = not wide
            self.refresh_all()

    def presentation_key(self, key: str) -> bool:
        step = {PREVIOUS_CHAIN_KEY: -1, NEXT_CHAIN_KEY: 1}.get(key)
        if step is None or self.chain is None:
            return False
        # Called directly, not through the binding: the answer line may still hold the focus
        # on the main screen, and the binding stands aside while letters are typed there.
        self.action_switch(step)
        return True

    def presentation_item(self) -> str | None:
        chain = self.chain
        if chain is None:
            return None
        current = self.view.steps.highlighted if self.view.steps.has_focus else None
        return chain_presentation(chain, self.guard(chain), self.events(), current)

    def focus_default(self) -> None:
        if not self.is_attached:
            return  # already replaced by the next phase's workspace
        if self.chain is None:
            self.chains.focus()
        else:
            self.view.answer_line.focus()
