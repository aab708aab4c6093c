"""Text as a reader would find it in a rendered document: every DOCX part, every PDF page."""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_PARTS = re.compile(
    r"^(word/(document|header\d*|footer\d*|comments|footnotes|endnotes)\.xml|docProps/(core|app|custom)\.xml)$"
)
_ALT_TEXT = ("descr", "title", "name")


def docx_parts_text(data: bytes) -> dict[str, str]:
    """The text of every part of a DOCX that a reader can see or inspect, by part name.

    Runs are joined within a paragraph (names split across runs come out whole); paragraphs,
    line breaks and table cells become new lines; drawing alt text and document properties count.
    """
    out: dict[str, str] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in sorted(package.namelist()):
            if _TEXT_PARTS.match(name):
                out[name] = _xml_text(package.read(name))
    return out


def docx_hidden_text(data: bytes) -> dict[str, str]:
    """What a DOCX holds that is not shown as text: external link targets and field codes, by part name."""
    out: dict[str, str] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in sorted(package.namelist()):
            if name.endswith(".rels"):
                root = etree.fromstring(package.read(name))
                targets = [r.get("Target", "") for r in root if r.get("TargetMode") == "External"]
                out[f"the link targets of {name}"] = "\n".join(targets)
            elif _TEXT_PARTS.match(name) and name.startswith("word/"):
                codes = etree.fromstring(package.read(name)).iter(f"{_W}instrText")
                out[f"the field codes of {name}"] = "\n".join(code.text or "" for code in codes)
    return {place: text for place, text in out.items() if text}


def docx_text(data: bytes) -> str:
    """All the text of a DOCX, every part joined."""
    return "\n".join(docx_parts_text(data).values())


def _xml_text(xml: bytes) -> str:
    root = etree.fromstring(xml)
    if root.tag.startswith(_W) or root.find(f".//{_W}p") is not None:
        return _word_text(root)
    return "\n".join(t.strip() for t in root.itertext() if t.strip())


def _word_text(root: etree._Element) -> str:
    lines: list[str] = []
    for paragraph in root.iter(f"{_W}p"):
        line = []
        for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}instrText"):
            if node.tag == f"{_W}t":
                line.append(node.text or "")
            elif node.tag in (f"{_W}br", f"{_W}cr"):
                line.append("\n")
            elif node.tag == f"{_W}tab":
                line.append("\t")
        lines.append("".join(line).replace(NO_BREAK_SPACE, " "))
    for element in root.iter():
        for attribute in _ALT_TEXT:
            value = element.get(attribute)
            if value and element.tag.endswith(("docPr", "cNvPr")):
                lines.append(value)
        if element.tag.endswith("textpath") and element.get("string"):
            lines.append(element.get("string", ""))
    return "\n".join(lines)


def pdf_pages_text(data: bytes) -> list[str]:
    """The text of each page of a PDF, in order."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return [_pdfium_text(page.get_textpage().get_text_range()) for page in document]
    finally:
        document.close()


def _pdfium_text(text: str) -> str:
    """PDFium's text as printed: U+FFFE marks a hyphen that ended a line, CR LF ends lines."""
    return text.replace("\ufffe", "-").replace("\r\n", "\n").replace("\r", "\n").replace(NO_BREAK_SPACE, " ")


NO_BREAK_SPACE = "\u00a0"
"""Read as a space: a document keeps a date's day and month together with one ('30 September'), and a search
for the date, a name or a term must find it all the same."""


def pdf_link_targets(data: bytes) -> list[str]:
    """The targets (URIs) of the links on each page of a PDF, one per line, in page order."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(data)
    try:
        pages = []
        for page in document:
            targets, position, link = [], ctypes.c_int(0), raw.FPDF_LINK()
            while raw.FPDFLink_Enumerate(page.raw, ctypes.byref(position), ctypes.byref(link)):
                action = raw.FPDFLink_GetAction(link)
                size = raw.FPDFAction_GetURIPath(document.raw, action, None, 0) if action else 0
                if size:
                    buffer = ctypes.create_string_buffer(size)
                    raw.FPDFAction_GetURIPath(document.raw, action, buffer, size)
                    targets.append(buffer.value.decode("utf-8", "replace"))
            pages.append("\n".join(targets))
        return pages
    finally:
        document.close()


def pdf_metadata_text(data: bytes) -> str:
    """The document information (title, author, subject, keywords …) of a PDF."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return "\n".join(value for value in document.get_metadata_dict().values() if value)
    finally:
        document.close()
