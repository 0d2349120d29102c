"""Masking keeps offsets: same length, same line breaks; code, logs and quotes go blank."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secondstory.core.language import check_text
from secondstory.core.language.mask import blank, fence_lines, mask, mask_document


@given(
    st.text(
        alphabet=st.sampled_from(list("ab \n\"'`~>-:#<!0123456789\u2019\u201c\u201dERO")),
        max_size=200,
    )
)
def test_mask_keeps_length_and_line_breaks(text: str) -> None:
    masked = mask(text)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [
        i for i, c in enumerate(text) if c == "\n"
    ]


def test_quotes_code_and_links_are_blanked() -> None:
    text = 'He said "John should have checked" and ran `rm -rf` at https://x.example/should-have'
    masked = mask(text)
    assert "should" not in masked
    assert "rm" not in masked
    assert masked.startswith("He said ")


def test_link_destinations_are_blanked_and_link_text_kept() -> None:
    text = 'the vault called [[6]](#References), then [the doc](../a_(b).md "T") said'
    masked = mask(text)
    assert len(masked) == len(text)
    assert "References" not in masked
    assert "a_(b)" not in masked
    assert "[[6]]" in masked and "[the doc]" in masked and masked.endswith(" said")
    assert mask("a [b](c d) e") == "a [b](c d) e"  # a space ends a destination


def test_single_quotes_but_not_apostrophes() -> None:
    masked = mask("the 'careless' label and the engineers' laptops, it's fine")
    assert "careless" not in masked
    assert "engineers' laptops" in masked and "it's" in masked


def test_fenced_code_and_log_lines_are_blanked() -> None:
    text = (
        "Notes\n```\nJohn should have checked\n```\n"
        "2026-03-22T14:23:05Z ERROR failed to connect\n"
        "[14:23:05] INFO operator error\n"
        "14:23 UTC - John forgot to page\n"
    )
    masked = mask(text)
    assert "should" not in masked and "ERROR" not in masked and "operator" not in masked
    assert "John forgot to page" in masked  # a hand-typed timeline line is prose


def test_unclosed_fence_runs_to_the_end() -> None:
    assert "forgot" not in mask("```\nJohn forgot")


def test_curly_apostrophes_are_straightened() -> None:
    assert mask("We shouldn\u2019t have") == "We shouldn't have"


# -- line and URL masking found by search, checked against the patterns they replace ---------
# Block quotes, logfmt lines and links were once masked by one regex each, tried at every
# line or every "h" and "w" of a long text; they are now found from a literal (">", the key,
# "://", "www.") and must blank exactly what those regexes blanked.

_OLD_LOGFMT = re.compile(r"\n[^\n]*\b(?:level|lvl|severity)=\w+[^\n]*$", re.MULTILINE)
_OLD_QUOTE = re.compile(r"\n[ \t]{0,3}>.*$", re.MULTILINE)
_OLD_URL = re.compile(r"(?:h(?<![\w]h)ttps?://|w(?<![\w]w)ww\.)[^\s)>\]]+")


def _old_lines_and_urls(text: str) -> str:
    def spaces(m: re.Match[str]) -> str:
        return blank(m.group(), " ")

    if "=" in text:
        text = _OLD_LOGFMT.sub(spaces, "\n" + text)[1:]
    if ">" in text:
        text = _OLD_QUOTE.sub(spaces, "\n" + text)[1:]
    return _OLD_URL.sub(lambda m: blank(m.group(), "x"), text)


PIECES = st.sampled_from(
    [
        "http://x.y/z",
        " https://a.b) ",
        "www.q.com",
        "awww.x",
        "xhttp://no",
        "https:/",
        "://",
        "level=info ",
        "lvl=3",
        "severity=high",
        "alevel=x",
        "level= ",
        "> quote",
        ">",
        "->",
        "   ",
        "\t",
        "\n",
        "\r\n",
        "word",
        "=",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(PIECES, max_size=14).map("".join))
def test_lines_and_links_are_blanked_as_the_regexes_did(text: str) -> None:
    assert _lines_and_urls(text) == _old_lines_and_urls(text)


@pytest.mark.parametrize(
    "text",
    [
        "a\n   > three spaces\nb",
        "a\n    > four spaces is not a quote\nb",
        "\t\t\t> tabs\n\t\t\t\t> too many",
        "x -> y > z",
        "://x then https",  # a "://" too near the start to have "http" before it
        "p://q www.r.s https://t.u/v?w=1) and http://x",
        "ts=1 level=warn msg=x\nlevel=\nslevel=3\n",
    ],
)
def test_lines_and_links_edge_cases(text: str) -> None:
    assert _lines_and_urls(text) == _old_lines_and_urls(text)


def _lines_and_urls(text: str) -> str:
    # `_mask_lines_and_spans` minus the quote and code spans (the text has none of their
    # characters but ">").
    masked = mask_document(text)
    assert masked is not None
    return masked


# -- fences as CommonMark reads them ------------------------------------------------------


def test_a_line_of_triple_backtick_code_is_not_a_fence() -> None:
    text = "Run this:\n\n```ls -l```\n\nPriya forgot to page.\n"
    assert fence_lines(text) == []
    assert "Priya forgot to page." in mask(text)


def test_a_fence_closes_only_on_a_bare_run_as_long_of_the_same_character() -> None:
    text = "````\na\n```\n~~~~\n```` python\n````\nJohn forgot.\n"
    # Opened by ````; not closed by the shorter ```, the tildes or a run with words after.
    assert [text[start:end] for start, end in fence_lines(text)] == ["````", "````"]
    assert mask(text).endswith("John forgot.\n")
    assert "python" not in mask(text)


def test_a_paragraph_after_inline_triple_backticks_is_checked() -> None:
    flags = check_text("```make deploy```\n\nThe on-call forgot to page.\n")
    assert [f.rule_id for f in flags] == ["person.slip-verb"]
