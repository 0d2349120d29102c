"""The fast TOML writer writes exactly what tomli_w writes, for any data."""

from __future__ import annotations

from datetime import UTC, date, time, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secondstory.core import toml_writer
from secondstory.core.storage import load_session, session_to_data

EXAMPLE = Path(__file__).resolve().parents[2] / "sessions" / "INC-2026-0847.toml"

keys = st.one_of(
    st.from_regex(r"[A-Za-z0-9_-]{1,6}", fullmatch=True),
    st.text(max_size=6),  # quoted keys: spaces, dots, quotes, controls, empty
)
texts = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["a\nb", "a\r\nb", "x" * 120, '"""', "\\", "\t\x7f\x00\x1b", "é💥"]),
)
scalars = st.one_of(
    texts,
    st.integers(),
    st.floats(),
    st.booleans(),
    st.dates(),
    st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=-7))])),
    st.datetimes(),
    st.times(),
    st.decimals(allow_nan=True),
)
data = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(keys, inner, max_size=5),
    ),
    max_leaves=25,
)
documents = st.dictionaries(keys, data, max_size=8)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(documents, st.booleans())
def test_same_text_as_tomli_w(document: dict[str, Any], multiline: bool) -> None:
    assert toml_writer.dumps(document, multiline_strings=multiline) == tomli_w.dumps(
        document, multiline_strings=multiline
    )


def test_same_text_for_a_whole_session() -> None:
    data = session_to_data(load_session(EXAMPLE))
    for multiline in (True, False):
        expected = tomli_w.dumps(data, multiline_strings=multiline)
        assert toml_writer.dumps(data, multiline_strings=multiline) == expected


def test_long_inline_tables_become_arrays_of_tables_as_in_tomli_w() -> None:
    short: dict[str, Any] = {"items": [{"a": 1}, {"b": "x" * 80}]}
    long: dict[str, Any] = {"items": [{"a": 1}, {"b": "x" * 95}]}
    documents: list[dict[str, Any]] = [
        short,
        long,
        {"t": {"u": {}}},
        {"t": {}},
        {"a": [[{"x": 1}]]},
    ]
    for document in documents:
        assert toml_writer.dumps(document) == tomli_w.dumps(document)


@pytest.mark.parametrize(
    ("document", "error"),
    [
        ({"a": None}, TypeError),
        ({"a": object()}, TypeError),
        ({"a": time(1, 2, tzinfo=UTC)}, ValueError),
        ({1: "x"}, TypeError),
    ],
)
def test_what_tomli_w_refuses_is_refused(document: dict[Any, Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        tomli_w.dumps(document)
    with pytest.raises(error):
        toml_writer.dumps(document)


def test_subclasses_take_tomli_w_branches() -> None:
    class Text(str):
        pass

    class Number(int):
        pass

    class Day(date):
        pass

    document = {"a": Text("x\ny"), "b": Number(3), "c": Day(2026, 3, 22), "d": Decimal("1")}
    for multiline in (True, False):
        expected = tomli_w.dumps(document, multiline_strings=multiline)
        assert toml_writer.dumps(document, multiline_strings=multiline) == expected


def _has_carriage_return(value: Any) -> bool:
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, dict):
        return any(_has_carriage_return(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_has_carriage_return(v) for v in value)
    return False


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(documents)
def test_readable_text_uses_multi_line_strings_unless_a_value_holds_a_carriage_return(
    document: dict[str, Any],
) -> None:
    multiline = not _has_carriage_return(document)
    assert toml_writer.dumps_readable(document) == tomli_w.dumps(
        document, multiline_strings=multiline
    )
