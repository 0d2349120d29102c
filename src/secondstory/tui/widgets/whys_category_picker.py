"""A dialog to pick a chain's cause category: a standard one, one already used, or a new one.

The standard categories are numbered, so `1`-`9` picks one at once; ↑↓ and Enter pick any line;
Tab reaches a field for a custom category (Enter saves it). Escape leaves the category as it
was. The change is passed in as `apply` (it raises `UserError` for a name that is too long,
which is shown here and changes nothing).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from secondstory.core.errors import UserError

NONE_ID = "-none-"


class WhysCategoryPicker(ModalScreen[bool]):
    DEFAULT_CSS = """
    WhysCategoryPicker {
        align: center middle;
        #whys-category-box {
            width: 60;
            max-width: 90%;
            height: auto;
            max-height: 90%;
            border: round $accent;
            border-title-color: $text-accent;
            background: $surface;
            padding: 0 1;
        }
        #whys-categories { height: auto; max-height: 14; }
        .form-label { color: $text-secondary; }
        .form-hint { color: $text-muted; }
        .form-error { color: $text-error; display: none; }
        .form-error.-shown { display: block; }
    }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        chain_title: str,
        categories: Sequence[str],
        current: str,
        apply: Callable[[str], None],
    ) -> None:
        super().__init__()
        self._chain_title = chain_title
        self._categories = list(categories)
        self._current = current
        self._apply = apply

    def compose(self) -> ComposeResult:
        options: list[Option] = []
        for n, name in enumerate(self._categories, 1):
            key = f"{n} " if n <= 9 else "  "
            prompt = Content.assemble((key, "bold $text-accent"), name)
            if name == self._current:
                prompt = prompt.append(Content.styled("  (current)", "$text-muted"))
            options.append(Option(prompt, id=name))
        options.append(Option(Content.styled("   no category", "italic $text-muted"), id=NONE_ID))
        with Vertical(id="whys-category-box") as box:
            box.border_title = f"Cause category · {self._chain_title}"
            yield Static(
                "1-9 picks · ↑↓ Enter · Tab: type your own · Esc cancels", classes="form-hint"
            )
            yield OptionList(*options, id="whys-categories", compact=True)
            yield Static("Your own category (Enter saves):", classes="form-label")
            yield Input(
                placeholder="e.g. caching",
                id="whys-custom-category",
                compact=True,
                value=self._current if self._current not in self._categories else "",
            )
            yield Static("", id="whys-category-error", classes="form-error", markup=False)

    def on_mount(self) -> None:
        options = self.query_one("#whys-categories", OptionList)
        if self._current in self._categories:
            options.highlighted = self._categories.index(self._current)
        elif not self._current:
            # On "no category": Enter pressed before reading the dialog (a facilitator
            # still typing the chain's first answer) must not file it under the first one.
            options.highlighted = len(self._categories)
        else:
            options.highlighted = 0
        options.focus()

    def _pick(self, name: str) -> None:
        try:
            self._apply(name)
        except UserError as error:
            message = self.query_one("#whys-category-error", Static)
            message.update(str(error))
            message.add_class("-shown")
            return
        self.dismiss(True)

    @on(OptionList.OptionSelected, "#whys-categories")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        self._pick("" if option_id == NONE_ID else option_id)

    @on(Input.Submitted, "#whys-custom-category")
    def _typed(self, event: Input.Submitted) -> None:
        event.stop()
        self._pick(event.value)

    def on_key(self, event: Key) -> None:
        options = self.query_one("#whys-categories", OptionList)
        if not options.has_focus or event.character is None or not event.character.isdigit():
            return
        number = int(event.character)
        if 1 <= number <= min(9, len(self._categories)):
            event.stop()
            self._pick(self._categories[number - 1])

    def action_cancel(self) -> None:
        self.dismiss(False)
