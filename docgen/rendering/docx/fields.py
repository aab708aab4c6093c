"""Word fields: a page number or page count in running text, and a block shown as the result of a field Word
computes again (a table of contents)."""

from __future__ import annotations

from html import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.oxml.xmlchemy import BaseOxmlElement

_FIELDS = {"page-number": "PAGE", "page-count": "NUMPAGES"}  # span classes that become Word fields
_FIELD = f'<w:fldSimple {nsdecls("w")} w:instr="{{instr}}"><w:r><w:t>1</w:t></w:r></w:fldSimple>'
"""A simple Word field (PAGE, NUMPAGES) showing 1 until Word or LibreOffice updates it."""


def page_field(classes: tuple[str, ...]) -> BaseOxmlElement | None:
    """The field an inline element's classes ask for ("page-number", "page-count"), if any."""
    instruction = next((_FIELDS[c] for c in classes if c in _FIELDS), None)
    return None if instruction is None else parse_xml(_FIELD.format(instr=instruction))


def field_result(paragraphs: list[BaseOxmlElement], instruction: str) -> None:
    """Make a block's paragraphs the current result of a Word field (a table of contents, say)."""
    if not paragraphs:
        return
    code = escape(instruction, quote=False)
    begin = (
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>',
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
    )
    first = paragraphs[0]
    at = 1 if first.pPr is not None else 0
    for offset, run in enumerate(begin):
        first.insert(at + offset, parse_xml(run))
    paragraphs[-1].append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))
