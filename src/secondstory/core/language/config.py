"""Coach settings: defaults, a project's `.secondstory.toml`, and a session's own settings.

The project file is found from the current directory upward (the first one wins):

    [language]
    min_level = "warning"             # error | warning | suggestion | info
    disabled_rules = ["root-cause.singular", "minimizing"]   # rule ids or categories
    roster = ["Dana", "Priya Raman"]  # extra names that count as people
    system_terms = ["checkout", "pgbouncer"]                  # extra words that are systems

A session's `language` table (`LanguageSettings`) is applied on top: its lists are added to
the project's, and its `min_level` wins when the session file sets one.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from secondstory.core.errors import UserError
from secondstory.core.language.levels import LIVE_LEVEL, Level
from secondstory.core.language.records import TYPE_CHECKING, Record

if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from secondstory.core.model import LanguageSettings, Session

PROJECT_FILE = ".secondstory.toml"
_PROJECT_KEYS = ("min_level", "disabled_rules", "roster", "system_terms")


class CoachConfig(Record):
    min_level: Level = LIVE_LEVEL
    disabled: frozenset[str] = frozenset()
    """Rule ids or category names that are switched off."""
    roster: tuple[str, ...] = ()
    system_terms: tuple[str, ...] = ()
    dismissed: frozenset[tuple[str, str]] = frozenset()
    """`(rule id, sentence)` pairs the facilitator dismissed."""
    source: str = ""
    """The project file this came from, for messages."""
    level_set: bool = False
    """Whether `min_level` was chosen (not a default): only then does it override another."""

    def merged(self, other: CoachConfig) -> CoachConfig:
        """`other` on top of this: lists are joined; its `min_level` wins when it set one."""
        return CoachConfig(
            min_level=other.min_level if other.level_set else self.min_level,
            disabled=self.disabled | other.disabled,
            roster=_unique(self.roster + other.roster),
            system_terms=_unique(self.system_terms + other.system_terms),
            dismissed=self.dismissed | other.dismissed,
            source=other.source or self.source,
            level_set=self.level_set or other.level_set,
        )

    def with_roster(self, names: Iterable[str]) -> CoachConfig:
        return self._replace(roster=_unique(self.roster + tuple(names)))

    @classmethod
    def from_settings(cls, settings: LanguageSettings, roster: Iterable[str] = ()) -> CoachConfig:
        """A config from a session's `language` settings plus the session's roster."""
        return cls(
            min_level=Level[settings.min_level.upper()],
            disabled=frozenset(settings.disabled_rules),
            roster=_unique(tuple(roster) + tuple(settings.roster_extra)),
            system_terms=tuple(settings.system_terms),
            dismissed=frozenset(
                (d.rule, normalise_sentence(d.sentence)) for d in settings.dismissed
            ),
            level_set="min_level" in settings.model_fields_set,
        )


def normalise_sentence(sentence: str) -> str:
    return " ".join(sentence.split())


def _unique(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i.strip() for i in items if i.strip()))


def session_roster(session: Session) -> list[str]:
    """Everyone a session names: attendees, timeline authors, pre-prep and list authors."""
    names = [p.name for p in session.people]
    names += [e.author for e in session.timeline]
    names += [r.person for r in session.prep.roles]
    names += [q.author for q in session.prep.questions]
    names += [a.person for a in session.appreciations]
    for notes in (session.went_well, session.could_be_better, session.lucky, session.lessons):
        names += [n.author for n in notes]
    return [n for n in dict.fromkeys(names) if n and n.strip()]


def find_project_file(start: Path | None = None) -> Path | None:
    """The nearest `.secondstory.toml` from `start` (default: the current directory) upward."""
    # os.path, not pathlib: importing pathlib costs every `secondstory lint` run ~4 ms.
    here = os.path.realpath(os.getcwd() if start is None else start)
    while True:
        candidate = os.path.join(here, PROJECT_FILE)
        if os.path.isfile(candidate):
            from pathlib import Path

            return Path(candidate)
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def load_project_config(path: Path) -> CoachConfig:
    """The `[language]` table of a project file; a `UserError` naming the key when wrong."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(f"{path}: cannot read: {error}") from None
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        from secondstory.core.storage import toml_error

        raise UserError(toml_error(path, text, error)) from None
    table = data.get("language", {})
    if not isinstance(table, dict):
        raise UserError(f"{path}: language: expected a table ([language])")
    problems = [
        f"{path}: language.{key}: unknown key (expected one of {', '.join(_PROJECT_KEYS)})"
        for key in table
        if key not in _PROJECT_KEYS
    ]
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("disabled_rules", "roster", "system_terms"):
        value: Any = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.append(f"{path}: language.{key}: expected a list of strings")
            value = []
        lists[key] = tuple(value)
    level = LIVE_LEVEL
    if "min_level" in table:
        raw = table["min_level"]
        try:
            level = Level.parse(raw if isinstance(raw, str) else repr(raw), where="")
        except UserError:
            problems.append(
                f"{path}: language.min_level: expected one of error, warning, suggestion, info"
            )
    if not problems:
        from secondstory.core.language.rules import unknown_rule_names

        problems += [
            f"{path}: language.disabled_rules: unknown rule or category {name!r} "
            "(see `secondstory lint --list-rules`)"
            for name in unknown_rule_names(lists["disabled_rules"])
        ]
    if problems:
        raise UserError(problems)
    return CoachConfig(
        min_level=level,
        disabled=frozenset(lists["disabled_rules"]),
        roster=_unique(lists["roster"]),
        system_terms=_unique(lists["system_terms"]),
        source=str(path),
        level_set="min_level" in table,
    )


def project_config(start: Path | None = None) -> CoachConfig:
    """The nearest project file's settings, or the defaults when there is none."""
    path = find_project_file(start)
    return CoachConfig() if path is None else load_project_config(path)
