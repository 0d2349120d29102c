"""The five-whys chain guard: is the chain stopping at a person or at "human error"?

`ChainJudge` is the one place the workspace asks for a verdict, so the judge can be swapped.
It uses the language coach's chain judgement (`Coach.judge_answers`) of the session's shared
coach: the one `tui/coach_hub.py` builds after the first frame (compiling its rules takes
longer than a frame), keeps in `SessionState.coach` and rebuilds when the roster or the
language settings change. Until that coach is ready, `judge()` answers "not judged yet" and the
screen shows no mark; the workspace redraws when the hub announces the coach (`changed`).

Chains are judged as if they were finished even while they are open: the facilitator needs the
"how" questions at the moment an answer lands on a person, not only once the chain is closed.
`WhysGuard` shows the verdict for the current chain under its steps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from secondstory.core.model import WhyChain

if TYPE_CHECKING:
    from secondstory.core.language import Coach

QUESTIONS_SHOWN = 3


@dataclass(frozen=True)
class Guard:
    """What the guard says about one chain."""

    state: str
    """`pending` (coach not ready), `empty`, `ok`, `kept_going` or `stops_at_person`."""
    message: str = ""
    questions: tuple[str, ...] = ()
    step: int | None = None
    """The index among the chain's answered steps that the verdict is about."""

    @property
    def flagged(self) -> bool:
        return self.state == "stops_at_person"


PENDING = Guard("pending")


class ChainJudge:
    """Judges chains with whatever coach `coach()` returns now (see the module doc)."""

    def __init__(self, coach: Callable[[], Coach | None]) -> None:
        self._coach = coach

    @property
    def ready(self) -> bool:
        return self._coach() is not None

    def judge(self, chain: WhyChain) -> Guard:
        coach = self._coach()
        if coach is None:
            return PENDING
        answered = [step.answer for step in chain.steps if step.answer.strip()]
        verdict = coach.judge_answers(answered, closed=True)
        return Guard(verdict.status, verdict.message, tuple(verdict.questions), verdict.step)


def answered_index(chain: WhyChain, step: int | None) -> int | None:
    """The index in `chain.steps` of the `step`-th answered step (the guard counts answers)."""
    if step is None:
        return None
    seen = -1
    for index, item in enumerate(chain.steps):
        if item.answer.strip():
            seen += 1
            if seen == step:
                return index
    return None


def guard_lines(guard: Guard, closed: bool) -> list[str]:
    """The guard as plain lines (the shared screen and the export of the view use these)."""
    if guard.flagged:
        lines = [f"⚠ {guard.message}"]
        lines += [f"  • {q}" for q in guard.questions[:QUESTIONS_SHOWN]]
        return lines
    if guard.state == "kept_going":
        return [f"✓ {guard.message}"]
    if guard.state == "ok" and closed:
        return ["✓ Ends at a system cause."]
    return []


class WhysGuard(Static):
    """The guard's verdict on the current chain, with "how" questions when it stops at a person."""

    DEFAULT_CSS = """
    WhysGuard {
        height: auto;
        max-height: 8;
        padding: 0 1;
        color: $text-muted;
        display: none;
        &.-shown { display: block; }
        &.-flagged {
            color: $text-warning;
            border-left: thick $warning;
            background: $warning 10%;
        }
    }
    """

    def show_guard(self, guard: Guard, closed: bool) -> None:
        lines = guard_lines(guard, closed)
        self.set_class(bool(lines), "-shown")
        self.set_class(guard.flagged, "-flagged")
        if not guard.flagged:
            self.update(Text("\n".join(lines)))
            return
        text = Text(lines[0], style="bold")
        text.append("\n  Ask how, not who:", style="italic")
        for question in guard.questions[:QUESTIONS_SHOWN]:
            text.append(f"\n  • {question}")
        self.update(text)
