"""Agenda presets and custom agenda files."""

from __future__ import annotations

from pathlib import Path

import pytest

from secondstory.core.agendas import PRESETS, load_agenda
from secondstory.core.errors import UserError

EXPECTED = {
    "sync-90": [5, 15, 30, 25, 15],
    "sync-56": [1, 5, 15, 5, 15, 15],
}


@pytest.mark.parametrize("name", PRESETS)
def test_presets_sum_to_their_length_in_whole_minutes(name: str) -> None:
    agenda = load_agenda(name)
    total = int(name.rsplit("-", 1)[1])
    assert sum(p.planned_minutes for p in agenda.phases) == total
    assert all(p.planned_minutes >= 1 and p.prompts for p in agenda.phases)


@pytest.mark.parametrize(("name", "minutes"), EXPECTED.items())
def test_shipped_presets_match_the_practice(name: str, minutes: list[int]) -> None:
    assert [p.planned_minutes for p in load_agenda(name).phases] == minutes


def test_custom_agenda_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        'name = "mine"\n[[phases]]\ntitle = "Open"\nkind = "opening"\nminutes = 2\n'
        '[[phases]]\ntitle = "Talk"\nminutes = 20\nprompts = ["What happened?"]\n'
    )
    agenda = load_agenda(str(path))
    assert agenda.name == "mine"
    assert [(p.id, p.kind, p.planned_minutes) for p in agenda.phases] == [
        ("open", "opening", 2),
        ("talk", "discussion", 20),
    ]


def test_bad_custom_agenda_names_the_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[[phases]]\ntitle = "Open"\nminutes = "five"\nkind = "party"\n')
    with pytest.raises(UserError) as info:
        load_agenda(str(path))
    assert f"{path}: phases[0].minutes: expected a whole number" in info.value.problems[0]


def test_unknown_agenda_name() -> None:
    with pytest.raises(UserError, match="unknown agenda 'sync-91'"):
        load_agenda("sync-91")
