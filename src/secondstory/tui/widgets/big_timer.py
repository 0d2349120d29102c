"""The presentation timer: the countdown in a block font scaled to fill the space it is given.

At 80x24 the digits are several rows tall; at 200x60 they fill most of the screen. When even the
smallest scale does not fit, the text is shown as it is.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from secondstory.tui.widgets.block_font import best_scale, can_draw, render_lines


class BigTimer(Widget):
    DEFAULT_CSS = """
    BigTimer {
        width: 1fr;
        height: 1fr;
        min-height: 3;
    }
    """

    def __init__(self, value: str = "", *, id: str | None = None, classes: str | None = None):  # noqa: A002
        super().__init__(id=id, classes=classes)
        self._value = value

    @property
    def value(self) -> str:
        return self._value

    def update(self, value: str) -> None:
        if value != self._value:
            self._value = value
            self.refresh()

    def scale(self) -> int:
        size = self.content_size
        if not can_draw(self._value):
            return 0
        return best_scale(self._value, size.width, size.height)

    def render(self) -> Text:
        size = self.content_size
        scale = self.scale()
        lines = render_lines(self._value, scale) if scale else [self._value]
        width = max((len(line) for line in lines), default=0)
        top = max((size.height - len(lines)) // 2, 0)
        left = max((size.width - width) // 2, 0)
        body = [" " * left + line for line in lines]
        return Text("\n" * top + "\n".join(body), no_wrap=True, overflow="crop")
