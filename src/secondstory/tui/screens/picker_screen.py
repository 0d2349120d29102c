"""The session picker: `secondstory` with no file lists the sessions folder.

Open a session from the list, or create a new one from an incident id and a title (with a
severity and an agenda preset). Problems (a broken file, an id already taken) are shown here and
nothing is written.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from secondstory.core.agendas import DEFAULT_AGENDA, PRESETS
from secondstory.core.errors import UserError
from secondstory.core.model import SEVERITIES, Session
from secondstory.core.paths import session_files
from secondstory.core.sessions import create_session_file, new_session
from secondstory.core.storage import load_session
from secondstory.tui.state import SessionState

if TYPE_CHECKING:
    from secondstory.tui.app import SecondStoryApp


@dataclass(frozen=True)
class Listing:
    path: Path
    label: str
    readable: bool


def list_sessions(folder: Path) -> list[Listing]:
    """One line per session file, read cheaply (TOML only); full validation happens on open."""
    found = []
    for path in session_files(folder):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            inc = data["incident"]
            label = (
                f"{inc.get('id', path.stem):<16} {inc.get('severity', 'SEV2'):<5} "
                f"{inc.get('status', 'Draft'):<10} {inc.get('title', '')}"
            )
            found.append(Listing(path, label, True))
        except (
            OSError,
            UnicodeDecodeError,
            tomllib.TOMLDecodeError,
            KeyError,
            TypeError,
            AttributeError,
        ):
            found.append(Listing(path, f"{path.name:<33} (cannot be read)", False))
    return found


class PickerScreen(Screen[None]):
    CSS_PATH = "picker_screen.tcss"

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self._listings: list[Listing] = []

    @property
    def _app(self) -> SecondStoryApp:
        from secondstory.tui.app import SecondStoryApp

        assert isinstance(self.app, SecondStoryApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield Static(f"Sessions in {self.folder}", id="picker-title", markup=False)
        yield Static(
            "↑↓ choose · enter opens · tab moves to the new-session form",
            id="picker-help",
            markup=False,
        )
        self._listings = list_sessions(self.folder)
        options = [
            Option(item.label, id=str(n), disabled=not item.readable)
            for n, item in enumerate(self._listings)
        ]
        with Vertical(id="picker-list-box") as box:
            box.border_title = "Open a session"
            if options:
                yield OptionList(*options, id="picker-list")
            else:
                yield Label("No sessions here yet: create the first one below.", id="picker-empty")
        with Vertical(id="picker-new") as form:
            form.border_title = "New session"
            with Horizontal(classes="row"):
                yield Input(placeholder="Incident id, e.g. INC-2026-0847", id="new-id")
                yield Select(
                    [(s, s) for s in SEVERITIES], value="SEV2", allow_blank=False, id="new-severity"
                )
                yield Select(
                    [(a, a) for a in PRESETS],
                    value=DEFAULT_AGENDA,
                    allow_blank=False,
                    id="new-agenda",
                )
            with Horizontal(classes="row"):
                yield Input(placeholder="Title: what happened, in a few words", id="new-title")
                yield Button("Create", id="new-create", variant="primary")
        yield Static(id="picker-message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        target = "#picker-list" if self._listings else "#new-id"
        self.query_one(target).focus()

    def _problem(self, error: UserError) -> None:
        self.query_one("#picker-message", Static).update("\n".join(error.problems))
        self.notify(error.problems[0], title="Cannot open", severity="error", timeout=8)

    def _open(self, session: Session, path: Path) -> None:
        self._app.open_session(SessionState(session, path, clock=self._app.clock))

    @on(OptionList.OptionSelected, "#picker-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        listing = self._listings[int(event.option.id or 0)]
        try:
            session = load_session(listing.path)
        except UserError as error:
            self._problem(error)
            return
        self._open(session, listing.path)

    @on(Input.Submitted, "#new-id")
    def _next_field(self) -> None:
        self.query_one("#new-title", Input).focus()

    @on(Input.Submitted, "#new-title")
    @on(Button.Pressed, "#new-create")
    def _create(self) -> None:
        incident_id = self.query_one("#new-id", Input).value.strip()
        title = self.query_one("#new-title", Input).value.strip()
        severity = self.query_one("#new-severity", Select).value
        agenda = self.query_one("#new-agenda", Select).value
        if not incident_id or not title:
            self._problem(UserError("Both an incident id and a title are needed."))
            self.query_one("#new-id" if not incident_id else "#new-title", Input).focus()
            return
        try:
            session = new_session(
                incident_id,
                title,
                severity=severity if severity in SEVERITIES else "SEV2",
                agenda=str(agenda),
            )
            path = create_session_file(self.folder, session)
        except UserError as error:
            self._problem(error)
            return
        except OSError as error:
            self._problem(UserError(f"{self.folder}: cannot write: {error.strerror}"))
            return
        self._open(session, path)
