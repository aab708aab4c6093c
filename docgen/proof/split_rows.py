"""`split-row`: a table's row that a page break splits although it would fit on one page, read from a PDF's
layout. A row is taken to go on over the break when the first row of the table on the next page (after its
repeated header) has a cell empty that has words before the break – the part of a cell that ended on the page
before – and words only in cells whose part before the break is empty (none of it fitted) or goes down to the
foot of the row (within two lines and a half). A row every cell of which goes on over the break is not told from
a new one."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from .findings import ProofFinding, Reading, excerpt
from .pdf_layout import Block, PageLayout, consecutive
from .rulebook import proof_rule

RULE = "split-row"


@proof_rule(RULE, "a table row split across a PDF's pages that would fit on one page")
def split_rows(reading: Reading) -> Iterator[ProofFinding]:
    """Each row split over a page break whose two parts together are no taller than a page's text."""
    room = max((_height(page.blocks) for page in reading.layout), default=0.0)
    for before, after in consecutive(reading.layout):
        row, rest = before.blocks[-1], _first_row(after)
        if row.role != "TR" or row.header or rest is None or not _goes_on(row, rest):
            continue
        if _height((row,)) + _height((rest,)) <= room:
            message = "a table row split across pages, though it fits on one page"
            yield ProofFinding(RULE, reading.file, before.number, excerpt(row.text, 0, len(row.text)), message)


def _first_row(page: PageLayout) -> Block | None:
    """The page's first table row after any header rows, when the page begins with a table."""
    for block in page.blocks:
        if block.role != "TR":
            return None
        if not block.header:
            return block
    return None


def _goes_on(row: Block, rest: Block) -> bool:
    """Whether `rest` is the part of `row` on the next page: as many cells, one empty where `row`'s has words (it
    ended before the break), and each with words going on from a cell of `row` that is empty (none of it fitted)
    or reaches the foot of the row."""
    if len(row.cells) != len(rest.cells) or not any(rest.cells):
        return False
    pairs = list(zip(row.cells, rest.cells, strict=True))
    pitch = _line_pitch(row)
    ended = any(before and not after for before, after in pairs)
    return ended and all(
        not before or before[-1].bottom >= row.bottom - 2.5 * pitch for before, after in pairs if after
    )


def _line_pitch(row: Block) -> float:
    """The distance from one line of a row's cell to the next (the height of a line's text when no cell has two)."""
    steps = [b.bottom - a.bottom for cell in row.cells for a, b in pairwise(cell) if b.bottom > a.bottom]
    return min(steps, default=max((line.bottom - line.top for line in row.lines), default=0.0))


def _height(blocks: tuple[Block, ...]) -> float:
    """From the top of the first block's text to the bottom of the last's (a figure, which has none, not counted)."""
    written = [block for block in blocks if block.lines]
    return max(block.bottom for block in written) - min(block.top for block in written) if written else 0.0
