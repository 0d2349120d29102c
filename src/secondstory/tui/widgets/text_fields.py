"""The text fields every workspace types into: one place to give them the language coach.

Workspaces use `NoteArea` for multi-line text and `NoteInput` for one-line answers instead of
Textual's `TextArea` and `Input`, so that flagging blame and counterfactual language in place
is added once, here, and reaches every free-text field of the meeting.

Both check their text with the session's coach (see `secondstory.tui.coach_hub`) after every
edit, before the next frame is drawn, and mark each flagged span in the theme's `$flag-warning`
or `$flag-error` colour (the app defines those variables for every theme). Until the coach is
ready (it is built after the first frame) they show no marks. Keys, on either field:

- f8 (or alt+d): dismiss the flag at the cursor (the nearest one when the cursor is on none);
  the dismissal is saved in the session and holds for that sentence from then on.
- f5 (or alt+n) / f4 (or alt+p): select the next / previous flagged span, wrapping around.
- f9: hide or show the flags panel.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace
from itertools import accumulate
from typing import TYPE_CHECKING, Any, ClassVar

from rich.highlighter import Highlighter
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.events import Focus
from textual.widget import Widget
from textual.widgets import Input, TextArea
from textual.widgets.input import Selection as InputSelection
from textual.widgets.text_area import Edit, EditResult, Selection, TextAreaTheme

from secondstory.tui.coach_hub import CoachHub
from secondstory.tui.messages import SessionEdited

if TYPE_CHECKING:
    from secondstory.core.language import Flag

ERROR_LEVEL = 3
"""`Level.ERROR`; compared as a number so this module does not import the engine at start-up."""
_NOTE_THEME = "secondstory-note"

FLAG_BINDINGS: list[BindingType] = [
    Binding(
        "f8,alt+d",
        "dismiss_flag",
        "Dismiss flag",
        tooltip="Stop flagging this wording in this sentence (saved in the session)",
        show=False,
    ),
    Binding(
        "f5,alt+n", "next_flag", "Next flag", tooltip="Select the next flagged words", show=False
    ),
    Binding(
        "f4,alt+p",
        "previous_flag",
        "Previous flag",
        tooltip="Select the previous flagged words",
        show=False,
    ),
    Binding(
        "f9",
        "toggle_flags_panel",
        "Flags panel",
        tooltip="Hide or show the flags panel",
        show=False,
    ),
]


# Positions -------------------------------------------------------------------------------


def flag_at(flags: Sequence[Flag], offset: int) -> int | None:
    """The flag the cursor is on (or just after), else the nearest one; None without flags."""
    best: int | None = None
    best_distance = 0
    for index, flag in enumerate(flags):
        if flag.start <= offset < flag.end:
            return index
        if flag.start <= offset <= flag.end:
            distance = -1  # just after this one: it wins unless the cursor is inside another
        else:
            distance = flag.start - offset if offset < flag.start else offset - flag.end
        if best is None or distance < best_distance:
            best, best_distance = index, distance
        if flag.start > offset and distance > best_distance:
            # Flags are in text order: the rest start further away. (One starting later
            # cannot contain the offset either.)
            break
    return best


def flag_step(flags: Sequence[Flag], offset: int, step: int) -> int | None:
    """The next (step > 0) or previous flag starting after / before `offset`, wrapping."""
    if not flags:
        return None
    if step > 0:
        return next((i for i, f in enumerate(flags) if f.start > offset), 0)
    return next(
        (i for i in range(len(flags) - 1, -1, -1) if flags[i].start < offset), len(flags) - 1
    )


def line_marks(
    flags: Sequence[Flag], lines: Sequence[str], starts: Sequence[int]
) -> dict[int, list[tuple[int, int, bool]]]:
    """Per line index, the `(start column, end column, is error)` spans to mark.

    `starts[i]` is the offset of line i in `"\\n".join(lines)`; offsets and columns count code
    points, as Python strings and Textual's document do. A flag across lines marks a piece
    of each.
    """
    marks: dict[int, list[tuple[int, int, bool]]] = {}
    for flag in flags:
        error = flag.level >= ERROR_LEVEL
        first = bisect_right(starts, flag.start) - 1
        last = bisect_right(starts, max(flag.start, flag.end - 1)) - 1
        for row in range(first, min(last, len(lines) - 1) + 1):
            start = flag.start - starts[row] if row == first else 0
            end = flag.end - starts[row] if row == last else len(lines[row])
            end = min(end, len(lines[row]))
            if end > start:
                marks.setdefault(row, []).append((start, end, error))
    return marks


# What both fields share ------------------------------------------------------------------

if TYPE_CHECKING:
    _FieldBase = Widget
else:
    # A plain mixin at run time: Textual follows a widget's first DOMNode base for its CSS,
    # so a Widget subclass here would hide TextArea's and Input's own styles.
    _FieldBase = object


class _CoachedField(_FieldBase):
    """Flags, the flag keys and focus reporting, the same for `NoteArea` and `NoteInput`.

    A field supplies `flags`, `_reference()` (the offset the cursor stands at) and
    `_select(start, end)`.
    """

    _flags: tuple[Flag, ...]

    @property
    def flags(self) -> tuple[Flag, ...]:
        raise NotImplementedError

    def _reference(self) -> int:
        raise NotImplementedError

    def _select(self, start: int, end: int) -> None:
        raise NotImplementedError

    def _coach_changed(self, generation: int) -> None:
        raise NotImplementedError

    def _join_coach(self) -> None:
        hub = CoachHub.of(self)
        if hub is not None:
            hub.changed.subscribe(self, self._coach_changed, immediate=True)
            hub.ensure()

    def _announce(self) -> None:
        hub = CoachHub.of(self)
        if hub is not None:
            hub.field_changed(self)

    def on_focus(self, event: Focus) -> None:
        self._announce()

    def watch_selection(self) -> None:
        if self.has_focus:
            self._announce()

    def current_index(self) -> int | None:
        return flag_at(self.flags, self._reference())

    def current_flag(self) -> Flag | None:
        index = self.current_index()
        return None if index is None else self._flags[index]

    def move_to_flag(self, step: int) -> Flag | None:
        """Select the next (1) or previous (-1) flagged span; None when there are no flags."""
        flags = self.flags
        index = flag_step(flags, self._reference(), step)
        if index is None:
            return None
        flag = flags[index]
        self._select(flag.start, flag.end)
        return flag

    def action_dismiss_flag(self) -> None:
        hub = CoachHub.of(self)
        flag = self.current_flag()
        if hub is None or flag is None:
            self.notify("No language flag in this field.", timeout=3)
            return
        hub.dismiss(flag)
        self.notify(f"“{flag.text}” is no longer flagged in this sentence.", timeout=4)

    def action_next_flag(self) -> None:
        self._step_flag(1)

    def action_previous_flag(self) -> None:
        self._step_flag(-1)

    def _step_flag(self, step: int) -> None:
        if self.move_to_flag(step) is None:
            self.notify("No language flag in this field.", timeout=3)

    def action_toggle_flags_panel(self) -> None:
        hub = CoachHub.of(self)
        if hub is not None:
            hub.field_changed(self)
            shown = hub.toggle_panel()
            self.notify(
                "Flags panel shown." if shown else "Flags panel hidden (f9 shows it).", timeout=3
            )


# Multi-line ------------------------------------------------------------------------------


class NoteArea(_CoachedField, TextArea):
    """Multi-line free text (phase notes, decision notes, descriptions), coached as typed."""

    COMPONENT_CLASSES: ClassVar[set[str]] = TextArea.COMPONENT_CLASSES | {
        "note-area--flag-warning",
        "note-area--flag-error",
    }
    DEFAULT_CSS = """
    NoteArea > .note-area--flag-warning { color: $flag-warning; text-style: underline; }
    NoteArea > .note-area--flag-error { color: $flag-error; text-style: bold underline; }
    """
    BINDINGS = FLAG_BINDINGS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._flags: tuple[Flag, ...] = ()
        self._marks: dict[int, list[tuple[int, int, bool]]] = {}
        self._starts: list[int] = [0]
        self._checked: tuple[int, int] | None = None
        """(edit count, hub generation) the flags were computed for; None: never."""
        self._edits = 0
        super().__init__(*args, **kwargs)

    # Keeping the flags fresh. Every change of the text goes through `edit` (typing, paste,
    # cut, delete), `undo`/`redo` or `load_text`; each marks the flags stale, and they are
    # computed again the next time anything asks for them: at the latest when the next frame
    # draws the lines (`get_line`), so the marks are always those of the text on screen. Keys
    # that arrive faster than frames cost one check per frame, not one per key.

    def edit(self, edit: Edit) -> EditResult:
        result = super().edit(edit)
        self._text_changed()
        return result

    def undo(self) -> None:
        super().undo()
        self._text_changed()

    def redo(self) -> None:
        super().redo()
        self._text_changed()

    def load_text(self, text: str) -> None:
        super().load_text(text)
        self._text_changed()

    def _text_changed(self) -> None:
        self._edits += 1
        if self.has_focus:
            self._announce()

    def on_mount(self) -> None:
        self._keep_mark_colours()
        self._join_coach()

    def _coach_changed(self, generation: int) -> None:
        self.notify_style_update()  # drop the drawn lines: their marks are out of date
        self.refresh()
        if self.has_focus:
            self._announce()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted:
            self._keep_mark_colours()

    def _keep_mark_colours(self) -> None:
        """Draw the cursor line with its background only, so flagged words keep their colour.

        TextArea paints the line under the cursor with the full `text-area--cursor-line`
        style, text colour included, on top of whatever `get_line` returned: the words being
        typed would lose their flag colour exactly where the facilitator looks. A copy of
        the `css` theme whose cursor line sets only the (same) background avoids that; an
        explicitly chosen theme is left alone.
        """
        if self.theme not in ("css", _NOTE_THEME):
            return
        background = self.get_component_rich_style("text-area--cursor-line").bgcolor
        css = TextAreaTheme.get_builtin_theme("css")
        if css is None:
            return
        theme = replace(css, name=_NOTE_THEME, cursor_line_style=Style(bgcolor=background))
        self.register_theme(theme)
        self.theme = _NOTE_THEME

    def _fresh(self) -> None:
        """Check the text again if it changed, or the coach did, since the last check."""
        hub = CoachHub.of(self)
        generation = hub.generation if hub is not None else -1
        if self._checked == (self._edits, generation):
            return
        self._checked = (self._edits, generation)
        coach = hub.coach if hub is not None else None
        lines = self.document.lines
        self._starts = [0, *accumulate(len(line) + 1 for line in lines)]
        if coach is None:
            self._flags, self._marks = (), {}
        else:
            self._flags = tuple(coach.check("\n".join(lines)))
            self._marks = line_marks(self._flags, lines, self._starts)

    # Drawing -----------------------------------------------------------------------------

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        self._fresh()
        marks = self._marks.get(line_index)
        if marks:
            warning = self.get_component_rich_style("note-area--flag-warning", partial=True)
            error = self.get_component_rich_style("note-area--flag-error", partial=True)
            for start, end, is_error in marks:
                line.stylize(error if is_error else warning, start, end)
        return line

    # Flags -------------------------------------------------------------------------------

    @property
    def flags(self) -> tuple[Flag, ...]:
        """The open flags of the text, in order; offsets into `"\\n".join(document.lines)`."""
        self._fresh()
        return self._flags

    def offset_of(self, location: tuple[int, int]) -> int:
        self._fresh()
        row, column = location
        row = min(max(row, 0), len(self._starts) - 2)
        return self._starts[row] + column

    def location_of(self, offset: int) -> tuple[int, int]:
        self._fresh()
        row = min(bisect_right(self._starts, offset) - 1, len(self._starts) - 2)
        return row, offset - self._starts[row]

    def _reference(self) -> int:
        start, end = self.selection
        return self.offset_of(min(start, end))

    def _select(self, start: int, end: int) -> None:
        self.selection = Selection(self.location_of(start), self.location_of(end))


# One line --------------------------------------------------------------------------------


class _FlagHighlighter(Highlighter):
    """Marks a `NoteInput`'s flagged spans; Input calls it each time it draws the value."""

    def __init__(self, field: NoteInput) -> None:
        self._field = field

    def highlight(self, text: Text) -> None:
        self._field.stylize_flags(text)


class NoteInput(_CoachedField, Input):
    """One-line free text (a five-whys answer, an action title, a list entry), coached as typed.

    The marks come from a highlighter; a caller that passes its own `highlighter` keeps it and
    gets no marks (the flags, the panel and the keys still work).
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = Input.COMPONENT_CLASSES | {
        "note-input--flag-warning",
        "note-input--flag-error",
    }
    DEFAULT_CSS = """
    NoteInput > .note-input--flag-warning { color: $flag-warning; text-style: underline; }
    NoteInput > .note-input--flag-error { color: $flag-error; text-style: bold underline; }
    """
    BINDINGS = FLAG_BINDINGS

    def __init__(self, *args: Any, draft_key: str | None = None, **kwargs: Any) -> None:
        self._flags: tuple[Flag, ...] = ()
        self._checked: tuple[str, int] | None = None
        self._draft_key = draft_key
        self._draft_base: str | None = None
        super().__init__(*args, **kwargs)
        if self.highlighter is None:
            self.highlighter = _FlagHighlighter(self)

    def on_mount(self) -> None:
        self._join_coach()
        self._open_draft()

    def on_unmount(self) -> None:
        # The field closes because its text was entered or deliberately dropped: the draft
        # has done its job. On quit the session was saved before this, draft included.
        if self._draft_base is not None:
            self._set_draft(None)

    def watch_value(self, value: str) -> None:
        self._ensure(value)
        if self.has_focus:
            self._announce()
        if self._draft_base is not None:
            self._set_draft(None if value == self._draft_base else value)

    # Drafts: with a `draft_key`, what is typed and not yet entered is kept in the session
    # (`Session.drafts`), which autosave writes every second, and is brought back when a
    # field with the same key opens again, after a crash or a killed terminal.

    def _drafts(self) -> dict[str, str] | None:
        hub = CoachHub.of(self)
        state = hub.state if hub is not None else None
        return state.session.drafts if state is not None else None

    def _open_draft(self) -> None:
        if self._draft_key is None:
            return
        drafts = self._drafts()
        if drafts is None:
            return
        self._draft_base = self.value
        kept = drafts.get(self._draft_key)
        if kept is not None and kept != self.value:
            self.value = kept
            # Typing goes on after the restored text; the first key must not replace it.
            self.select_on_focus = False
            self.cursor_position = len(kept)
            self.notify(
                "Brought back text typed here before secondstory last closed.",
                title="Draft restored",
            )

    def _set_draft(self, value: str | None) -> None:
        drafts = self._drafts()
        key = self._draft_key
        if drafts is None or key is None or drafts.get(key) == value:
            return
        if value is None:
            drafts.pop(key, None)
        else:
            drafts[key] = value
        self.app.post_message(SessionEdited())

    def _coach_changed(self, generation: int) -> None:
        self._ensure(self.value)
        self.refresh()

    def _ensure(self, value: str) -> tuple[Flag, ...]:
        hub = CoachHub.of(self)
        coach = hub.coach if hub is not None else None
        key = (value, hub.generation if hub is not None else -1)
        if key != self._checked:
            self._checked = key
            self._flags = tuple(coach.check_answer(value)) if coach and value.strip() else ()
        return self._flags

    def stylize_flags(self, text: Text) -> None:
        """Mark the flagged spans of `text` (the value being drawn)."""
        flags = self._ensure(text.plain)
        if not flags:
            return
        warning: Style = self.get_component_rich_style("note-input--flag-warning", partial=True)
        error: Style = self.get_component_rich_style("note-input--flag-error", partial=True)
        for flag in flags:
            text.stylize(error if flag.level >= ERROR_LEVEL else warning, flag.start, flag.end)

    @property
    def flags(self) -> tuple[Flag, ...]:
        return self._ensure(self.value)

    def _reference(self) -> int:
        start, end = self.selection
        return min(start, end)

    def _select(self, start: int, end: int) -> None:
        self.selection = InputSelection(start, end)
