"""Build the built-in DOCX shells in templates/shells/ (run after changing this file).

A shell is a docxtpl template: page set-up, styles, a letterhead or running header, a footer with
the page number, and `{{p body }}` where the document's body goes. Boards may replace a shell by
putting their own (made in Word, with the same tags) in their templates folder.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

SHELLS = Path(__file__).resolve().parent.parent / "templates" / "shells"
NAVY = RGBColor(0x1D, 0x3F, 0x6E)
MARKING = "{% if marking %}{{ marking }}{% endif %}"
FOOTER = (
    "{{ board.short_name }} · {{ review.reference }} · {{ title }}{% if footer_note %} · {{ footer_note }}{% endif %}"
)


def build(kind: str) -> None:
    """Write templates/shells/<kind>.docx."""
    document = Document()
    _styles(document)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(22)
    section.different_first_page_header_footer = True
    _paragraph(section.header, MARKING, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    if kind == "letter":
        first = section.first_page_header
        _paragraph(first, MARKING, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        _paragraph(first, "{{ board.name }}", bold=True, size=14, color=NAVY, align=WD_ALIGN_PARAGRAPH.RIGHT)
        _paragraph(first, "{{ board.address.one_line() }}", size=8.5, align=WD_ALIGN_PARAGRAPH.RIGHT)
        _paragraph(
            first,
            "Tel: {{ board.phone }}{% if board.fax %} · Fax: {{ board.fax }}{% endif %} · Email: {{ board.email }}"
            " · {{ board.website }}",
            size=8.5,
            align=WD_ALIGN_PARAGRAPH.RIGHT,
        )
    else:
        _paragraph(section.first_page_header, MARKING, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for footer in (section.footer, section.first_page_footer):
        _paragraph(footer, FOOTER, size=8)
        _page_numbers(footer.add_paragraph())
    document.add_paragraph("{{p body }}")
    properties = document.core_properties
    properties.title = properties.subject = properties.author = properties.keywords = properties.comments = ""
    properties.last_modified_by = "docgen"
    properties.revision = 1
    document.save(SHELLS / f"{kind}.docx")


def _styles(document: Document) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(10.5)
    normal.paragraph_format.space_after = Pt(5)
    for level, size in ((1, 15), (2, 13), (3, 11.5), (4, 10.5)):
        heading = styles[f"Heading {level}"]
        heading.font.name, heading.font.size, heading.font.color.rgb = "Arial", Pt(size), NAVY
    custom = {
        "Guidance": dict(italic=True, color=RGBColor(0x5A, 0x4A, 0x00), size=9),
        "Signature Line": dict(space_before=24),
        "Cut Line": dict(space_before=24),
        "Cover": dict(center=True, size=13),
        "Cover Title": dict(center=True, size=16, bold=True),
        "Marking": dict(center=True, bold=True, size=13),
    }
    for name, spec in custom.items():
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.italic = spec.get("italic")
        style.font.bold = spec.get("bold")
        if "color" in spec:
            style.font.color.rgb = spec["color"]
        if "size" in spec:
            style.font.size = Pt(spec["size"])
        if "space_before" in spec:
            style.paragraph_format.space_before = Pt(spec["space_before"])
        if spec.get("center"):
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            style.paragraph_format.space_after = Pt(12)


def _paragraph(part, text: str, *, bold=False, size=None, color=None, align=None):  # type: ignore[no-untyped-def]
    paragraph = part.paragraphs[0] if part.paragraphs and not part.paragraphs[0].text else part.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if color:
        run.font.color.rgb = color
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _page_numbers(paragraph) -> None:  # type: ignore[no-untyped-def]
    """'Page X of Y' with live PAGE and NUMPAGES fields."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for text, field in (("Page ", "PAGE"), (" of ", "NUMPAGES")):
        run = paragraph.add_run(text)
        run.font.size = Pt(8)
        simple = OxmlElement("w:fldSimple")
        simple.set(qn("w:instr"), field)
        inner = OxmlElement("w:r")
        value = OxmlElement("w:t")
        value.text = "1"
        inner.append(value)
        simple.append(inner)
        paragraph._p.append(simple)


if __name__ == "__main__":
    SHELLS.mkdir(parents=True, exist_ok=True)
    for shell in ("letter", "report", "form"):
        build(shell)
        print(SHELLS / f"{shell}.docx")
