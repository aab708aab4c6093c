"""Landscape sections (the PDF's "wide" named page) between the portrait ones of a document, and the width of the
text on its pages either way round.

A section's properties sit on the paragraph ending it; the last section's are the body's `w:sectPr`, which
stays the portrait section the document returns to.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy

from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from docx.oxml.document import CT_Document
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Length, Twips

from .wordml import BlockPlace

# left out of a new section's properties so that it shows the headers and footers of the one before it
_INHERITED = frozenset({qn("w:headerReference"), qn("w:footerReference"), qn("w:titlePg")})
# an empty paragraph ending a section takes as little room as Word allows, so that it rarely spills onto a page
_BREAK_PPR = (
    f'<w:pPr {nsdecls("w")}><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
    '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr>'
)


def text_width(document: CT_Document, landscape: bool) -> Length:
    """The width between the margins of the document's last section's pages (turned, when `landscape`)."""
    section = document.body.sectPr
    if section is None or not (section.page_width and section.page_height):
        return Twips(9638)  # A4 with 20 mm margins
    width, height = section.page_width, section.page_height
    page = max(width, height) if landscape else width
    return Length(page - (section.left_margin or 0) - (section.right_margin or 0))


class LandscapeSections:
    """The landscape sections of blocks going into a document's body (`root`, in its last section)."""

    def __init__(self, document: CT_Document, root: BlockPlace) -> None:
        self._document = document
        self._root = root
        self._last_break: BaseOxmlElement | None = None  # the paragraph ending the last landscape section

    def add(self, render: Callable[[], None]) -> None:
        """Put what `render` adds to the root in a landscape section between the portrait ones before and after
        it (or after the landscape one before it, with nothing between them)."""
        current = self._document.body.sectPr
        if current is None:  # no page setup to turn
            render()
            return
        previous = self._last_break
        if previous is not None and self._root.is_last(previous):
            # straight after another landscape block: its pages go on, as with a CSS named page
            landscape = previous.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
            _remove(previous)
            render()
            self._end(landscape)
            return
        start = self._section_break()
        render()
        if self._root.is_last(start):  # nothing rendered: no empty landscape page
            _remove(start)
            return
        # the section until here is the one that was current: all of its properties, headers and first page
        start.get_or_add_pPr().append(deepcopy(current))
        # the sections from here on show the headers and footers of the one before and count its pages on
        for child in list(current):
            if child.tag in _INHERITED:
                current.remove(child)
        numbers = current.find(qn("w:pgNumType"))
        if numbers is not None:
            numbers.attrib.pop(qn("w:start"), None)
        current.get_or_add_type().set(qn("w:val"), "nextPage")
        landscape = deepcopy(current)
        width = landscape.page_width or Twips(12240)  # Word's default page: US Letter
        height = landscape.page_height or Twips(15840)
        landscape.page_width, landscape.page_height = Length(max(width, height)), Length(min(width, height))
        landscape.orientation = WD_ORIENT.LANDSCAPE
        self._end(landscape)

    def end(self) -> None:
        """Give a last landscape section a portrait one to return to: a document ends with a plain paragraph."""
        if self._last_break is not None and self._root.is_last(self._last_break):
            self._root.paragraph()

    def _end(self, landscape: BaseOxmlElement) -> None:
        self._last_break = self._section_break()
        self._last_break.get_or_add_pPr().append(landscape)

    def _section_break(self) -> BaseOxmlElement:
        """An empty paragraph to carry the properties of the section it ends."""
        p = self._root.paragraph()
        p.insert(0, parse_xml(_BREAK_PPR))
        return p


def _remove(element: BaseOxmlElement) -> None:
    parent = element.getparent()
    assert parent is not None
    parent.remove(element)
