"""HTML tables as Word tables: cells placed on the grid as HTML places them (row and column spans), column widths
from the colgroup, header rows repeated on each page, and the PDF's look (header shading, cell padding, a cell
ending at its padding)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Emu, Length, Twips
from lxml import etree

from . import wordml
from .tree import COLUMNS, Node
from .wordml import BlockPlace, no_space_after

_MAX_COLSPAN = 1000  # the limit browsers apply
_DIGITS = re.compile(r"\s*0*(\d{1,9})")
_WIDTH = re.compile(r"width:\s*([\d.]+)%")
_FILL = re.compile(r"background-color:\s*#([0-9a-fA-F]{6})\b")
_HEIGHT = re.compile(r"(?<![-\w])height:\s*([\d.]+)(mm|pt)\b")
_MIN_HEIGHT = re.compile(r"(?<![-\w])min-height:\s*([\d.]+)(mm|pt)\b")
_TWIPS = {"mm": 1440 / 25.4, "pt": 20.0}
_NO_WRAP, _P = qn("w:noWrap"), qn("w:p")
_HEADER_SHADING = f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="E8EDF4"/>'  # the PDF's th background
_PADDING_ABOVE_AND_BELOW = 68  # the PDF's cell padding, 1.2 mm (twips), above and below
_CELL_MARGINS = parse_xml(  # the PDF's cell padding, 1.2 mm above and below, 1.9 mm at the sides
    f'<w:tblCellMar {nsdecls("w")}><w:top w:w="{_PADDING_ABOVE_AND_BELOW}" w:type="dxa"/>'
    f'<w:left w:w="108" w:type="dxa"/><w:bottom w:w="{_PADDING_ABOVE_AND_BELOW}" w:type="dxa"/>'
    '<w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
)

Row = tuple[bool, bool, list[Node]]
"""A table row: whether it is a header row, whether it is kept whole (not split across pages), its cells."""
CellWriter = Callable[[BlockPlace, Node, bool], None]
"""Writes an HTML cell's content into its Word cell: (where it goes, the cell, whether its paragraphs keep with
the next)."""


@dataclass(frozen=True)
class HtmlTable:
    """An HTML table read for Word."""

    rows: list[Row]
    stray: list[Node | str]
    """What lies outside the cells: it goes before the table, as in browsers."""
    shares: list[float]
    """The column widths the colgroup gives, as percentages (empty when it does not give all of them)."""
    share: float = 100
    """The table's own width (its `style="width: 70%"`), as a percentage of the room it has: a narrower table is
    centred, as `margin: auto` centres it in the PDF."""


ROWS_MAY_SPLIT = frozenset({"chronology", "action-plan"})
"""The tables whose long rows break across pages (house.css: `.chronology tr, .action-plan tr`); a row of any other
table moves whole to the next page, in Word as in the PDF (`tr { break-inside: avoid }`)."""


def read_table(table: Node) -> HtmlTable:
    """The rows, stray content and column widths of a <table> element."""
    rows: list[Row] = []
    stray: list[Node | str] = []
    _collect_rows(table, False, rows, stray)
    if not ROWS_MAY_SPLIT.intersection(table.classes):  # every row kept whole, as house.css keeps it
        rows = [(header, True, cells) for header, _, cells in rows]
    own = _WIDTH.search(table.attrs.get("style", ""))
    return HtmlTable(rows, stray, _column_widths(table), min(float(own[1]), 100) if own else 100)


def add_table(
    place: BlockPlace, table: HtmlTable, style: str | None, room: Length, keep: bool, write_cell: CellWriter
) -> BaseOxmlElement | None:
    """Add a table in a style (by id), its colgroup's widths fixed and spread over `room`, with header rows repeated
    on each page, spans merged, and its rows not split when `keep` (its cells' paragraphs then keep with the next
    but in the last row); None when it has no cells."""
    rows = table.rows
    width, placements = _layout([cells for _, _, cells in rows])
    if not width:
        return None
    shares = table.shares
    room = Emu(round(room * table.share / 100))
    even = Emu(place.width // width)  # python-docx's even spread, which a nested table's width follows
    nested = Twips(even.twips)
    fixed = len(shares) == width
    columns = [round(share / sum(shares) * room / 635) for share in shares] if fixed else [even.twips] * width
    tbl = place.add(wordml.table(style, columns, fixed, _CELL_MARGINS, table.share))
    if place.in_cell:  # Word wants a paragraph at the end of a cell, and python-docx adds one after a table
        place.paragraph()
    starting = {(top, left): (height, span, cell) for top, left, height, span, cell in placements}
    covering: dict[tuple[int, int], int] = {}  # (row, column) below a cell spanning rows: its span
    for top, (header, kept_whole, _) in enumerate(rows):
        tr = wordml.row(tbl, header, keep or kept_whole)
        column = 0
        while column < width:
            if (top, column) in starting:
                height, span, cell_node = starting[top, column]
                for below in range(top + 1, top + height):
                    covering[below, column] = span
                merge = "restart" if height > 1 else None
                tc = wordml.cell(tr, sum(columns[column : column + span]), span, merge)
                _cell(tc, cell_node, nested, keep and top + height < len(rows), write_cell)
                if height == 1 and (tall := _height(cell_node)):
                    wordml.at_least(tr, tall)
            elif (top, column) in covering:
                span = covering[top, column]
                wordml.cell(tr, sum(columns[column : column + span]), span, "continue")
            else:
                span = 1
                wordml.cell(tr, columns[column], empty=True)
            column += span
    return tbl


def _height(node: Node) -> int:
    """The height of the row a cell makes in the PDF, in twips: what its style asks (`height: 15mm`, a space to
    write in) or the tallest `min-height` of what it holds (a blank form's box to fill in), with the padding above
    and below it (a Word row's height holds its cells' margins); 0 when it asks none."""
    found = [_HEIGHT.search(node.attrs.get("style", ""))]
    found += [_MIN_HEIGHT.search(inner.attrs.get("style", "")) for inner in _descendants(node)]
    asked = max((round(float(f[1]) * _TWIPS[f[2]]) for f in found if f), default=0)
    return asked + 2 * _PADDING_ABOVE_AND_BELOW if asked else 0


def _descendants(node: Node) -> list[Node]:
    """The elements inside a node, outside any table nested in it (whose rows take their own heights)."""
    inner = [child for child in node.children if isinstance(child, Node) and child.tag != "table"]
    return inner + [below for child in inner for below in _descendants(child)]


def _cell(tc: BaseOxmlElement, node: Node, width: Length, keep: bool, write_cell: CellWriter) -> None:
    """Fill a Word cell from an HTML one (`width`: what a table nested in it spreads over)."""
    properties = tc[0]  # the cell's w:tcPr, made with it
    if node.tag == "th":  # the PDF's header-cell shading
        properties.append(parse_xml(_HEADER_SHADING))
    if "style" in node.attrs and (fill := _FILL.search(node.attrs["style"])):
        shading = f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill[1].upper()}"/>'
        properties.append(parse_xml(shading))
    if "nowrap" in node.classes:
        etree.SubElement(properties, _NO_WRAP)
    place = BlockPlace(tc, width, in_cell=True)
    write_cell(place, node, keep)
    if tc[-1].tag != _P:  # Word wants every cell to end with a paragraph
        place.paragraph()
    no_space_after(tc[-1])  # a cell ends at its padding, as in the PDF


def _column_widths(table: Node) -> list[float]:
    """The widths a table's <colgroup><col style="width: 20%"> give, as percentages (empty when not all do)."""
    cols = [
        child
        for group in table.children
        if isinstance(group, Node) and group.tag == "colgroup"
        for child in group.children
        if isinstance(child, Node) and child.tag == "col"
    ]
    widths = [_WIDTH.search(col.attrs.get("style", "")) for col in cols]
    return [float(w[1]) for w in widths if w] if all(widths) else []


def _collect_rows(node: Node, header: bool, rows: list[Row], stray: list[Node | str]) -> None:
    """Gather (is-header, kept whole, cells) per table row; anything outside cells goes to `stray`."""
    for child in node.children:
        if isinstance(child, Node) and child.tag in COLUMNS:
            continue
        if isinstance(child, str) or child.tag not in ("thead", "tbody", "tr"):
            stray.append(child)
        elif child.tag == "tr":
            cells: list[Node] = []
            for cell in child.children:
                if isinstance(cell, Node) and cell.tag in ("td", "th"):
                    cells.append(cell)
                else:
                    stray.append(cell)
            rows.append((header, "keep-together" in child.classes, cells))
        else:
            _collect_rows(child, header or child.tag == "thead", rows, stray)


def _layout(rows: list[list[Node]]) -> tuple[int, list[tuple[int, int, int, int, Node]]]:
    """Place cells on the grid like HTML does: (columns, [(row, col, rowspan, colspan, cell)])."""
    busy_until: dict[int, int] = {}  # column -> first row no longer covered by a rowspan
    placements = []
    width = 0
    for top, cells in enumerate(rows):
        left = 0
        for cell in cells:
            while busy_until.get(left, 0) > top:
                left += 1
            height = _span(cell, "rowspan", len(rows) - top)
            wanted = _span(cell, "colspan", _MAX_COLSPAN)
            span = 1  # never overlap a rowspan coming from above
            while span < wanted and busy_until.get(left + span, 0) <= top:
                span += 1
            for column in range(left, left + span):
                busy_until[column] = top + height
            placements.append((top, left, height, span, cell))
            left += span
        width = max(width, left)
    return width, placements


def _span(cell: Node, name: str, limit: int) -> int:
    digits = _DIGITS.match(cell.attrs.get(name, ""))
    return min(limit, max(1, int(digits[1]))) if digits else 1
