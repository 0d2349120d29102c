"""The flags panel: the focused field's language flags, as questions with a blameless rewrite.

It sits under the workspace on the main screen and shows itself only while the focused text
field has open flags (f9 hides it for good, and brings it back). Each flag is a line with the
flagged words in quotes and the question to ask the room; the flag at the cursor (the one f8
dismisses) is drawn in full, with the suggested rewrite under it. Facilitator-only: it lives on
the main screen, never on the shared presentation screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from secondstory.tui.coach_hub import CoachHub, FlaggedField

if TYPE_CHECKING:
    from secondstory.core.language import Flag

KEYS_HINT = "f8 dismiss · f4/f5 prev/next · f9 hide"
ERROR_LEVEL = 3


class FlagsPanel(VerticalScroll, can_focus=False):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "flags-panel--match-warning",
        "flags-panel--match-error",
        "flags-panel--rewrite",
        "flags-panel--other",
    }
    DEFAULT_CSS = """
    FlagsPanel {
        display: none;
        height: auto;
        max-height: 30%;
        border: round $flag-warning 60%;
        border-title-color: $flag-warning;
        border-subtitle-color: $text-muted;
        padding: 0 1;
        scrollbar-size-vertical: 1;
        &.-shown { display: block; }
        & > .flags-panel--match-warning { color: $flag-warning; text-style: bold; }
        & > .flags-panel--match-error { color: $flag-error; text-style: bold; }
        & > .flags-panel--rewrite { color: $text-success; }
        & > .flags-panel--other { color: $text-muted; }
        #flags-body { width: 1fr; }
    }
    """

    def __init__(self, *, id: str | None = "flags-panel") -> None:  # noqa: A002
        super().__init__(id=id)
        self._shown: tuple[object, ...] | None = None
        self._pending = False

    def compose(self) -> ComposeResult:
        yield Static(id="flags-body", markup=False)

    def on_mount(self) -> None:
        self.border_subtitle = KEYS_HINT
        hub = CoachHub.of(self)
        if hub is None:
            return
        hub.focus.subscribe(self, self._field_changed)
        hub.changed.subscribe(self, lambda _: self._field_changed(None))
        self.watch(self.screen, "focused", self._focus_moved, init=False)
        hub.ensure()

    def _focus_moved(self, focused: Widget | None) -> None:
        self._field_changed(None)

    def _field_changed(self, _field: object) -> None:
        # Redrawn once after the next refresh however many keys arrive before it (the field's
        # marks come first, in the frame of the keystroke). Whatever changed, the panel shows
        # the screen's focused field: a field that has lost the focus since must not win.
        if not self._pending:
            self._pending = True
            self.call_after_refresh(self._update)

    def _update(self) -> None:
        self._pending = False
        self.show_field(_coached(self.screen.focused))

    def show_field(self, field: FlaggedField | None) -> None:
        hub = CoachHub.of(self)
        flags = field.flags if field is not None else ()
        visible = bool(flags) and hub is not None and not hub.panel_hidden
        current = field.current_index() if field is not None and visible else None
        shown = (
            visible,
            current,
            tuple((f.rule_id, f.text, f.message, f.suggestion) for f in flags),
        )
        if shown == self._shown:
            return
        self._shown = shown
        self.set_class(visible, "-shown")
        if not visible:
            return
        count = len(flags)
        self.border_title = f"Language · {count} question{'s' if count != 1 else ''}"
        self.query_one("#flags-body", Static).update(self._render_flags(flags, current))
        if current is not None:
            self.scroll_to(y=current, animate=False)

    def _render_flags(self, flags: tuple[Flag, ...], current: int | None) -> RenderableType:
        styles = {
            name: self.get_component_rich_style(f"flags-panel--{name}", partial=True)
            for name in ("match-warning", "match-error", "rewrite", "other")
        }
        rows: list[Text] = []
        for index, flag in enumerate(flags):
            match = styles["match-error" if flag.level >= ERROR_LEVEL else "match-warning"]
            quoted = f"“{_short(flag.text)}”"
            message = _after_echo(flag.message, flag.text)
            if index == current:
                rows.append(Text.assemble(("▸ ", match), (quoted, match), message))
                rows.append(Text.assemble("  → ", (flag.suggestion, styles["rewrite"])))
            else:
                rows.append(
                    Text.assemble(
                        "  ",
                        (quoted, match),
                        (message, styles["other"]),
                        no_wrap=True,
                        overflow="ellipsis",
                    )
                )
        return Group(*rows)


def _after_echo(message: str, text: str) -> str:
    """The message to show after the quoted words: most messages open by quoting them too
    (the command line has no other place for them), and the panel would say them twice."""
    end = len(text) + 1
    if (
        message[:1] == '"'
        and message[end : end + 1] == '"'
        and message[1:end].lower() == text.lower()
    ):
        return message[end + 1 :]
    return " " + message


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _coached(widget: Any) -> FlaggedField | None:
    from secondstory.tui.widgets.text_fields import NoteArea, NoteInput

    if isinstance(widget, NoteArea | NoteInput):
        found: FlaggedField = widget
        return found
    return None
