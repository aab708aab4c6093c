"""Build the built-in DOCX shells in templates/shells/ (run after changing this file).

A shell is a docxtpl template: the page set-up and the styles, with `{{p body }}` where the document's body
goes. Its header and footer are left empty: docgen fills them when it renders, from the same partials as the
PDF (layout/marking.html.j2, layout/footer.html.j2), and puts the letterhead (layout/letterhead.html.j2) at the
head of a letter's body. The styles below give Word what templates/layout/house.css gives the PDF: the page,
the typeface (Arial, metrically Liberation Sans), the sizes, and the spacing (a CSS margin above a block is
Word's space before it: both keep the larger of the space after one block and the space before the next).
Boards may replace a shell by putting their own (made in Word, with the same tags) in their templates folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

SHELLS = Path(__file__).resolve().parent.parent / "templates" / "shells"
W = qn("w:p")[:-1]
PPR_ORDER = (
    *("w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct"),
    *("w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid"),
    *("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc"),
    *("w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle"),
    *("w:rPr", "w:sectPr", "w:pPrChange"),
)
"""The order of paragraph properties, from w:pBdr on, as the schema (and Word) require it."""
FONT = "Arial"
NAVY = RGBColor(0x1D, 0x3F, 0x6E)
INK = RGBColor(0x11, 0x11, 0x11)
GREY = RGBColor(0x33, 0x33, 0x33)

HEADINGS: dict[str, dict[int, dict[str, Any]]] = {
    "letter": {
        1: dict(size=None, color=INK, after=9),  # the letter's own size: 11 pt, 12 pt to lay readers
        2: dict(size=13, color=NAVY, before=12),
        3: dict(size=11.5, before=9, after=4),
        4: dict(size=10.5, before=6, after=3),
    },
    "report": {
        1: dict(size=15, color=NAVY),
        2: dict(size=13, color=NAVY, before=12),
        3: dict(size=11.5, before=9, after=4),
        4: dict(size=10.5, before=6, after=3),
    },
}
"""Heading styles per shell, as house.css sets h1–h4 (forms share the report's)."""

PARAGRAPHS: dict[str, dict[str, Any]] = {
    # the frame's partials
    "Letterhead Name": dict(size=14, bold=True, color=NAVY, align="right", after=0),
    "Letterhead Address": dict(size=10, align="right", after=0),
    "Letterhead Contact": dict(size=10, align="right", after=18, border=("bottom", 12, "1D3F6E", 2)),
    "Running Marking": dict(size=10, bold=True, align="center", after=0),
    "Footer Text": dict(size=8, color=GREY, after=0),
    "Footer Page": dict(size=8, color=GREY, align="right", after=0),
    # letters
    "Letter Date": dict(after=12),
    "Address": dict(after=18),
    "Subject": dict(bold=True),
    "Signature": dict(before=36),
    "Enclosures": dict(before=12),
    "Distribution Heading": dict(after=0, keep=True),
    "Distribution": dict(contextual=True, list=True),
    "Cut Line": dict(before=24, border=("top", 8, "333333", 1), dashed=True),
    # reports
    "Guidance": dict(italic=True, color=RGBColor(0x5A, 0x4A, 0x00), size=9),
    "Cover": dict(align="center", size=13, after=12),
    "Cover Title": dict(align="center", size=16, bold=True, after=12),
    "Marking": dict(align="center", bold=True, size=13, after=12),
}
"""Paragraph styles named after the classes of the masters ("letterhead-name" → "Letterhead Name")."""

BORDERLESS_TABLES = ("Memo", "Ticks")
"""Table styles without borders (the memo header of a letter, rows of tick-boxes)."""


def build(kind: str) -> None:
    """Write templates/shells/<kind>.docx."""
    document = Document()
    _styles(document, HEADINGS["letter" if kind == "letter" else "report"])
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(25)
    section.header_distance = section.footer_distance = Mm(10)
    document.add_paragraph("{{p body }}")
    _british_english(document)
    properties = document.core_properties
    properties.title = properties.subject = properties.author = properties.keywords = properties.comments = ""
    properties.last_modified_by = "docgen"
    properties.revision = 1
    document.save(SHELLS / f"{kind}.docx")


def _british_english(document: Any) -> None:
    """British English as the language of all text (spelling, and what a screen reader speaks)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run.append(lang)
    lang.set(qn("w:val"), "en-GB")
    lang.set(qn("w:eastAsia"), "en-GB")
    theme = document.settings.element.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), "en-GB")


def _styles(document: Any, headings: dict[int, dict[str, Any]]) -> None:
    styles = document.styles
    normal = styles["Normal"]
    _font(normal, size=10.5)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.0  # Word's single line: 1.15 of the size for Arial, as the CSS
    normal.paragraph_format.widow_control = True
    for level, spec in headings.items():
        heading = styles[f"Heading {level}"]
        _font(heading, bold=True, color=spec.get("color", INK))
        heading.font.size = spec["size"] and Pt(spec["size"])  # None: the body's size
        heading.font.italic = False
        fmt = heading.paragraph_format
        fmt.space_before, fmt.space_after = Pt(spec.get("before", 0)), Pt(spec.get("after", 6))
        fmt.keep_with_next = True
    quote = styles["Quote"]
    _font(quote, italic=True, color=INK)
    quote.paragraph_format.left_indent, quote.paragraph_format.right_indent = Mm(12.7), Mm(0)
    quote.paragraph_format.space_before, quote.paragraph_format.space_after = Pt(0), Pt(6)
    quote.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for name, spec in PARAGRAPHS.items():
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["List Paragraph"] if spec.get("list") else normal
        _font(style, size=spec.get("size"), bold=spec.get("bold"), italic=spec.get("italic"), color=spec.get("color"))
        fmt = style.paragraph_format
        if "align" in spec:
            fmt.alignment = {"right": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER}[spec["align"]]
        if "before" in spec:
            fmt.space_before = Pt(spec["before"])
        if "after" in spec:
            fmt.space_after = Pt(spec["after"])
        if spec.get("keep"):
            fmt.keep_with_next = True
        if spec.get("contextual"):
            _add(style, f"<w:contextualSpacing {nsdecls('w')}/>")
        if "border" in spec:
            side, size, colour, space = spec["border"]
            line = "dashed" if spec.get("dashed") else "single"
            border = f'<w:{side} w:val="{line}" w:sz="{size}" w:space="{space}" w:color="{colour}"/>'
            _add(style, f"<w:pBdr {nsdecls('w')}>{border}</w:pBdr>")
    for name in BORDERLESS_TABLES:
        table = styles.add_style(name, WD_STYLE_TYPE.TABLE)
        table.base_style = styles["Normal Table"]


def _add(style: Any, xml: str) -> None:
    """Add a paragraph property to a style, in the place the schema gives it."""
    properties = style.element.get_or_add_pPr()
    element = parse_xml(xml)
    properties.insert_element_before(element, *PPR_ORDER[PPR_ORDER.index(element.tag.replace(W, "w:")) + 1 :])


def _font(
    style: Any,
    *,
    size: float | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    color: RGBColor | None = None,
) -> None:
    """The house typeface in every script slot (no theme font left to override it), and the given look."""
    properties = style.element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is not None:
        properties.remove(fonts)
    properties.insert(
        0, parse_xml(f'<w:rFonts {nsdecls("w")} w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>')
    )
    if size is not None:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    if italic is not None:
        style.font.italic = italic
    if color is not None:
        style.font.color.rgb = color


if __name__ == "__main__":
    SHELLS.mkdir(parents=True, exist_ok=True)
    for shell in ("letter", "report", "form"):
        build(shell)
        print(SHELLS / f"{shell}.docx")
