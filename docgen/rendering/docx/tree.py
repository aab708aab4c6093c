"""The HTML subset the Word blocks are made from (its tags and what they mean in Word), read into a tree.

The tree is forgiving, like a browser's: unknown tags vanish (their text stays), stray end tags are ignored,
a new `<li>`, `<tr>` or cell closes the open one, and text is made safe for XML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from ...model.common import visible_controls as xml_safe
from .html_tokens import plain_events, replay
from .wordml import Mark

HEADINGS = {f"h{level}": f"Heading {level}" for level in range(1, 5)}
"""Heading tags and the Word paragraph style each takes."""
BLOCK = frozenset(
    {
        "p",
        "div",
        "section",
        "blockquote",
        "hr",
        "ul",
        "ol",
        "li",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "img",
        *HEADINGS,
    }
)
COLUMNS = frozenset({"colgroup", "col"})
"""A table's column widths, read by the table, rendered as nothing."""
MARKS: dict[str, Mark] = {
    "strong": ("bold", True),
    "b": ("bold", True),
    "em": ("italic", True),
    "i": ("italic", True),
    "u": ("underline", True),
    "code": ("name", "Courier New"),
    "sup": ("superscript", True),
    "sub": ("subscript", True),
}
"""Inline tags and the mark each gives its text."""
INLINE = frozenset({"br", "span", "a", *MARKS})
_KNOWN = BLOCK | INLINE | COLUMNS
_VOID = frozenset({"br", "hr", "img", "col"})
# start tag -> (open tags it implicitly closes, open tags that stop the search)
_AUTO_CLOSE = {
    "li": ({"li"}, {"ul", "ol"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
    "tr": ({"tr", "td", "th"}, {"table", "thead", "tbody"}),
    "thead": ({"thead", "tbody", "tr", "td", "th"}, {"table"}),
    "tbody": ({"thead", "tbody", "tr", "td", "th"}, {"table"}),
}
_MAX_DEPTH = 100  # deeper tags are dropped (text kept) so rendering cannot recurse too far


@dataclass
class Node:
    """An element of the parsed HTML tree."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)
    has_block: bool = False  # whether a block element is nested inside
    classes: tuple[str, ...] = field(init=False)
    """The words of the class attribute."""

    def __post_init__(self) -> None:
        self.classes = tuple(self.attrs["class"].split()) if "class" in self.attrs else ()


def html_tree(html: str) -> Node:
    """The tree of an HTML string, under a root node without a tag (docgen's own plain markup read without
    HTMLParser's own parsing)."""
    builder = _TreeBuilder()
    if (events := plain_events(html)) is not None:
        replay(events, builder)
    else:
        builder.feed(html)
        builder.close()
    return builder.root


class _TreeBuilder(HTMLParser):
    """Builds a forgiving `Node` tree: unknown tags vanish, stray end tags are ignored."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("")
        self._open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open a known element, closing what an HTML parser would close implicitly."""
        if tag not in _KNOWN or len(self._open) > _MAX_DEPTH:
            return
        if tag in _AUTO_CLOSE:
            self._close_implied(*_AUTO_CLOSE[tag])
        node = Node(tag, {name: value or "" for name, value in attrs})
        self._open[-1].children.append(node)
        if tag in BLOCK:
            for ancestor in reversed(self._open):
                if ancestor.has_block:
                    break
                ancestor.has_block = True
        if tag not in _VOID:
            self._open.append(node)

    def _close_implied(self, closes: set[str], bounds: set[str]) -> None:
        """Close the open elements a start tag implicitly closes (a new <li> the open <li>), up to a bound."""
        cut = 0
        for index in range(len(self._open) - 1, 0, -1):
            if self._open[index].tag in bounds:
                break
            if self._open[index].tag in closes:
                cut = index
        if cut:
            del self._open[cut:]

    def handle_endtag(self, tag: str) -> None:
        """Close the nearest open element with this tag and everything inside it."""
        for index in range(len(self._open) - 1, 0, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                return

    def handle_data(self, data: str) -> None:
        """Keep text, made safe for XML."""
        self._open[-1].children.append(xml_safe(data))
