"""Kept regex engine code (`regexes-<python>.json`): current, faithful, and never a hazard."""

from __future__ import annotations

import gc
import importlib
import json
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from secondstory.core.language import Coach, CoachConfig, regex_cache, rulepack
from secondstory.core.language.lazyre import LazyPattern
from secondstory.core.language.levels import Level
from secondstory.core.language.rules import (
    _trigger_index,
    ascii_trigger_scanner,
    load_rules,
    trigger_scanner,
)
from secondstory.core.language.subjects import lexicon

HERE = Path(__file__).parent

REBUILD = "out of date: run `python -m secondstory.core.language.rulepack_build`"
SHIPPED = Path(regex_cache.HERE) / regex_cache.file_name()
needs_file = pytest.mark.skipif(
    not SHIPPED.exists(), reason=f"no kept regexes for this interpreter ({SHIPPED.name})"
)


def _shipped() -> dict[str, object]:
    data = json.loads(SHIPPED.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def _keys(data: dict[str, object]) -> set[tuple[str, int]]:
    entries = data["patterns"]
    assert isinstance(entries, list)
    return {(entry[0], entry[1]) for entry in entries}


@pytest.fixture
def fresh_table() -> Iterator[None]:
    """The module's table read again before and after (so a test's table never leaks)."""
    regex_cache._table = None
    yield
    regex_cache._table = None


def _module_patterns() -> set[tuple[str, int]]:
    package = importlib.import_module("secondstory.core.language")
    found = set()
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for value in vars(module).values():
            if isinstance(value, LazyPattern):
                found.add((value.pattern, value.flags_given))
    return found


@needs_file
def test_the_file_holds_every_rule_and_module_pattern() -> None:
    keys = _keys(_shipped())
    wanted = {(trigger_scanner().pattern, 0), (ascii_trigger_scanner().pattern, 0)}
    wanted |= _module_patterns()
    for rule in load_rules():
        for regex in (*rule.patterns, *rule.exceptions):
            wanted.add((regex.pattern, regex.flags_given))
    assert wanted - keys == set(), REBUILD


@needs_file
def test_the_file_holds_what_this_compiler_makes() -> None:
    shipped = _shipped()
    assert shipped["engine"] == regex_cache.engine()
    assert regex_cache.record(sorted(_keys(shipped))) == shipped, REBUILD


@needs_file
def test_a_kept_pattern_is_the_compiled_pattern(fresh_table: None) -> None:
    keys = _keys(_shipped())
    text = (
        "Priya should have noticed the alert; it wasn't obvious. The on-call failed to "
        "restart the pool, and human error was the root cause. Dana deployed 4.2.1 at 16:40."
    )
    for source, flags in sorted(keys):
        kept = regex_cache.compile(source, flags)
        fresh = re.compile(source, flags)
        assert kept is not fresh
        assert (kept.pattern, kept.flags, kept.groups) == (
            fresh.pattern,
            fresh.flags,
            fresh.groups,
        )
        assert kept.groupindex == fresh.groupindex
        for case in (text, text.lower(), " " + text.lower()):
            assert [m.span() for m in kept.finditer(case)] == [
                m.span() for m in fresh.finditer(case)
            ]
    assert regex_cache._table, "every pattern came from the file"


def _uncompile() -> None:
    """Every regex of the package back to source text, as in a new process."""
    for cached in (rulepack.content, load_rules, lexicon, _trigger_index):
        cached.cache_clear()
    for thing in gc.get_objects():
        if isinstance(thing, LazyPattern):
            thing._pattern = None


def test_findings_are_the_same_without_the_file(fresh_table: None) -> None:
    texts = []
    for path in sorted(HERE.glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()]
    text = "\n\n".join(texts)
    config = CoachConfig(roster=("Priya", "Dana", "John"))
    try:
        _uncompile()
        with_file = Coach(config).check(text, min_level=Level.INFO)
        used = len(regex_cache._table or {})
        _uncompile()
        regex_cache._table = {}
        without = Coach(config).check(text, min_level=Level.INFO)
    finally:
        _uncompile()
    if SHIPPED.exists():
        assert used > 100, "the patterns came from the file"
    assert len(with_file) > 100
    assert with_file == without


def test_code_the_engine_refuses_is_compiled_the_ordinary_way(fresh_table: None) -> None:
    regex_cache._table = {("a+b", 0): (32, [1, 2, 3], 0, {}, (None,))}
    pattern = regex_cache.compile("a+b")
    assert pattern.findall("xaab ab") == ["aab", "ab"]
    assert regex_cache._table == {}, "a refused entry stops the file being asked"


def test_another_interpreters_file_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_table: None
) -> None:
    data = regex_cache.record([("a+b", 0)])
    data["engine"] = "cpython-399-1-4-1"
    (tmp_path / regex_cache.file_name()).write_text(json.dumps(data), "utf-8")
    monkeypatch.setattr(regex_cache, "HERE", str(tmp_path))
    assert regex_cache.compile("a+b").findall("aab") == ["aab"]
    assert regex_cache._table == {}


def test_a_missing_or_broken_file_is_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_table: None
) -> None:
    monkeypatch.setattr(regex_cache, "HERE", str(tmp_path))
    assert regex_cache.compile("x(y)").groups == 1
    assert regex_cache._table == {}
    (tmp_path / regex_cache.file_name()).write_text('{"engine": ', "utf-8")
    regex_cache._table = None
    assert regex_cache.compile("x(y)").groups == 1
    assert regex_cache._table == {}


def test_a_file_from_this_interpreter_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_table: None
) -> None:
    data = regex_cache.record([("(?P<word>a+)b", re.IGNORECASE)])
    (tmp_path / regex_cache.file_name()).write_text(json.dumps(data), "utf-8")
    monkeypatch.setattr(regex_cache, "HERE", str(tmp_path))
    pattern = regex_cache.compile("(?P<word>a+)b", re.IGNORECASE)
    assert list(regex_cache._table) == [("(?P<word>a+)b", re.IGNORECASE)]
    match = pattern.search("xAAB")
    assert match is not None and match.group("word") == "AA"
