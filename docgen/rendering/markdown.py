"""Authors' Markdown narratives to the HTML subset the renderers understand."""

from __future__ import annotations

import re
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markupsafe import Markup

from ..errors import UsageError
from ..limits import MAX_MARKDOWN_NESTING

_MAYBE_DEEP = re.compile(rf"^[ \t>*+\-\d.)]{{{MAX_MARKDOWN_NESTING},}}", re.M)
"""A line that starts with enough quote and list markers to nest MAX_MARKDOWN_NESTING levels deep."""
PLAIN = re.compile(r"[^\W\d_][^\x00-\x1f\x7f\\`*_\[\]<&!]*")
"""One line that Markdown reads as words only: a letter first (no heading, list, quote, code block or table can
start), and none of the characters that begin emphasis, code, links, entities, HTML or escapes."""


@cache
def _parser(nesting: int = MAX_MARKDOWN_NESTING) -> MarkdownIt:
    """CommonMark with tables; raw HTML is escaped and images are not rendered (nothing is fetched)."""
    options = {"html": False, "linkify": False, "maxNesting": nesting}
    return MarkdownIt("commonmark", options).enable("table").disable("image")


def markdown_to_html(text: str | None, shift: int = 0) -> Markup:
    """Render Markdown to safe HTML; `shift` demotes headings (# becomes h1+shift, at most h4).

    Block quotes and lists nested deeper than MAX_MARKDOWN_NESTING levels are refused: the parser would
    leave out what is deeper.
    """
    if text and PLAIN.fullmatch(text) and not text[-1].isspace():
        return Markup(f"<p>{escapeHtml(text)}</p>\n")  # what the parser makes of it, without parsing
    html = _parser().render(text or "")
    if text and _MAYBE_DEEP.search(text) and _parser(MAX_MARKDOWN_NESTING + 1).render(text) != html:
        raise UsageError(
            f"a narrative nests block quotes or lists more than {MAX_MARKDOWN_NESTING} levels deep (a list counts "
            "two), and what is deeper would not be shown: nest them less"
        )
    for level in range(6, 0, -1):
        new = min(level + shift, 4)
        html = html.replace(f"<h{level}>", f"<h{new}>").replace(f"</h{level}>", f"</h{new}>")
    return Markup(html)
