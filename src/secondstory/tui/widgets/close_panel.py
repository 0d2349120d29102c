"""Closing the meeting: the checklist, the neutral-facilitator warning, the closing statement.

The checklist comes from `core.meeting_close.close_checklist`, with the language coach's
five-whys chain guard as the judge of "ends at a system cause": the session's one coach (see
`tui.coach_hub`), so the checklist is complete once that coach is built after the first
frame. The closing statement is typed in a `NoteArea` and kept in `Closing.statement` as it
is typed. `request_close()` closes the meeting
(`core.meeting_close.close_meeting`: statement, closing time, clock stopped, status Reviewed)
after asking when any check is not passing; on a closed meeting it offers to reopen it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static, TextArea

from secondstory.core.checks import Check, warnings
from secondstory.core.errors import UserError
from secondstory.core.meeting_close import (
    CLOSE_RULES,
    ChainJudge,
    close_checklist,
    close_meeting,
    default_chain_judge,
    reopen_meeting,
)
from secondstory.core.model import Session, WhyChain
from secondstory.tui.coach_hub import CoachHub
from secondstory.tui.screens.close_confirm_screen import CloseConfirmScreen
from secondstory.tui.timefmt import clock_time
from secondstory.tui.widgets.text_fields import NoteArea

if TYPE_CHECKING:
    from secondstory.core.language import Coach

CLOSE_KEY = "ctrl+o"
"""The debrief workspace's key that closes the meeting (see `DebriefWorkspace.BINDINGS`)."""


def coach_chain_judge(coach: Coach) -> ChainJudge:
    """The five-whys chain guard for the close checklist: the language coach's judgement (it
    knows the attendees' names), the same the five-whys workspace shows."""

    def judge(chain: WhyChain) -> bool:
        return coach.judge_chain(chain).status in ("ok", "kept_going")

    return judge


def checklist_content(checks: list[Check]) -> Content:
    """The checklist lines: a mark, the rule, what was found, and a question for warnings."""
    parts: list[Content] = []
    for check in checks:
        if check.rule == "neutral-facilitator":
            continue  # shown as a warning of its own, above the checklist
        mark = ("✓ ", "$text-success bold") if check.ok else ("! ", "$text-warning bold")
        line = Content.assemble(
            mark,
            (CLOSE_RULES.get(check.rule, check.rule), "bold" if not check.ok else ""),
            (f" · {check.message}", "$text-muted"),
        )
        parts.append(line)
        if not check.ok and check.question:
            parts.append(Content.assemble(("  ", ""), (check.question, "italic $text-muted")))
    return Content("\n").join(parts)


class ClosePanel(Vertical):
    DEFAULT_CSS = """
    ClosePanel {
        height: auto;
        border: round $secondary 50%;
        border-title-color: $text-secondary;
        &:focus-within { border: round $secondary; border-title-style: bold; }
        Static { height: auto; padding: 0 1; }
        .close-facilitator {
            background: $warning-muted;
            color: $text-warning;
            text-style: bold;
            margin-bottom: 1;
        }
        .close-status { color: $text-muted; margin-top: 1; }
        .close-status.-closed { color: $text-success; text-style: bold; }
        .close-status.-error { color: $text-error; text-style: bold; }
        NoteArea {
            height: auto;
            min-height: 6;
            max-height: 14;
            margin: 1 1 0 1;
            border-title-color: $text-muted;
        }
    }
    """

    class Changed(Message):
        """The closing statement or the meeting's closed state changed."""

    def __init__(
        self,
        session: Session,
        now: Callable[[], datetime],
        *,
        id: str | None = None,  # noqa: A002  (Textual's own name for it)
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.session = session
        self._now = now
        self._judge: ChainJudge | None = None
        self.checks: list[Check] = []
        self._shown: tuple[object, ...] = ()
        self._facilitator = Static("", classes="close-facilitator", markup=False)
        self._checklist = Static("Checking…", classes="close-checklist")
        self._statement = NoteArea(
            session.closing.statement,
            soft_wrap=True,
            tab_behavior="focus",
            placeholder="The closing statement: what the team learned, and a thank-you",
            classes="close-statement",
        )
        self._statement.border_title = "Closing statement"
        self._status = Static("", classes="close-status", markup=False)

    def compose(self) -> ComposeResult:
        yield self._facilitator
        yield self._checklist
        yield self._statement
        yield self._status

    def on_mount(self) -> None:
        self.border_title = "Close"
        self._facilitator.display = False
        self._show_status()
        hub = CoachHub.of(self)
        if hub is None:
            self._judge = default_chain_judge
            self.refresh_checks()
            return
        # The session's one coach (built after the first frame, rebuilt when the roster
        # changes) judges the chains, as it does in the five-whys workspace.
        hub.changed.subscribe(self, self._coach_changed, immediate=True)
        hub.ensure()
        self._coach_changed(hub.generation)

    def _coach_changed(self, generation: int) -> None:
        hub = CoachHub.of(self)
        coach = hub.coach if hub is not None else None
        if coach is None:
            return
        self._judge = coach_chain_judge(coach)
        self._shown = ()
        self.refresh_checks()

    @property
    def statement_area(self) -> NoteArea:
        return self._statement

    @property
    def ready(self) -> bool:
        """True once the checklist has been worked out with the chain guard."""
        return self._judge is not None

    def _today(self) -> date:
        return self.session.meeting_date() or self._now().date()

    # Showing ---------------------------------------------------------------------------------

    def refresh_checks(self) -> None:
        """Work the checklist out again; cheap, and redrawn only when something changed."""
        if self._judge is None:
            return
        self.checks = close_checklist(
            self.session, today=self._today(), chain_ends_at_system=self._judge
        )
        shown = tuple(self.checks)
        if shown == self._shown:
            return
        self._shown = shown
        neutral = next((c for c in self.checks if c.rule == "neutral-facilitator"), None)
        warning = neutral is not None and not neutral.ok
        self._facilitator.display = warning
        if neutral is not None and warning:
            self._facilitator.update(f"⚠ {neutral.message}. {neutral.question}")
        failing = len([c for c in warnings(self.checks) if c.rule != "neutral-facilitator"])
        self.border_title = (
            "Close · every check passes" if not failing else f"Close · {failing} to look at"
        )
        self._checklist.update(checklist_content(self.checks))

    def _show_status(self, error: str = "") -> None:
        closing = self.session.closing
        closed = closing.closed_at is not None
        if error:
            text = error
        elif closing.closed_at is not None:
            tz = getattr(self.app, "display_tz", None)
            text = (
                f"Closed at {clock_time(closing.closed_at, tz)} · status "
                f"{self.session.incident.status} · {CLOSE_KEY} reopens"
            )
        else:
            text = f"Not closed yet · {CLOSE_KEY} closes the meeting"
        self._status.update(text)
        self._status.set_class(closed and not error, "-closed")
        self._status.set_class(bool(error), "-error")

    # The statement ---------------------------------------------------------------------------

    @on(TextArea.Changed, ".close-statement")
    def _statement_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.commit()

    def commit(self) -> bool:
        """Copy the statement as typed into the session; True if it changed."""
        text = self._statement.text
        if text == self.session.closing.statement:
            return False
        self.session.closing.statement = text
        self.post_message(self.Changed())
        return True

    # Closing ---------------------------------------------------------------------------------

    def request_close(self) -> None:
        """Close the meeting (asking first when a check fails), or offer to reopen it."""
        self.commit()
        if self.session.closing.closed_at is not None:
            self.app.push_screen(
                CloseConfirmScreen(
                    "Reopen the meeting",
                    [],
                    "The meeting is closed. Reopen it (status back to In review)?",
                ),
                self._reopen,
            )
            return
        if not self.session.closing.statement.strip():
            self._show_status(
                "Write a closing statement first: what the team learned, and a thank-you."
            )
            self._statement.focus()
            return
        if self._judge is None:
            self._judge = default_chain_judge
        self._shown = ()
        self.refresh_checks()
        failing = warnings(self.checks)
        if not failing:
            self._close(True)
            return
        lines = [f"{CLOSE_RULES.get(c.rule, c.rule)}: {c.message}" for c in failing]
        self.app.push_screen(
            CloseConfirmScreen(
                f"{len(failing)} check(s) not passing",
                lines,
                "Close the meeting anyway?",
            ),
            self._close,
        )

    def _close(self, yes: bool | None) -> None:
        if not yes:
            return
        try:
            close_meeting(self.session, self.session.closing.statement, self._now())
        except UserError as error:
            self._show_status(str(error))
            return
        self._show_status()
        closed_at = self.session.closing.closed_at
        if closed_at is not None:
            at = clock_time(closed_at, getattr(self.app, "display_tz", None))
            self.app.notify(
                f"Closed at {at}; status {self.session.incident.status}. "
                "ctrl+s writes the postmortem.",
                title="Meeting closed",
                timeout=8,
            )
        self.post_message(self.Changed())

    def _reopen(self, yes: bool | None) -> None:
        if not yes:
            return
        reopen_meeting(self.session)
        self._show_status()
        self.post_message(self.Changed())
