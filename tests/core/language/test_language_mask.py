"""Masking keeps offsets: same length, same line breaks; code, logs and quotes go blank."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from secondstory.core.language.mask import mask


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
