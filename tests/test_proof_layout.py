"""The proof's layout rules (docgen/proof/pdf_layout.py and the rules that read it): each on a small PDF laid out
by docgen's own PDF engine with the house style that trips it, and one that does not."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from docgen.proof import Reading, proofread
from docgen.proof.pdf_layout import pdf_layout
from docgen.rendering.pdf.engine import html_to_pdf

from .conftest import ROOT, rendered

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HOUSE = (ROOT / "templates" / "layout" / "house.css").read_text(encoding="utf-8")
NEAR_THE_FOOT = '<p style="margin-bottom: 228mm">The opening words.</p>'
"""A paragraph that leaves about two lines of room at the foot of page 1 (A4, the house style's margins)."""
LONG = " ".join(["The panel read every agency's chronology and met the family twice."] * 6)


def pdf(body: str, style: str = "") -> bytes:
    page = f'<html lang="en-GB"><head><title>T</title><style>{HOUSE}{style}</style></head><body>{body}</body></html>'
    return html_to_pdf(page, "t")


def found(content: bytes, rule: str) -> list[tuple[int | None, str, str]]:
    reading = Reading("t.pdf", (), layout=pdf_layout(content))
    return [(f.page, f.words, f.message) for f in proofread(reading) if f.rule == rule]


def test_the_layout_of_a_tagged_pdf() -> None:
    content = pdf(f"<h1>Title</h1><p>{LONG}</p><table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr>")
    (page,) = pdf_layout(content)
    assert [block.role for block in page.blocks] == ["H1", "P", "TR", "TR"]
    assert page.blocks[0].text == "Title" and page.blocks[1].text.startswith("The panel read")
    assert len(page.blocks[1].lines) > 1 and page.blocks[1].top > page.blocks[0].bottom
    assert page.blocks[3].text == "1 | 2"
    (page,) = pdf_layout(pdf("<div>Loose words<p>A paragraph</p>More loose</div><p>Last</p>"))
    assert [(b.role, b.text) for b in page.blocks] == [
        ("Div", "Loose words"),
        ("P", "A paragraph"),
        ("Div", "More loose"),
        ("P", "Last"),
    ]  # text between blocks, in its place


def test_a_watermark_on_every_page_is_no_block() -> None:
    watermark = '<p style="position: fixed; top: 100mm">DRAFT</p>'
    layout = pdf_layout(pdf(f'{watermark}<p>One</p><p style="break-before: page">Two</p>'))
    assert [[block.text for block in page.blocks] for page in layout] == [["One"], ["Two"]]


def test_a_heading_alone_at_the_foot_of_a_page() -> None:
    body = f"{NEAR_THE_FOOT}<h2>2. What happened</h2><p>{LONG}</p>"
    assert found(pdf(body, "h2 { break-after: auto; }"), "alone-at-page-edge") == [
        (1, "2. What happened", "a heading alone at the foot of the page: what it introduces begins on the next page")
    ]
    assert found(pdf(body), "alone-at-page-edge") == []  # house.css keeps a heading with the next block
    figure = '<svg width="60" height="20"><title>The family</title><rect width="60" height="20"/></svg>'
    followed = f"{NEAR_THE_FOOT}<h2>Genogram</h2>{figure}<p>{LONG}</p>"
    assert found(pdf(followed, "h2 { break-after: auto; }"), "alone-at-page-edge") == []  # a figure, no words


def test_a_signature_block_or_a_distribution_list_alone_at_the_top_of_a_page() -> None:
    signature = '<section><p>Yours sincerely</p><p style="margin-top: 36pt">A. Officer</p></section>'
    distribution = "<section><p>Copy to:</p><ul><li>The Chair</li></ul></section>"
    findings = found(pdf(f"<p>{LONG}</p>{NEAR_THE_FOOT}{signature}"), "alone-at-page-edge")
    assert findings == [
        (
            2,
            "Yours sincerely A. Officer",
            "a signature block alone at the top of the page: the text it closes is on the page before",
        )
    ]
    findings = found(pdf(f"{NEAR_THE_FOOT}<p>The last words.</p>{distribution}"), "alone-at-page-edge")
    assert [(page, message.split(" alone")[0]) for page, _, message in findings] == [(2, "a distribution list")]
    kept = f'{NEAR_THE_FOOT}<div style="break-inside: avoid"><p>The last words.</p>{signature}</div>'
    assert found(pdf(kept), "alone-at-page-edge") == []  # kept with the text it closes, on page 2
    assert found(pdf(f"<p>{LONG}</p>{signature}"), "alone-at-page-edge") == []
    signed = "<section><p>Yours sincerely, A. Officer</p></section>"  # one line: it fits at the foot of page 1
    findings = found(pdf(f"{NEAR_THE_FOOT}{signed}{distribution}"), "alone-at-page-edge")
    assert findings == [], "a copy list may begin the page after the signature's"


def split_row(cell: str, style: str) -> bytes:
    """A table whose one row starts near the foot of page 1."""
    table = f"<table><thead><tr><th>When</th><th>What</th></tr></thead><tr><td>3 May</td><td>{cell}</td></tr></table>"
    return pdf(f'<p style="margin-bottom: 222mm">The opening words.</p>{table}', style)


def test_a_row_split_across_pages_that_would_fit_on_one() -> None:
    findings = found(split_row(f"{LONG} {LONG}", "tr { break-inside: auto; }"), "split-row")
    assert [(page, words[:20]) for page, words, _ in findings] == [(1, "3 May | The panel re")]
    assert found(split_row(f"{LONG} {LONG}", ""), "split-row") == []  # house.css moves the row whole
    rows = f"<tr><td>6</td><td>Met</td><td>A.</td></tr><tr><td>7</td><td></td><td>{LONG} {LONG}</td></tr>"
    moved = pdf(f'<p style="margin-bottom: 222mm">The opening words.</p><table>{rows}</table>')
    assert [len(page.blocks) for page in pdf_layout(moved)] == [2, 1]  # the second row moved whole, a cell empty
    assert found(moved, "split-row") == []
    too_long = " ".join([LONG] * 30)  # taller than a page: it has to be split
    assert found(split_row(too_long, "tr { break-inside: auto; }"), "split-row") == []


def cell(text: str, width: str = "22mm") -> bytes:
    table = f'<table class="fixed"><colgroup><col style="width: {width}"><col></colgroup><tr><td>{text}</td><td>x</td>'
    return pdf(f"{table}</tr></table>", "td { overflow-wrap: anywhere; }")


def test_an_address_or_a_telephone_number_broken_inside_a_cell() -> None:
    assert [words for _, words, _ in found(cell("k.lee@northbrook.gov.uk"), "broken-word")] == [
        "k.lee@northbrook.gov.uk"
    ]
    assert [words for _, words, _ in found(cell("www.northbrook-scb.org.uk"), "broken-word")] == [
        "www.northbrook-scb.org.uk"
    ]
    assert [words for _, words, _ in found(cell("Tel. 01632 960 784"), "broken-word")] == ["01632 960 784"]


def test_what_is_no_broken_word() -> None:
    assert found(cell("k.lee@northbrook.gov.uk", "80mm"), "broken-word") == []  # on one line
    assert found(cell("E-mail: k.lee@nb.gov.uk", "30mm"), "broken-word") == []  # the line breaks before it
    assert found(cell("Tel. 01632&nbsp;960&nbsp;784"), "broken-word") == []  # as the templates' `nobreak` writes it


def test_a_letters_sign_off_and_distribution_are_sections_of_the_tagged_pdf() -> None:
    letter = rendered("letter-3", "pdf")
    sections = [block for page in pdf_layout(letter.content) for block in page.blocks if block.role == "Sect"]
    assert [block.holds_list for block in sections] == [False, True]
    assert sections[0].text.startswith("Yours sincerely") and sections[1].text.startswith("To: • Margaret Holloway")
    assert not [f for f in letter.findings if f.rule in ("alone-at-page-edge", "split-row", "broken-word")]


def test_the_timetable_keeps_each_step_on_one_page() -> None:
    timetable = rendered("timetable", "pdf")
    assert [f for f in timetable.findings if f.rule == "split-row"] == []
    with zipfile.ZipFile(io.BytesIO(rendered("timetable", "docx").content)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    steps = next(t for t in body.iter(f"{W}tbl") if "Timescale" in "".join(t.itertext()))
    rows = [row for row in steps.iter(f"{W}tr") if row.find(f"{W}trPr/{W}tblHeader") is None]
    assert len(rows) > 10 and all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)  # Word's too
