"""The tags and texts of plain HTML, read with two regular expressions instead of Python's HTMLParser.

docgen's own pages are plain: lower-case tags, attributes in double quotes, text with character references, and
nothing else (no comments, declarations, scripts or stray `<`). For such markup `plain_events` gives exactly
the calls an `HTMLParser(convert_charrefs=True)` would make, at about twice its speed (it matters for a
chronology of thousands of rows); for anything else it gives None, and the caller uses HTMLParser itself.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

_TAG = re.compile(r'<(?:([a-z][a-z0-9]*)((?:[ \n]+[a-z][a-z0-9-]*(?:="[^"<]*")?)*)[ \n]*(/?)|/([a-z][a-z0-9]*))>')
_ATTRIBUTE = re.compile(r'[ \n]+([a-z][a-z0-9-]*)(?:="([^"]*)")?')
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"})
"""Elements whose content a parser reads as text up to their end tag (HTMLParser's CDATA_CONTENT_ELEMENTS and
more): left to HTMLParser."""

Attributes = list[tuple[str, str | None]]
Event = tuple[str, str, Attributes] | tuple[str, str]
"""('start', tag, attributes), ('end', tag) or ('data', text)."""


def plain_events(html: str) -> list[Event] | None:
    """The start tags, end tags and texts of plain markup, in order; None when the markup is not plain.

    >>> plain_events('<p class="a">x &amp; y<br/></p>')
    [('start', 'p', [('class', 'a')]), ('data', 'x & y'), ('start', 'br', []), ('end', 'br'), ('end', 'p')]
    >>> plain_events("<p>1 < 2</p>") is None
    True
    """
    events: list[Event] = []
    at = 0
    for tag in _TAG.finditer(html):
        if not _text(html[at : tag.start()], events):
            return None
        at = tag.end()
        name, attributes, closed, end = tag.groups()
        if end:
            events.append(("end", end))
            continue
        if name in _RAW_TEXT:
            return None
        found = [
            (match[1], None if match[2] is None else unescape(match[2])) for match in _ATTRIBUTE.finditer(attributes)
        ]
        events.append(("start", name, found))
        if closed:
            events.append(("end", name))
    return events if _text(html[at:], events) else None


def _text(text: str, events: list[Event]) -> bool:
    """Add a text (unless empty) to the events; False when it holds a `<` that no tag here explains."""
    if "<" in text:
        return False
    if text:
        events.append(("data", unescape(text)))
    return True


def replay(events: list[Event], parser: HTMLParser) -> None:
    """Make a parser's handler calls for the events."""
    for event in events:
        if event[0] == "data":
            parser.handle_data(event[1])
        elif event[0] == "start":
            parser.handle_starttag(event[1], event[2])  # type: ignore[misc]
        else:
            parser.handle_endtag(event[1])
