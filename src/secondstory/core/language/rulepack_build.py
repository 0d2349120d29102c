"""Rewrite `rulepack.json` from the rule files and the lexicon, after editing either:

python -m secondstory.core.language.rulepack_build
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import pkgutil
import sys
from pathlib import Path

from secondstory.core.atomic import atomic_write_text
from secondstory.core.language import regex_cache, rulepack
from secondstory.core.language.lazyre import LazyPattern
from secondstory.core.language.rules import (
    RuleFileError,
    _trigger_index,
    ascii_trigger_scanner,
    check_compiles,
    load_rules,
    rule_needs,
    trigger_scanner,
    trigger_trie,
)


def main() -> int:
    target = Path(rulepack.HERE) / rulepack.PACK
    # Every rule must load and compile before the pack is written: a broken rule file is
    # reported now, and the old pack (which no longer matches) is left alone.
    rulepack.content.cache_clear()
    load_rules.cache_clear()
    try:
        rules = load_rules()
        for rule in rules:
            check_compiles(rule)
    except RuleFileError as error:
        print(f"{target}: not written: {error}", file=sys.stderr)
        return 1
    derived = {"checked": True, "trie": trigger_trie(rules), "needs": rule_needs(rules)}
    status = _write(target, rulepack.build(derived))
    # After the pack: the trigger scanner's pattern comes from it, read anew (the caches
    # still hold the pack as it was before it was written).
    rulepack.content.cache_clear()
    load_rules.cache_clear()
    _trigger_index.cache_clear()
    regexes = Path(regex_cache.HERE) / regex_cache.file_name()
    return status or _write(regexes, regex_file_text())


def shipped_patterns() -> list[tuple[str, int]]:
    """Every regex the language package compiles from its own data: `(source, flags)`."""
    package = importlib.import_module("secondstory.core.language")
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    for rule in load_rules():
        check_compiles(rule)
    found = {(trigger_scanner().pattern, 0), (ascii_trigger_scanner().pattern, 0)}
    # The module-level patterns and the rules' are all LazyPattern objects somewhere in
    # memory: asking the collector finds them without a list that could go out of date.
    for thing in gc.get_objects():
        if isinstance(thing, LazyPattern):
            found.add((thing.pattern, int(thing.flags_given)))
    return sorted(found)


def regex_file_text() -> str:
    data = regex_cache.record(shipped_patterns())
    return json.dumps(data, ensure_ascii=False, indent=0) + "\n"


def _write(target: Path, text: str) -> int:
    if target.exists() and target.read_text("utf-8") == text:
        print(f"{target}: up to date")
        return 0
    atomic_write_text(target, text)
    os.chmod(target, 0o644)
    print(f"{target}: written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
