"""Convert a small HTML subset (our own escaped template output) into Word blocks: paragraphs, headings, runs of
marked text, links, pictures and rules, with tables, lists, landscape sections and fields from their own modules."""

from __future__ import annotations

import base64
import binascii
import io
import re
from dataclasses import dataclass, replace
from functools import partial
from typing import Any, Protocol, cast

from docx.enum.style import WD_STYLE_TYPE
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.document import CT_Document
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.document import DocumentPart
from docx.shared import Inches, Mm, Pt, Twips
from docx.text.parfmt import ParagraphFormat
from lxml import etree

from .controls import checkbox_control, content_control
from .fields import field_result, page_field
from .lists import ListItem, ListLevel, nested_list
from .sections import LandscapeSections, text_width
from .tables import add_table, read_table
from .tree import BLOCK, COLUMNS, HEADINGS, INLINE, MARKS, Node, html_tree
from .wordml import BlockPlace, Mark, break_run, text_run

__all__ = ["add_html"]

_WHITESPACE = " \t\n\r"  # what HTML collapses
_SPACE = re.compile(f"[{_WHITESPACE}]+")
_MARGIN = re.compile(r"margin-left:\s*([\d.]+)mm")
_SIZE = re.compile(r"font-size:\s*([\d.]+)pt")
_PADDING_TOP = re.compile(r"padding-top:\s*([\d.]+)mm")
_MARGIN_TOP = re.compile(r"margin-top:\s*([\d.]+)mm")
_PNG = "data:image/png;base64,"
_ANCHOR = "anchor"  # the mark of a link to a bookmark in the document: ("anchor", name)
_HYPERLINK, _LINK_ANCHOR, _LINK_HISTORY = qn("w:hyperlink"), qn("w:anchor"), qn("w:history")
_NAME = re.compile(r"[A-Za-z][\w-]{0,39}")  # what Word takes as a bookmark name
_TABLE_MARGIN = Pt(6)  # the PDF's margin below a table


class _DocumentPart(Protocol):
    """A python-docx Document, a docxtpl Subdoc (which shares its template's part), a header or a footer."""

    @property
    def part(self) -> Part: ...


def add_html(container: _DocumentPart, html: str, before: BaseOxmlElement | None = None) -> None:
    """Append the blocks of an HTML-subset string to a python-docx container (in front of `before`, a block of
    its body, when given).

    The content of a `class="landscape"` block goes into a landscape section of its own (the PDF's
    "wide" named page): the container is assumed to sit in the document's last section, whose
    properties are the body-level `w:sectPr`, as in a docxtpl shell with one section.
    """
    renderer = _Renderer(container, before)
    renderer.blocks(html_tree(html).children, _Context(renderer.root))
    renderer.landscape.end()


_HEADING_LEVELS = {style: int(tag[1]) - 1 for tag, style in HEADINGS.items()}
"""Each heading style's outline level (Heading 1: 0)."""


def _outline_level(level: int) -> BaseOxmlElement:
    """A paragraph's outline level: Word's navigation pane and a screen reader take it for a heading."""
    return parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{level}"/>')


@dataclass(frozen=True)
class _Context:
    """Where blocks go and what they inherit from enclosing elements."""

    place: BlockPlace
    classes: tuple[str, ...] = ()  # nearest first
    style: str | None = None  # paragraph style used when no class names a style
    indent: int = 0  # blockquote levels drawn as indentation
    marks: frozenset[Mark] = frozenset()
    in_list: ListLevel | None = None
    item: ListItem | None = None
    landscape: bool = False  # inside a landscape section: nested landscape blocks add no sections
    keep: bool = False  # inside a block kept together on one page: paragraphs keep with the next
    bookmark: str | None = None  # the name a heading's paragraph is bookmarked by (its HTML id)
    margin: float = 0  # millimetres of left margin a block's style attribute gives its paragraphs
    size: float | None = None  # points: the font size a block's style attribute gives its text


@dataclass(frozen=True)
class _Element:
    """An inline element that is not text: a Word field (PAGE) or a content control (check-box, text, date)."""

    element: BaseOxmlElement


_Piece = tuple[str, frozenset[Mark]] | _Element | None  # a run of text, an element, or None for a line break


class _Renderer:
    """Writes a `Node` tree as paragraphs and tables into one document."""

    def __init__(self, container: _DocumentPart, before: BaseOxmlElement | None) -> None:
        # styles, numbering and sections are the main document's, for a header's blocks too
        self._part = part = cast(DocumentPart, container.part.package.main_document_part)
        self._document = cast(CT_Document, part.element)
        self._story = container.part  # pictures belong to the part the blocks go into (a header's own)
        # style ids are set directly: python-docx's style setters scan all styles every time
        self._style_ids = {(style.name, style.type): style.style_id for style in part.styles}
        self._styles: dict[tuple[tuple[str, ...], str | None, WD_STYLE_TYPE], str | None] = {}
        self._made: list[BaseOxmlElement] = []  # every paragraph added, in order: blocks find theirs by position
        self._bookmarks: set[str] = set()
        self._last_table: BaseOxmlElement | None = None  # the block after a table keeps the table's margin below it
        document = getattr(container, "element", None)  # a Document's (a Subdoc's) w:document; a header has none
        body = document.body if document is not None else cast(Any, container)._element
        width = getattr(container, "_block_width", None)  # python-docx spreads a table over it
        if width is None:
            width = text_width(self._document, landscape=False)
        self.root = BlockPlace(body if before is None else before.getparent(), width, before=before)
        self.landscape = LandscapeSections(self._document, self.root)

    def blocks(self, children: list[Node | str], ctx: _Context) -> None:
        """Render children, gathering consecutive inline content into paragraphs."""
        inline: list[Node | str] = []
        for child in children:
            if isinstance(child, Node) and (child.tag in BLOCK or child.has_block):
                self._paragraph(inline, ctx)
                inline = []
                self._block(child, ctx)
            else:
                inline.append(child)
        self._paragraph(inline, ctx)

    def _block(self, node: Node, ctx: _Context) -> None:
        tag = node.tag
        if padding := _PADDING_TOP.search(node.attrs.get("style", "")):
            start = len(self._made)
            unpadded = {name: value for name, value in node.attrs.items() if name != "style"}
            self._block(Node(tag, unpadded, node.children, node.has_block), ctx)
            if len(self._made) > start:  # the space above a block's first paragraph, as its padding in the PDF
                ParagraphFormat(self._made[start]).space_before = Mm(float(padding[1]))
            return
        if tag in BLOCK and "landscape" in node.classes and not ctx.landscape and ctx.place is self.root:
            self.landscape.add(partial(self._block, node, replace(ctx, landscape=True)))
            return
        if "keep-with-previous" in node.classes and self._made and not ctx.keep:
            ParagraphFormat(self._made[-1]).keep_with_next = True
        if "keep-together" in node.classes and not ctx.keep:
            self._kept(node, replace(ctx, keep=True))
            return
        if tag in MARKS:
            ctx = replace(ctx, marks=ctx.marks | {MARKS[tag]})
        elif tag not in INLINE and node.classes:
            ctx = replace(ctx, classes=node.classes + ctx.classes)
        if size := _SIZE.search(node.attrs.get("style", "")):
            ctx = replace(ctx, size=float(size[1]))
        if "data-field" in node.attrs:
            start = len(self._made)
            self._block(Node("", children=node.children), ctx)
            field_result(self._made[start:], node.attrs["data-field"])
        elif tag in COLUMNS:
            pass
        elif tag == "img":
            self._picture(node, ctx)
        elif tag == "table":
            self._table(node, ctx)
        elif tag in ("ul", "ol"):
            self._list(node, ctx)
        elif tag == "li" and ctx.in_list is not None:
            self._item(node, ctx, ctx.in_list)
        elif tag == "hr":
            self._rule(ctx)
        else:
            if margin := _MARGIN.search(node.attrs.get("style", "")):
                ctx = replace(ctx, margin=float(margin[1]))
            if tag in HEADINGS:
                ctx = replace(ctx, style=HEADINGS[tag], bookmark=node.attrs.get("id"))
            elif tag == "blockquote":
                quote = ("Quote", WD_STYLE_TYPE.PARAGRAPH) in self._style_ids
                ctx = replace(ctx, style="Quote") if quote else replace(ctx, indent=ctx.indent + 1)
            elif "page-break" in node.classes:
                break_run(self._new_paragraph(ctx), "page")
            self.blocks(node.children, ctx)

    def _kept(self, node: Node, ctx: _Context) -> None:
        """Render a block kept on one page: each paragraph keeps with the next but the block's last, and its
        table rows do not split, as the PDF's `break-inside: avoid` does."""
        self._block(node, ctx)
        if self._made:
            ParagraphFormat(self._made[-1]).keep_with_next = None

    def _style(self, classes: tuple[str, ...], default: str | None, kind: WD_STYLE_TYPE) -> str | None:
        """The id of the first existing style named by a class ("cut-line" -> "Cut Line"), else of default."""
        if (classes, default, kind) not in self._styles:
            names = [" ".join(word.capitalize() for word in cls.split("-")) for cls in classes]
            self._styles[classes, default, kind] = next(
                (self._style_ids[name, kind] for name in (*names, default) if (name, kind) in self._style_ids), None
            )
        return self._styles[classes, default, kind]

    def _new_paragraph(self, ctx: _Context) -> BaseOxmlElement:
        p = ctx.place.paragraph()
        self._made.append(p)
        style = self._style(ctx.classes, ctx.style, WD_STYLE_TYPE.PARAGRAPH)
        if style is not None:
            p.style = style
        if ctx.style in _HEADING_LEVELS and style != ctx.style:  # a heading in a style of its own: still a heading
            ParagraphFormat(p)._element.get_or_add_pPr().append(_outline_level(_HEADING_LEVELS[ctx.style]))
        if ctx.item is not None:
            ctx.item.number(p)
        if ctx.indent or ctx.margin:
            ParagraphFormat(p).left_indent = Inches(0.5 * ctx.indent) + Mm(ctx.margin)
        if ctx.keep:
            ParagraphFormat(p).keep_with_next = True
        if self._last_table is not None and self._last_table.getnext() is p:
            ParagraphFormat(p).space_before = _TABLE_MARGIN
        return p

    def _paragraph(self, inline: list[Node | str], ctx: _Context) -> None:
        """Add a paragraph holding inline content, unless it is only whitespace."""
        if not inline or (len(inline) == 1 and isinstance(inline[0], str) and not inline[0].strip(_WHITESPACE)):
            return  # nothing, or the line break between two blocks
        pieces: list[_Piece] = []
        _flatten(inline, ctx.marks, pieces)
        pieces = _collapse(pieces)
        if not pieces:
            return
        p = self._new_paragraph(ctx)
        if pieces[-1] is None:
            pieces.pop()  # like a browser, ignore a block's last line break: "<p>a<br></p>" is one line
        for piece in pieces:
            if piece is None:
                break_run(p)
            elif isinstance(piece, _Element):
                p.append(piece.element)
            else:
                text, marks = piece
                parent = p
                if any(attribute == _ANCHOR for attribute, _ in marks):
                    for anchor in sorted(
                        (str(value) for attribute, value in marks if attribute == _ANCHOR), reverse=True
                    ):
                        parent = etree.SubElement(parent, _HYPERLINK, {_LINK_ANCHOR: anchor, _LINK_HISTORY: "1"})
                    marks = frozenset(m for m in marks if m[0] != _ANCHOR)
                text_run(parent, text, marks, ctx.size)
        if ctx.bookmark and ctx.bookmark not in self._bookmarks:
            self._bookmark(p, ctx.bookmark)

    def _bookmark(self, p: BaseOxmlElement, name: str) -> None:
        """Mark a paragraph's text with a bookmark, so that links and Word's contents can point to it."""
        number = len(self._bookmarks)
        self._bookmarks.add(name)
        start = parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{number}" w:name="{name}"/>')
        p.insert(1 if p.pPr is not None else 0, start)
        p.append(parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{number}"/>'))

    def _picture(self, node: Node, ctx: _Context) -> None:
        """A PNG picture given as a data: URL, at its width (no wider than the text), with its alt text."""
        source = node.attrs.get("src", "")
        if not source.startswith(_PNG):
            return
        try:
            data = base64.b64decode(source.removeprefix(_PNG), validate=True)
            width = float(node.attrs.get("width") or 0)
        except (binascii.Error, ValueError):
            return
        room = text_width(self._document, ctx.landscape)
        size = min(room, Twips(round(width * 15))) if width else room  # a CSS pixel is 15 twips
        inline = self._story.new_pic_inline(io.BytesIO(data), size, None)  # type: ignore[attr-defined]
        inline.docPr.set("descr", node.attrs.get("alt", ""))
        etree.SubElement(self._new_paragraph(ctx), qn("w:r")).add_drawing(inline)

    def _flush_item(self, ctx: _Context) -> None:
        """Give a list item still lacking a paragraph an empty numbered one."""
        if ctx.item is not None and ctx.item.pending:
            self._new_paragraph(ctx)

    def _rule(self, ctx: _Context) -> None:
        border = parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>'
        )
        # a new paragraph's properties hold at most pStyle, numPr and (last) ind
        self._new_paragraph(ctx).get_or_add_pPr().insert_element_before(border, "w:ind")

    def _list(self, node: Node, ctx: _Context) -> None:
        self._flush_item(ctx)
        self.blocks(node.children, replace(ctx, in_list=nested_list(self._part, ctx.in_list, node.tag == "ol")))

    def _item(self, node: Node, ctx: _Context, lst: ListLevel) -> None:
        ctx = replace(ctx, style="List Paragraph", item=ListItem(lst.num_id, lst.level))
        self.blocks(node.children, ctx)
        self._flush_item(ctx)

    def _table(self, node: Node, ctx: _Context) -> None:
        """A table, after what lies outside its cells; the block after it keeps the table's margin below it."""
        self._flush_item(ctx)
        table = read_table(node)
        self.blocks(table.stray, ctx)  # content outside cells goes before the table, as in browsers
        style = self._style(node.classes, "Table Grid", WD_STYLE_TYPE.TABLE)
        if (margin := _MARGIN_TOP.search(node.attrs.get("style", ""))) and self._made:
            ParagraphFormat(self._made[-1]).space_after = Mm(float(margin[1]))  # Word has no space above a table
        room = text_width(self._document, ctx.landscape)
        tbl = add_table(ctx.place, table, style, room, ctx.keep, partial(self._cell, ctx))
        if tbl is not None:
            self._last_table = tbl

    def _cell(self, ctx: _Context, place: BlockPlace, node: Node, keep: bool) -> None:
        """A table cell's content, in bold in a header cell."""
        marks = ctx.marks | {MARKS["b"]} if node.tag == "th" else ctx.marks
        classes = node.classes + ctx.classes
        self.blocks(
            node.children, _Context(place, classes, marks=marks, landscape=ctx.landscape, keep=keep, size=ctx.size)
        )


def _flatten(nodes: list[Node | str], marks: frozenset[Mark], out: list[_Piece]) -> None:
    """Append the text runs, line breaks, fields and check boxes of inline nodes to `out`."""
    for node in nodes:
        if isinstance(node, str):
            out.append((node, marks))
        elif node.tag == "br":
            out.append(None)
        elif (field := page_field(node.classes)) is not None:
            out.append(_Element(field))
        elif node.attrs.get("role") == "checkbox":
            checked = node.attrs.get("aria-checked") == "true"
            out.append(
                _Element(checkbox_control(node.attrs.get("data-tag", ""), node.attrs.get("aria-label", ""), checked))
            )
        elif "data-control" in node.attrs:
            attrs = node.attrs
            out.append(
                _Element(content_control(attrs["data-control"], attrs.get("data-tag", ""), attrs.get("aria-label", "")))
            )
        else:
            mark = MARKS.get(node.tag)
            if node.tag == "a" and (href := node.attrs.get("href", "")).startswith("#") and _NAME.fullmatch(href[1:]):
                mark = (_ANCHOR, href[1:])
            _flatten(node.children, marks | {mark} if mark else marks, out)


def _collapse(pieces: list[_Piece]) -> list[_Piece]:
    """Collapse whitespace like a browser: one space between words, none at line ends."""
    out: list[_Piece] = []
    for piece in pieces:
        if piece is None or isinstance(piece, _Element):
            if piece is None:
                _rstrip(out)
            out.append(piece)
            continue
        text = _SPACE.sub(" ", piece[0])
        last = out[-1] if out else None
        if last is None or (not isinstance(last, _Element) and last[0].endswith(" ")):
            text = text.lstrip(" ")
        if text:
            out.append((text, piece[1]))
    _rstrip(out)
    return out


def _rstrip(out: list[_Piece]) -> None:
    """Drop the trailing space of the last text run, and the run if nothing is left."""
    last = out[-1] if out else None
    if last is not None and not isinstance(last, _Element):
        text = last[0].rstrip(" ")
        out[-1:] = [(text, last[1])] if text else []
