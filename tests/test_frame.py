"""One master, one look: the letterhead, marking and footer come from one partial each in both formats, and
both formats set the same typeface at the same sizes."""

from __future__ import annotations

import ctypes
import io
import re
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from docgen import KINDS, Case, render
from docgen.derive.facts import owned_reference
from docgen.gate.extract import docx_parts_text, pdf_pages_text
from docgen.model.kinds import Shell
from docgen.rendering.frame import text_size

from .approved import final
from .conftest import corpus_case, rendered, text_of

LETTERS = [f"letter-{n}" for n in range(1, 8)]


def parts(content: bytes) -> dict[str, str]:
    return docx_parts_text(content)


def test_a_board_changes_its_letterhead_in_one_file_and_both_formats_follow(case: Case, tmp_path: Path) -> None:
    (tmp_path / "layout").mkdir()
    (tmp_path / "layout" / "letterhead.html.j2").write_text(
        '<header class="letterhead"><p class="letterhead-name">{{ board.area }} Partnership for Children</p>'
        '<p class="letterhead-contact">Freepost {{ board.short_name }} · {{ board.phone }}</p></header>',
        encoding="utf-8",
    )
    for fmt in ("pdf", "docx"):
        body = text_of(render(case, "letter-1", fmt, board_templates=tmp_path))
        assert f"{case.board.area} Partnership for Children" in body, fmt
        assert f"Freepost {case.board.short_name}" in body, fmt
        assert case.board.address.one_line() not in body, fmt
    docx = render(case, "letter-1", "docx", board_templates=tmp_path).content
    styles = [p.style.name for p in Document(io.BytesIO(docx)).paragraphs[:2]]
    assert styles == ["Letterhead Name", "Letterhead Contact"], "the partial's classes are the shell's styles"


def test_a_board_changes_its_footer_in_one_file_and_both_formats_follow(case: Case, tmp_path: Path) -> None:
    (tmp_path / "layout").mkdir()
    (tmp_path / "layout" / "footer.html.j2").write_text(
        '<div class="running-footer"><p class="footer-text">Ref. {{ review.reference }} – keep safe</p>'
        '<p class="footer-page">{{ board.short_name }} page <span class="page-number"></span></p></div>',
        encoding="utf-8",
    )
    pdf = render(case, "letter-1", "pdf", board_templates=tmp_path).content
    for number, page in enumerate(pdf_pages_text(pdf), start=1):
        assert f"Ref. {case.review.reference} – keep safe" in page and f"page {number}" in page
    docx = render(case, "letter-1", "docx", board_templates=tmp_path).content
    footers = " ".join(t for name, t in parts(docx).items() if "footer" in name)
    assert f"Ref. {case.review.reference} – keep safe" in footers and "Our reference" not in footers


@pytest.mark.slow
@pytest.mark.parametrize("kind", [*LETTERS, "ofsted-notification"])
def test_one_protective_marking_on_every_page(kind: str) -> None:
    document = rendered(kind, "pdf")
    marking = KINDS[kind].marking
    assert marking, f"{kind} names the child: it carries a marking"
    for page in pdf_pages_text(document.content):
        assert len(re.findall(r"\bCONFIDENTIAL\b", page)) == 1
        assert marking in page
    docx = parts(rendered(kind, "docx").content)
    headers = [t for name, t in docx.items() if "header" in name]
    assert headers and all(t.strip() == marking for t in headers)
    assert "CONFIDENTIAL" not in docx["word/document.xml"], "the marking is in the header, not the body"


@pytest.mark.parametrize("kind", [*LETTERS, "ofsted-notification"])
def test_both_formats_use_one_typeface_at_one_size(kind: str) -> None:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    size = text_size(KINDS[kind])
    assert size == (12 if kind in ("letter-5", "letter-6") else 11 if KINDS[kind].shell is Shell.LETTER else 10)
    pdf = pdfium.PdfDocument(rendered(kind, "pdf").content)
    try:
        page = pdf[0].get_textpage()
        chars = range(page.count_chars())
        sizes = Counter(round(raw.FPDFText_GetFontSize(page.raw, i) * 0.75, 1) for i in chars)
        fonts = Counter(_font_name(raw, page, i) for i in chars)
    finally:
        pdf.close()
    assert sizes.most_common(1)[0][0] == size, "the body text, in points"
    assert fonts.most_common(1)[0][0].endswith("Liberation-Sans")
    document = Document(io.BytesIO(rendered(kind, "docx").content))
    normal = document.styles["Normal"]
    assert (normal.font.name, normal.font.size) == ("Arial", Pt(size)), "Arial: Liberation Sans's metrics"


def _font_name(raw: Any, page: Any, index: int) -> str:
    buffer = ctypes.create_string_buffer(128)
    raw.FPDFText_GetFontInfo(page.raw, index, buffer, len(buffer), None)
    return buffer.value.decode()


def test_the_docx_footer_numbers_pages_at_the_footer_size(case: Case) -> None:
    content = rendered("letter-1", "docx").content
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        footer = b"".join(package.read(n) for n in package.namelist() if n.startswith("word/footer")).decode()
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer
    assert "<w:sz " not in footer, "no run sets its own size: the footer's style sizes the page numbers"
    document = Document(io.BytesIO(content))
    paragraphs = document.sections[0].footer.paragraphs
    assert [p.style.name for p in paragraphs] == ["Footer Text", "Footer Page"]
    assert {p.style.font.size for p in paragraphs} == {Pt(8)}
    assert case.referral is not None  # Letter 1 precedes the decision: the referral's reference
    assert paragraphs[0].text == f"{case.board.name} · Our reference: {case.referral.reference}"


def test_the_letterhead_rule_and_spacing_are_the_pdfs() -> None:
    """house.css draws a 1.5 pt navy rule under the letterhead with 18 pt below: so does the Word style."""
    document = Document(io.BytesIO(rendered("letter-2", "docx").content))
    contact = document.paragraphs[2]
    assert contact.style.name == "Letterhead Contact"
    border = contact.style.element.find(".//{*}pBdr/{*}bottom")
    assert border is not None and border.get(f"{{{border.nsmap['w']}}}sz") == "12"  # eighths of a point
    assert contact.style.paragraph_format.space_after == Pt(18)


@pytest.mark.parametrize(("name", "fmt"), [("welsh-border-interpreter", "docx"), ("welsh-border-interpreter", "pdf")])
def test_a_reference_that_begins_with_the_boards_short_name_is_not_preceded_by_it(name: str, fmt: str) -> None:
    case = corpus_case(name)
    assert case.referral is not None and case.referral.reference.startswith(case.board.short_name)
    text = text_of(render(case, "ofsted-notification", fmt))
    assert f"{case.referral.reference} · Notification of serious childcare incident" in text
    assert f"{case.board.short_name} · {case.referral.reference}" not in text


def test_a_reference_follows_its_boards_short_name_once() -> None:
    assert owned_reference("WVSCB", "REF-2026-003") == "WVSCB · REF-2026-003"
    assert owned_reference("MWSCB", "MWSCB-REF-2026-09") == "MWSCB-REF-2026-09"


@pytest.mark.parametrize("kind", ["letter-1", "executive-summary", "referral-form"])
def test_word_documents_are_in_british_english(kind: str) -> None:
    """Every run's default language (what Word checks spelling in and a screen reader speaks) and the document's
    language property are en-GB, as the PDF's and the HTML's are."""
    content = rendered(kind, "docx").content
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        styles = package.read("word/styles.xml").decode()
        settings = package.read("word/settings.xml").decode()
        core = package.read("docProps/core.xml").decode()
    assert re.search(r'<w:rPrDefault><w:rPr>.*?<w:lang w:val="en-GB" w:eastAsia="en-GB"', styles, re.S)
    assert "en-US" not in styles and 'w:themeFontLang w:val="en-GB"' in settings
    assert "<dc:language>en-GB</dc:language>" in core


def test_the_covers_title_is_a_heading_in_word_too() -> None:
    """The title (an h1 in the cover's own style) keeps outline level 1: Word's navigation and a screen reader
    find it as the first heading."""
    document = Document(io.BytesIO(final("executive-summary", "docx").content))
    title = document.paragraphs[0]
    assert title.style.name == "Cover Title" and title.text.startswith("LESSONS LEARNED REVIEW – ")
    assert title._p.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "0"
