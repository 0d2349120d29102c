"""Agenda presets and custom agenda files.

`sync-90` and `sync-56` ship as data files; `standard-60` and `short-30` are `sync-90` scaled to
60 and 30 minutes in whole minutes that add up exactly. A custom agenda is a TOML file with the
same shape: `[[phases]]` tables with `title`, `kind`, `minutes` and optional `prompts` and `id`.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any, get_args

from secondstory.core.clock import split_whole
from secondstory.core.errors import UserError
from secondstory.core.model import Agenda, Phase, PhaseKind
from secondstory.core.storage import parse_toml

SCALED = {"standard-60": ("sync-90", 60), "short-30": ("sync-90", 30)}
SHIPPED = ("sync-90", "sync-56")
PRESETS: tuple[str, ...] = ("sync-90", "sync-56", "standard-60", "short-30")
DEFAULT_AGENDA = "sync-90"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "phase"


def _phases_from_data(source: str, data: dict[str, Any]) -> list[Phase]:
    raw = data.get("phases")
    if not isinstance(raw, list) or not raw:
        raise UserError(f"{source}: phases: expected at least one [[phases]] table")
    kinds = get_args(PhaseKind)
    phases: list[Phase] = []
    seen: set[str] = set()
    problems: list[str] = []
    for i, item in enumerate(raw):
        where = f"{source}: phases[{i}]"
        if not isinstance(item, dict):
            problems.append(f"{where}: expected a table with title, kind and minutes")
            continue
        unknown = set(item) - {"id", "title", "kind", "minutes", "prompts"}
        if unknown:
            problems.append(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        title = item.get("title")
        minutes = item.get("minutes")
        kind = item.get("kind", "discussion")
        prompts = item.get("prompts", [])
        if not isinstance(title, str) or not title.strip():
            problems.append(f"{where}.title: expected a non-empty string")
            continue
        if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes < 0:
            problems.append(f"{where}.minutes: expected a whole number of minutes (0 or more)")
            continue
        if kind not in kinds:
            problems.append(f"{where}.kind: expected one of {', '.join(kinds)}")
            continue
        if not isinstance(prompts, list) or not all(isinstance(p, str) for p in prompts):
            problems.append(f"{where}.prompts: expected a list of strings")
            continue
        phase_id = str(item.get("id") or _slug(title))
        base, n = phase_id, 2
        while phase_id in seen:
            phase_id, n = f"{base}-{n}", n + 1
        seen.add(phase_id)
        phases.append(
            Phase(id=phase_id, title=title, kind=kind, planned_minutes=minutes, prompts=prompts)
        )
    if problems:
        raise UserError(problems)
    return phases


def _shipped(name: str) -> list[Phase]:
    text = resources.files("secondstory.data.agendas").joinpath(f"{name}.toml").read_text("utf-8")
    return _phases_from_data(f"agenda {name}", parse_toml(name, text))


def scale(phases: list[Phase], minutes: int) -> list[Phase]:
    """The same phases fitted to `minutes`, each at least one minute, summing exactly."""
    if minutes < len(phases):
        raise UserError(f"cannot fit {len(phases)} phases into {minutes} minutes")
    # Give every phase its minimum minute first, then share the rest in proportion.
    extra = split_whole(minutes - len(phases), [p.planned_minutes for p in phases])
    return [
        p.model_copy(update={"planned_minutes": 1 + e}) for p, e in zip(phases, extra, strict=True)
    ]


def preset_phases(name: str) -> list[Phase]:
    if name in SHIPPED:
        return _shipped(name)
    if name in SCALED:
        base, minutes = SCALED[name]
        return scale(_shipped(base), minutes)
    raise UserError(
        f"unknown agenda '{name}': expected one of {', '.join(PRESETS)} or a .toml file"
    )


def load_agenda(name_or_path: str) -> Agenda:
    """A preset by name, or a custom agenda from a TOML file."""
    if name_or_path in PRESETS:
        return Agenda(name=name_or_path, phases=preset_phases(name_or_path))
    path = Path(name_or_path)
    if path.suffix == ".toml" or path.exists():
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise UserError(f"{path}: cannot read agenda: {error.strerror}") from None
        data = parse_toml(path, text)
        name = data.get("name", path.stem)
        return Agenda(name=str(name), phases=_phases_from_data(str(path), data))
    raise UserError(
        f"unknown agenda '{name_or_path}': expected one of {', '.join(PRESETS)} or a .toml file"
    )
