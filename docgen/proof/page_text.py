"""A rendered document's text as its reader meets it: a PDF page by page (and its title), a Word file's body,
headers, footers, notes and core properties (its title among them), an HTML page's title and body."""

from __future__ import annotations

import html
import re

from ..gate.extract import docx_parts_text, pdf_pages_text

Pages = tuple[tuple[int | None, str], ...]

_READ_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$|^docProps/core\.xml$")
"""The parts of a Word file a reader sees (its application properties, `docProps/app.xml`, are Word's own)."""
_HIDDEN = re.compile(r"<(script|style)\b.*?</\1\s*>", re.S | re.I)
_BREAKS = re.compile(r"<(?:br|/p|/div|/h[1-6]|/li|/td|/th|/tr|/title|/caption|/dt|/dd)\b[^>]*>", re.I)
_TAGS = re.compile(r"<[^>]+>")


def pages_of(content: bytes, format: str) -> Pages:
    """The text of a document's pages, by format ('pdf', 'docx', 'html')."""
    if format == "pdf":
        return (*enumerate(pdf_pages_text(content), start=1), (None, pdf_title(content)))
    if format == "docx":
        parts = docx_parts_text(content)
        return tuple((None, text) for name, text in parts.items() if _READ_PARTS.match(name))
    return ((None, html_text(content.decode("utf-8", "replace"))),)


def pdf_title(content: bytes) -> str:
    """The title a PDF reader shows in its window and tab."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(content)
    try:
        return document.get_metadata_dict().get("Title", "") or ""
    finally:
        document.close()


def html_text(page: str) -> str:
    """An HTML page's text: its title and body, a line for each block, without styles or scripts."""
    text = _TAGS.sub("", _BREAKS.sub("\n", _HIDDEN.sub("", page)))
    return "\n".join(line.strip() for line in html.unescape(text).splitlines() if line.strip())
