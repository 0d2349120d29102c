"""Rules as data: load the TOML files in `rules/` and compile them once, at first use.

Each file holds `[[rule]]` tables (schema in `rules/README.md`). Patterns are Python regular
expressions with a few macros (`{VBN}`, `{ADV}`, ...) expanded before compiling. A rule runs
on a paragraph only when one of its `triggers` (lower-case substrings) occurs in it, which is
what keeps a full re-check cheap.
"""

from __future__ import annotations

import re
from functools import cache

from secondstory.core.language import regex_cache
from secondstory.core.language.lazyre import LazyPattern
from secondstory.core.language.levels import Level
from secondstory.core.language.records import TYPE_CHECKING, Record
from secondstory.core.language.rulepack import content

if TYPE_CHECKING:
    from typing import Any, Literal, TypeAlias

    SubjectKind = Literal["person", "unknown", "machine"]
    SubjectMode = Literal["before", "clause", "group", "none"]
    _Trie: TypeAlias = "dict[str, _Trie]"

SUBJECT_KINDS: tuple[SubjectKind, ...] = ("person", "unknown", "machine")

# A past participle: regular -ed/-en forms plus the irregular ones notes actually use.
_VBN = (
    r"(?:(?:[a-z]+-)?[a-z]+(?:ed|en)|been|done|seen|caught|known|made|run|had|gone|got|kept|left|lost|"
    r"put|read|said|sent|set|shut|spent|stood|thought|told|understood|brought|built|drawn|"
    r"felt|found|heard|held|hit|hurt|led|let|paid|shown|stuck|struck|won|dealt|meant|begun|"
    r"hung|spun|quit|cut|rolled\s+back|spotted|noticed|asked)"
)
# An optional adverb between a modal and its verb ("should never have", "could easily have").
_ADV = r"(?:(?:\w+ly|just|also|really|still|even|never|at\s+least|at\s+the\s+very\s+least)\s+)?"
# Up to five words of a noun phrase, lazily: the subject slot of "if ... had".
_NP = r"(?:[\w@'.-]+\s+){1,5}?"
_DET = r"(?:the|a|an|this|that|these|those|its|our|their|his|her|my|your|some|any|no|every|each)"
MACROS = {"{VBN}": _VBN, "{ADV}": _ADV, "{NP}": _NP, "{DET}": _DET}


class Rule(Record):
    id: str
    category: str
    triggers: tuple[str, ...]
    patterns: tuple[LazyPattern, ...]
    """Compiled case-sensitively, run on lower-cased text (see `compile_pattern`); like the
    exceptions, compiled the first time the rule runs, so a short text pays only for the
    rules its words wake."""
    exceptions: tuple[LazyPattern, ...]
    subject: SubjectMode
    levels: dict[SubjectKind, Level | None]
    negated: Level | None
    """Level when a negation comes just before the match; None keeps the level."""
    in_question: Level | None
    """Level when the sentence is a question; None keeps the level."""
    headings: bool
    message: str
    rewrite: str
    note: str
    pattern_triggers: tuple[frozenset[str] | None, ...] = ()
    """Per pattern: its own triggers (it runs only when one occurs), or None for the rule's."""
    word_start: tuple[bool, ...] = ()
    """Per pattern: a match must start at a word boundary (a leading `\\b`, checked in code)."""
    case_sensitive: bool = False
    pattern_needs: tuple[tuple[str, ...] | None, ...] = ()
    """Per pattern: strings of which one must occur for it to match (`prefilter`), or
    None; empty when unknown (a rule made outside the rule pack)."""
    exception_needs: tuple[tuple[str, ...] | None, ...] = ()
    """The same for the exceptions."""
    priority: int = 0
    """Breaks ties between overlapping matches of the same level: higher wins."""
    examples_flag: tuple[str, ...] = ()
    examples_hint: tuple[str, ...] = ()
    examples_pass: tuple[str, ...] = ()
    source: str = ""

    def level_for(self, kind: SubjectKind) -> Level | None:
        return self.levels[kind]


class RuleFileError(RuntimeError):
    """A shipped rule file is malformed: a bug in the package, caught by the tests."""


def expand(pattern: str) -> str:
    for macro, value in MACROS.items():
        pattern = pattern.replace(macro, value)
    return pattern


def _level(value: Any, where: str) -> Level | None:
    if value in ("off", "none", None):
        return None
    if not isinstance(value, str) or value.upper() not in Level.__members__:
        raise RuleFileError(f"{where}: {value!r} is not a level")
    return Level[value.upper()]


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleFileError(f"{where}: expected a list of strings")
    return tuple(value)


def compile_pattern(source: str, flags: int = re.MULTILINE) -> tuple[LazyPattern, bool]:
    """A rule pattern, ready to compile, and whether it must start at a word boundary.

    Patterns are written in lower case and run case-sensitively on lower-cased text: that
    lets the regex engine skip ahead to the few characters a match can start with, which
    `re.IGNORECASE` or a leading `\\b` would prevent (about ten times faster). The leading
    `\\b` is checked by the caller instead.
    """
    source = expand(source)
    word_start = source.startswith("\\b")
    if word_start:
        source = source[2:]
    return LazyPattern(source, flags), word_start


def _lower_case_only(source: str, where: str) -> None:
    if re.search(r"[A-Z]", _strip_escapes(expand(source))):
        raise RuleFileError(f"{where}: write patterns in lower case")


def _compile(patterns: tuple[str, ...], flags: int, where: str) -> tuple[LazyPattern, ...]:
    return tuple(LazyPattern(expand(pattern), flags) for pattern in patterns)


def _pattern_entries(
    value: Any, where: str
) -> tuple[tuple[str, ...], tuple[tuple[str, ...] | None, ...]]:
    """Patterns given as strings, or as `{ regex = '...', triggers = [...] }` tables."""
    if not isinstance(value, list):
        raise RuleFileError(f"{where}: expected a list")
    sources: list[str] = []
    own: list[tuple[str, ...] | None] = []
    for i, entry in enumerate(value):
        if isinstance(entry, str):
            sources.append(entry)
            own.append(None)
        elif (
            isinstance(entry, dict)
            and set(entry) == {"regex", "triggers"}
            and isinstance(entry["regex"], str)
        ):
            triggers = tuple(t.lower() for t in _strings(entry["triggers"], f"{where}[{i}]"))
            if not triggers:
                raise RuleFileError(f"{where}[{i}]: triggers must not be empty")
            sources.append(entry["regex"])
            own.append(triggers)
        else:
            raise RuleFileError(f"{where}[{i}]: a string or a {{regex, triggers}} table")
    return tuple(sources), tuple(own)


def _compile_rule_patterns(
    patterns: tuple[str, ...], case_sensitive: bool, where: str
) -> tuple[tuple[LazyPattern, ...], tuple[bool, ...]]:
    compiled: list[LazyPattern] = []
    starts: list[bool] = []
    for i, pattern in enumerate(patterns):
        if not case_sensitive:
            _lower_case_only(pattern, f"{where}.patterns[{i}]")
        regex, word_start = compile_pattern(pattern)
        compiled.append(regex)
        starts.append(word_start)
    return tuple(compiled), tuple(starts)


def check_compiles(rule: Rule) -> None:
    """Compile every regex of `rule` now; a `RuleFileError` naming the bad one."""
    for kind, regexes in (("patterns", rule.patterns), ("exceptions", rule.exceptions)):
        for i, regex in enumerate(regexes):
            try:
                regex.compiled  # noqa: B018
            except re.error as error:
                raise RuleFileError(f"{rule.source}: {rule.id}.{kind}[{i}]: {error}") from None


def _strip_escapes(source: str) -> str:
    source = re.sub(r"\\[A-Za-z]", "", source)
    return re.sub(r"\(\?P(?:<\w+>|=\w+\))", "", source)


_KEYS = {
    "id",
    "category",
    "triggers",
    "patterns",
    "exceptions",
    "subject",
    "levels",
    "level",
    "negated",
    "in_question",
    "headings",
    "case_sensitive",
    "message",
    "rewrite",
    "note",
    "flag",
    "hint",
    "pass",
    "priority",
}


def rule_from_data(
    data: dict[str, Any],
    *,
    default_category: str,
    source: str,
    lazy: bool = False,
    checked: bool = False,
) -> Rule:
    """A rule from one `[[rule]]` table; its regexes are compiled now unless `lazy`.
    `checked` data passed these checks before (the rule pack), which skips the costly one:
    that the regexes are written in lower case."""
    rid = data.get("id")
    if not isinstance(rid, str) or not rid:
        raise RuleFileError(f"{source}: a rule without an id")
    where = f"{source}: {rid}"
    unknown = set(data) - _KEYS
    if unknown:
        raise RuleFileError(f"{where}: unknown keys {sorted(unknown)}")
    subject = data.get("subject", "none")
    if subject not in ("before", "clause", "group", "none"):
        raise RuleFileError(f"{where}: subject must be before, clause, group or none")
    if subject == "none":
        one = _level(data.get("level"), f"{where}.level")
        levels: dict[SubjectKind, Level | None] = dict.fromkeys(SUBJECT_KINDS, one)
    else:
        table = data.get("levels")
        if not isinstance(table, dict) or set(table) != set(SUBJECT_KINDS):
            raise RuleFileError(f"{where}: levels needs person, unknown and machine")
        levels = {kind: _level(table[kind], f"{where}.levels.{kind}") for kind in SUBJECT_KINDS}
    case_sensitive = bool(data.get("case_sensitive"))
    sources, own = _pattern_entries(data.get("patterns"), f"{where}.patterns")
    patterns, word_start = _compile_rule_patterns(sources, case_sensitive or checked, where)
    if not patterns:
        raise RuleFileError(f"{where}: no patterns")
    rule_triggers = tuple(t.lower() for t in _strings(data.get("triggers"), f"{where}.triggers"))
    if not rule_triggers and any(o is None for o in own):
        raise RuleFileError(f"{where}: no triggers")
    triggers = tuple(dict.fromkeys(rule_triggers + tuple(t for o in own if o for t in o)))
    if any(not (t[:1].isalnum() or t[:1] == "@") for t in triggers):
        raise RuleFileError(f"{where}: triggers must start with a letter or digit")
    negated = data.get("negated", "info")
    for key in ("message", "rewrite", "note"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise RuleFileError(f"{where}: {key} is required")
    exceptions = _strings(data.get("exceptions"), f"{where}.exceptions")
    if not (case_sensitive or checked):  # run on lower-cased text, like the patterns
        for i, exception in enumerate(exceptions):
            _lower_case_only(exception, f"{where}.exceptions[{i}]")
    rule = Rule(
        id=rid,
        category=str(data.get("category", default_category)),
        triggers=triggers,
        patterns=patterns,
        exceptions=_compile(exceptions, re.MULTILINE, where),
        word_start=word_start,
        pattern_triggers=tuple(frozenset(o) if o else None for o in own),
        case_sensitive=case_sensitive,
        subject=subject,
        levels=levels,
        negated=None if negated == "keep" else _level(negated, f"{where}.negated"),
        in_question=_level(data["in_question"], where) if "in_question" in data else None,
        headings=bool(data.get("headings", True)),
        message=data["message"].strip(),
        rewrite=data["rewrite"].strip(),
        note=data["note"].strip(),
        priority=int(data.get("priority", 0)),
        examples_flag=_strings(data.get("flag"), f"{where}.flag"),
        examples_hint=_strings(data.get("hint"), f"{where}.hint"),
        examples_pass=_strings(data.get("pass"), f"{where}.pass"),
        source=source,
    )
    if not lazy:
        check_compiles(rule)
    return rule


@cache
def load_rules() -> tuple[Rule, ...]:
    """Every shipped rule (its regexes compile at first use). Cached: the first call pays,
    later calls are free."""
    pack = content()
    # The prefilters the pack holds, by regex source (none when the pack is out of date).
    known: dict[str, list[str] | None] = pack.get("needs") or {}
    checked = bool(pack.get("checked"))  # the pack is written only for rules that load
    rules: list[Rule] = []
    seen: set[str] = set()
    for name, data in pack["rules"]:
        category = data.get("category", name.removesuffix(".toml"))
        for entry in data.get("rule", []):
            rule = rule_from_data(
                entry, default_category=category, source=name, lazy=True, checked=checked
            )
            if rule.id in seen:
                raise RuleFileError(f"{name}: duplicate rule id {rule.id}")
            seen.add(rule.id)
            if known:
                rule = rule._replace(
                    pattern_needs=_needs_of(rule.patterns, known),
                    exception_needs=_needs_of(rule.exceptions, known),
                )
            rules.append(rule)
    return tuple(rules)


def _needs_of(
    regexes: tuple[LazyPattern, ...], known: dict[str, list[str] | None]
) -> tuple[tuple[str, ...] | None, ...]:
    out: list[tuple[str, ...] | None] = []
    for regex in regexes:
        found = known.get(regex.pattern)
        out.append(tuple(found) if found else None)
    return tuple(out)


def rule_needs(rules: tuple[Rule, ...]) -> dict[str, list[str] | None]:
    """Each pattern's and exception's prefilter, by source, as the rule pack keeps them."""
    from secondstory.core.language.prefilter import needs

    out: dict[str, list[str] | None] = {}
    for rule in rules:
        for regex in (*rule.patterns, *rule.exceptions):
            found = needs(regex.pattern)
            out[regex.pattern] = list(found) if found else None
    return out


def _trie_pattern(words: list[str]) -> str:
    """One regex alternation shaped as a trie, so each position costs one branch."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        ends = "" in node
        branches = [re.escape(c) + emit(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            body = "(?:" + body + ")?"
        return body

    return emit(trie)


def _owners(rules: tuple[Rule, ...]) -> dict[str, set[int]]:
    """Each trigger word and the indices of the rules that list it."""
    owners: dict[str, set[int]] = {}
    for index, rule in enumerate(rules):
        for trigger in rule.triggers:
            owners.setdefault(trigger, set()).add(index)
    return owners


def trigger_trie(rules: tuple[Rule, ...]) -> dict[str, Any]:
    """The trigger words, their trie pattern and what each wakes, as the rule pack keeps
    them (working them out costs every process a few milliseconds)."""
    owners = _owners(rules)
    words = sorted(owners)
    table, counts_as = _trigger_tables(owners, words)
    return {
        "words": words,
        "pattern": _trie_pattern(words),
        "wakes": [list(table[word]) for word in words],
        "counts_as": [sorted(counts_as[word]) for word in words],
    }


def _trigger_tables(
    owners: dict[str, set[int]], words: list[str]
) -> tuple[dict[str, tuple[int, ...]], dict[str, frozenset[str]]]:
    """Per trigger, the rules it wakes and the triggers it counts as (itself and every
    trigger that is a prefix of it: "failure" is also "fail")."""
    table: dict[str, tuple[int, ...]] = {}
    counts_as: dict[str, frozenset[str]] = {}
    for word in words:
        prefixes = frozenset(word[:i] for i in range(1, len(word) + 1) if word[:i] in owners)
        table[word] = tuple(sorted({index for p in prefixes for index in owners[p]}))
        counts_as[word] = prefixes
    return table, counts_as


@cache
def _trigger_index() -> tuple[
    re.Pattern[str], dict[str, tuple[int, ...]], dict[str, frozenset[str]], re.Pattern[str]
]:
    """The trigger scanner; per trigger, the rules it wakes and the triggers it counts as
    (itself and every trigger that is a prefix of it: "failure" is also "fail"); and the
    scanner for ASCII text."""
    owners = _owners(load_rules())
    words = sorted(owners)
    packed = content().get("trie")
    if isinstance(packed, dict) and packed.get("words") == words:
        # The pack matches the rule files (or it would not be read): so do its tables.
        trie = str(packed["pattern"])
        table = dict(zip(words, map(tuple, packed["wakes"]), strict=True))
        counts_as = dict(zip(words, map(frozenset, packed["counts_as"]), strict=True))
    else:  # the pack is out of date
        trie = _trie_pattern(words)
        table, counts_as = _trigger_tables(owners, words)
    # Triggers match where a word starts. A zero-width match reports every trigger, even
    # one that starts inside another. Written as "a non-word character, then a trigger",
    # the engine skips ahead to the non-word characters instead of trying a word boundary
    # at every position; `trigger_words` puts a space before the text for its first word.
    # A trigger that starts with a non-word character ("@") needs the boundary form.
    if all(re.match(r"\w", word) for word in words):
        scanner = regex_cache.compile(r"\W(?=(" + trie + "))")
        # In ASCII text a non-word character is one outside [0-9A-Za-z_]: a table look-up
        # for the engine, where `\W` asks the Unicode database about every character
        # (about a seventh of the scan).
        ascii_scanner = regex_cache.compile(r"[^0-9A-Za-z_](?=(" + trie + "))")
    else:
        scanner = ascii_scanner = regex_cache.compile(r"(?:\W|\b)(?=(" + trie + "))")
    return scanner, table, counts_as, ascii_scanner


def trigger_scanner() -> re.Pattern[str]:
    """Finds the triggers (the longest one at each word start) in lower-cased text given a
    leading space and with its line breaks made spaces: see `trigger_words`."""
    return _trigger_index()[0]


def ascii_trigger_scanner() -> re.Pattern[str]:
    """`trigger_scanner` for text that is all ASCII (`str.isascii`): the same matches."""
    return _trigger_index()[3]


def trigger_words(lower: str) -> frozenset[str]:
    """The triggers found in lower-cased text (the longest one at each word start)."""
    # "did\nnot" in a hard-wrapped sentence is still "did not".
    scanned = " " + lower.replace("\n", " ")
    scanner = ascii_trigger_scanner() if scanned.isascii() else trigger_scanner()
    return frozenset(scanner.findall(scanned))


def woken_by(words: frozenset[str]) -> tuple[tuple[int, ...], frozenset[str]]:
    """The rules (indices, in order) that `trigger_words` wake, and every trigger they
    count as (a word found as "failure" is also the trigger "fail")."""
    _, table, counts_as, _ = _trigger_index()
    woken: set[int] = set()
    found: set[str] = set()
    for word in words:
        woken.update(table[word])
        found |= counts_as[word]
    return tuple(sorted(woken)), frozenset(found)


def categories() -> tuple[str, ...]:
    return tuple(sorted({rule.category for rule in load_rules()}))


def unknown_rule_names(names: list[str] | tuple[str, ...] | set[str]) -> list[str]:
    """Names that are neither a rule id nor a category (typos in config)."""
    known = {rule.id for rule in load_rules()} | set(categories()) | {CHAIN_RULE_ID}
    return [name for name in names if name not in known]


def is_disabled(rule_id: str, category: str, disabled: frozenset[str]) -> bool:
    return rule_id in disabled or category in disabled


CHAIN_RULE_ID = "five-whys.stops-at-person"
CHAIN_CATEGORY = "five_whys"
