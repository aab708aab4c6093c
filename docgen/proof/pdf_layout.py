"""A PDF's layout as the layout rules read it: each page's blocks (headings, paragraphs, list items, table rows,
sign-off sections) in reading order, with their lines of text and where they stand on the page.

Every PDF docgen writes is tagged (docgen/rendering/pdf/engine.py): its structure tree names each block (H1–H6,
P, LI, TR, Sect …) and the marked content on the page that holds its text. WeasyPrint builds that tree page by
page, so a block a page break splits is two blocks, one on each page. The text and the box of each piece of
marked content come from PDFium's page objects.
"""

from __future__ import annotations

import ctypes
import io
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

BLOCKS = frozenset({"H1", "H2", "H3", "H4", "H5", "H6", "P", "LI", "TR", "Caption", "Figure", "Sect"})
"""The structure types read as one block each (whatever they hold)."""
HEADINGS = frozenset({"H1", "H2", "H3", "H4", "H5", "H6"})
CELLS = frozenset({"TD", "TH"})
SIGN_OFF = "Sect"
"""A sign-off section: a letter's closing and signature, its distribution list, a report's signatures
(templates mark them `<section>`, which the tagged PDF names Sect)."""
_END_HYPHEN = "\x02"
"""How PDFium gives a hyphen that ends a line."""


@dataclass(frozen=True)
class Line:
    """A line of text: its words and its top and bottom, in points from the top of the page."""

    text: str
    top: float
    bottom: float


@dataclass(frozen=True)
class Block:
    """A block of a page, by its structure type ('H2', 'P', 'TR', 'Sect' …), with its lines; a table row's
    cells, each its lines; whether a row is a table's header (repeated on each page); whether it holds a list."""

    role: str
    lines: tuple[Line, ...]
    cells: tuple[tuple[Line, ...], ...] = ()
    header: bool = False
    holds_list: bool = False

    @property
    def text(self) -> str:
        """Its words on one line (a row's cells parted by ' | ')."""
        if self.cells:
            return " | ".join(" ".join(line.text for line in cell) for cell in self.cells)
        return " ".join(line.text for line in self.lines)

    @property
    def top(self) -> float:
        return min((line.top for line in self.lines), default=0.0)

    @property
    def bottom(self) -> float:
        return max((line.bottom for line in self.lines), default=0.0)


@dataclass(frozen=True)
class PageLayout:
    """A page: its number (from 1), its height in points, and its blocks with text, in reading order (without what
    every page repeats at the same place, such as a DRAFT watermark)."""

    number: int
    height: float
    blocks: tuple[Block, ...]


def consecutive(layout: tuple[PageLayout, ...]) -> Iterator[tuple[PageLayout, PageLayout]]:
    """Each page with text and the page after it, when that one has text too."""
    for before, after in pairwise(layout):
        if after.number == before.number + 1 and before.blocks and after.blocks:
            yield before, after


def pdf_layout(content: bytes) -> tuple[PageLayout, ...]:
    """The layout of a PDF's pages; no pages for a PDF without a structure tree."""
    import pikepdf
    import pypdfium2 as pdfium

    with pikepdf.open(io.BytesIO(content)) as pdf:
        tree = pdf.Root.get("/StructTreeRoot")
        if tree is None:
            return ()
        numbers = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}
        elements: dict[int, list[_TaggedBlock]] = defaultdict(list)
        for element in _blocks(tree, None, numbers, header=False):
            elements[element.page].append(element)
    document = pdfium.PdfDocument(content)
    try:
        pages = []
        for number in range(1, len(document) + 1):
            if number not in elements:
                continue
            lines, height = _marked_lines(document, number - 1)
            blocks = tuple(
                block for element in elements[number] if (block := element.block(lines)).lines or block.role == "Figure"
            )
            pages.append(PageLayout(number, height, blocks))
        return _without_furniture(pages)
    finally:
        document.close()


@dataclass
class _TaggedBlock:
    """A block of the structure tree before its text is read: its page and its marked content ids (by cell)."""

    role: str
    page: int
    cells: list[list[int]]
    header: bool
    holds_list: bool = False

    def block(self, lines: dict[int, Line]) -> Block:
        cells = tuple(_joined(lines[mcid] for mcid in cell if mcid in lines) for cell in self.cells)
        every = _joined(line for cell in cells for line in cell)
        return Block(self.role, every, cells if self.role == "TR" else (), self.header, self.holds_list)


def _without_furniture(pages: list[PageLayout]) -> tuple[PageLayout, ...]:
    """The pages without the blocks every one of them has, with the same words at the same place."""
    if len(pages) < 2:
        return tuple(pages)
    shared = set.intersection(*({(b.text, round(b.top)) for b in page.blocks} for page in pages))
    return tuple(
        PageLayout(page.number, page.height, tuple(b for b in page.blocks if (b.text, round(b.top)) not in shared))
        for page in pages
    )


def _blocks(node: Any, page: int | None, numbers: dict[Any, int], header: bool) -> Iterator[_TaggedBlock]:
    """The blocks below a structure node, in reading order; text outside any block (a run of it between blocks) is
    a block of its parent's type."""
    if (pg := node.get("/Pg")) is not None:
        page = numbers.get(pg.objgen, page)
    loose: list[int] = []
    for kid in _kids(node):
        role = _role(kid)
        if isinstance(kid, int) or (role == "Span" and not _has_structure(kid)):
            loose += [kid] if isinstance(kid, int) else _mcids(kid)
            continue
        if role is None:
            continue
        if loose and page is not None:
            yield _TaggedBlock(_role(node) or "Div", page, [loose], header)
        loose = []
        if role in BLOCKS:
            kid_page = numbers.get(kid.Pg.objgen, page) if "/Pg" in kid else page
            cells = [_mcids(cell) for cell in _kids(kid) if _role(cell) in CELLS] if role == "TR" else [_mcids(kid)]
            if kid_page is not None:
                yield _TaggedBlock(role, kid_page, cells, header, role == SIGN_OFF and _holds(kid, "L"))
        else:
            yield from _blocks(kid, page, numbers, header or role == "THead")
    if loose and page is not None:
        yield _TaggedBlock(_role(node) or "Div", page, [loose], header)


def _holds(node: Any, role: str) -> bool:
    """Whether a structure element of type `role` is below a node."""
    return any(_role(kid) == role or _holds(kid, role) for kid in _kids(node) if _role(kid) is not None)


def _has_structure(node: Any) -> bool:
    """Whether a node holds structure elements beyond spans (a span that is not only text)."""
    return any(_role(kid) not in (None, "Span") for kid in _kids(node))


def _mcids(node: Any) -> list[int]:
    """Every marked content id below a node, in order."""
    found: list[int] = []
    for kid in _kids(node):
        if isinstance(kid, int):
            found.append(kid)
        elif _role(kid) is not None:
            found += _mcids(kid)
    return found


def _kids(node: Any) -> list[Any]:
    import pikepdf

    kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
    if kids is None:
        return []
    return [int(kid) if isinstance(kid, int) else kid for kid in (kids if isinstance(kids, pikepdf.Array) else [kids])]


def _role(node: Any) -> str | None:
    import pikepdf

    return str(node.S)[1:] if isinstance(node, pikepdf.Dictionary) and "/S" in node else None


def _marked_lines(document: Any, index: int) -> tuple[dict[int, Line], float]:
    """Each marked content id's text on a page, and its top and bottom (PDFium's text objects, joined by id; the
    page's own objects, which is where WeasyPrint writes its text); the page's height."""
    import pypdfium2.raw as raw

    page = document[index]
    textpage = page.get_textpage()
    try:
        height = page.get_height()
        found: dict[int, list[tuple[str, float, float]]] = defaultdict(list)
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        buffer = (raw.FPDF_WCHAR * 1024)()
        for number in range(raw.FPDFPage_CountObjects(page.raw)):
            obj = raw.FPDFPage_GetObject(page.raw, number)
            if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_TEXT:
                continue
            mcid = raw.FPDFPageObj_GetMarkedContentID(obj)
            if mcid < 0:
                continue
            size = raw.FPDFTextObj_GetText(obj, textpage.raw, None, 0)
            if size > 2 * len(buffer):
                buffer = (raw.FPDF_WCHAR * (size // 2))()
            raw.FPDFTextObj_GetText(obj, textpage.raw, buffer, size)
            text = bytes(memoryview(buffer))[: max(0, size - 2)].decode("utf-16-le", "replace")
            raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
            found[mcid].append((text.replace(_END_HYPHEN, "-"), height - top.value, height - bottom.value))
        lines = {
            mcid: Line("".join(t for t, _, _ in pieces), min(p[1] for p in pieces), max(p[2] for p in pieces))
            for mcid, pieces in found.items()
        }
        return lines, height
    finally:
        textpage.close()
        page.close()


def _joined(pieces: Iterable[Line]) -> tuple[Line, ...]:
    """Pieces of text on the same line (their middles within each other's height) joined into one line."""
    lines: list[Line] = []
    for piece in pieces:
        if not piece.text.strip():
            continue
        last = lines[-1] if lines else None
        if last is not None and last.top <= (piece.top + piece.bottom) / 2 <= last.bottom:
            lines[-1] = Line(f"{last.text}{piece.text}", min(last.top, piece.top), max(last.bottom, piece.bottom))
        else:
            lines.append(piece)
    return tuple(Line(line.text.strip(), line.top, line.bottom) for line in lines)
