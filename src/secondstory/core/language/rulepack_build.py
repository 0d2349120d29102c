"""Rewrite `rulepack.json` from the rule files and the lexicon, after editing either:

python -m secondstory.core.language.rulepack_build
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from secondstory.core.atomic import atomic_write_text
from secondstory.core.language import rulepack
from secondstory.core.language.rules import (
    RuleFileError,
    check_compiles,
    load_rules,
    rule_needs,
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
    text = rulepack.build(derived)
    if target.exists() and target.read_text("utf-8") == text:
        print(f"{target}: up to date")
        return 0
    atomic_write_text(target, text)
    os.chmod(target, 0o644)
    print(f"{target}: written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
