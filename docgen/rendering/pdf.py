"""Page HTML to PDF with WeasyPrint, fetching nothing on behalf of the document."""

from __future__ import annotations

import re
from typing import Any

from ..errors import DocgenError, RenderError
from ..limits import UNBROKEN_RUN

BREAK = "\u200b"
"""A zero-width space: where a line may break inside a long word."""
_BODY = re.compile(r"<body\b[^>]*>", re.I)
_PIECE = re.compile(r"(<(?:(style|script)\b.*?</\2\s*|[^>]*)>)|(&#?\w{1,32};)|(\s+)|([^<&\s]+|[<&])", re.S | re.I)
_INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q"})
_INLINE |= {"s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var"}


def html_to_pdf(html: str, title: str) -> bytes:
    """Lay out a page HTML as an A4 PDF; every URL but data: is refused."""
    from weasyprint import HTML  # imported late: slow to import, and must not precede a fork

    try:
        page = HTML(string=with_break_opportunities(html), base_url=None, url_fetcher=_fetcher())
        return bytes(page.write_pdf())
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
