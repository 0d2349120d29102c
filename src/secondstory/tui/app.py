"""The Textual app: key bindings, palette commands, the clock tick, autosave and themes.

The app is a thin shell. The session and every change to it live in `SessionState`; the screens
draw from it. All keys that drive the meeting are app-level priority bindings, so they work on
every screen, even while the cursor is in a notes area.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from datetime import tzinfo
from pathlib import Path
from typing import TypeVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from secondstory.core.clock import Clock, system_clock
from secondstory.tui.messages import SessionEdited
from secondstory.tui.screens.main_screen import MainScreen
from secondstory.tui.screens.session_screen import SessionScreen
from secondstory.tui.state import SessionState
from secondstory.tui.themes import DEFAULT_THEME, ThemeSet, variable_defaults
from secondstory.tui.timefmt import minutes

T = TypeVar("T")

TICK_SECONDS = 0.25
"""Redraw rate. Time is read from the clock on every tick, never counted from ticks."""
AUTOSAVE_SECONDS = 0.5
"""How often a changed session is written: well within the one second the product promises."""
EXTEND_SECONDS = 300

SESSION_ACTIONS = {
    "toggle_timer",
    "next_phase",
    "previous_phase",
    "extend",
    "replan",
    "toggle_presentation",
    "export",
    "copy",
    "save",
    "toggle_bell",
    "park",
    "parking_lot",
    "import_timeline",
    "last_time",
    "people",
}


class SecondStoryApp(App[int], inherit_bindings=False):
    # Textual loads a screen's CSS_PATH when the screen is pushed, but not for the app's
    # default screen: the main screen's stylesheet is therefore listed here as well.
    CSS_PATH = ["app.tcss", "screens/main_screen.tcss"]
    TITLE = "secondstory"

    BINDINGS = [
        Binding(
            "ctrl+t",
            "toggle_timer",
            "Timer",
            tooltip="Start or pause the phase timer",
            priority=True,
            id="timer",
        ),
        Binding(
            "ctrl+n", "next_phase", "Next", tooltip="Go to the next phase", priority=True, id="next"
        ),
        Binding(
            "ctrl+r",
            "previous_phase",
            "Back",
            tooltip="Go back to the previous phase",
            priority=True,
            id="previous",
        ),
        Binding(
            "ctrl+g",
            "extend",
            "+5m",
            tooltip="Give the current phase 5 more minutes",
            priority=True,
            id="extend",
        ),
        Binding(
            "ctrl+f",
            "replan",
            "Fit",
            tooltip="Re-plan: shrink the remaining phases so the meeting ends on time",
            priority=True,
            id="replan",
        ),
        Binding(
            "f2",
            "toggle_presentation",
            "Present",
            tooltip="Presentation mode for the shared screen",
            priority=True,
            id="present",
        ),
        Binding("ctrl+q", "quit", "Quit", tooltip="Save and quit", priority=True, id="quit"),
        Binding(
            "ctrl+s",
            "export",
            "Export",
            tooltip="Write the postmortem as Markdown next to the session file",
            priority=True,
            # Kept out of the footer so it fits 80 columns; it is in the palette and on f1.
            show=False,
            id="export",
        ),
        Binding("f1", "toggle_keys", "Keys", show=False, id="keys"),
        Binding(
            "ctrl+l",
            "park",
            "Park",
            tooltip="Park the line under the cursor (or type a tangent) in the parking lot",
            priority=True,
            id="park",
        ),
        Binding(
            "f3",
            "parking_lot",
            "Lot",
            tooltip="Show the parking lot",
            priority=True,
            id="parking-lot",
        ),
        Binding(
            "f6",
            "import_timeline",
            "Import",
            tooltip="Import timeline events from a file (preview first)",
            priority=True,
            show=False,
            id="import",
        ),
        Binding(
            "f7",
            "last_time",
            "Last time",
            tooltip="Open action items from earlier postmortems and rhyming incidents",
            priority=True,
            show=False,
            id="last-time",
        ),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    def __init__(
        self,
        *,
        state: SessionState | None,
        folder: Path,
        clock: Clock = system_clock,
        bell: bool = True,
        themes: ThemeSet | None = None,
        theme_name: str = DEFAULT_THEME,
        startup_notes: Iterable[str] = (),
        display_tz: tzinfo | None = None,
        ready_stamp: Path | None = None,
    ) -> None:
        super().__init__()
        self.state = state
        self.folder = folder
        self.clock = clock
        self.display_tz = display_tz
        self._bell = bell
        self._startup_notes = list(startup_notes)
        self._ready_stamp = ready_stamp
        self._quit_armed = False
        self._first_frame_drawn = False
        self._after_first_frame: list[Callable[[], object]] = []
        self.main_screen: MainScreen | None = None
        for theme in themes.themes.values() if themes else ():
            self.register_theme(theme)
        self.theme = theme_name

    # Start-up ------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        if self.state is None:
            # The picker is pushed on mount instead (see on_mount) so its stylesheet loads.
            return Screen()
        self.main_screen = MainScreen(self.state, self.display_tz)
        return self.main_screen

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return variable_defaults(self.current_theme.to_color_system().generate())

    def on_mount(self) -> None:
        if self.state is None:
            from secondstory.tui.screens.picker_screen import PickerScreen

            self.push_screen(PickerScreen(self.folder))
        for note in self._startup_notes:
            self.notify(note, title="Theme", severity="error", timeout=12)
        self.set_interval(TICK_SECONDS, self.tick)
        self.set_interval(AUTOSAVE_SECONDS, self.autosave)

    def after_first_frame(self, callback: Callable[[], object]) -> None:
        """Run `callback` once the first frame is on screen: at once if it already is.

        For work the first frame does not show (compiling the language rules): started
        earlier, it would compete with drawing that frame for the interpreter.
        """
        if self._first_frame_drawn:
            self.call_after_refresh(callback)
        else:
            self._after_first_frame.append(callback)

    def on_ready(self) -> None:
        self._first_frame_drawn = True
        if self._ready_stamp is not None:
            # bench/startup.py: record when the first frame was drawn and the CPU time spent
            # to get there (less disturbed by other work on the machine), then leave.
            stamp = f"{time.time():.6f} {time.process_time():.6f}\n"
            self._ready_stamp.write_text(stamp, encoding="utf-8")
            self.exit(0)
            return
        waiting, self._after_first_frame = self._after_first_frame, []
        for callback in waiting:
            self.call_later(callback)

    def open_session(self, state: SessionState) -> None:
        """Show a session picked or created on the picker screen."""
        self.state = state
        main = MainScreen(state, self.display_tz)
        self.main_screen = main
        # A mode of its own, so the picker's stack stays as it was and the screen's CSS loads.
        self.add_mode("meeting", lambda: main)
        self.switch_mode("meeting")
        self.refresh_bindings()

    # The clock -----------------------------------------------------------------------------

    def tick(self) -> None:
        state = self.state
        if state is None:
            return
        now = state.now()
        time_up = state.check_time_up(now)
        if time_up is not None:
            follow = "ctrl+n next phase · ctrl+g 5 more minutes"
            self.notify(
                f"{time_up.phase.title}: time is up.\n{follow}",
                title="Time is up",
                severity="warning",
                timeout=10,
            )
            if self._bell and state.session.agenda.bell:
                self.bell()
        self.update_views()

    def update_views(self) -> None:
        if self.state is None:
            return
        now = self.state.now()
        for screen in self.screen_stack:
            if isinstance(screen, SessionScreen) and screen.ready:
                try:
                    screen.update_view(now)
                except NoMatches:
                    # Only while the app shuts down: screens lose their widgets one by one and
                    # a tick can fall in between. Nothing is left to draw then.
                    return

    # Saving --------------------------------------------------------------------------------

    def on_session_edited(self, message: SessionEdited) -> None:
        if self.state is not None:
            self.state.mark_dirty()
            self._quit_armed = False

    def autosave(self) -> None:
        """Write a changed session in a worker thread, so typing never waits on the disk."""
        state = self.state
        if state is None or not state.dirty:
            return
        generation, data = state.snapshot()
        self.run_worker(
            lambda: state.write(generation, data),
            name="autosave",
            group="autosave",
            thread=True,
            exit_on_error=False,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "autosave" and event.state == WorkerState.ERROR:
            if self.state is not None:
                self.state.mark_dirty()  # try again on the next autosave
            self._save_failed(event.worker.error)

    def _save_failed(self, error: BaseException | None) -> None:
        path = self.state.path if self.state else "the session"
        reason = getattr(error, "strerror", None) or str(error)
        self.notify(
            f"Could not save {path}: {reason}. Your changes are kept and saving is retried.",
            title="Not saved",
            severity="error",
            timeout=10,
        )

    def _timer_op(self, op: Callable[[SessionState], T]) -> T | None:
        """Run a timer operation (which saves at once) and redraw; a failed save is reported."""
        if self.state is None:
            return None
        try:
            result = op(self.state)
        except OSError as error:
            self._save_failed(error)
            result = None
        self.update_views()
        return result

    # Actions -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action in SESSION_ACTIONS and self.state is None)

    def action_toggle_keys(self) -> None:
        from textual.widgets import HelpPanel

        if self.screen.query(HelpPanel):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def action_toggle_timer(self) -> None:
        self._timer_op(lambda s: s.toggle())

    def action_next_phase(self) -> None:
        if self._timer_op(lambda s: s.next()) is False:
            self.notify("This is the last phase.", timeout=3)

    def action_previous_phase(self) -> None:
        if self._timer_op(lambda s: s.previous()) is False:
            self.notify("This is the first phase.", timeout=3)

    def action_goto_phase(self, index: int) -> None:
        self._timer_op(lambda s: s.goto(index))

    def action_extend(self) -> None:
        state = self.state
        if state is None or state.current_phase() is None:
            return
        self._timer_op(lambda s: s.extend(EXTEND_SECONDS))
        phase = state.current_phase()
        budget = state.phase_status().budget
        if phase is not None:
            self.notify(f"{phase.title}: 5 more minutes ({minutes(budget)} in all).", timeout=4)

    def action_replan(self) -> None:
        changed = self._timer_op(lambda s: s.replan())
        if changed:
            self.notify(
                "The remaining phases were shortened in proportion so the meeting ends on time.",
                title="Re-planned",
                timeout=6,
            )
        elif changed is False:
            self.notify("Nothing to re-plan: the remaining phases already fit.", timeout=4)

    def action_toggle_presentation(self) -> None:
        from secondstory.tui.screens.presentation_screen import PresentationScreen

        if self.state is None:
            return
        if isinstance(self.screen, PresentationScreen):
            self.pop_screen()
            return
        main = self.main_screen
        item = main.presentation_item if main is not None else (lambda: None)
        # The coached variant marks language flags on the shared screen when asked to.
        from secondstory.tui.screens.coach_presentation import CoachedPresentationScreen

        self.push_screen(CoachedPresentationScreen(self.state, self.display_tz, item))

    def action_save(self) -> None:
        if self.state is not None:
            self.commit()
            self._timer_op(lambda s: s.save())
            self.notify(f"Saved {self.state.path}", timeout=3)

    def action_toggle_bell(self) -> None:
        if self.state is not None:
            on = not self.state.session.agenda.bell
            self._timer_op(lambda s: s.set_bell(on))
            self.notify("The time-up bell is on." if on else "The time-up bell is off.", timeout=3)

    def action_export(self) -> None:
        from secondstory.tui import export

        if self.state is None:
            return
        self._flush_quietly()
        result = export.export_markdown(self.state)
        self.notify(result.message, title="Export", severity=result.severity, timeout=8)

    def action_copy(self) -> None:
        from secondstory.tui import export

        if self.state is None:
            return
        self._flush_quietly()
        result = export.copy_markdown(self.state, self.copy_to_clipboard)
        self.notify(result.message, title="Copy", severity=result.severity, timeout=10)

    def action_park(self) -> None:
        from secondstory.tui.screens.park_prompt_screen import park_from_focus

        if self.state is not None:
            park_from_focus(self, self.state)

    def action_parking_lot(self) -> None:
        from secondstory.tui.screens.parking_lot_screen import ParkingLotScreen

        if isinstance(self.screen, ParkingLotScreen):
            self.screen.dismiss(None)
        elif self.state is not None and not any(
            isinstance(screen, ParkingLotScreen) for screen in self.screen_stack
        ):
            self.push_screen(ParkingLotScreen(self.state))

    def action_people(self) -> None:
        from secondstory.tui.screens.people_screen import PeopleScreen

        state = self.state
        if state is None or any(isinstance(s, PeopleScreen) for s in self.screen_stack):
            return

        def closed(_: None) -> None:
            from secondstory.tui.widgets.voices_panel import VoicesPanel

            if self.main_screen is not None and self.main_screen.is_attached:
                for panel in self.main_screen.query(VoicesPanel):
                    panel.show()

        self.push_screen(PeopleScreen(state), closed)

    def action_import_timeline(self) -> None:
        from secondstory.tui.followup_commands import open_import

        open_import(self)

    def action_last_time(self) -> None:
        from secondstory.tui.followup_commands import toggle_last_time

        toggle_last_time(self)

    def commit(self) -> None:
        """Bring the session up to date with what is on screen (see Workspace.commit)."""
        if self.main_screen is not None and self.main_screen.ready:
            self.main_screen.commit()

    async def action_quit(self) -> None:
        state = self.state
        if state is not None and not self._quit_armed:
            self.commit()
            try:
                state.flush()
            except OSError as error:
                self._save_failed(error)
                self.notify("Press ctrl+q again to quit without saving.", severity="error")
                self._quit_armed = True
                return
        self.exit(0)

    def _flush_quietly(self) -> None:
        if self.state is not None:
            self.commit()
            try:
                self.state.flush()
            except OSError as error:
                self._save_failed(error)

    # Command palette -----------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        # Imported here, not at the top: neither is needed for the first frame.
        from secondstory.tui import export
        from secondstory.tui.screens.presentation_screen import PresentationScreen

        yield from super().get_system_commands(screen)
        state = self.state
        if state is None:
            return
        running = state.is_running()
        yield SystemCommand(
            "Timer: pause" if running else "Timer: start",
            "Start or pause the current phase's clock (ctrl+t)",
            self.action_toggle_timer,
        )
        yield SystemCommand("Phase: next", "Go to the next phase (ctrl+n)", self.action_next_phase)
        yield SystemCommand(
            "Phase: previous", "Go back to the previous phase (ctrl+r)", self.action_previous_phase
        )
        yield SystemCommand(
            "Phase: 5 more minutes",
            "Extend the current phase by 5 minutes (ctrl+g)",
            self.action_extend,
        )
        yield SystemCommand(
            "Agenda: re-plan to end on time",
            "Shrink the remaining phases in proportion so the meeting ends as planned (ctrl+f)",
            self.action_replan,
        )
        presenting = isinstance(screen, PresentationScreen)
        yield SystemCommand(
            "View: leave presentation mode" if presenting else "View: presentation mode",
            "The big timer for the shared screen, without facilitator notes (f2)",
            self.action_toggle_presentation,
        )
        yield SystemCommand(
            "Export: Markdown file",
            f"Write {export.markdown_path(state).name} next to the session file (ctrl+s)",
            self.action_export,
        )
        yield SystemCommand(
            "Export: copy Markdown",
            "Copy the postmortem as Markdown to the clipboard (and write the file)",
            self.action_copy,
        )
        yield SystemCommand(
            "Parking lot: park a tangent",
            "Park the line under the cursor, or type a tangent (ctrl+l)",
            self.action_park,
        )
        yield SystemCommand(
            "Parking lot: show",
            "Parked items: make them action items or remove them (f3)",
            self.action_parking_lot,
        )
        yield SystemCommand(
            "People: attendees",
            "Add, edit or remove attendees; mark the facilitator, observers, who was involved",
            self.action_people,
        )
        yield SystemCommand("Session: save now", f"Write {state.path}", self.action_save)
        bell_on = state.session.agenda.bell
        yield SystemCommand(
            "Bell: turn off" if bell_on else "Bell: turn on",
            "Ring the terminal bell when a phase's time is up",
            self.action_toggle_bell,
        )
        from secondstory.tui.coach_commands import language_commands

        yield from language_commands(self)
        from secondstory.tui.followup_commands import followup_commands

        yield from followup_commands(self)
        for index, phase in enumerate(state.phases):
            yield SystemCommand(
                f"Phase: go to {index + 1}. {phase.title}",
                f"{minutes(phase.planned_minutes * 60)} planned",
                lambda index=index: self.action_goto_phase(index),
                discover=False,
            )


def ready_stamp_from_env() -> Path | None:
    value = os.environ.get("SECONDSTORY_BENCH_READY")
    return Path(value) if value else None
