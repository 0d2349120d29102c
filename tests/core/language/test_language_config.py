"""Project settings in `.secondstory.toml`: found upward, validated with clear messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from secondstory.core.errors import UserError
from secondstory.core.language import CoachConfig, Level, find_project_file, project_config


def write(folder: Path, text: str) -> Path:
    path = folder / ".secondstory.toml"
    path.write_text(text, "utf-8")
    return path


def test_found_from_a_subfolder(tmp_path: Path) -> None:
    write(tmp_path, '[language]\nmin_level = "error"\nroster = ["Dana"]\n')
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    assert find_project_file(inner) == tmp_path / ".secondstory.toml"
    config = project_config(inner)
    assert config.min_level == Level.ERROR and config.level_set
    assert config.roster == ("Dana",)


def test_no_file_gives_defaults(tmp_path: Path) -> None:
    config = project_config(tmp_path)
    assert config == CoachConfig() or config.source  # a file above tmp_path would be odd


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[language]\nmin_level = "loud"\n', "language.min_level: expected one of"),
        ('[language]\nroster = "Dana"\n', "language.roster: expected a list of strings"),
        ("[language]\ncolour = 1\n", "language.colour: unknown key"),
        ('[language]\ndisabled_rules = ["nope"]\n', "unknown rule or category 'nope'"),
        ("[language\n", ".secondstory.toml:1:"),
        ("language = 3\n", "language: expected a table"),
    ],
)
def test_bad_settings_name_the_file_and_key(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(UserError) as caught:
        project_config(tmp_path)
    message = "\n".join(caught.value.problems)
    assert str(path) in message and expected in message


def test_merge_joins_lists_and_keeps_a_chosen_level() -> None:
    project = CoachConfig(min_level=Level.SUGGESTION, level_set=True, roster=("A",))
    session = CoachConfig(roster=("B", "A"), disabled=frozenset({"hindsight"}))
    merged = project.merged(session)
    assert merged.min_level == Level.SUGGESTION
    assert merged.roster == ("A", "B") and merged.disabled == {"hindsight"}
    chosen = project.merged(CoachConfig(min_level=Level.ERROR, level_set=True))
    assert chosen.min_level == Level.ERROR
