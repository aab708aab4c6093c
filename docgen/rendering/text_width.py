"""How wide a line of text is set in the house typeface (Liberation Sans), from the font's own advance widths,
for drawings that place words themselves (the genogram)."""

from __future__ import annotations

import contextlib
from functools import cache
from pathlib import Path

HOUSE_FILES = {False: "LiberationSans-Regular.ttf", True: "LiberationSans-Bold.ttf"}
UNKNOWN = 0.62
"""The width of a character the font is not found for, in ems: wider than most, so that nothing overlaps."""


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of a line set at `size` (any unit: the result is in the same), kerning aside."""
    advances, per_em = _advances(bold)
    return sum(advances.get(ord(char), UNKNOWN * per_em) for char in text) / per_em * size


@cache
def _advances(bold: bool) -> tuple[dict[int, float], float]:
    """Each character's advance width, and the font's units per em; none when the font is not installed."""
    from fontTools.ttLib import TTFont, TTLibError

    from .pdf.glyphs import font_files

    for file in font_files():
        if Path(file).name == HOUSE_FILES[bold]:
            with contextlib.suppress(OSError, TTLibError, KeyError), TTFont(file, lazy=True) as font:
                metrics = font["hmtx"].metrics
                cmap = font.getBestCmap() or {}
                return {code: float(metrics[glyph][0]) for code, glyph in cmap.items()}, float(font["head"].unitsPerEm)
    return {}, 1.0
