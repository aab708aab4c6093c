"""Page HTML to PDF with WeasyPrint, fetching nothing on behalf of the document.

Every PDF is tagged (a structure tree from the HTML: headings, lists, tables with their header cells,
figures with their alternative text), with the document's language, its title shown by viewers, and
bookmarks from its headings. A document for publication (the Executive Summary, any anonymised document)
is archival as well: PDF/A-2a (WeasyPrint's 'pdf/a-2a' variant: tagged, fonts embedded, sRGB output
intent) and identified as PDF/UA-1 in the same XMP packet. WeasyPrint writes one variant at a time, so
the PDF/UA identification is added to the metadata it generates (a documented extension point:
`DocumentMetadata`; the upper bound on WeasyPrint in pyproject.toml is for this). The running marking, footer
and page numbers are pagination artifacts (`artifacts.py`), so that all other page content is in the structure
tree.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

from ...errors import DocgenError, RenderError
from ...limits import UNBROKEN_RUN
from ..adjustments import adjust_pdf_writer
from ..gc_pause import collection_paused
from .artifacts import furniture_as_artifacts

BREAK = "\u200b"
"""A zero-width space: where a line may break inside a long word."""
_BODY = re.compile(r"<body\b[^>]*>", re.I)
_PIECE = re.compile(r"(<(?:(style|script)\b.*?</\2\s*|[^>]*)>)|(&#?\w{1,32};)|(\s+)|([^<&\s]+|[<&])", re.S | re.I)
_INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q"})
_INLINE |= {"s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var"}

ARCHIVAL_VARIANT = "pdf/a-2a"
"""PDF/A-2 level A: archival, and tagged for accessibility."""
PDFUA_PART = "1"
"""The PDF/UA part a publication's metadata declares."""


def html_to_pdf(html: str, title: str, archival: bool = False) -> bytes:
    """Lay out a page HTML as a tagged A4 PDF (PDF/A-2a and PDF/UA-1 when `archival`); every URL but data:
    is refused."""
    from weasyprint import HTML  # imported late: slow to import, and never needed by batch and watch parents

    adjust_pdf_writer()

    try:
        with collection_paused():
            document = HTML(string=with_break_opportunities(html), base_url=None, url_fetcher=_fetcher()).render()
            if not archival:
                return furniture_as_artifacts(bytes(document.write_pdf(pdf_tags=True)))
            document.metadata = _with_pdfua(document.metadata)
            with warnings.catch_warnings():  # WeasyPrint reads its sRGB profile without closing the file
                warnings.simplefilter("ignore", ResourceWarning)
                return furniture_as_artifacts(bytes(document.write_pdf(pdf_variant=ARCHIVAL_VARIANT)))
    except DocgenError:
        raise
    except Exception as error:  # WeasyPrint raises many kinds; the user sees one (its message may quote the text)
        raise RenderError(f"PDF layout failed ({type(error).__name__})", title) from error


def with_break_opportunities(html: str, every: int = UNBROKEN_RUN) -> str:
    """The page with a zero-width space after every `every` characters of a run with no space in the body's text
    (across inline elements), so that a long word wraps instead of running off the page, and laying out
    thousands of inline elements glued together ('*a*a*a…') takes linear time.

    >>> with_break_opportunities("<body><p>abcdefg <em>hi</em>jk</p></body>", every=3).replace(BREAK, "|")
    '<body><p>abc|def|g <em>hi</em>j|k</p></body>'
    """
    body = _BODY.search(html)
    start = body.end() if body else 0
    out, run = [html[:start]], 0
    for match in _PIECE.finditer(html, start):
        tag, _, entity, space, text = match.groups()
        if tag or space:
            if space or _tag_name(tag) not in _INLINE:
                run = 0
            out.append(match.group())
            continue
        units = [entity] if entity else list(text)
        for unit in units:
            if run == every:
                out.append(BREAK)
                run = 0
            out.append(unit)
            run += 1
    return "".join(out)


def _tag_name(tag: str) -> str:
    return re.split(r"[\s/>]", tag.lstrip("</").lower(), maxsplit=1)[0]


def _fetcher() -> Any:
    """A URL fetcher that allows only data: URLs (no file:, no network, no attachments)."""
    from weasyprint.urls import URLFetcher

    class DataOnlyFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not url.startswith("data:"):
                raise ValueError(f"docgen fetches nothing: refused {url[:80]!r}")
            return super().fetch(url, headers)

    return DataOnlyFetcher(allowed_protocols={"data"}, allow_redirects=False)


def _with_pdfua(metadata: Any) -> Any:
    """The document's metadata, writing the PDF/UA identification beside the PDF/A one in its XMP packet."""
    from xml.etree.ElementTree import SubElement, fromstring, tostring

    from weasyprint.pdf.metadata import NS, DocumentMetadata

    class PublicationMetadata(DocumentMetadata):  # type: ignore[misc]
        def generate_rdf_metadata(self, *args: Any, **kwargs: Any) -> bytes:
            rdf = fromstring(super().generate_rdf_metadata(*args, **kwargs))
            description = SubElement(rdf, f"{{{NS['rdf']}}}Description", {f"{{{NS['rdf']}}}about": ""})
            description.set(f"{{{NS['pdfuaid']}}}part", PDFUA_PART)
            return bytes(tostring(rdf))

    published = PublicationMetadata()
    published.__dict__.update(metadata.__dict__)
    return published
