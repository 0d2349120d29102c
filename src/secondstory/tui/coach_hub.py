"""The app's link to the language coach: one coach per open session, shared by every field.

The coach itself lives in `SessionState.coach`. This hub builds it after the first frame (the
rules take a tenth of a second or more to compile, so the first frame never waits for them;
until the coach is ready the fields simply show no marks), rebuilds it when the session's roster
or language settings change, stores dismissals in the session, keeps the header's count of open
flags, and tells widgets when something changed:

- `changed` is published when the coach is installed or rebuilt, or a flag is dismissed:
  every `NoteArea` / `NoteInput` re-checks its text and redraws.
- `focus` is published when a field's text or cursor changes, or the panel is toggled: the
  flags panel redraws for the focused field.

Fields find the hub with `CoachHub.of(widget)`; an app without an open session has none.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from contextlib import suppress
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from textual.app import App
from textual.dom import DOMNode
from textual.signal import Signal

from secondstory.tui.coach_count import count_open_flags, session_texts
from secondstory.tui.messages import SessionEdited

if TYPE_CHECKING:
    from secondstory.core.language import Coach, CoachConfig, Flag
    from secondstory.core.model import Session
    from secondstory.tui.state import SessionState

RECOUNT_SECONDS = 0.5
"""How often the header's count is brought up to date (only re-counted when text changed)."""

_WARM_UP = (
    "Priya should have checked the lag. It was obviously careless human error: the on-call "
    'failed to notice, so retrain them. The root cause was a typo in "the config" and `pool`.\n'
    "We got lucky, it was just a minor blip; everything else worked as designed and he did "
    "not follow the runbook.\n\nWhy did checkout fail? Because Dana missed the alert.\n"
    "Why? Human error.\n\n"
)


class FlaggedField(Protocol):
    """What the hub and the panel need from a coached text field (NoteArea, NoteInput)."""

    @property
    def flags(self) -> tuple[Flag, ...]: ...

    def current_flag(self) -> Flag | None: ...

    def current_index(self) -> int | None: ...

    def move_to_flag(self, step: int) -> Flag | None: ...


_Built = tuple[tuple[str, ...], tuple[object, ...]]
"""What a coach was built from (the roster, the language settings): rebuilt when it changes."""


def _built_from(session: Session) -> _Built:
    from secondstory.core.language import session_roster

    lang = session.language
    lists = (lang.disabled_rules, lang.roster_extra, lang.system_terms)
    return tuple(session_roster(session)), (lang.min_level, *map(tuple, lists))


class _HasState(Protocol):
    state: SessionState | None


_HUBS: weakref.WeakKeyDictionary[App[Any], CoachHub] = weakref.WeakKeyDictionary()


class CoachHub:
    """One per app; see the module docstring."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.changed: Signal[int] = Signal(app, "language-coach-changed")
        self.focus: Signal[object] = Signal(app, "language-flags-focus")
        self.generation = 0
        """Bumped whenever flags may differ for unchanged text (new coach, a dismissal)."""
        self.panel_hidden = False
        """The facilitator hid the flags panel (f9); it otherwise shows when there are flags."""
        self.count: int | None = None
        """Open flags across the session's free-text fields; None until the coach is ready."""
        self._building: SessionState | None = None
        self._built: _Built | None = None
        self._project: CoachConfig | None = None
        self._counted: tuple[object, ...] | None = None
        self._timer_started = False
        self._last_field: weakref.ref[Any] | None = None

    @classmethod
    def of(cls, node: DOMNode) -> CoachHub | None:
        """The hub of the app `node` runs in, or None when the app has no session state."""
        try:
            app = node.app
        except RuntimeError:  # NoActiveAppError: not in a running app, so no coach
            return None
        if not hasattr(app, "state"):
            return None
        hub = _HUBS.get(app)
        if hub is None:
            hub = _HUBS[app] = cls(app)
        return hub

    # The coach ---------------------------------------------------------------------------

    @property
    def state(self) -> SessionState | None:
        holder: _HasState = self.app  # type: ignore[assignment]
        return holder.state

    @property
    def coach(self) -> Coach | None:
        state = self.state
        return state.coach if state is not None else None

    def ensure(self) -> None:
        """Build the session's coach once the screen is drawn, unless it is built or building."""
        state = self.state
        if state is None or state.coach is not None or self._building is state:
            return
        self._building = state
        # The app holds the build back until its first frame is drawn (see
        # SecondStoryApp.after_first_frame); other apps (tests' hosts) start after a refresh.
        later = getattr(self.app, "after_first_frame", None)
        if later is not None:
            later(partial(self._start_build, state))
        else:
            self.app.call_after_refresh(self._start_build, state)

    def _start_build(self, state: SessionState) -> None:
        self.app.run_worker(
            lambda: self._build(state),
            name="language coach",
            group="language-coach",
            thread=True,
            exit_on_error=False,
        )

    def _build(self, state: SessionState) -> None:
        """In a worker thread: import the engine, compile the rules, then install the coach."""
        try:
            installed = self._compile(state)
        except Exception as error:  # reported; the meeting goes on without marks
            installed = partial(self._failed, state, error)
        # RuntimeError: the app closed while the rules were compiling; nothing to install.
        with suppress(RuntimeError):
            self.app.call_from_thread(installed)

    def _compile(self, state: SessionState) -> Callable[[], None]:
        from secondstory.core.errors import UserError
        from secondstory.core.language import Coach, CoachConfig, project_config

        problem: str | None = None
        try:
            project = project_config(state.path.parent)
        except UserError as error:
            project, problem = CoachConfig(), str(error)
        built = _built_from(state.session)
        coach = Coach.for_session(state.session, project)
        coach.check(_WARM_UP, final=True)
        coach.analyzer.analyze(_WARM_UP, gate=False)
        return partial(self._install, state, coach, project, built, problem)

    def _failed(self, state: SessionState, error: Exception) -> None:
        if self._building is state:
            self._building = None
        self.app.notify(
            f"The language coach could not start ({error}); notes are not checked.",
            title="Language coach",
            severity="error",
            timeout=12,
        )

    def _install(
        self,
        state: SessionState,
        coach: Coach,
        project: CoachConfig,
        built: _Built,
        problem: str | None,
    ) -> None:
        self._building = None
        if self.state is not state:
            return  # another session was opened meanwhile
        self._project = project
        self._built = built
        state.coach = coach
        if problem:
            self.app.notify(
                problem, title="Language settings ignored", severity="error", timeout=12
            )
        if not self._timer_started:
            self._timer_started = True
            self.app.set_interval(RECOUNT_SECONDS, self.recount)
        self._changed()

    def _rebuild(self, state: SessionState, built: _Built) -> None:
        from secondstory.core.language import Coach

        self._built = built
        state.coach = Coach.for_session(state.session, self._project)
        self._changed()

    def _changed(self) -> None:
        self.generation += 1
        self.changed.publish(self.generation)
        self.recount()

    # Dismissing --------------------------------------------------------------------------

    def dismiss(self, flag: Flag) -> None:
        """Stop flagging this rule in this sentence, in this session, and save at once."""
        from secondstory.core.model import Dismissal

        state, coach = self.state, self.coach
        if state is None or coach is None:
            return
        rule, sentence = coach.dismiss(flag)
        dismissed = state.session.language.dismissed
        if not any(d.rule == rule and d.sentence == sentence for d in dismissed):
            dismissed.append(Dismissal(rule=rule, sentence=sentence))
        self.app.post_message(SessionEdited())
        try:
            state.save()
        except OSError as error:
            # Kept in memory and marked dirty: the autosave retries and reports.
            self.app.notify(f"Could not save {state.path}: {error}", severity="error")
        self._changed()

    # Presentation ------------------------------------------------------------------------

    @property
    def show_in_presentation(self) -> bool:
        state = self.state
        return state is not None and state.session.language.show_in_presentation

    def toggle_show_in_presentation(self) -> bool:
        state = self.state
        if state is None:
            return False
        on = not state.session.language.show_in_presentation
        state.session.language.show_in_presentation = on
        state.mark_dirty()
        self.app.post_message(SessionEdited())
        return on

    # The focused field and the panel -----------------------------------------------------

    def field_changed(self, field: object) -> None:
        """A field's flags or cursor changed (called by the fields on every edit)."""
        self._last_field = weakref.ref(field)
        self.focus.publish(field)

    @property
    def last_field(self) -> FlaggedField | None:
        """The coached field that had the focus last (the palette acts on it)."""
        field = self._last_field() if self._last_field is not None else None
        if field is None or not getattr(field, "is_attached", False):
            return None
        found: FlaggedField = field
        return found

    def toggle_panel(self) -> bool:
        self.panel_hidden = not self.panel_hidden
        self.focus.publish(self.last_field)
        return not self.panel_hidden

    # The header's count ------------------------------------------------------------------

    def recount(self) -> None:
        """Re-count open flags if any text, the coach or the roster changed; update the header."""
        state, coach = self.state, self.coach
        if state is None or coach is None:
            return
        built = _built_from(state.session)
        if built != self._built:
            self._rebuild(state, built)  # calls recount again with the new coach
            return
        texts = tuple(session_texts(state.session))
        stamp = (id(coach), self.generation, hash(texts))
        if stamp == self._counted:
            return
        self._counted = stamp
        self.count = count_open_flags(coach, texts)
        self._show_count(self.count)

    def _show_count(self, count: int) -> None:
        from secondstory.tui.widgets.incident_header import IncidentHeader

        screen = getattr(self.app, "main_screen", None)
        if screen is not None and screen.is_attached:
            for header in screen.query(IncidentHeader):
                header.show_flag_count(count)
