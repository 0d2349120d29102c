"""The rule pack (`rulepack.json`): the TOML files parsed, read instead of them while it
matches them, and rebuilt by `python -m secondstory.core.language.rulepack_build`."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator

import pytest

from secondstory.core.language import rulepack
from secondstory.core.language.rules import (
    _trigger_index,
    load_rules,
    rule_needs,
    trigger_trie,
)
from secondstory.core.language.subjects import lexicon

REBUILD = "out of date: run `python -m secondstory.core.language.rulepack_build`"


def _shipped_pack() -> dict[str, object]:
    data = json.loads(rulepack.package_text(rulepack.PACK))
    assert isinstance(data, dict)
    return data


def test_the_pack_matches_the_toml_files() -> None:
    pack = _shipped_pack()
    rules, lexicon_text = rulepack.rule_files(), rulepack.package_text(rulepack.LEXICON)
    assert pack["checksum"] == rulepack.checksum(rules, lexicon_text), REBUILD
    assert pack["rules"] == [[name, tomllib.loads(text)] for name, text in rules]
    assert pack["lexicon"] == tomllib.loads(lexicon_text)


def test_what_the_pack_derives_is_what_the_rules_give() -> None:
    pack = _shipped_pack()
    rules = load_rules()
    assert pack["checked"] is True
    assert pack["trie"] == trigger_trie(rules), REBUILD
    assert pack["needs"] == rule_needs(rules), REBUILD


def test_the_pack_is_written_as_the_builder_writes_it() -> None:
    derived = {"checked": True, "trie": trigger_trie(load_rules())}
    derived["needs"] = rule_needs(load_rules())
    assert rulepack.package_text(rulepack.PACK) == rulepack.build(derived), REBUILD


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    """Rule, lexicon and trigger caches emptied before and after (other tests use them)."""
    caches = (rulepack.content, load_rules, lexicon, _trigger_index)
    for cached in caches:
        cached.cache_clear()
    yield
    for cached in caches:
        cached.cache_clear()


@pytest.mark.usefixtures("fresh_caches")
def test_an_edited_rule_file_is_read_from_toml(monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = rulepack.rule_files()
    name, text = shipped[0]
    edited = text.replace("What did {subject} see", "What could {subject} see", 1)
    assert edited != text
    monkeypatch.setattr(rulepack, "rule_files", lambda: [(name, edited), *shipped[1:]])
    content = rulepack.content()
    assert "needs" not in content and "checked" not in content  # not the pack
    messages = {rule.message for rule in load_rules()}
    assert any(m.startswith("What could") for m in messages)
    # Without the pack, nothing is prefiltered and the trie is made here.
    assert all(not rule.pattern_needs for rule in load_rules())
    assert "should" in _trigger_index()[0].findall(" we should have")


@pytest.mark.usefixtures("fresh_caches")
def test_a_broken_pack_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    original = rulepack.package_text

    def broken(*parts: str) -> str:
        return "{not json" if parts == (rulepack.PACK,) else original(*parts)

    monkeypatch.setattr(rulepack, "package_text", broken)
    assert "needs" not in rulepack.content()
    assert load_rules() and lexicon().pronouns


def test_the_checksum_sees_every_file_and_name() -> None:
    rules = [("a.toml", "x = 1\n"), ("b.toml", "y = 2\n")]
    base = rulepack.checksum(rules, "z = 3\n")
    assert rulepack.checksum(rules, "z = 4\n") != base
    assert rulepack.checksum([rules[0], ("b.toml", "y = 3\n")], "z = 3\n") != base
    assert rulepack.checksum([rules[0], ("c.toml", "y = 2\n")], "z = 3\n") != base


@pytest.mark.usefixtures("fresh_caches")
def test_the_builder_refuses_a_broken_rule_file(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from secondstory.core.language import rulepack_build

    shipped = rulepack.rule_files()
    broken = [("zz_broken.toml", '[[rule]]\nid = "x.y"\npatterns = ["("]\n'), *shipped]
    monkeypatch.setattr(rulepack, "rule_files", lambda: broken)
    before = rulepack.package_text(rulepack.PACK)
    assert rulepack_build.main() == 1
    assert "not written" in capsys.readouterr().err
    assert rulepack.package_text(rulepack.PACK) == before


@pytest.mark.usefixtures("fresh_caches")
def test_the_builder_leaves_a_current_pack_alone(capsys: pytest.CaptureFixture[str]) -> None:
    from secondstory.core.language import rulepack_build

    assert rulepack_build.main() == 0
    assert "up to date" in capsys.readouterr().out
