"""Authors' Markdown narratives to the HTML subset the renderers understand."""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from markupsafe import Markup


@cache
def _parser() -> MarkdownIt:
    """CommonMark with tables; raw HTML is escaped and images are not rendered (nothing is fetched)."""
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table").disable("image")


def markdown_to_html(text: str | None, shift: int = 0) -> Markup:
    """Render Markdown to safe HTML; `shift` demotes headings (# becomes h1+shift, at most h4)."""
    html = _parser().render(text or "")
    for level in range(6, 0, -1):
        new = min(level + shift, 4)
        html = html.replace(f"<h{level}>", f"<h{new}>").replace(f"</h{level}>", f"</h{new}>")
    return Markup(html)
