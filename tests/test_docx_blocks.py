"""HTML subset -> python-docx blocks, checked on documents saved and opened again."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import Section
from docx.shared import Mm, Pt, Twips
from docx.table import Table
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate
from lxml import etree

from docgen.gate.extract import pdf_pages_text
from docgen.rendering.docx.blocks import add_html
from docgen.rendering.docx.tree import xml_safe

from .libreoffice import convert_to_pdf


def _save(document: DocumentObject) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _render(html: str, document: DocumentObject | None = None) -> DocumentObject:
    """Convert into `document` (a new one by default), save, and open the saved file."""
    document = document if document is not None else Document()
    add_html(document, html)
    return Document(io.BytesIO(_save(document)))


def _style(block: Paragraph | Table) -> str | None:
    """The name of a paragraph's or table's style."""
    style = block.style
    return None if style is None else style.name


def _texts(document: DocumentObject) -> list[str]:
    return [paragraph.text for paragraph in document.paragraphs]


def _all_text(document: DocumentObject) -> str:
    return "".join(document.element.body.xpath(".//w:t/text()"))


def _num(paragraph: Paragraph) -> tuple[int, int] | None:
    """(numId, ilvl) of a list paragraph, None for any other."""
    num_pr = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
    if num_pr is None:
        return None
    return int(num_pr.find(qn("w:numId")).get(qn("w:val"))), int(num_pr.find(qn("w:ilvl")).get(qn("w:val")))


def _num_format(document: DocumentObject, num_id: int, level: int) -> tuple[str, str]:
    """(numFmt, lvlText) of a list level, looked up through w:num -> w:abstractNum."""
    numbering = document.part.numbering_part.element
    abstract_id = numbering.num_having_numId(num_id).abstractNumId.val
    lvl = f'./w:abstractNum[@w:abstractNumId="{abstract_id}"]/w:lvl[@w:ilvl="{level}"]'
    return numbering.xpath(f"string({lvl}/w:numFmt/@w:val)"), numbering.xpath(f"string({lvl}/w:lvlText/@w:val)")


def test_headings_and_paragraphs_get_their_styles() -> None:
    html = "<h1>One</h1><h2>Two</h2><h3>Three</h3><h4>Four</h4><p>Body</p>"
    document = _render(html)
    assert [(p.text, _style(p)) for p in document.paragraphs] == [
        ("One", "Heading 1"),
        ("Two", "Heading 2"),
        ("Three", "Heading 3"),
        ("Four", "Heading 4"),
        ("Body", "Normal"),
    ]


def test_inline_formatting_nests() -> None:
    html = "<p>a<b>b<i>c<u>d</u></i></b><em>e</em><code>f</code>x<sup>2</sup>y<sub>3</sub><strong>g</strong></p>"
    (paragraph,) = _render(html).paragraphs
    runs = {run.text: run for run in paragraph.runs}
    assert paragraph.text == "abcdefx2y3g"
    assert (runs["a"].bold, runs["a"].italic, runs["a"].underline) == (None, None, None)
    assert (runs["b"].bold, runs["b"].italic) == (True, None)
    assert (runs["c"].bold, runs["c"].italic, runs["c"].underline) == (True, True, None)
    assert (runs["d"].bold, runs["d"].italic, runs["d"].underline) == (True, True, True)
    assert runs["e"].italic and not runs["e"].bold
    assert runs["f"].font.name == "Courier New"
    assert runs["2"].font.superscript and runs["3"].font.subscript
    assert runs["g"].bold


def test_whitespace_collapses_like_a_browser_and_br_breaks_the_line() -> None:
    html = "<p>\n   Hello   <b> big </b>\n world  <br>\n   next\tline <br/>end  </p>"
    (paragraph,) = _render(html).paragraphs
    assert paragraph.text == "Hello big world\nnext line\nend"
    assert len(paragraph._p.xpath(".//w:br")) == 2
    assert not paragraph._p.xpath(".//w:br[@w:type]")


def test_a_blocks_last_br_is_ignored_like_in_a_browser() -> None:
    document = _render("<p>a<br></p><p><br></p><p>b<br><br></p>")
    assert _texts(document) == ["a", "", "b\n"]
    assert [len(p._p.xpath(".//w:br")) for p in document.paragraphs] == [0, 0, 1]


def test_escaped_and_unicode_text_comes_out_literally() -> None:
    html = "<p>&amp; &lt; &gt; &quot; ' ’ ŵ ŷ ł ż “✂” ☐ ☒ {{ 7*7 }} {% raw %} &lt;b&gt;not bold&lt;/b&gt;</p>"
    (paragraph,) = _render(html).paragraphs
    assert paragraph.text == "& < > \" ' ’ ŵ ŷ ł ż “✂” ☐ ☒ {{ 7*7 }} {% raw %} <b>not bold</b>"
    assert not any(run.bold for run in paragraph.runs)


def test_control_characters_become_control_pictures() -> None:
    assert xml_safe("a\x07b\x0bc\x00d\te\nf\rg\x1f") == "a␇b␋c␀d\te\nf\rg␟"
    assert xml_safe("\ufffe\uffff\ud800") == "\ufffd" * 3
    (paragraph,) = _render("<p>bell\x07 tab\x0b end&#1;&#xFFFF;</p>").paragraphs  # the parser drops such charrefs
    assert paragraph.text == "bell␇ tab␋ end"


def test_unknown_tags_are_dropped_but_keep_their_text_and_comments_vanish() -> None:
    html = (
        "<section><p>kept <blink>blinking</blink> <font color=red>red</font></p></section><!-- hidden --><h5>small</h5>"
    )
    assert _texts(_render(html)) == ["kept blinking red", "small"]


def test_links_keep_their_text_only() -> None:
    document = Document()
    add_html(document, '<p>see <a href="file:///etc/passwd">x</a> and <a href="https://example.org">y</a></p>')
    package = _save(document)
    assert _texts(Document(io.BytesIO(package))) == ["see x and y"]
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        for name in archive.namelist():
            content = archive.read(name)
            assert b"file:" not in content and b"example.org" not in content, name
            assert b"<w:hyperlink" not in content and b"relationships/hyperlink" not in content, name


def test_table_shape_spans_and_header() -> None:
    html = """<table>
      <thead><tr><th>Name</th><th colspan="2">Contact</th></tr></thead>
      <tbody>
        <tr><td rowspan="2">Ann</td><td>phone</td><td>email</td></tr>
        <tr><td>  0123  </td><td></td></tr>
        <tr><td colspan="3">note <b>bold</b></td></tr>
      </tbody></table>"""
    document = _render(html)
    (table,) = document.tables
    assert (len(table.rows), len(table.columns)) == (4, 3)
    assert _style(table) == "Table Grid"
    width = table._tbl.tblPr.find(qn("w:tblW"))
    assert (width.get(qn("w:type")), width.get(qn("w:w"))) == ("pct", "5000")
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["Name", "Contact", "Contact"],
        ["Ann", "phone", "email"],
        ["Ann", "0123", ""],
        ["note bold", "note bold", "note bold"],
    ]
    header, first, second, last = (row._tr for row in table.rows)
    assert header.xpath("./w:trPr/w:tblHeader") and not first.xpath("./w:trPr/w:tblHeader")
    assert header.xpath("./w:tc/w:tcPr/w:gridSpan/@w:val") == ["2"]
    assert last.xpath("./w:tc/w:tcPr/w:gridSpan/@w:val") == ["3"]
    assert first.xpath("./w:tc[1]/w:tcPr/w:vMerge/@w:val") == ["restart"]
    assert second.xpath("./w:tc[1]/w:tcPr/w:vMerge") and not second.xpath("./w:tc[1]//w:t")
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    assert not any(run.bold for run in table.rows[1].cells[0].paragraphs[0].runs)
    empty = table.rows[2].cells[2]
    assert len(empty.paragraphs) == 1 and empty.paragraphs[0].text == ""


def test_cell_content_becomes_paragraphs_and_lists() -> None:
    html = "<table><tr><td><p>one</p><p>two</p></td><td>loose <i>text</i><ul><li>item</li></ul></td></tr></table>"
    (table,) = _render(html).tables
    left, right = table.rows[0].cells
    assert [p.text for p in left.paragraphs] == ["one", "two"]
    assert [p.text for p in right.paragraphs] == ["loose text", "item"]
    assert _num(right.paragraphs[1]) is not None


def test_a_cell_given_a_height_makes_its_row_at_least_as_tall_as_in_the_pdf() -> None:
    """A space to write in (`height: 15mm`) is as tall in Word, with the cell's padding above and below (1.2 mm
    each, 68 twips) as in the PDF; the tallest cell of a row wins; other rows and words like line-height are left
    alone."""
    html = (
        '<table><tr><td>prompt</td><td style="height: 15mm"></td><td style="height: 12mm"></td></tr>'
        '<tr><td style="line-height: 30pt">x</td><td>y</td><td style="height: 9pt">z</td></tr>'
        "<tr><td>a</td><td>b</td><td>c</td></tr></table>"
    )
    (table,) = _render(html).tables
    assert [row.height for row in table.rows] == [Twips(round(15 * 1440 / 25.4) + 136), Twips(180 + 136), None]
    assert [row.height_rule for row in table.rows][:2] == [WD_ROW_HEIGHT_RULE.AT_LEAST] * 2


def test_a_box_to_fill_in_makes_its_row_as_tall_as_in_the_pdf() -> None:
    """A blank form's box (`min-height: 32mm` on what the cell holds) sizes the Word row; a table nested in the
    cell keeps its own rows' heights."""
    html = (
        '<table><tr><td>Contact</td><td><span style="display: block; min-height: 32mm"></span></td></tr>'
        '<tr><td>x</td><td><table><tr><td><span style="min-height: 50mm"></span></td></tr></table></td></tr></table>'
    )
    table = _render(html).tables[0]
    assert [row.height for row in table.rows] == [Twips(round(32 * 1440 / 25.4) + 136), None]


def test_colspan_never_overlaps_a_rowspan_from_above() -> None:
    html = "<table><tr><td>a</td><td rowspan=2>b</td><td>c</td></tr><tr><td colspan=3>d</td></tr></table>"
    (table,) = _render(html).tables
    assert [[cell.text for cell in row.cells] for row in table.rows] == [["a", "b", "c"], ["d", "b", ""]]


def test_lists_are_word_numbering() -> None:
    html = """<ol><li>one</li><li>two<ul><li>sub</li><li>sub2<ol><li>deep</li></ol></li></ul></li></ol>
      <p>between</p>
      <ol><li>again</li></ol>
      <ul><li><p>para one</p><p>para two</p></li></ul>"""
    document = _render(html)
    paragraphs = {p.text: p for p in document.paragraphs}
    one, two, again = (_num(paragraphs[text]) for text in ("one", "two", "again"))
    sub, sub2, deep = (_num(paragraphs[text]) for text in ("sub", "sub2", "deep"))
    assert one is not None and two is not None and again is not None and sub is not None and deep is not None
    assert one == two and one[1] == 0
    assert again[0] != one[0]  # a new <ol> restarts at 1
    assert sub == sub2 and sub[1] == 1
    assert deep[1] == 2
    assert _num(paragraphs["between"]) is None
    assert _num_format(document, one[0], 0) == ("decimal", "%1.")
    assert _num_format(document, again[0], 0) == ("decimal", "%1.")
    assert _num_format(document, sub[0], 1) == ("bullet", "◦")
    numbered, continued = paragraphs["para one"], paragraphs["para two"]
    bullet = _num(numbered)
    assert bullet is not None and _num_format(document, bullet[0], 0) == ("bullet", "•")
    assert _num(continued) is None
    assert {_style(p) for p in (numbered, continued, paragraphs["one"])} == {"List Paragraph"}


def test_unclosed_list_items_and_cells_close_implicitly() -> None:
    document = _render("<ul><li>a<li>b</ul><table><tr><td>1<td>2<tr><td>3<td>4</table>")
    assert _texts(document)[:2] == ["a", "b"]
    assert _num(document.paragraphs[0]) == _num(document.paragraphs[1])
    (table,) = document.tables
    assert [[cell.text for cell in row.cells] for row in table.rows] == [["1", "2"], ["3", "4"]]


def test_misnested_and_stray_tags_keep_all_text() -> None:
    html = "</p><p><b>bold <i>both</b> italic</i> tail</div></span><li>stray</li></ul></td>"
    html += "<table>lost?<tr>row text<td>cell</td></tr></table><ul><li>x<div><p>y</ul>z<b><p>in bold</p></b>"
    html += "<p>" * 500 + "deep" + "<span>" * 500 + "deeper"
    document = _render(html)
    text = _all_text(document)
    for word in ("bold", "both", "italic", "tail", "stray", "lost?", "row text", "cell", "x", "y", "z", "deeper"):
        assert word in text
    assert text.index("lost?") < text.index("cell")
    in_bold = next(p for p in document.paragraphs if p.text == "in bold")
    assert all(run.bold for run in in_bold.runs)


def test_page_break_rule_and_quote() -> None:
    document = _render('<p>a</p><div class="page-break"></div><p>b</p><hr><blockquote>said</blockquote>')
    body = document.element.body
    assert len(body.xpath('.//w:br[@w:type="page"]')) == 1
    assert body.xpath(".//w:pBdr/w:bottom")
    assert _style(next(p for p in document.paragraphs if p.text == "said")) == "Quote"


def test_blockquote_without_quote_style_is_indented() -> None:
    document = Document()
    document.styles.element.remove(document.styles["Quote"].element)
    (paragraph,) = _render("<blockquote>said</blockquote>", document).paragraphs
    assert _style(paragraph) == "Normal"
    assert paragraph.paragraph_format.left_indent is not None and paragraph.paragraph_format.left_indent > 0


def test_classes_map_to_existing_styles() -> None:
    document = Document()
    document.styles.add_style("Guidance", WD_STYLE_TYPE.PARAGRAPH)
    document.styles.add_style("Signature Line", WD_STYLE_TYPE.PARAGRAPH)
    document.styles.add_style("Data Table", WD_STYLE_TYPE.TABLE)
    html = """<p class="guidance">g</p><p class="missing signature-line">s</p><p class="nothing">n</p>
      <h2 class="nothing">h</h2><div class="guidance"><p>inherited</p>loose</div>
      <table class="data-table"><tr><td class="guidance">c</td><td>d</td></tr></table>
      <table><tr><td>e</td></tr></table>"""
    document = _render(html, document)
    styles = {p.text: _style(p) for p in document.paragraphs}
    assert styles == {
        "g": "Guidance",
        "s": "Signature Line",
        "n": "Normal",
        "h": "Heading 2",
        "inherited": "Guidance",
        "loose": "Guidance",
    }
    styled, plain = document.tables
    assert _style(styled) == "Data Table" and _style(plain) == "Table Grid"
    assert [_style(c.paragraphs[0]) for c in styled.rows[0].cells] == ["Guidance", "Normal"]


def _drop_numbering(document: DocumentObject) -> None:
    part = document.part
    (rel_id,) = [rel_id for rel_id, rel in part.rels.items() if rel.reltype == RT.NUMBERING]
    part.drop_rel(rel_id)


def test_missing_numbering_part_is_created() -> None:
    document = Document()
    _drop_numbering(document)
    document = _render("<ol><li>a</li></ol><ul><li>b</li></ul>", document)
    first, second = (_num(p) for p in document.paragraphs)
    assert first is not None and second is not None and first[0] != second[0]
    assert _num_format(document, first[0], 0)[0] == "decimal"
    assert _num_format(document, second[0], 0)[0] == "bullet"


@pytest.mark.slow
def test_ten_thousand_row_table() -> None:
    rows = "".join(f"<tr><td>{index}</td><td>row <b>{index}</b></td></tr>" for index in range(10_000))
    (table,) = _render(f"<table><thead><tr><th>n</th><th>text</th></tr></thead>{rows}</table>").tables
    assert len(table.rows) == 10_001
    assert table.rows[-1].cells[1].text == "row 9999"


@pytest.mark.parametrize("numbering", [True, False], ids=["template-numbering", "no-numbering-part"])
def test_docxtpl_subdoc_uses_the_template_numbering(tmp_path: Path, numbering: bool) -> None:
    shell = Document()
    if not numbering:
        _drop_numbering(shell)
    shell.add_paragraph("Before")
    shell.add_paragraph("{{p body}}")
    shell.add_paragraph("After")
    shell.save(str(tmp_path / "shell.docx"))
    template = DocxTemplate(tmp_path / "shell.docx")
    subdoc = template.new_subdoc()
    assert subdoc.subdocx.part is template.docx.part
    add_html(
        subdoc,
        "<ol><li>a</li><li>b</li></ol><p>mid &amp; more</p><ol><li>c</li></ol><table><tr><td>t</td></tr></table>",
    )
    template.render({"body": subdoc})
    buffer = io.BytesIO()
    template.save(buffer)
    document = Document(buffer)
    assert _texts(document) == ["Before", "a", "b", "mid & more", "c", "After"]
    a, b, c = (_num(document.paragraphs[index]) for index in (1, 2, 4))
    assert a is not None and c is not None and a == b and a[0] != c[0]
    assert _num_format(document, a[0], 0) == ("decimal", "%1.")
    assert document.tables[0].rows[0].cells[0].text == "t"


@pytest.mark.parametrize(
    "html",
    ["", "   \n ", "<p></p>", "<!-- only a comment -->", "</b></p>", "<div class='landscape'> <p></p> </div>"],
)
def test_empty_input_adds_nothing(html: str) -> None:
    document = Document()
    before = len(document.element.body)
    page_setup = etree.tostring(document.element.body.sectPr)
    add_html(document, html)
    assert len(document.element.body) == before
    assert etree.tostring(document.element.body.sectPr) == page_setup


_WIDE_TABLE = "<table><tr><th>Date</th><th>Event</th></tr><tr><td>16/07/25</td><td>wide table text</td></tr></table>"
_LANDSCAPE = f"<p>before</p><div class='landscape'>{_WIDE_TABLE}</div><p>after</p>"
_A4 = (Twips(11906), Twips(16838))
_END = "<section end>"  # an empty paragraph whose properties end a section
_LAST = "<last section>"  # the body's own section properties


def _report_like(document: DocumentObject) -> DocumentObject:
    """Give the one section of a new document the report shell's setup: A4, headers, a different first page."""
    section = document.sections[0]
    section.page_width, section.page_height = _A4
    section.top_margin = section.bottom_margin = Twips(1247)  # 22 mm
    section.left_margin = section.right_margin = Twips(1134)  # 20 mm
    section.different_first_page_header_footer = True
    section.header.paragraphs[0].text = "Running header"
    section.first_page_header.paragraphs[0].text = "Cover header"
    section.footer.paragraphs[0].text = "Running footer"
    section.first_page_footer.paragraphs[0].text = "Cover footer"
    section._sectPr.insert_element_before(
        parse_xml(f'<w:pgNumType {nsdecls("w")} w:fmt="decimal" w:start="1"/>'), "w:cols"
    )
    return document


def _into_document(html: str, _: Path) -> bytes:
    document = _report_like(Document())
    add_html(document, html)
    return _save(document)


def _into_template(html: str, folder: Path) -> bytes:
    """Convert into a docxtpl Subdoc placed by `{{p body }}` into a one-section shell, as reports are."""
    shell = _report_like(Document())
    shell.add_paragraph("{{p body }}")
    shell.save(str(folder / "shell.docx"))
    template = DocxTemplate(folder / "shell.docx")
    subdoc = template.new_subdoc()
    add_html(subdoc, html)
    template.render({"body": subdoc})
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


_BUILDERS = pytest.mark.parametrize("build", [_into_document, _into_template], ids=["document", "docxtpl-subdoc"])


def _outline(document: DocumentObject) -> list[str]:
    """The body's blocks in order: paragraph texts, tables, and where sections end."""
    outline = []
    for block in document.element.body:
        if block.tag == qn("w:tbl"):
            outline.append("<table>")
        elif block.tag == qn("w:sectPr"):
            outline.append(_LAST)
        elif block.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            assert not block.xpath(".//w:t"), "a section-ending paragraph holds no text"
            outline.append(_END)
        else:
            outline.append("".join(block.xpath(".//w:t/text()")))
    return outline


def _own_headers_and_footers(section: Section) -> list[str]:
    """The section's own header and footer references ("header:default") and whether it sets titlePg."""
    found = section._sectPr.xpath("./w:headerReference | ./w:footerReference | ./w:titlePg")
    return sorted(f"{etree.QName(e).localname.removesuffix('Reference')}:{e.get(qn('w:type'), '')}" for e in found)


@_BUILDERS
def test_a_landscape_block_gets_a_landscape_section_of_its_own(
    build: Callable[[str, Path], bytes], tmp_path: Path
) -> None:
    document = Document(io.BytesIO(build(_LANDSCAPE, tmp_path)))
    first, wide, last = document.sections
    assert [s.orientation for s in (first, wide, last)] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    assert first.page_width is not None and first.page_height is not None
    assert first.page_width < first.page_height and (last.page_width, last.page_height) == _A4
    assert (wide.page_width, wide.page_height) == (first.page_height, first.page_width)
    margins = ("top_margin", "bottom_margin", "left_margin", "right_margin", "header_distance", "footer_distance")
    assert {tuple(getattr(section, margin) for margin in margins) for section in (first, wide, last)} == {
        (Twips(1247), Twips(1247), Twips(1134), Twips(1134), first.header_distance, first.footer_distance)
    }
    assert [s.start_type for s in (wide, last)] == [WD_SECTION_START.NEW_PAGE] * 2
    assert [s._sectPr.xpath("string(./w:type/@w:val)") for s in (wide, last)] == ["nextPage"] * 2
    # the table sits between the paragraphs ending the portrait section before it and its own landscape one
    assert _outline(document) == ["before", _END, "<table>", _END, "after", _LAST]
    assert document.tables[0].rows[1].cells[1].text == "wide table text"
    # the first section keeps the shell's headers, footers and first page; the others show the same running ones
    assert _own_headers_and_footers(first) == [
        "footer:default",
        "footer:first",
        "header:default",
        "header:first",
        "titlePg:",
    ]
    assert first.different_first_page_header_footer
    assert first._sectPr.xpath("string(./w:pgNumType/@w:start)") == "1"
    for section in (wide, last):
        assert _own_headers_and_footers(section) == []
        assert section.header.is_linked_to_previous and section.footer.is_linked_to_previous
        assert not section.different_first_page_header_footer
        assert section.header.paragraphs[0].text == "Running header"
        assert section.footer.paragraphs[0].text == "Running footer"
        assert section._sectPr.xpath("./w:pgNumType") and not section._sectPr.xpath("./w:pgNumType/@w:start")


def test_nested_and_adjacent_landscape_blocks_make_one_section() -> None:
    html = """<p>a</p><div class="landscape"><p>x</p><div class="landscape"><p>y</p></div></div>
      <div class="landscape"><h2 class="landscape">z</h2></div><p>b</p>"""
    document = _render(html)
    assert [s.orientation for s in document.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    assert _outline(document) == ["a", _END, "x", "y", "z", _END, "b", _LAST]
    assert _style(document.paragraphs[4]) == "Heading 2"


def test_landscape_blocks_at_the_start_and_the_end_still_make_whole_sections() -> None:
    document = _render("<div class='landscape'><p>x</p></div><p>mid</p><div class='landscape'><p>y</p></div>")
    assert [s.orientation for s in document.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE] * 2 + [
        WD_ORIENT.PORTRAIT
    ]
    # the document still ends with a plain paragraph, the portrait section after the last landscape one
    assert _outline(document) == [_END, "x", _END, "mid", _END, "y", _END, "", _LAST]


def test_landscape_in_a_table_cell_adds_no_section() -> None:
    document = _render("<table><tr><td><div class='landscape'><p>in a cell</p></div></td></tr></table>")
    assert len(document.sections) == 1
    assert document.tables[0].rows[0].cells[0].text == "in a cell"


@pytest.mark.slow
def test_libreoffice_lays_the_landscape_section_out_on_landscape_pages(tmp_path: Path) -> None:
    path = tmp_path / "landscape.docx"
    path.write_bytes(_into_template(_LANDSCAPE, tmp_path))
    pdf = convert_to_pdf([path], tmp_path)[path].read_bytes()
    document = pdfium.PdfDocument(pdf)
    try:
        landscape = [page.get_width() > page.get_height() for page in document]
    finally:
        document.close()
    pages = [" ".join(page.split()) for page in pdf_pages_text(pdf)]
    assert len(pages) == 3
    assert ["wide table text" in page for page in pages] == [False, True, False]
    assert landscape == [False, True, False]
    assert ["before" in pages[0], "after" in pages[2]] == [True, True]
    # the cover's own header and footer on page 1, the running ones (inherited) on the landscape page and after
    assert [("Cover header" in page, "Cover footer" in page) for page in pages] == [(True, True)] + [(False, False)] * 2
    assert all("Running header" in page and "Running footer" in page for page in pages[1:])


_SPEC_TABLE = (
    '<table class="fixed"><colgroup><col style="width: 10%"><col style="width: 60%"><col style="width: 30%">'
    "</colgroup><thead><tr><th>Date</th><th>Event</th><th>Light</th></tr></thead><tbody>"
    '<tr><td class="nowrap">16/07/25</td><td>text</td><td style="background-color: #fce8b2">AMBER</td></tr>'
    "</tbody></table>"
)


@pytest.mark.parametrize("landscape", [False, True])
def test_column_widths_come_from_the_colgroup(landscape: bool) -> None:
    html = f"<div class='landscape'>{_SPEC_TABLE}</div>" if landscape else _SPEC_TABLE
    document = _render(html, _report_like(Document()))
    (table,) = document.tables
    text_width = (16838 if landscape else 11906) - 2 * 1134
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert [round(w / text_width, 3) for w in grid] == [0.1, 0.6, 0.3]
    assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    for row in table.rows:
        assert [int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for tc in row._tr.tc_lst] == grid
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None, "the header repeats on each page"
    assert len(table._tbl.xpath(".//w:cantSplit")) == 2, "every row moves whole to the next page, as in the PDF"


def test_only_a_chronologys_or_an_action_plans_long_rows_break_across_pages() -> None:
    chronology = _SPEC_TABLE.replace('class="fixed"', 'class="fixed chronology"')
    (table,) = _render(chronology).tables
    assert not table._tbl.xpath(".//w:cantSplit"), "a long entry breaks under the repeated header"
    kept = chronology.replace("<tr><td", '<tr class="keep-together"><td')
    (table,) = _render(kept).tables
    assert len(table._tbl.xpath(".//w:cantSplit")) == 1, "a short one moves whole"


def test_cells_keep_their_shading_and_stay_on_one_line() -> None:
    (table,) = _render(_SPEC_TABLE).tables
    date, _, light = table.rows[1]._tr.tc_lst
    assert light.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "FCE8B2"
    assert date.tcPr.find(qn("w:noWrap")) is not None and light.tcPr.find(qn("w:noWrap")) is None
    assert table.rows[0]._tr.tc_lst[0].tcPr.find(qn("w:shd")).get(qn("w:fill")) == "E8EDF4", "the header's own"


def test_a_table_without_widths_stays_as_it_was() -> None:
    (table,) = _render(_WIDE_TABLE).tables
    assert table._tbl.tblPr.find(qn("w:tblLayout")) is None


def test_headings_with_ids_are_bookmarks_and_links_point_to_them() -> None:
    html = '<h2 id="s1">Introduction</h2><p><a href="#s1">go</a> and <a href="http://example.org">away</a></p>'
    document = _render(html)
    heading, paragraph = document.paragraphs
    (start,) = heading._p.findall(qn("w:bookmarkStart"))
    assert start.get(qn("w:name")) == "s1" and heading._p.find(qn("w:bookmarkEnd")) is not None
    (link,) = paragraph._p.findall(qn("w:hyperlink"))
    assert link.get(qn("w:anchor")) == "s1" and link.xpath("string(.//w:t)") == "go"
    assert paragraph.text.endswith("and away"), "only links within the document become links"


def test_a_field_block_wraps_its_paragraphs_in_a_word_field() -> None:
    html = '<div data-field="TOC \\o &quot;1-2&quot; \\h"><p>one</p><p>two</p></div><p>after</p>'
    document = _render(html)
    first, second, after = document.paragraphs
    kinds = [c.get(qn("w:fldCharType")) for c in first._p.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate"] and [c.get(qn("w:fldCharType")) for c in second._p.iter(qn("w:fldChar"))] == [
        "end"
    ]
    assert first._p.xpath("string(.//w:instrText)").strip() == 'TOC \\o "1-2" \\h'
    assert first.text.endswith("one") and not after._p.findall(f".//{qn('w:fldChar')}")


def test_a_block_kept_with_the_previous_one_keeps_the_paragraph_before_it() -> None:
    html = (
        '<p>before</p><div class="keep-together keep-with-previous"><h2>Signatures</h2>'
        "<table><tr><td>a</td></tr><tr><td>b</td></tr></table></div>"
    )
    document = _render(html)
    before, heading = document.paragraphs
    assert before.paragraph_format.keep_with_next and heading.paragraph_format.keep_with_next
    rows = document.tables[0].rows
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows)
    assert rows[0].cells[0].paragraphs[0].paragraph_format.keep_with_next
    assert not rows[1].cells[0].paragraphs[0].paragraph_format.keep_with_next, "the block's last line ends it"


def test_png_pictures_get_their_width_and_alt_text_others_are_dropped() -> None:
    import base64

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), "white").save(buffer, format="PNG")
    png = base64.b64encode(buffer.getvalue()).decode()
    html = (
        f'<img src="data:image/png;base64,{png}" alt="A drawing &amp; its words" width="300" height="200">'
        '<img src="file:///etc/passwd" alt="no"><img src="data:image/png;base64,@@@" alt="broken">'
    )
    document = _render(html)
    (shape,) = document.inline_shapes
    assert shape.width == Twips(300 * 15) and shape._inline.docPr.get("descr") == "A drawing & its words"


def test_a_left_margin_in_millimetres_indents_the_paragraph() -> None:
    indented, plain = _render('<p style="margin-left: 6mm">in</p><p>out</p>').paragraphs
    assert abs(indented.paragraph_format.left_indent - Mm(6)) <= Twips(1)
    assert plain.paragraph_format.left_indent is None


def test_a_font_size_in_points_sizes_the_text_of_a_table() -> None:
    (table,) = _render(
        '<table style="font-size: 7.5pt"><tr><th>h</th><td><p>a</p><ul><li>b</li></ul></td></tr></table>'
    ).tables
    runs = [run for cell in table.rows[0].cells for p in cell.paragraphs for run in p.runs]
    assert len(runs) == 3 and all(run.font.size == Pt(7.5) for run in runs)
