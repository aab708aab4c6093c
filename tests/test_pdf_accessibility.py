"""Accessible and archival PDFs: the published documents are tagged PDF identified as PDF/A-2a and PDF/UA-1,
with title, language, outline, headings, table header cells and alternative text; every other PDF is tagged
and has its title and outline too. (Checked by structure: veraPDF is not part of the test tools.)"""

from __future__ import annotations

import base64
import io
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pikepdf
import pytest

from docgen import load_case, render
from docgen.rendering.pdf.engine import html_to_pdf

from .approved import approved_case, final
from .conftest import CORPUS, rendered, text_of

PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"
PDFUAID = "{http://www.aiim.org/pdfua/ns/id/}"
PUBLISHED = {"executive-summary": "Executive Summary", "overview-report": "Overview Report"}


def opened(content: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(content))


def elements(node: Any) -> Iterator[pikepdf.Dictionary]:
    """Every structure element below a node of the structure tree."""
    kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from elements(kid)


def outline_titles(pdf: pikepdf.Pdf) -> list[str]:
    with pdf.open_outline() as outline:
        found, stack = [], list(outline.root)
        while stack:
            item = stack.pop(0)
            found.append(item.title)
            stack[:0] = list(item.children)
        return found


def assert_tagged_with_title(pdf: pikepdf.Pdf, title: str, reference: str | None = None) -> Counter[str]:
    """Tagged in British English, its window showing its title with `reference` (the review's when None)."""
    root = pdf.Root
    assert root.MarkInfo.Marked is True and "/StructTreeRoot" in root
    assert str(root.Lang) == "en-GB"
    assert root.ViewerPreferences.DisplayDocTitle is True
    assert str(pdf.docinfo.Title) == f"{title} – {reference or approved_case().review.reference}"
    return Counter(str(e.S) for e in elements(root.StructTreeRoot))


@pytest.mark.parametrize("kind", PUBLISHED)
def test_published_pdfs_are_tagged_pdf_ua_and_pdf_a(kind: str) -> None:
    pdf = opened(final(kind, "pdf").content)
    tags = assert_tagged_with_title(pdf, PUBLISHED[kind])
    metadata = pdf.open_metadata()
    assert (metadata.get(f"{PDFAID}part"), metadata.get(f"{PDFAID}conformance")) == ("2", "A")
    assert metadata.get(f"{PDFUAID}part") == "1"
    assert metadata.get("dc:title") == str(pdf.docinfo.Title)
    assert str(pdf.Root.OutputIntents[0].S) == "/GTS_PDFA1"
    assert tags["/H1"] >= 3 and tags["/H2"] >= 3 and tags["/Table"] and tags["/TH"] and tags["/L"] and tags["/LI"]


@pytest.mark.parametrize(
    ("kind", "headings"),
    [
        ("executive-summary", ["Introduction", "Summary of case"]),
        ("overview-report", ["1 Introduction", "2 Facts", "4 Conclusions and Recommendations"]),
    ],
)
def test_published_pdfs_have_an_outline_of_their_headings(kind: str, headings: list[str]) -> None:
    titles = outline_titles(opened(final(kind, "pdf").content))
    assert [h for h in headings if h not in titles] == []


@pytest.mark.parametrize("kind", PUBLISHED)
def test_table_cells_know_their_header_cells(kind: str) -> None:
    pdf = opened(final(kind, "pdf").content)
    found = list(elements(pdf.Root.StructTreeRoot))
    headers = {str(e.ID) for e in found if str(e.S) == "/TH" and "/ID" in e}
    cells = [e for e in found if str(e.S) == "/TD"]
    assert headers and cells
    assert all(e.A.O == "/Table" and {str(h) for h in e.A.Headers} <= headers for e in cells)
    assert all(len(e.A.Headers) for e in cells), "every data cell has a column or row header"


def test_a_form_label_heads_its_row() -> None:
    page = final("executive-summary", "html").content.decode()
    assert '<th scope="row" class="form-label">Kind of maltreatment</th>' in page
    assert '<th scope="col">Member of the household or relevant person</th>' in page


@pytest.mark.parametrize(
    ("kind", "agency", "title", "heading", "reference"),
    [
        ("imr", "csc", "Individual Management Review", "1 INTRODUCTION", None),
        ("letter-1", None, "Request for further information", None, "REF-2026-011"),  # before the decision
    ],
)
def test_other_pdfs_are_tagged_with_title_and_outline_but_not_archival(
    kind: str, agency: str | None, title: str, heading: str | None, reference: str | None
) -> None:
    pdf = opened(rendered(kind, "pdf", agency).content)
    tags = assert_tagged_with_title(pdf, title, reference)
    assert tags["/P"] and f"{PDFAID}part" not in pdf.open_metadata()
    if heading:
        assert heading in outline_titles(pdf)


def test_figures_carry_their_alternative_text() -> None:
    rect = '<rect width="40" height="20"/>'
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">{rect}</svg>'
    source = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    inline = svg.replace(rect, f"<title>Genogram: the household</title>{rect}")
    body = f'<h1>T</h1><img src="{source}" alt="Genogram of the family">{inline}'
    pdf = opened(html_to_pdf(f'<html lang="en-GB"><head><title>T</title></head><body>{body}</body></html>', "t", True))
    figures = [e for e in elements(pdf.Root.StructTreeRoot) if str(e.S) == "/Figure"]
    assert sorted(str(f.Alt) for f in figures) == ["Genogram of the family", "Genogram: the household"]


@pytest.mark.parametrize("kind", PUBLISHED)
def test_published_figures_all_have_alternative_text(kind: str) -> None:
    pdf = opened(final(kind, "pdf").content)
    figures = [e for e in elements(pdf.Root.StructTreeRoot) if str(e.S) == "/Figure"]
    assert all(str(f.get("/Alt", "")).strip() for f in figures)


def held_content(pdf: pikepdf.Pdf) -> set[tuple[int, int]]:
    """(page number, marked-content id) of every piece of page content an element of the structure tree holds."""
    pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
    held: set[tuple[int, int]] = set()
    stack: list[tuple[Any, Any]] = [(pdf.Root.StructTreeRoot, None)]
    while stack:
        node, page = stack.pop()
        page = node.get("/Pg", page)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
            if isinstance(kid, int):
                held.add((pages[page.objgen], kid))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                held.add((pages[kid.get("/Pg", page).objgen], int(kid.MCID)))
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                stack.append((kid, page))
    return held


def marked_content(pdf: pikepdf.Pdf) -> Iterator[tuple[int, str, int | None, str]]:
    """(page number, tag, marked-content id, the text it shows) of each piece of marked content, page by page."""
    for number, page in enumerate(pdf.pages):
        open_pieces: list[tuple[str, int | None, list[str]]] = []
        for instruction in pikepdf.parse_content_stream(page):
            operator = str(instruction.operator)
            if operator in ("BDC", "BMC"):
                properties = instruction.operands[1] if operator == "BDC" else None
                mcid = (
                    int(properties.MCID)
                    if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties
                    else None
                )
                open_pieces.append((str(instruction.operands[0]), mcid, []))
            elif operator == "EMC" and open_pieces:
                tag, mcid, shown = open_pieces.pop()
                yield number, tag, mcid, "".join(shown)
            elif operator in ("Tj", "TJ") and open_pieces:
                open_pieces[-1][2].append("x")  # the glyphs are font codes: that text is shown is enough


@pytest.mark.parametrize(
    ("kind", "agency"), [*((kind, None) for kind in PUBLISHED), ("imr", "csc"), ("letter-1", None)]
)
def test_every_piece_of_page_content_is_in_the_structure_tree_or_an_artifact(kind: str, agency: str | None) -> None:
    """PDF/UA-1 7.1: the running marking, footer and page numbers are pagination artifacts; all other marked
    content is held by the structure tree, and the parent tree points at no element outside it."""
    content = final(kind, "pdf").content if kind in PUBLISHED else rendered(kind, "pdf", agency).content
    assert_every_piece_in_the_tree_or_an_artifact(opened(content))


CORPUS_PUBLIC = [
    *((case, kind) for case in ("child-died", "welsh-border-interpreter", "joint-review") for kind in PUBLISHED),
    ("england-2023-published", "review-report"),
    ("england-2023-not-published", "improvements-statement"),
]
"""The public documents of the corpus: the seed's cases' finals, the England 2023 cases' published report and
statement of improvements."""


@pytest.mark.slow
@pytest.mark.parametrize(("name", "kind"), CORPUS_PUBLIC)
def test_every_public_document_of_the_corpus_passes_the_structure_check(name: str, kind: str) -> None:
    """The corpus' public PDFs: PDF/UA identified, the document's title its first heading, every piece of page
    content in the structure tree or an artifact, every figure with its alternative text."""
    case = load_case(CORPUS / f"{name}.yaml")
    document = render(case, kind, "pdf")
    assert "DRAFT" not in text_of(document), "a final"
    pdf = opened(document.content)
    assert pdf.open_metadata().get(f"{PDFUAID}part") == "1"
    first = next(e for e in elements(pdf.Root.StructTreeRoot) if str(e.S).startswith("/H"))
    assert str(first.S) == "/H1", "the title is the first heading"
    assert_every_piece_in_the_tree_or_an_artifact(pdf)
    figures = [e for e in elements(pdf.Root.StructTreeRoot) if str(e.S) == "/Figure"]
    assert all(str(f.get("/Alt", "")).strip() for f in figures)


def assert_every_piece_in_the_tree_or_an_artifact(pdf: pikepdf.Pdf) -> None:
    """PDF/UA-1 7.1: the marked content outside the structure tree is artifacts only."""
    held = held_content(pdf)
    pieces = list(marked_content(pdf))
    outside = [(page, tag) for page, tag, mcid, _ in pieces if mcid is not None and (page, mcid) not in held]
    assert outside == []
    artifacts = Counter(page for page, tag, _, shown in pieces if tag == "/Artifact" and shown)
    assert set(artifacts) == set(range(len(pdf.pages))), "every page's furniture is an artifact"
    in_tree = {e.objgen for e in elements(pdf.Root.StructTreeRoot)}
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    pointed = [
        ref for i in range(1, len(nums), 2) if isinstance(nums[i], pikepdf.Array) for ref in nums[i] if ref is not None
    ]
    assert pointed and all(ref.objgen in in_tree for ref in pointed)


@pytest.mark.parametrize("kind", PUBLISHED)
def test_the_documents_title_is_its_first_heading(kind: str) -> None:
    """The title on the cover is the first heading of the structure tree and the first entry of the outline."""
    pdf = opened(final(kind, "pdf").content)
    headings = [e for e in elements(pdf.Root.StructTreeRoot) if str(e.S) in ("/H1", "/H2", "/H3")]
    assert str(headings[0].S) == "/H1"
    case = approved_case()
    assert outline_titles(pdf)[0] == f"{case.review.type.upper()} – {case.subject.anonymous_name}"
