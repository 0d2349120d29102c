"""Theme files: the shipped ones load, bad ones are named with their field, the app falls back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tui_support import MakeApp

from secondstory.core.errors import UserError
from secondstory.tui import themes as theme_module
from secondstory.tui.themes import (
    DEFAULT_THEME,
    LAST_RESORT_THEME,
    choose_theme,
    load_theme_file,
    load_themes,
    theme_dirs,
)

REPO_THEMES = Path(__file__).resolve().parents[2] / "themes"

GOOD = """
name = "meeting-room"
dark = false
[colors]
primary = "#0B5CAD"
[timer]
over = "rgb(200, 0, 0)"
"""


def test_shipped_themes_load_with_timer_and_flag_colours() -> None:
    found = load_themes([REPO_THEMES])
    assert found.problems == []
    assert {"secondstory-dark", "secondstory-light", "secondstory-contrast"} <= set(found.themes)
    for theme in found.themes.values():
        for key in ("timer-ok", "timer-warning", "timer-over", "flag-warning", "flag-error"):
            assert key in theme.variables, (theme.name, key)
    assert found.themes["secondstory-light"].dark is False


def test_theme_dirs_find_the_repository_themes_in_a_checkout() -> None:
    dirs = theme_dirs()
    assert any(Path(str(d)).resolve() == REPO_THEMES for d in dirs)


def test_packaged_copy_is_preferred_when_installed(tmp_path: Path, monkeypatch: Any) -> None:
    packaged = tmp_path / "secondstory" / "_themes"
    packaged.mkdir(parents=True)
    (packaged / "installed.toml").write_text('[colors]\nprimary = "red"\n')

    class FakeFiles:
        def joinpath(self, name: str) -> Path:
            return tmp_path / "secondstory" / name

    monkeypatch.setattr("secondstory.tui.themes.resources.files", lambda package: FakeFiles())
    monkeypatch.delenv(theme_module.ENV_THEMES, raising=False)
    assert theme_dirs() == [packaged]
    assert "installed" in load_themes().themes


def test_bad_colour_names_file_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "broken.toml"
    bad.write_text('[colors]\nprimary = "blurple"\n[timer]\nover = "#12"\n')
    with pytest.raises(ValueError) as caught:
        load_theme_file(bad)
    lines = str(caught.value).splitlines()
    assert any("broken.toml: colors.primary: not a colour: 'blurple'" in line for line in lines)
    assert any("broken.toml: timer.over: not a colour" in line for line in lines)


def test_toml_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "syntax.toml"
    bad.write_text('[colors]\nprimary = "#fff\n')
    with pytest.raises(ValueError, match=r"syntax\.toml:2:\d+: "):
        load_theme_file(bad)


def test_unknown_field_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "typo.toml"
    bad.write_text('[colors]\nprimary = "#fff"\nprimray = "#000"\n')
    with pytest.raises(ValueError, match=r"typo\.toml: colors\.primray: unknown field"):
        load_theme_file(bad)


def test_user_theme_folder_adds_themes(tmp_path: Path) -> None:
    (tmp_path / "room.toml").write_text(GOOD)
    found = load_themes([REPO_THEMES, tmp_path])
    assert found.themes["meeting-room"].variables["timer-over"] == "rgb(200, 0, 0)"


def test_choose_theme_refuses_unknown_names_before_the_app_starts() -> None:
    found = load_themes([REPO_THEMES])
    with pytest.raises(
        UserError, match="unknown theme 'nope': expected one of .*secondstory-light"
    ):
        choose_theme(found, "nope")
    assert choose_theme(found, None) == (DEFAULT_THEME, [])
    assert choose_theme(found, "nord") == ("nord", [])  # Textual's own themes work too


def test_broken_default_falls_back_to_textual(tmp_path: Path) -> None:
    (tmp_path / f"{DEFAULT_THEME}.toml").write_text('[colors]\nprimary = "nope"\n')
    name, notes = choose_theme(load_themes([tmp_path]), None)
    assert name == LAST_RESORT_THEME
    assert len(notes) == 1 and "colors.primary" in notes[0]


async def test_bad_theme_file_gives_one_notification_and_the_default(
    tmp_path: Path, session_path: Path, make_app: MakeApp, monkeypatch: Any
) -> None:
    extra = tmp_path / "themes"
    extra.mkdir()
    (extra / "shared-screen.toml").write_text('[colors]\nprimary = "#00f"\nerror = "reddish"\n')
    (extra / "also-bad.toml").write_text("dark = maybe\n")
    found = load_themes([REPO_THEMES, extra])
    name, notes = choose_theme(found, "shared-screen")
    assert name == DEFAULT_THEME
    app = make_app(session_path, themes=found, theme_name=name, startup_notes=notes)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        app,
        "notify",
        lambda message, severity="information", **kw: shown.append((severity, message)),
    )
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == DEFAULT_THEME
    assert len(shown) == 1
    severity, message = shown[0]
    assert severity == "error"
    assert "shared-screen.toml: colors.error: not a colour: 'reddish'" in message
    assert "also-bad.toml:1:" in message
    assert f"Using the {DEFAULT_THEME} theme" in message


async def test_app_variables_follow_the_theme(session_path: Path, make_app: MakeApp) -> None:
    app = make_app(session_path, theme_name="secondstory-light")
    async with app.run_test() as pilot:
        await pilot.pause()
        variables = app.get_css_variables()
        assert variables["timer-over"].upper() == "#C41E1E"
        app.theme = "textual-dark"  # a theme without our variables gets them from its colours
        await pilot.pause()
        variables = app.get_css_variables()
        assert variables["timer-over"] == variables["error"]
        assert variables["flag-warning"] == variables["warning"]
