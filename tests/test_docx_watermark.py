"""The header watermark, checked on documents saved and opened again."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocumentObject
from docx.section import _Header
from lxml import etree

from docgen.rendering.docx.watermark import add_watermark

_NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
}
_SHAPES = etree.XPath(".//w:r/w:pict/v:shape", namespaces=_NS)
_STRING = etree.XPath("string(v:textpath/@string)", namespaces=_NS)
_SHAPETYPE = etree.XPath('.//v:shapetype[@id="_x0000_t136"]/v:textpath', namespaces=_NS)


def _reopen(document: DocumentObject) -> DocumentObject:
    buffer = io.BytesIO()
    document.save(buffer)
    return Document(buffer)


def _headers(document: DocumentObject) -> list[_Header]:
    return [
        header
        for section in document.sections
        for header in (section.header, section.first_page_header, section.even_page_header)
    ]


def _shapes(header: _Header) -> list[dict[str, str]]:
    """Attributes of each watermark shape, its text path's string under "string"."""
    return [{**shape.attrib, "string": _STRING(shape)} for shape in _SHAPES(header.part.element)]


def _two_section_document() -> DocumentObject:
    document = Document()
    document.add_paragraph("first section")
    document.sections[0].header.paragraphs[0].text = "Kept header text"
    document.add_section()
    document.add_paragraph("second section")
    return document


def test_no_watermark_before_the_call() -> None:
    document = _reopen(_two_section_document())
    assert not any(_shapes(header) for header in _headers(document))


def test_every_header_of_every_section_gets_the_watermark() -> None:
    document = _two_section_document()
    add_watermark(document)
    document = _reopen(document)
    assert len(document.sections) == 2
    for header in _headers(document):
        (shape,) = _shapes(header)
        assert shape["string"] == "DRAFT"
        assert "rotation:315" in shape["style"]
        assert shape["type"] == "#_x0000_t136"
        assert _SHAPETYPE(header.part.element)


def test_existing_header_text_survives() -> None:
    document = _two_section_document()
    add_watermark(document)
    document = _reopen(document)
    for section in document.sections:
        assert section.header.paragraphs[0].text == "Kept header text"


def test_shape_ids_are_unique_and_text_is_configurable() -> None:
    document = _two_section_document()
    add_watermark(document, "COPY & <draft>")
    document = _reopen(document)
    shapes = [shape for header in _headers(document) for shape in _shapes(header)]
    assert {shape["string"] for shape in shapes} == {"COPY & <draft>"}
    parts = {header.part.partname: _shapes(header)[0] for header in _headers(document)}
    ids = [shape["id"] for shape in parts.values()]
    spids = [shape[f"{{{_NS['o']}}}spid"] for shape in parts.values()]
    assert len(set(ids)) == len(ids) == len(parts) and len(set(spids)) == len(spids)
    assert all(shape_id.startswith("PowerPlusWaterMarkObject") for shape_id in ids)


def test_page_settings_are_left_alone() -> None:
    document = _two_section_document()
    add_watermark(document)
    document = _reopen(document)
    assert not any(section.different_first_page_header_footer for section in document.sections)
    assert not document.settings.odd_and_even_pages_header_footer


def test_each_section_with_its_own_headers_gets_a_watermark_in_each() -> None:
    document = _two_section_document()
    for section in document.sections:
        for header in (section.header, section.first_page_header, section.even_page_header):
            header.is_linked_to_previous = False
    add_watermark(document)
    document = _reopen(document)
    headers = _headers(document)
    assert len({header.part.partname for header in headers}) == 6
    assert all(len(_shapes(header)) == 1 for header in headers)
