"""WordprocessingML elements made directly, in the form python-docx gives them, without its per-element look-ups.

python-docx finds where each new element goes by scanning its siblings (a paragraph added to a body looks for
the section properties at the end of it; each property set looks through the properties before it), so a
long document or a table of thousands of rows is built in time that grows faster than its size. Here a
paragraph is added at a known place, a run's properties are made once for each combination of marks and
copied, and a table's rows and cells are made as they are written: time in proportion to the cells.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass
from functools import cache, lru_cache

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, nsmap, qn
from docx.oxml.parser import oxml_parser
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Length, Pt
from docx.text.parfmt import ParagraphFormat
from docx.text.run import Run
from lxml import etree

Mark = tuple[str, object]
"""A python-docx Font attribute and the value to give it, e.g. ('bold', True)."""

_P, _P_PR, _R, _T, _BR = qn("w:p"), qn("w:pPr"), qn("w:r"), qn("w:t"), qn("w:br")
_SECTION = qn("w:sectPr")
_PRESERVE = qn("xml:space")
_TR, _TR_PR, _TC, _TC_PR, _TC_W = qn("w:tr"), qn("w:trPr"), qn("w:tc"), qn("w:tcPr"), qn("w:tcW")
_GRID_SPAN, _V_MERGE, _VAL, _TYPE, _W = qn("w:gridSpan"), qn("w:vMerge"), qn("w:val"), qn("w:type"), qn("w:w")
_NAMESPACES = {"w": nsmap["w"]}
_NO_SPACE_AFTER = parse_xml(f'<w:pPr {nsdecls("w")}><w:spacing w:after="0"/></w:pPr>')
_LOOK = {"firstColumn": "1", "firstRow": "1", "lastColumn": "0", "lastRow": "0", "noHBand": "0", "noVBand": "1"}


@dataclass(frozen=True)
class BlockPlace:
    """Where blocks go: the end of a body (before its section properties), of a header or of a table cell; or in
    front of a paragraph standing for them (`before`)."""

    element: BaseOxmlElement
    width: Length
    """The width a table without column widths is spread over, as python-docx spreads it."""
    in_cell: bool = False
    before: BaseOxmlElement | None = None

    def add(self, block: BaseOxmlElement) -> BaseOxmlElement:
        """Add a block (a paragraph, a table) and return it."""
        if (end := self._end()) is not None:
            end.addprevious(block)
        else:
            self.element.append(block)
        return block

    def paragraph(self) -> BaseOxmlElement:
        """Add a new, empty paragraph and return it."""
        if self._end() is None:
            p: BaseOxmlElement = etree.SubElement(self.element, _P)
            return p
        return self.add(_make(_P))

    def is_last(self, block: BaseOxmlElement) -> bool:
        """Whether nothing follows a block but the end of the place (the body's section properties, `before`)."""
        following = block.getnext()
        return following is None or following is self.before or following.tag == _SECTION

    def _end(self) -> BaseOxmlElement | None:
        if self.before is not None:
            return self.before
        last = self.element[-1] if len(self.element) else None
        return last if last is not None and last.tag == _SECTION else None


def no_space_after(p: BaseOxmlElement) -> None:
    """No space after a paragraph (the last of a table cell, which ends at its padding)."""
    if len(p) and p[0].tag == _P_PR:
        ParagraphFormat(p).space_after = 0
    else:
        p.insert(0, _NO_SPACE_AFTER.__copy__())


def text_run(parent: BaseOxmlElement, text: str, marks: frozenset[Mark], size: float | None) -> BaseOxmlElement:
    """A run of text at the end of a paragraph (or link), with its marks and size (points), as python-docx's
    `add_run(text)` and `run.font` make it."""
    run: BaseOxmlElement = _empty_run(marks, size).__copy__()  # an element's copy is a deep one
    t = run[-1]
    t.text = text
    if len(text.strip()) < len(text):
        t.set(_PRESERVE, "preserve")
    parent.append(run)
    return run


def break_run(parent: BaseOxmlElement, kind: str | None = None) -> BaseOxmlElement:
    """A run holding a line break (a page break for `kind='page'`) at the end of a paragraph."""
    run = etree.SubElement(parent, _R)
    br = etree.SubElement(run, _BR)
    if kind is not None:
        br.set(_TYPE, kind)
    return run


@cache
def _empty_run(marks: frozenset[Mark], size: float | None) -> BaseOxmlElement:
    """The run `text_run` copies for these marks and size: the `w:rPr` python-docx writes for them (made once per
    combination), and an empty `w:t`."""
    run = Run(_make(_R), None)  # type: ignore[arg-type]
    for attribute, value in sorted(marks, key=repr):
        setattr(run.font, attribute, value)
    if size:
        run.font.size = Pt(size)
    etree.SubElement(run._r, _T)
    return run._r


def table(
    style: str | None, columns: list[int], fixed: bool, cell_margins: BaseOxmlElement, share: float = 100
) -> BaseOxmlElement:
    """An empty `w:tbl` `share` per cent of its container's width, centred when narrower (columns in twips;
    `fixed`: laid out from them)."""
    tbl = _make(qn("w:tbl"))
    properties = etree.SubElement(tbl, qn("w:tblPr"))
    if style is not None:
        etree.SubElement(properties, qn("w:tblStyle")).set(_VAL, style)
    width = etree.SubElement(properties, qn("w:tblW"))
    width.set(_TYPE, "pct")
    width.set(_W, str(round(share * 50)))  # fiftieths of a per cent
    if share < 100:
        etree.SubElement(properties, qn("w:jc")).set(_VAL, "center")
    if fixed:
        etree.SubElement(properties, qn("w:tblLayout")).set(_TYPE, "fixed")
    properties.append(deepcopy(cell_margins))
    look = etree.SubElement(properties, qn("w:tblLook"))
    for name, value in _LOOK.items():
        look.set(qn(f"w:{name}"), value)
    look.set(_VAL, "04A0")
    grid = etree.SubElement(tbl, qn("w:tblGrid"))
    for twips in columns:
        etree.SubElement(grid, qn("w:gridCol")).set(_W, str(twips))
    return tbl


def row(tbl: BaseOxmlElement, header: bool, keep: bool) -> BaseOxmlElement:
    """A new row at the end of a table: repeated at the top of each page when `header`, never split when `keep`."""
    tr: BaseOxmlElement = etree.SubElement(tbl, _TR)
    if header or keep:
        properties = etree.SubElement(tr, _TR_PR)
        if keep:
            etree.SubElement(properties, qn("w:cantSplit"))
        if header:
            etree.SubElement(properties, qn("w:tblHeader"))
    return tr


def at_least(tr: BaseOxmlElement, twips: int) -> None:
    """Make a row at least `twips` tall (the tallest cell that asks wins)."""
    properties = tr.find(_TR_PR)
    if properties is None:
        properties = etree.Element(_TR_PR)
        tr.insert(0, properties)
    height = properties.find(qn("w:trHeight"))
    if height is None:
        height = etree.SubElement(properties, qn("w:trHeight"), {qn("w:hRule"): "atLeast"})
    height.set(qn("w:val"), str(max(twips, int(height.get(qn("w:val"), "0")))))


def cell(
    tr: BaseOxmlElement, twips: int, span: int = 1, merge: str | None = None, empty: bool = False
) -> BaseOxmlElement:
    """A new cell at the end of a row, `twips` wide, spanning `span` grid columns; `merge` 'restart' begins a cell
    spanning rows, 'continue' is its part in a row below. An `empty` cell (and a 'continue') holds an empty
    paragraph only. Its properties, `w:tcPr`, are its first child."""
    tc: BaseOxmlElement = _cell(twips, span, merge, empty or merge == "continue").__copy__()
    tr.append(tc)
    return tc


@lru_cache(maxsize=256)
def _cell(twips: int, span: int, merge: str | None, empty: bool) -> BaseOxmlElement:
    """The cell `cell` copies: a table's cells come in a few widths and kinds."""
    tc = _make(_TC)
    properties = etree.SubElement(tc, _TC_PR)
    width = etree.SubElement(properties, _TC_W)
    width.set(_TYPE, "dxa")
    width.set(_W, str(twips))
    if span > 1:
        etree.SubElement(properties, _GRID_SPAN).set(_VAL, str(span))
    if merge is not None:
        vertical = etree.SubElement(properties, _V_MERGE)
        if merge != "continue":  # python-docx leaves out the default value
            vertical.set(_VAL, merge)
    if empty:
        etree.SubElement(tc, _P)
    return tc


def _make(tag: str) -> BaseOxmlElement:
    """A new element of WordprocessingML, of python-docx's class for it (CT_P for w:p …)."""
    element: BaseOxmlElement = oxml_parser.makeelement(tag, nsmap=_NAMESPACES)
    return element
