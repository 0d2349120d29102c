"""The rule files and the lexicon, parsed, kept as JSON beside them: `rulepack.json`.

`tomllib` is written in Python: parsing the shipped TOML (about 90 KB) and importing the
parser cost a `secondstory lint` run about 25 ms, close to a tenth of linting a 1 MB file.
The same data read from JSON costs under a millisecond. The TOML files stay the source:
the JSON carries a checksum of them and is used only while it matches, so an edited rule
file is simply read from TOML (same result, slower) until the pack is rebuilt with

    python -m secondstory.core.language.rulepack_build

(`tests/core/language/test_language_rulepack.py` fails while the pack is out of date).
"""

from __future__ import annotations

import json
import os
import zlib
from functools import cache

from secondstory.core.language.records import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
"""The package folder: data files are read from it directly (importlib.resources costs
tens of milliseconds of imports, which every `secondstory lint` run would pay)."""
PACK = "rulepack.json"
LEXICON = "lexicon.toml"
FORMAT = 1


def package_text(*parts: str) -> str:
    """A data file shipped in this package, as text."""
    path = os.path.join(HERE, *parts)
    if os.path.exists(path):
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    from importlib import resources  # installed as a zip: the slow, general way

    return resources.files("secondstory.core.language").joinpath(*parts).read_text("utf-8")


def rule_files() -> list[tuple[str, str]]:
    """`(file name, text)` of every shipped rule file, in name order."""
    folder = os.path.join(HERE, "rules")
    if os.path.isdir(folder):
        names = [name for name in os.listdir(folder) if name.endswith(".toml")]
        return [(name, package_text("rules", name)) for name in sorted(names)]
    from importlib import resources

    entries = resources.files("secondstory.core.language").joinpath("rules").iterdir()
    return sorted(
        (entry.name, entry.read_text("utf-8")) for entry in entries if entry.name.endswith(".toml")
    )


def checksum(rules: list[tuple[str, str]], lexicon: str) -> str:
    """What the pack must have been made from: the names and texts of the source files."""
    crc = 0
    for name, text in [*rules, (LEXICON, lexicon)]:
        crc = zlib.crc32(f"{name}\0{text}\0".encode(), crc)
    return f"{FORMAT}-{crc:08x}"


def parse(rules: list[tuple[str, str]], lexicon: str) -> dict[str, Any]:
    """The pack's content, from the TOML texts."""
    import tomllib

    return {
        "checksum": checksum(rules, lexicon),
        "rules": [[name, tomllib.loads(text)] for name, text in rules],
        "lexicon": tomllib.loads(lexicon),
    }


def _read_pack() -> dict[str, Any] | None:
    try:
        data = json.loads(package_text(PACK))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


@cache
def content() -> dict[str, Any]:
    """`{"rules": [[file name, parsed TOML], ...], "lexicon": parsed TOML}`: from the pack
    when it matches the TOML files, else parsed from them."""
    rules = rule_files()
    lexicon = package_text(LEXICON)
    pack = _read_pack()
    if pack is not None and pack.get("checksum") == checksum(rules, lexicon):
        return pack
    return parse(rules, lexicon)


def build(derived: dict[str, Any] | None = None) -> str:
    """The pack's JSON text for the current TOML files, with `derived` data added (what
    the rules make of them and would otherwise work out in every process)."""
    data = parse(rule_files(), package_text(LEXICON))
    data.update(derived or {})
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
