"""Colour themes: `themes/*.toml` files, validated and turned into Textual themes.

One file is one theme. Every colour is checked with Textual's own colour parser when the file is
read, so a typo is reported with its file and field instead of breaking the app later, when the
stylesheet is built. The shipped themes live in the repository's top-level `themes/` folder; a
wheel carries a copy as `secondstory/_themes`. `SECONDSTORY_THEMES` names one more folder whose
files are loaded last (and so win on a name clash).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError
from textual.color import Color, ColorParseError
from textual.theme import Theme

from secondstory.core.storage import describe_validation, toml_error

DEFAULT_THEME = "secondstory-dark"
"""Used when no `--theme` is given, and when the chosen theme's file is broken."""

LAST_RESORT_THEME = "textual-dark"
"""Built into Textual: used only when the default theme's own file is broken."""

ENV_THEMES = "SECONDSTORY_THEMES"

TIMER_VARIABLES = ("timer-ok", "timer-warning", "timer-over")
FLAG_VARIABLES = ("flag-warning", "flag-error")


def _check_colour(value: str) -> str:
    try:
        Color.parse(value)
    except ColorParseError:
        raise PydanticCustomError(
            "colour",
            "not a colour: {value} (expected #RRGGBB, rgb(R, G, B), hsl(H, S%, L%) "
            "or a colour name)",
            {"value": repr(value)},
        ) from None
    return value


Colour = Annotated[str, AfterValidator(_check_colour)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ThemeColours(_Strict):
    """The base colours Textual derives all its shades from; only `primary` is required."""

    primary: Colour
    secondary: Colour | None = None
    accent: Colour | None = None
    warning: Colour | None = None
    error: Colour | None = None
    success: Colour | None = None
    foreground: Colour | None = None
    background: Colour | None = None
    surface: Colour | None = None
    panel: Colour | None = None
    boost: Colour | None = None


class TimerColours(_Strict):
    """The big timer: normal, the last two minutes, and over time."""

    ok: Colour | None = None
    warning: Colour | None = None
    over: Colour | None = None


class FlagColours(_Strict):
    """Underlines the language coach puts under questionable wording."""

    warning: Colour | None = None
    error: Colour | None = None


class ThemeFile(_Strict):
    """The shape of a `themes/NAME.toml` file."""

    name: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")] | None = None
    """Defaults to the file name without `.toml`."""
    description: str = ""
    dark: bool = True
    colors: ThemeColours
    timer: TimerColours = Field(default_factory=TimerColours)
    flags: FlagColours = Field(default_factory=FlagColours)
    variables: dict[str, Colour] = Field(default_factory=dict)
    """Any other Textual theme variable (colours only), e.g. `footer-key-foreground`."""

    def to_theme(self, fallback_name: str) -> Theme:
        variables = dict(self.variables)
        for key, value in (
            ("timer-ok", self.timer.ok),
            ("timer-warning", self.timer.warning),
            ("timer-over", self.timer.over),
            ("flag-warning", self.flags.warning),
            ("flag-error", self.flags.error),
        ):
            if value is not None:
                variables[key] = value
        return Theme(
            name=self.name or fallback_name,
            dark=self.dark,
            variables=variables,
            **self.colors.model_dump(exclude_none=True),
        )


@dataclass
class ThemeSet:
    """What was found in the theme folders: good themes by name, and one line per problem."""

    themes: dict[str, Theme] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    broken: set[str] = field(default_factory=set)
    """Names (file stems) of theme files that could not be used."""

    def names(self) -> list[str]:
        return sorted(self.themes)


def theme_dirs() -> list[Path | Traversable]:
    """Where theme files are looked for, in load order."""
    dirs: list[Path | Traversable] = []
    packaged = resources.files("secondstory").joinpath("_themes")
    if packaged.is_dir():
        dirs.append(packaged)
    else:
        # An editable install or a source checkout: src/secondstory/tui/themes.py -> repo root.
        repo = Path(__file__).resolve().parents[3] / "themes"
        if repo.is_dir():
            dirs.append(repo)
    extra = os.environ.get(ENV_THEMES)
    if extra:
        dirs.append(Path(extra))
    return dirs


def _display(path: Path | Traversable) -> str:
    if isinstance(path, Path):
        try:
            return str(path.resolve().relative_to(Path.cwd()))
        except ValueError:
            return str(path)
    return str(path)


def load_theme_file(path: Path | Traversable) -> Theme:
    """One theme file; raises ValueError with `FILE: field: problem` lines joined by newlines."""
    shown = _display(path)
    stem = path.name.removesuffix(".toml")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"{shown}: cannot read: {error}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(toml_error(shown, text, error)) from None
    try:
        model = ThemeFile.model_validate(data)
    except ValidationError as error:
        raise ValueError("\n".join(describe_validation(shown, error))) from None
    return model.to_theme(stem)


def load_themes(dirs: list[Path | Traversable] | None = None) -> ThemeSet:
    found = ThemeSet()
    for folder in theme_dirs() if dirs is None else dirs:
        if not folder.is_dir():
            found.problems.append(f"{_display(folder)}: not a folder of theme files")
            continue
        files = sorted(
            (f for f in folder.iterdir() if f.name.endswith(".toml") and f.is_file()),
            key=lambda f: f.name,
        )
        for path in files:
            stem = path.name.removesuffix(".toml")
            try:
                theme = load_theme_file(path)
            except ValueError as error:
                found.problems.append(str(error))
                found.broken.add(stem)
                continue
            found.themes[theme.name] = theme
            found.broken.discard(theme.name)
    return found


def variable_defaults(generated: dict[str, str]) -> dict[str, str]:
    """App variables for themes that do not set them (Textual's own themes, partial files).

    `generated` is the theme's colour system (`Theme.to_color_system().generate()`), so the
    timer follows the theme's own warning and error colours.
    """
    return {
        "timer-ok": generated["foreground"],
        "timer-warning": generated["warning"],
        "timer-over": generated["error"],
        "flag-warning": generated["warning"],
        "flag-error": generated["error"],
    }


def builtin_theme_names() -> list[str]:
    from textual.theme import BUILTIN_THEMES

    return sorted(BUILTIN_THEMES)


def choose_theme(found: ThemeSet, requested: str | None) -> tuple[str, list[str]]:
    """The theme to start with, and the notification to show (empty when all is well).

    Raises UserError for a name that is neither a theme file nor one of Textual's themes, so the
    CLI can refuse it before the app starts.
    """
    from secondstory.core.errors import UserError

    builtin = builtin_theme_names()
    fallback = DEFAULT_THEME if DEFAULT_THEME in found.themes else LAST_RESORT_THEME
    name = requested or DEFAULT_THEME
    unknown = name not in found.themes and name not in builtin and name not in found.broken
    if unknown and requested is not None:
        known = ", ".join([*found.names(), *builtin])
        raise UserError(f"--theme: unknown theme '{requested}': expected one of {known}")
    if name not in found.themes and name not in builtin:
        name = fallback
    notes: list[str] = []
    if found.problems:
        notes.append(
            "Skipped theme files with problems:\n"
            + "\n".join(found.problems)
            + f"\nUsing the {name} theme."
        )
    return name, notes
