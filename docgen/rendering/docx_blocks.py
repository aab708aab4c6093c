"""Convert a small HTML subset (our own escaped template output) into Word blocks."""

from __future__ import annotations

import base64
import binascii
import io
import re
from copy import deepcopy
from dataclasses import dataclass, field, replace
from html import escape
from html.parser import HTMLParser
from typing import Any, Protocol, cast

from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.document import CT_Document
from docx.oxml.ns import nsdecls, qn
from docx.oxml.numbering import CT_Numbering
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.document import DocumentPart
from docx.parts.numbering import NumberingPart
from docx.shared import Emu, Inches, Length, Mm, Pt, Twips
from docx.text.parfmt import ParagraphFormat
from lxml import etree

from ..model.common import visible_controls as xml_safe
from . import docx_xml
from .docx_controls import checkbox_control, content_control
from .docx_xml import Place, break_run, no_space_after, text_run
from .html_tokens import plain_events, replay

__all__ = ["add_html", "xml_safe"]

_HEADINGS = {f"h{level}": f"Heading {level}" for level in range(1, 5)}
_BLOCK = frozenset(
    {"p", "div", "blockquote", "hr", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "img", *_HEADINGS}
)
_COLUMNS = frozenset({"colgroup", "col"})  # a table's column widths, read by the table, rendered as nothing
_Mark = tuple[str, object]  # a python-docx Font attribute and the value to give it
_MARKS: dict[str, _Mark] = {
    "strong": ("bold", True),
    "b": ("bold", True),
    "em": ("italic", True),
    "i": ("italic", True),
    "u": ("underline", True),
    "code": ("name", "Courier New"),
    "sup": ("superscript", True),
    "sub": ("subscript", True),
}
_INLINE = frozenset({"br", "span", "a", *_MARKS})
_KNOWN = _BLOCK | _INLINE | _COLUMNS
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
_MAX_COLSPAN = 1000  # the limit browsers apply
_BULLETS = ("•", "◦", "▪")
_NUMBER_FORMATS = ("decimal", "lowerLetter", "lowerRoman")
_WHITESPACE = " \t\n\r"  # what HTML collapses
_SPACE = re.compile(f"[{_WHITESPACE}]+")
_FILL = re.compile(r"background-color:\s*#([0-9a-fA-F]{6})\b")
_MARGIN = re.compile(r"margin-left:\s*([\d.]+)mm")
_SIZE = re.compile(r"font-size:\s*([\d.]+)pt")
_PNG = "data:image/png;base64,"
_ANCHOR = "anchor"  # the mark of a link to a bookmark in the document: ("anchor", name)
_HYPERLINK, _LINK_ANCHOR, _LINK_HISTORY = qn("w:hyperlink"), qn("w:anchor"), qn("w:history")
_NO_WRAP, _P = qn("w:noWrap"), qn("w:p")
_NAME = re.compile(r"[A-Za-z][\w-]{0,39}")  # what Word takes as a bookmark name
_DIGITS = re.compile(r"\s*0*(\d{1,9})")
_WIDTH = re.compile(r"width:\s*([\d.]+)%")
_FIELDS = {"page-number": "PAGE", "page-count": "NUMPAGES"}
_TABLE_MARGIN = Pt(6)  # the PDF's margin below a table
_HEADER_SHADING = f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="E8EDF4"/>'  # the PDF's th background
_CELL_MARGINS = parse_xml(  # the PDF's cell padding, 1.2 mm above and below, 1.9 mm at the sides
    f'<w:tblCellMar {nsdecls("w")}><w:top w:w="68" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
    '<w:bottom w:w="68" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
)  # span classes that become Word fields
_FIELD = f'<w:fldSimple {nsdecls("w")} w:instr="{{instr}}"><w:r><w:t>1</w:t></w:r></w:fldSimple>'
"""A simple Word field (PAGE, NUMPAGES) showing 1 until Word or LibreOffice updates it."""
# left out of a new section's properties so that it shows the headers and footers of the one before it
_INHERITED = frozenset({qn("w:headerReference"), qn("w:footerReference"), qn("w:titlePg")})
# an empty paragraph ending a section takes as little room as Word allows, so that it rarely spills onto a page
_BREAK_PPR = (
    f'<w:pPr {nsdecls("w")}><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
    '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr>'
)


class _Document(Protocol):
    """A python-docx Document, a docxtpl Subdoc (which shares its template's part), a header or a footer."""

    @property
    def part(self) -> Part: ...


def add_html(container: _Document, html: str, before: BaseOxmlElement | None = None) -> None:
    """Append the blocks of an HTML-subset string to a python-docx container (in front of `before`, a block of
    its body, when given).

    The content of a `class="landscape"` block goes into a landscape section of its own (the PDF's
    "wide" named page): the container is assumed to sit in the document's last section, whose
    properties are the body-level `w:sectPr`, as in a docxtpl shell with one section.
    """
    renderer = _Renderer(container, before)
    ctx = _Context(renderer.root)
    renderer.blocks(_TreeBuilder.tree(html).children, ctx)
    renderer.end(ctx)


@dataclass
class _Node:
    """An element of the parsed HTML tree."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[_Node | str] = field(default_factory=list)
    has_block: bool = False  # whether a block element is nested inside
    classes: tuple[str, ...] = field(init=False)
    """The words of the class attribute."""

    def __post_init__(self) -> None:
        self.classes = tuple(self.attrs["class"].split()) if "class" in self.attrs else ()


class _TreeBuilder(HTMLParser):
    """Builds a forgiving `_Node` tree: unknown tags vanish, stray end tags are ignored."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("")
        self._open = [self.root]

    @classmethod
    def tree(cls, html: str) -> _Node:
        """The tree of an HTML string (docgen's own plain markup read without HTMLParser's own parsing)."""
        builder = cls()
        if (events := plain_events(html)) is not None:
            replay(events, builder)
        else:
            builder.feed(html)
            builder.close()
        return builder.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open a known element, closing what an HTML parser would close implicitly."""
        if tag not in _KNOWN or len(self._open) > _MAX_DEPTH:
            return
        if tag in _AUTO_CLOSE:
            self._close_implied(*_AUTO_CLOSE[tag])
        node = _Node(tag, {name: value or "" for name, value in attrs})
        self._open[-1].children.append(node)
        if tag in _BLOCK:
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


@dataclass
class _Item:
    """A list item whose number still has to be put on its first paragraph."""

    num_id: int
    level: int
    pending: bool = True


@dataclass(frozen=True)
class _List:
    """The Word list (w:num) and level that items of an HTML list belong to."""

    num_id: int
    level: int
    ordered: bool


@dataclass(frozen=True)
class _Context:
    """Where blocks go and what they inherit from enclosing elements."""

    place: Place
    classes: tuple[str, ...] = ()  # nearest first
    style: str | None = None  # paragraph style used when no class names a style
    indent: int = 0  # blockquote levels drawn as indentation
    marks: frozenset[_Mark] = frozenset()
    in_list: _List | None = None
    item: _Item | None = None
    landscape: bool = False  # inside a landscape section: nested landscape blocks add no sections
    keep: bool = False  # inside a block kept together on one page: paragraphs keep with the next
    bookmark: str | None = None  # the name a heading's paragraph is bookmarked by (its HTML id)
    margin: float = 0  # millimetres of left margin a block's style attribute gives its paragraphs
    size: float | None = None  # points: the font size a block's style attribute gives its text


@dataclass(frozen=True)
class _Element:
    """An inline element that is not text: a Word field (PAGE) or a content control (check-box, text, date)."""

    element: BaseOxmlElement


_Piece = tuple[str, frozenset[_Mark]] | _Element | None  # a run of text, an element, or None for a line break


class _Renderer:
    """Writes a `_Node` tree as paragraphs and tables into one document."""

    def __init__(self, container: _Document, before: BaseOxmlElement | None) -> None:
        # styles, numbering and sections are the main document's, for a header's blocks too
        self._part = part = cast(DocumentPart, container.part.package.main_document_part)
        self._story = container.part  # pictures belong to the part the blocks go into (a header's own)
        # style ids are set directly: python-docx's style setters scan all styles every time
        self._style_ids = {(style.name, style.type): style.style_id for style in part.styles}
        self._styles: dict[tuple[tuple[str, ...], str | None, WD_STYLE_TYPE], str | None] = {}
        self._last_break: BaseOxmlElement | None = None  # the paragraph ending the last landscape section
        self._made: list[BaseOxmlElement] = []  # every paragraph added, in order: blocks find theirs by position
        self._bookmarks: set[str] = set()
        self._last_table: BaseOxmlElement | None = None  # the block after a table keeps the table's margin below it
        document = getattr(container, "element", None)  # a Document's (a Subdoc's) w:document; a header has none
        body = document.body if document is not None else cast(Any, container)._element
        width = getattr(container, "_block_width", None)  # python-docx spreads a table over it
        if width is None:
            width = self._text_width(_Context(Place(body, Twips(0))))
        self.root = Place(body if before is None else before.getparent(), width, before=before)

    def end(self, ctx: _Context) -> None:
        """Give a last landscape section a portrait one to return to: a document ends with a plain paragraph."""
        if self._last_break is not None and self.root.is_last(self._last_break):
            ctx.place.paragraph()

    def blocks(self, children: list[_Node | str], ctx: _Context) -> None:
        """Render children, gathering consecutive inline content into paragraphs."""
        inline: list[_Node | str] = []
        for child in children:
            if isinstance(child, _Node) and (child.tag in _BLOCK or child.has_block):
                self._paragraph(inline, ctx)
                inline = []
                self._block(child, ctx)
            else:
                inline.append(child)
        self._paragraph(inline, ctx)

    def _block(self, node: _Node, ctx: _Context) -> None:
        tag = node.tag
        if tag in _BLOCK and "landscape" in node.classes and not ctx.landscape and ctx.place is self.root:
            self._landscape(node, replace(ctx, landscape=True))
            return
        if "keep-with-previous" in node.classes and self._made and not ctx.keep:
            ParagraphFormat(self._made[-1]).keep_with_next = True
        if "keep-together" in node.classes and not ctx.keep:
            self._kept(node, replace(ctx, keep=True))
            return
        if tag in _MARKS:
            ctx = replace(ctx, marks=ctx.marks | {_MARKS[tag]})
        elif tag not in _INLINE and node.classes:
            ctx = replace(ctx, classes=node.classes + ctx.classes)
        if size := _SIZE.search(node.attrs.get("style", "")):
            ctx = replace(ctx, size=float(size[1]))
        if "data-field" in node.attrs:
            start = len(self._made)
            self._block(_Node("", children=node.children), ctx)
            _field(self._made[start:], node.attrs["data-field"])
        elif tag in _COLUMNS:
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
            if tag in _HEADINGS:
                ctx = replace(ctx, style=_HEADINGS[tag], bookmark=node.attrs.get("id"))
            elif tag == "blockquote":
                quote = ("Quote", WD_STYLE_TYPE.PARAGRAPH) in self._style_ids
                ctx = replace(ctx, style="Quote") if quote else replace(ctx, indent=ctx.indent + 1)
            elif "page-break" in node.classes:
                break_run(self._new_paragraph(ctx), "page")
            self.blocks(node.children, ctx)

    def _kept(self, node: _Node, ctx: _Context) -> None:
        """Render a block kept on one page: each paragraph keeps with the next but the block's last, and its
        table rows do not split, as the PDF's `break-inside: avoid` does."""
        self._block(node, ctx)
        if self._made:
            ParagraphFormat(self._made[-1]).keep_with_next = None

    def _landscape(self, node: _Node, ctx: _Context) -> None:
        """Render a block in a landscape section between the portrait ones before and after it.

        A section's properties sit on the paragraph ending it; the last section's are the body's
        `w:sectPr`, which stays the portrait section the document returns to.
        """
        current = cast(CT_Document, self._part.element).body.sectPr
        if current is None:  # no page setup to turn
            self._block(node, ctx)
            return
        previous = self._last_break
        if previous is not None and self.root.is_last(previous):
            # straight after another landscape block: its pages go on, as with a CSS named page
            landscape = previous.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
            _remove(previous)
            self._block(node, ctx)
            self._end_landscape(landscape, ctx)
            return
        start = self._section_break(ctx)
        self._block(node, ctx)
        if self.root.is_last(start):  # nothing rendered: no empty landscape page
            _remove(start)
            return
        # the section until here is the one that was current: all of its properties, headers and first page
        start.get_or_add_pPr().append(deepcopy(current))
        # the sections from here on show the headers and footers of the one before and count its pages on
        for child in list(current):
            if child.tag in _INHERITED:
                current.remove(child)
        numbers = current.find(qn("w:pgNumType"))
        if numbers is not None:
            numbers.attrib.pop(qn("w:start"), None)
        current.get_or_add_type().set(qn("w:val"), "nextPage")
        landscape = deepcopy(current)
        width = landscape.page_width or Twips(12240)  # Word's default page: US Letter
        height = landscape.page_height or Twips(15840)
        landscape.page_width, landscape.page_height = Length(max(width, height)), Length(min(width, height))
        landscape.orientation = WD_ORIENT.LANDSCAPE
        self._end_landscape(landscape, ctx)

    def _end_landscape(self, landscape: BaseOxmlElement, ctx: _Context) -> None:
        self._last_break = self._section_break(ctx)
        self._last_break.get_or_add_pPr().append(landscape)

    def _section_break(self, ctx: _Context) -> BaseOxmlElement:
        """An empty paragraph to carry the properties of the section it ends."""
        p = ctx.place.paragraph()
        p.insert(0, parse_xml(_BREAK_PPR))
        return p

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
        item = ctx.item
        if item is not None and item.pending:
            item.pending = False
            # appended right after the only other property set so far, w:pStyle
            p.get_or_add_pPr().append(
                parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{item.level}"/><w:numId w:val="{item.num_id}"/></w:numPr>'
                )
            )
        if ctx.indent or ctx.margin:
            ParagraphFormat(p).left_indent = Inches(0.5 * ctx.indent) + Mm(ctx.margin)
        if ctx.keep:
            ParagraphFormat(p).keep_with_next = True
        if self._last_table is not None and self._last_table.getnext() is p:
            ParagraphFormat(p).space_before = _TABLE_MARGIN
        return p

    def _paragraph(self, inline: list[_Node | str], ctx: _Context) -> None:
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

    def _picture(self, node: _Node, ctx: _Context) -> None:
        """A PNG picture given as a data: URL, at its width (no wider than the text), with its alt text."""
        source = node.attrs.get("src", "")
        if not source.startswith(_PNG):
            return
        try:
            data = base64.b64decode(source.removeprefix(_PNG), validate=True)
            width = float(node.attrs.get("width") or 0)
        except (binascii.Error, ValueError):
            return
        room = self._text_width(ctx)
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

    def _list(self, node: _Node, ctx: _Context) -> None:
        self._flush_item(ctx)
        outer, ordered = ctx.in_list, node.tag == "ol"
        level = min(outer.level + 1, 8) if outer else 0
        num_id = outer.num_id if outer and outer.ordered == ordered else self._new_num(ordered)
        self.blocks(node.children, replace(ctx, in_list=_List(num_id, level, ordered)))

    def _item(self, node: _Node, ctx: _Context, lst: _List) -> None:
        ctx = replace(ctx, style="List Paragraph", item=_Item(lst.num_id, lst.level))
        self.blocks(node.children, ctx)
        self._flush_item(ctx)

    def _new_num(self, ordered: bool) -> int:
        """Add an abstractNum and a w:num using it, so that the new list restarts at 1."""
        numbering = self._numbering()
        used = numbering.xpath("./w:abstractNum/@w:abstractNumId")
        abstract_id = max(map(int, used), default=-1) + 1
        numbering.insert_element_before(_abstract_num(abstract_id, ordered), "w:num", "w:numIdMacAtCleanup")
        return int(numbering.add_num(abstract_id).numId)

    def _numbering(self) -> CT_Numbering:
        """The numbering part's root, creating the part if the document has none."""
        try:
            part = self._part.part_related_by(RT.NUMBERING)
        except KeyError:
            part = NumberingPart(
                self._part.package.next_partname("/word/numbering%d.xml"),
                CT.WML_NUMBERING,
                parse_xml(f"<w:numbering {nsdecls('w')}/>"),
                self._part.package,
            )
            self._part.relate_to(part, RT.NUMBERING)
        return cast(CT_Numbering, cast(NumberingPart, part).element)

    def _table(self, node: _Node, ctx: _Context) -> None:
        """A table, row by row: header rows repeated on each page, spans merged, the colgroup's widths fixed."""
        self._flush_item(ctx)
        rows: list[tuple[bool, bool, list[_Node]]] = []
        stray: list[_Node | str] = []
        _collect_rows(node, False, rows, stray)
        shares = _column_widths(node)
        self.blocks(stray, ctx)  # content outside cells goes before the table, as in browsers
        width, placements = _layout([cells for _, _, cells in rows])
        if not width:
            return
        even = Emu(ctx.place.width // width)  # python-docx's even spread, which a nested table's width follows
        nested = Twips(even.twips)
        fixed = len(shares) == width
        room = self._text_width(ctx)
        columns = [round(share / sum(shares) * room / 635) for share in shares] if fixed else [even.twips] * width
        style = self._style(node.classes, "Table Grid", WD_STYLE_TYPE.TABLE)
        tbl = ctx.place.add(docx_xml.table(style, columns, fixed, _CELL_MARGINS))
        if ctx.place.in_cell:  # Word wants a paragraph at the end of a cell, and python-docx adds one after a table
            ctx.place.paragraph()
        starting = {(top, left): (height, span, cell) for top, left, height, span, cell in placements}
        covering: dict[tuple[int, int], int] = {}  # (row, column) below a cell spanning rows: its span
        for top, (header, kept_whole, _) in enumerate(rows):
            tr = docx_xml.row(tbl, header, ctx.keep or kept_whole)
            column = 0
            while column < width:
                if (top, column) in starting:
                    height, span, cell_node = starting[top, column]
                    for below in range(top + 1, top + height):
                        covering[below, column] = span
                    merge = "restart" if height > 1 else None
                    tc = docx_xml.cell(tr, sum(columns[column : column + span]), span, merge)
                    keep = ctx.keep and top + height < len(rows)
                    self._cell(tc, cell_node, ctx if keep == ctx.keep else replace(ctx, keep=keep), nested)
                elif (top, column) in covering:
                    span = covering[top, column]
                    docx_xml.cell(tr, sum(columns[column : column + span]), span, "continue")
                else:
                    span = 1
                    docx_xml.cell(tr, columns[column], empty=True)
                column += span
        self._last_table = tbl

    def _text_width(self, ctx: _Context) -> Length:
        """The width between the margins of the page the blocks are on (landscape inside landscape blocks)."""
        section = cast(CT_Document, self._part.element).body.sectPr
        if section is None or not (section.page_width and section.page_height):
            return Twips(9638)  # A4 with 20 mm margins
        width, height = section.page_width, section.page_height
        page = max(width, height) if ctx.landscape else width
        return Length(page - (section.left_margin or 0) - (section.right_margin or 0))

    def _cell(self, tc: BaseOxmlElement, node: _Node, ctx: _Context, width: Length) -> None:
        marks = ctx.marks | {_MARKS["b"]} if node.tag == "th" else ctx.marks
        properties = tc[0]  # the cell's w:tcPr, made with it
        if node.tag == "th":  # the PDF's header-cell shading
            properties.append(parse_xml(_HEADER_SHADING))
        if "style" in node.attrs and (fill := _FILL.search(node.attrs["style"])):
            shading = f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill[1].upper()}"/>'
            properties.append(parse_xml(shading))
        if "nowrap" in node.classes:
            etree.SubElement(properties, _NO_WRAP)
        place = Place(tc, width, in_cell=True)
        classes = node.classes + ctx.classes
        self.blocks(
            node.children, _Context(place, classes, marks=marks, landscape=ctx.landscape, keep=ctx.keep, size=ctx.size)
        )
        if tc[-1].tag != _P:  # Word wants every cell to end with a paragraph
            place.paragraph()
        no_space_after(tc[-1])  # a cell ends at its padding, as in the PDF


def _column_widths(table: _Node) -> list[float]:
    """The widths a table's <colgroup><col style="width: 20%"> give, as percentages (empty when not all do)."""
    cols = [
        child
        for group in table.children
        if isinstance(group, _Node) and group.tag == "colgroup"
        for child in group.children
        if isinstance(child, _Node) and child.tag == "col"
    ]
    widths = [_WIDTH.search(col.attrs.get("style", "")) for col in cols]
    return [float(w[1]) for w in widths if w] if all(widths) else []


def _field(paragraphs: list[BaseOxmlElement], instruction: str) -> None:
    """Make a block's paragraphs the current result of a Word field (a table of contents, say)."""
    if not paragraphs:
        return
    code = escape(instruction, quote=False)
    begin = (
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>',
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
    )
    first = paragraphs[0]
    at = 1 if first.pPr is not None else 0
    for offset, run in enumerate(begin):
        first.insert(at + offset, parse_xml(run))
    paragraphs[-1].append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))


def _remove(element: BaseOxmlElement) -> None:
    parent = element.getparent()
    assert parent is not None
    parent.remove(element)


def _flatten(nodes: list[_Node | str], marks: frozenset[_Mark], out: list[_Piece]) -> None:
    """Append the text runs, line breaks, fields and check boxes of inline nodes to `out`."""
    for node in nodes:
        if isinstance(node, str):
            out.append((node, marks))
        elif node.tag == "br":
            out.append(None)
        elif (field := next((_FIELDS[c] for c in node.classes if c in _FIELDS), None)) is not None:
            out.append(_Element(parse_xml(_FIELD.format(instr=field))))
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
            mark = _MARKS.get(node.tag)
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


def _collect_rows(
    node: _Node, header: bool, rows: list[tuple[bool, bool, list[_Node]]], stray: list[_Node | str]
) -> None:
    """Gather (is-header, kept whole, cells) per table row; anything outside cells goes to `stray`."""
    for child in node.children:
        if isinstance(child, _Node) and child.tag in _COLUMNS:
            continue
        if isinstance(child, str) or child.tag not in ("thead", "tbody", "tr"):
            stray.append(child)
        elif child.tag == "tr":
            cells: list[_Node] = []
            for cell in child.children:
                if isinstance(cell, _Node) and cell.tag in ("td", "th"):
                    cells.append(cell)
                else:
                    stray.append(cell)
            rows.append((header, "keep-together" in child.classes, cells))
        else:
            _collect_rows(child, header or child.tag == "thead", rows, stray)


def _layout(rows: list[list[_Node]]) -> tuple[int, list[tuple[int, int, int, int, _Node]]]:
    """Place cells on the grid like HTML does: (columns, [(row, col, rowspan, colspan, cell)])."""
    busy_until: dict[int, int] = {}  # column -> first row no longer covered by a rowspan
    placements = []
    width = 0
    for top, cells in enumerate(rows):
        left = 0
        for cell in cells:
            while busy_until.get(left, 0) > top:
                left += 1
            height = _span(cell, "rowspan", len(rows) - top)
            wanted = _span(cell, "colspan", _MAX_COLSPAN)
            span = 1  # never overlap a rowspan coming from above
            while span < wanted and busy_until.get(left + span, 0) <= top:
                span += 1
            for column in range(left, left + span):
                busy_until[column] = top + height
            placements.append((top, left, height, span, cell))
            left += span
        width = max(width, left)
    return width, placements


def _span(cell: _Node, name: str, limit: int) -> int:
    digits = _DIGITS.match(cell.attrs.get(name, ""))
    return min(limit, max(1, int(digits[1]))) if digits else 1


def _abstract_num(abstract_id: int, ordered: bool) -> BaseOxmlElement:
    """A 9-level bullet or number list definition."""
    levels = "".join(
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/>'
        f'<w:numFmt w:val="{_NUMBER_FORMATS[level % 3] if ordered else "bullet"}"/>'
        f'<w:lvlText w:val="{f"%{level + 1}." if ordered else _BULLETS[level % 3]}"/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{720 * (level + 1)}" w:hanging="360"/>'
        "</w:pPr></w:lvl>"
        for level in range(9)
    )
    return parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="hybridMultilevel"/>{levels}</w:abstractNum>'
    )
