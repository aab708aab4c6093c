"""Page HTML to PDF with WeasyPrint, fetching nothing on behalf of the document."""

from __future__ import annotations

from typing import Any

from ..errors import RenderError


def html_to_pdf(html: str, title: str) -> bytes:
    """Lay out a page HTML as an A4 PDF; every URL but data: is refused."""
    from weasyprint import HTML  # imported late: slow to import, and must not precede a fork

    try:
        return bytes(HTML(string=html, base_url=None, url_fetcher=_fetcher()).write_pdf())
    except Exception as error:  # WeasyPrint raises many kinds; the user sees one
        raise RenderError(f"PDF layout failed: {error}", title) from error


def _fetcher() -> Any:
    """A URL fetcher that allows only data: URLs (no file:, no network, no attachments)."""
    from weasyprint.urls import URLFetcher

    class DataOnlyFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not url.startswith("data:"):
                raise ValueError(f"docgen fetches nothing: refused {url[:80]!r}")
            return super().fetch(url, headers)

    return DataOnlyFetcher(allowed_protocols={"data"}, allow_redirects=False)
