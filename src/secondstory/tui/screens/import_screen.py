"""Importing timeline events from the app: a source, a format, a zone, a window; preview, confirm.

Enter reads the source in a worker thread (a progress bar counts a large file) and shows what
would be added, through `core.importers.import_source(..., apply=False)`, which changes nothing.
Enter again, with the fields unchanged, merges exactly the previewed events into the open
session's timeline; the app saves it within a second. Bad input (no such file, a malformed
source, an unknown zone, a date that is not one) is shown in the dialog, with the field named,
and nothing changes. Importing the same source twice adds nothing the second time: the core
skips events whose source and id are already in the timeline.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from datetime import UTC, date
from pathlib import Path
from weakref import WeakKeyDictionary

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, ProgressBar, Static
from textual.worker import Worker, WorkerState

from secondstory.core.errors import UserError
from secondstory.core.importers import ImportOptions, ImportResult, import_source, sort_timeline
from secondstory.core.importers.common import zone_from_name
from secondstory.core.model import Session
from secondstory.tui.screens.dialog_screen import DialogScreen
from secondstory.tui.state import SessionState
from secondstory.tui.widgets.action_choice import ActionChoice
from secondstory.tui.widgets.import_preview import ImportPreview, plural
from secondstory.tui.widgets.path_suggester import PathSuggester

FORMAT_CHOICES = ("auto", "text", "csv", "pagerduty", "slack")

FIELDS = {
    "--tz": ("Zone", "#import-tz"),
    "--date": ("Day", "#import-day"),
    "--since": ("Since", "#import-since"),
    "--until": ("Until", "#import-until"),
    "--format": ("Format", "#import-format"),
}
"""The core's messages name command-line options; the dialog names its fields instead."""

HINT_FORM = "Enter previews · Tab next field · → completes a path · Esc cancels"
HINT_READY = "Enter adds {count} to the timeline · change a field to preview again · Esc cancels"
HINT_NOTHING = "Change a field to preview again · Esc closes"


@dataclass(frozen=True)
class ImportForm:
    """The dialog's fields as typed."""

    source: str
    format: str
    tz: str
    day: str
    since: str
    until: str


def read_form(form: ImportForm, base: Path) -> tuple[Path, ImportOptions]:
    """The source path and the options; `UserError` naming the field for what cannot be read."""
    text = form.source.strip()
    if not text:
        raise UserError("Source: type the path of a file, a folder or a Slack export zip")
    path = Path(os.path.expanduser(text))
    relative = not path.is_absolute()
    if relative:
        path = base / path
    if not path.exists():
        where = f" (relative paths start from {base})" if relative else ""
        raise UserError(f"Source: {text}: no such file or folder{where}")
    day: date | None = None
    if form.day.strip():
        try:
            day = date.fromisoformat(form.day.strip())
        except ValueError:
            raise UserError(f"Day: expected YYYY-MM-DD; found {form.day.strip()!r}") from None
    options = ImportOptions(
        format=form.format,
        tz=form.tz.strip() or None,
        date=day,
        since=form.since.strip() or None,
        until=form.until.strip() or None,
    )
    return path, options


def in_field_words(message: str) -> tuple[str, str | None]:
    """A core message with option names turned into field names, and the field it is about."""
    field: str | None = None
    text = message.replace("pass --date", "fill in Day")
    for flag, (label, selector) in FIELDS.items():
        if text.startswith(flag):
            field = selector
        text = text.replace(flag, label)
    for label, selector in [("Source", "#import-source"), *FIELDS.values()]:
        if field is None and text.startswith((f"{label}:", f"{label} ")):
            field = selector
    return text, field


def timeline_key(session: Session) -> list[tuple[str, str, str | None]]:
    """What the preview's new ids and duplicates depend on: the timeline's ids and sources."""
    return [(e.id, e.source, e.source_id) for e in session.timeline]


_LAST_FORM: WeakKeyDictionary[SessionState, ImportForm] = WeakKeyDictionary()
"""Per open session: the fields of the last preview, filled in again when the dialog reopens
(a source is often imported again once the incident tool has more to say)."""


@dataclass(frozen=True)
class Preview:
    form: ImportForm
    result: ImportResult
    timeline: list[tuple[str, str, str | None]]


class ImportScreen(DialogScreen[ImportResult | None]):
    DEFAULT_CSS = """
    ImportScreen {
        #import-box { width: 96%; max-width: 120; max-height: 100%; }
        .import-grid {
            grid-size: 2;
            grid-columns: 7 1fr;
            grid-rows: 1;
            grid-gutter: 0 1;
            height: auto;
        }
        .import-row { height: 1; }
        .import-row > Grid { width: 1fr; }
        .field-label { color: $text-secondary; text-align: right; }
        Input.-bad { background: $error 25%; }
        #import-progress { height: 1; margin-top: 1; display: none; }
        #import-progress.-shown { display: block; }
        #import-status { height: auto; margin-top: 1; color: $text-muted; }
        #import-status.-error { color: $text-error; }
        #import-status.-done { color: $text-success; }
        #import-scroll { height: auto; max-height: 12; display: none; }
        #import-scroll.-shown { display: block; }
        #import-hint { height: 1; color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis; }
    }
    """

    def __init__(self, state: SessionState, base: Path | None = None) -> None:
        super().__init__()
        self.state = state
        self.base = base or Path.cwd()
        self.preview: Preview | None = None
        self.reading = False
        incident = state.session.incident
        self._zone_name = incident.timezone or "UTC"
        started = incident.started_at
        zone = zone_from_name(self._zone_name) or UTC
        self._day_hint = started.astimezone(zone).date().isoformat() if started else "YYYY-MM-DD"

    def compose(self) -> ComposeResult:
        session = self.state.session
        with Vertical(id="import-box", classes="dialog-box") as box:
            box.border_title = f"Import timeline events into {session.incident.id}"
            box.border_subtitle = plural(len(session.timeline), "event") + " in the timeline now"
            with Grid(classes="import-grid"):
                yield Static("Source", classes="field-label")
                yield Input(
                    placeholder="a file (.txt, .csv, PagerDuty .json), a folder or a Slack zip",
                    compact=True,
                    id="import-source",
                    suggester=PathSuggester(self.base),
                )
                yield Static("Format", classes="field-label")
                yield ActionChoice(FORMAT_CHOICES, "auto", id="import-format")
            with Horizontal(classes="import-row"):
                with Grid(classes="import-grid"):
                    yield Static("Zone", classes="field-label")
                    yield Input(placeholder=self._zone_name, compact=True, id="import-tz")
                with Grid(classes="import-grid"):
                    yield Static("Day", classes="field-label")
                    yield Input(placeholder=self._day_hint, compact=True, id="import-day")
            with Horizontal(classes="import-row"):
                with Grid(classes="import-grid"):
                    yield Static("Since", classes="field-label")
                    yield Input(
                        placeholder="HH:MM or 2026-03-22T14:00", compact=True, id="import-since"
                    )
                with Grid(classes="import-grid"):
                    yield Static("Until", classes="field-label")
                    yield Input(
                        placeholder="HH:MM or 2026-03-22T16:00", compact=True, id="import-until"
                    )
            yield ProgressBar(show_eta=False, id="import-progress")
            yield Static(
                "Zone and Day apply to times that name none. Events already imported from the "
                "same source are skipped.",
                id="import-status",
                markup=False,
            )
            with VerticalScroll(id="import-scroll"):
                yield ImportPreview(id="import-preview")
            yield Static(HINT_FORM, id="import-hint", markup=False)

    def on_mount(self) -> None:
        last = _LAST_FORM.get(self.state)
        if last is not None:
            # Each text field's input is `#import-NAME` after the form's field name.
            for field in fields(ImportForm):
                if field.name != "format":
                    value = getattr(last, field.name)
                    self.query_one(f"#import-{field.name}", Input).value = value
            self.query_one("#import-format", ActionChoice).value = last.format
        source = self.query_one("#import-source", Input)
        source.focus()
        if source.value:
            # Selected, so typing a new path replaces the remembered one; Enter keeps it.
            self.call_after_refresh(source.select_all)

    # Reading the fields -----------------------------------------------------------------------

    def form(self) -> ImportForm:
        def text(selector: str) -> str:
            return self.query_one(selector, Input).value

        return ImportForm(
            source=text("#import-source"),
            format=self.query_one("#import-format", ActionChoice).value,
            tz=text("#import-tz"),
            day=text("#import-day"),
            since=text("#import-since"),
            until=text("#import-until"),
        )

    def say(self, message: str, level: str = "") -> None:
        status = self.query_one("#import-status", Static)
        status.update(message)
        status.set_class(level == "error", "-error")
        status.set_class(level == "done", "-done")

    def _mark_invalid(self, selector: str | None) -> None:
        for field in self.query(Input):
            field.set_class(selector is not None and field.id == selector[1:], "-bad")

    def _show_preview(self, shown: bool) -> None:
        self.query_one("#import-scroll").set_class(shown, "-shown")
        hint = HINT_FORM
        if shown and self.preview is not None:
            count = len(self.preview.result.added)
            hint = HINT_READY.format(count=plural(count, "event")) if count else HINT_NOTHING
        self.query_one("#import-hint", Static).update(hint)

    # Keys -------------------------------------------------------------------------------------

    @on(Input.Submitted)
    @on(ActionChoice.Submitted)
    def _submitted(self, event: Input.Submitted | ActionChoice.Submitted) -> None:
        event.stop()
        self.action_submit()

    @on(Input.Changed)
    @on(ActionChoice.Changed)
    def _changed(self) -> None:
        preview = self.preview
        if preview is not None and preview.form != self.form():
            self.preview = None
            self._show_preview(False)
            self.say("Changed since the preview: Enter previews again.")

    def action_submit(self) -> None:
        if self.reading:
            return
        preview = self.preview
        form = self.form()
        if (
            preview is not None
            and preview.form == form
            and preview.timeline == timeline_key(self.state.session)
        ):
            self._apply(preview.result)
        else:
            self._read(form)

    # Preview ----------------------------------------------------------------------------------

    def _read(self, form: ImportForm) -> None:
        try:
            path, options = read_form(form, self.base)
        except UserError as error:
            self._failed(error)
            return
        options = replace(options, progress=self._progress_from_thread)
        self.reading = True
        self.preview = None
        self._show_preview(False)
        self._mark_invalid(None)
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.add_class("-shown")
        self.say(f"Reading {path.name}…")
        session = self.state.session
        key = timeline_key(session)
        _LAST_FORM[self.state] = form

        def read() -> Preview:
            # apply=False: the session is only read here, never changed, so the UI thread
            # can go on drawing it while this runs.
            result = import_source(session, path, options, apply=False)
            return Preview(form, result, key)

        self.run_worker(
            read, name="import-preview", group="import", thread=True, exit_on_error=False
        )

    def _progress_from_thread(self, what: str, done: int, total: int) -> None:
        self.app.call_from_thread(self._progress, what, done, total)

    def _progress(self, what: str, done: int, total: int) -> None:
        if not self.is_attached or not self.reading:
            return
        self.query_one("#import-progress", ProgressBar).update(total=total, progress=done)
        self.say(f"Reading: {done:,} of {total:,} {what}…")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != "import" or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        event.stop()
        self.reading = False
        self.query_one("#import-progress", ProgressBar).remove_class("-shown")
        if event.state == WorkerState.ERROR:
            error = worker.error
            if not isinstance(error, UserError):
                error = UserError(f"Could not read the source: {error}")
            # What is not about a field is about the source: its path, a line, a JSON path.
            self._failed(error, default_field="#import-source")
            return
        preview = worker.result
        if not isinstance(preview, Preview):
            return
        if preview.form != self.form():
            self.say("Changed while reading: Enter previews again.")
            return
        self.preview = preview
        zone = zone_from_name(preview.form.tz.strip() or self._zone_name) or UTC
        shown = preview.form.tz.strip() or self._zone_name
        self.query_one(ImportPreview).show(preview.result, zone, shown)
        self._show_preview(True)
        self.say("Preview: nothing has changed yet.")
        self.query_one("#import-scroll", VerticalScroll).scroll_home(animate=False)

    def _failed(self, error: UserError, default_field: str | None = None) -> None:
        lines = [in_field_words(problem) for problem in error.problems]
        self.say("\n".join(text for text, _ in lines), "error")
        self._mark_invalid(next((field for _, field in lines if field), default_field))
        self.preview = None
        self._show_preview(False)

    # Merging ----------------------------------------------------------------------------------

    def _apply(self, result: ImportResult) -> None:
        if not result.added:
            self.say("Nothing to add. Esc closes.")
            return
        timeline = self.state.session.timeline
        # What `import_source(apply=True)` does after its merge, here on the UI thread (a merge
        # in the worker would sort the list while the screens read it). The preview was
        # computed against this very timeline (checked in `action_submit`), so its ids and
        # duplicates still hold.
        timeline.extend(result.added)
        sort_timeline(timeline)
        self.dismiss(result)
