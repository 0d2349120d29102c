"""A 3x5 pixel font for the presentation timer, drawn with half-block characters at any scale.

Each pixel becomes `scale` columns wide and `scale` half-rows tall. A terminal cell is about twice
as tall as it is wide, so a half-row is close to square and the digits keep their shape at every
size. Pure functions only: the widget decides the scale from the space it has.
"""

from __future__ import annotations

GLYPH_HEIGHT = 5
GAP = 1
"""Blank pixel columns between glyphs."""

GLYPHS: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", ".##", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", ".#.", ".#."),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    "+": ("...", ".#.", "###", ".#.", "..."),
    "-": ("...", "...", "###", "...", "..."),
    " ": ("..", "..", "..", "..", ".."),
}

_HALF_BLOCKS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def can_draw(text: str) -> bool:
    return all(ch in GLYPHS for ch in text)


def pixel_rows(text: str) -> list[str]:
    """The text as rows of `#` (on) and `.` (off) pixels, glyphs separated by a gap."""
    rows = [""] * GLYPH_HEIGHT
    for n, ch in enumerate(text):
        glyph = GLYPHS[ch]
        for r in range(GLYPH_HEIGHT):
            rows[r] += ("." * GAP if n else "") + glyph[r]
    return rows


def pixel_width(text: str) -> int:
    return len(pixel_rows(text)[0]) if text else 0


def best_scale(text: str, width: int, height: int) -> int:
    """The largest whole scale at which `text` fits in `width` x `height` cells (0: none)."""
    px_width = pixel_width(text)
    if px_width == 0:
        return 0
    return max(min(width // px_width, (2 * height) // GLYPH_HEIGHT), 0)


def render_lines(text: str, scale: int) -> list[str]:
    """The text drawn at `scale`, as lines of equal width (ceil(5 * scale / 2) lines)."""
    if scale < 1:
        return [text]
    half_rows = [
        "".join(ch * scale for ch in row) for row in pixel_rows(text) for _ in range(scale)
    ]
    if len(half_rows) % 2:
        half_rows.append("." * len(half_rows[0]))
    lines = []
    for top, bottom in zip(half_rows[0::2], half_rows[1::2], strict=True):
        lines.append(
            "".join(_HALF_BLOCKS[(a == "#", b == "#")] for a, b in zip(top, bottom, strict=True))
        )
    return lines
