"""The fast TOML reader gives exactly what tomllib gives, or gives up; it never differs."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secondstory.core import followup_toml
from secondstory.core.followup_toml import Unsupported


def same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down, date-times with the same offset."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, datetime):
        return bool(a == b and a.utcoffset() == b.utcoffset() and a.isoformat() == b.isoformat())
    return bool(a == b)


def agrees(text: str) -> bool:
    """Whether the fast reader agrees with tomllib; False when it gave up."""
    try:
        fast = followup_toml.loads(text)
    except Unsupported:
        return False
    expected = tomllib.loads(text)  # raises if the fast reader accepted bad TOML
    assert same(fast, expected), (text, fast, expected)
    return True


bare_keys = st.from_regex(r"[A-Za-z0-9_-]{1,8}", fullmatch=True)
texts = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
zones = st.sampled_from(
    [UTC, timezone(timedelta(hours=2)), timezone(timedelta(hours=-5, minutes=-30))]
)
stamps = st.datetimes(
    min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1), timezones=zones
).map(lambda d: d.replace(microsecond=d.microsecond // 1000 * 1000 if d.second % 2 else 0))
scalars = st.one_of(
    texts,
    st.integers(min_value=-(2**62), max_value=2**62),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=date(1, 1, 1)),
    stamps,
    st.datetimes(min_value=datetime(1900, 1, 1)),  # local date-times read as naive ones
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(bare_keys, inner, max_size=4)
    ),
    max_leaves=12,
)
documents = st.dictionaries(
    bare_keys,
    st.one_of(
        values,
        st.dictionaries(bare_keys, values, max_size=5),
        st.lists(st.dictionaries(bare_keys, values, min_size=1, max_size=5), max_size=3),
    ),
    max_size=6,
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(documents, st.booleans())
def test_what_tomli_w_writes_is_read_as_tomllib_reads_it(data: dict[str, Any], ml: bool) -> None:
    text = tomli_w.dumps(data, multiline_strings=ml)
    expected = tomllib.loads(text)
    try:
        fast = followup_toml.loads(text)
    except Unsupported:
        # Only for what it does not handle on purpose: exponent-free huge floats written
        # as `1e+300`-style are handled, so this is inf/nan (excluded) or the like.
        pytest.fail(f"gave up on tomli_w output:\n{text}")
    assert same(fast, expected)


TRICKY = [
    '"',
    "'",
    '"""',
    "'''",
    "\\",
    "#",
    "=",
    "[",
    "]",
    "{",
    "}",
    ",",
    ".",
    "\n",
    "\r",
    "\t",
    " ",
    "\x00",
    "\x7f",
    "\\u",
    "\\U0001F600",
    "\\ud800",
    "\\n",
    "1",
    "-",
    ":",
    "T",
    "Z",
]


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    documents,
    st.lists(
        st.tuples(st.integers(0, 10_000), st.integers(0, 3), st.sampled_from(TRICKY)),
        min_size=1,
        max_size=4,
    ),
)
def test_damaged_text_is_read_as_tomllib_reads_it_or_left_to_tomllib(
    data: dict[str, Any], edits: list[tuple[int, int, str]]
) -> None:
    text = tomli_w.dumps(data, multiline_strings=True)
    for where, cut, insert in edits:
        at = where % (len(text) + 1)
        text = text[:at] + insert + text[at + cut :]
    try:
        fast = followup_toml.loads(text)
    except Unsupported:
        return
    # Accepted: tomllib must read it too, to the same values.
    assert same(fast, tomllib.loads(text)), text


@pytest.mark.parametrize(
    "text",
    [
        'a = "x"\na = "y"\n',  # a key twice
        "[t]\n[t]\n",  # a table twice
        "a = 1\n[a.b]\n",  # a table inside a value
        "a = []\n[[a]]\n",  # appending to a static array
        "[[a]]\n[a]\n",
        "t = { x = 1 }\n[t.y]\n",  # extending an inline table
        "[a.b]\n[a]\nb = 1\n",
        'a = "\\ud800"\n',  # a surrogate escape
        'a = "\\x41"\n',
        'a = """ab\\\n  cd"""\n',  # line-ending backslash
        'a = """a""""\n',  # a quote just inside the closing delimiter
        "a = '''x'''\n",
        "a.b = 1\n",
        '"a" = 1\n',
        "  a = 1\n",
        "a = [1, # comment\n2]\n",
        "a = 1_000\n",
        "a = 0x10\n",
        "a = inf\n",
        "a = 07\n",
        "a = 2026-02-30\n",
        "a = 2026-02-03T25:00:00Z\n",
        "a = 12:30:00\n",
        "a = { x = 1, }\n",
        "a = { x = 1,\n y = 2 }\n",
        'a = "x\r"\n',
        "a = 1\r\n",
        "a = true1\n",
        "a = \n",
        "[a\n",
        "[[a]\n",
        "[a]]\n",
        "a = [1 2]\n",
    ],
)
def test_unusual_or_wrong_toml_is_left_to_tomllib(text: str) -> None:
    with pytest.raises(Unsupported):
        followup_toml.loads(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# only a comment\n\n",
        'a = "x" # comment\n[t] # table\nb = 1\n',
        "a = 2026-03-22T14:23:00.123456789-07:30\n",
        "a = 2026-03-22t14:23:00z\n",
        "a = 2026-03-22 14:23:00\n",
        "a = 1979-05-27\n",
        "a = -0.5e-3\nb = +7\nc = 0\n",
        'a = """\n\n  two lines\\n\\t\\"x\\\\ \\u00e9"""\n',
        'a = """"""\nb = ""\n',
        "a = 'C:\\path \"quoted\"'\n",
        "[[t]]\nx = 1\n[t.sub]\ny = 2\n[[t]]\n[t.sub]\ny = 3\n[[t.sub.deep]]\n",
        "[a.b.c]\n[a.b.d]\n[a.x]\n",
        "a = [\n    { x = 1, y = [] },\n    { z = { w = 2 } },\n]\nb = [[1, 2], ['x']]\n",
        'a = 1\nb = "no newline at the end"',
    ],
)
def test_hand_written_forms_it_does_read(text: str) -> None:
    assert agrees(text)
