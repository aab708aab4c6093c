"""`split-row`: a table's row that a page break splits although it would fit on one page, read from a PDF's
layout. WeasyPrint tags the two parts of a split row as two rows; the part after the break is told from a new
row by the test `_goes_on` describes (docs/proofreading.md). A row every cell of which goes on over the break is
not told from a new one, and is not reported."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from itertools import pairwise

from .findings import ProofFinding, Reading, excerpt
from .pdf_layout import Block, PageLayout, consecutive
from .rulebook import proof_rule

RULE = "split-row"


@proof_rule(RULE, "a table row split across a PDF's pages that would fit on one page")
def split_rows(reading: Reading) -> Iterator[ProofFinding]:
    """Each row split over a page break whose two parts together are no taller than a page's text."""
    room, foot = _text_area(reading.layout)
    for before, after in consecutive(reading.layout):
        row, rest = before.blocks[-1], _first_row(after)
        if row.role != "TR" or row.header or rest is None:
            continue
        fits = _height((row,)) + _height((rest,)) <= room[before.height]
        if fits and _goes_on(row, rest, foot[before.height]):
            message = "a table row split across pages, though it fits on one page"
            yield ProofFinding(RULE, reading.file, before.number, excerpt(row.text, 0, len(row.text)), message)


def _text_area(layout: tuple[PageLayout, ...]) -> tuple[dict[float, float], dict[float, float]]:
    """For each height of page (portrait, landscape): the most text a page holds, top to bottom, and the lowest
    the text of one reaches (the foot of the page's text)."""
    room: dict[float, float] = defaultdict(float)
    foot: dict[float, float] = defaultdict(float)
    for page in layout:
        room[page.height] = max(room[page.height], _height(page.blocks))
        foot[page.height] = max([foot[page.height], *(block.bottom for block in page.blocks if block.lines)])
    return room, foot


def _first_row(page: PageLayout) -> Block | None:
    """The page's first table row after any header rows, when the page begins with a table."""
    for block in page.blocks:
        if block.role != "TR":
            return None
        if not block.header:
            return block
    return None


def _goes_on(row: Block, rest: Block, foot: float) -> bool:
    """Whether `rest` is the part of `row` on the next page: `row` goes down to the foot of the page's text (within
    four lines: what did not fit may have needed two lines, a margin and the cell's padding); `rest` has as many
    cells, one empty where `row`'s has words (it ended before the break), and each with words goes on from a cell
    of `row` that is empty (none of it fitted) or reaches the foot of the row (within two lines and a half). When
    every cell of `row` is one line, which tells no cell that goes on from one that ended, `rest`'s first cell
    (a row's number, date or label) is empty too."""
    if len(row.cells) != len(rest.cells) or not any(rest.cells):
        return False
    pitch = _line_pitch(row)
    pairs = list(zip(row.cells, rest.cells, strict=True))
    ended = any(before and not after for before, after in pairs)
    going_on = all(not before or before[-1].bottom >= row.bottom - 2.5 * pitch for before, after in pairs if after)
    one_line = all(len(cell) <= 1 for cell in row.cells)
    return row.bottom >= foot - 4 * pitch and ended and going_on and not (one_line and rest.cells[0])


def _line_pitch(row: Block) -> float:
    """The distance from one line of a row's cell to the next (its tallest line's height and a fifth when no cell
    has two)."""
    steps = [b.bottom - a.bottom for cell in row.cells for a, b in pairwise(cell) if b.bottom > a.bottom]
    return min(steps, default=1.2 * max((line.bottom - line.top for line in row.lines), default=0.0))


def _height(blocks: tuple[Block, ...]) -> float:
    """From the top of the first block's text to the bottom of the last's (a figure, which has none, not counted)."""
    written = [block for block in blocks if block.lines]
    return max(block.bottom for block in written) - min(block.top for block in written) if written else 0.0
