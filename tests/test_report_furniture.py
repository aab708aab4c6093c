"""A report's furniture in DOCX and PDF: contents, glossary, appendices and attachments, version history, the
final's footer, the Word file's dates, headings and signatures kept with their text."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable

import pytest
from docx import Document
from lxml import etree

from docgen import KINDS, render
from docgen.derive.report_parts import used_abbreviations, version_history, wants_contents
from docgen.gate.extract import pdf_pages_text
from docgen.model import Approval, Case

from .conftest import quotes_folded, squash, text_of

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def body_xml(content: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        return etree.fromstring(package.read("word/document.xml"))


def test_the_pdf_contents_give_the_page_of_each_heading(document: Callable[..., object]) -> None:
    pages = [squash(p) for p in pdf_pages_text(document("overview-report", "pdf").content)]  # type: ignore[attr-defined]
    contents = next(p for p in pages if "Contents" in p and ". . ." in p)
    listed = contents[contents.index("Contents") + len("Contents") : contents.index("STRICTLY CONFIDENTIAL NSCB")]
    entries = re.findall(r"\s*(.+?)\s?(?:\s?\.)+\s(\d+)(?=\s|$)", listed)
    assert len(entries) >= 15
    for title, page in entries:
        assert title in pages[int(page) - 1], (title, page)


def test_word_contents_are_a_toc_field_of_links_to_the_headings(document: Callable[..., object]) -> None:
    body = body_xml(document("overview-report", "docx").content)  # type: ignore[attr-defined]
    instructions = [t.text.strip() for t in body.iter(f"{W}instrText")]
    assert 'TOC \\o "1-2" \\h \\z' in instructions
    anchors = [link.get(f"{W}anchor") for link in body.iter(f"{W}hyperlink")]
    bookmarks = {mark.get(f"{W}name") for mark in body.iter(f"{W}bookmarkStart")}
    assert len(anchors) >= 15 and set(anchors) <= bookmarks
    first = next(link for link in body.iter(f"{W}hyperlink"))
    assert "".join(first.itertext()) == "1 Introduction"


def test_short_reports_have_no_contents(text: Callable[..., str]) -> None:
    assert wants_contents(KINDS["overview-report"], 10) and not wants_contents(KINDS["executive-summary"], 1500)
    assert "Contents" not in text("executive-summary", "pdf")
    assert "Contents" in text("imr", "pdf", "csc")


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_glossary_lists_the_abbreviations_the_text_uses(case: Case, fmt: str) -> None:
    extra = {**case.abbreviations, "ZQX": "An abbreviation no text uses"}
    body = text_of(render(case.model_copy(update={"abbreviations": extra}), "imr", fmt, agency="csc"))
    glossary = body[body.rindex("Abbreviations") : body.rindex("Appendices and attachments")]
    assert "MASH Multi-Agency Safeguarding Hub" in glossary and "GP General practitioner" in glossary
    assert "ZQX" not in glossary and "DSL" not in glossary and "OASys" not in glossary, "only those the text uses"
    assert used_abbreviations("The CP-IS alert", {"CP-IS": "x", "CP": "y", "IS": "z"}) == [("CP-IS", "x")]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_appendices_and_attachments_are_listed(case: Case, text: Callable[..., str], fmt: str) -> None:
    body = quotes_folded(text("imr", fmt, "police"))
    listed = body[body.rindex("Appendices and attachments") :]
    assert "Appendix A: Action plan" in listed
    assert "Appendix B: Chronology of the agency's involvement (Appendix V)" in listed
    for number, title in enumerate(case.imrs["police"].attachments, 1):
        assert quotes_folded(f"Attachment {number}: {title}") in listed


def test_the_text_saying_attached_needs_a_list(case: Case) -> None:
    from docgen.rules.completeness import missing_for_final

    imr = case.imrs["police"].model_copy(update={"attachments": []})
    bare = case.model_copy(update={"imrs": {**case.imrs, "police": imr}})
    assert missing_for_final(bare, KINDS["imr"], "police") == [
        "the text says documents are attached (2.2 d) The agency's internal child protection procedures) but the "
        "report lists no attachments"
    ]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_version_history_from_the_approval_records(case: Case, text: Callable[..., str], fmt: str) -> None:
    body = quotes_folded(text("overview-report", fmt))
    assert case.overview
    for version in case.overview.approval.history:
        assert version.note and quotes_folded(version.note) in body
    assert "2 November 2026 For endorsement by the Board" in body
    police = text("imr", fmt, "police")
    assert "Approved on 9 September 2026 (Serious Case Review Panel meeting of 9 September 2026)" in police


def test_version_rows() -> None:
    approval = Approval(version="2", dated=dt.date(2026, 8, 1), approved_on=dt.date(2026, 9, 1), approved_by="Board")
    assert [(r.version, r.status) for r in version_history(approval)] == [("2", "Approved on 1 September 2026 (Board)")]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_finals_footer_says_which_version_and_when_it_was_approved(document: Callable[..., object], fmt: str) -> None:
    content = document("imr", fmt, "police").content  # type: ignore[attr-defined]
    note = "Version 2, approved 9 September 2026"
    if fmt == "pdf":
        pages = pdf_pages_text(content)
        assert all(note in squash(page) for page in pages) and len(pages) > 5
    else:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            footers = [package.read(n).decode() for n in package.namelist() if n.startswith("word/footer")]
        assert footers and all(note in squash(footer) for footer in footers)  # no-break spaces read as spaces


def test_word_files_carry_the_documents_own_dates(document: Callable[..., object]) -> None:
    properties = Document(io.BytesIO(document("imr", "docx", "police").content)).core_properties  # type: ignore[attr-defined]
    assert (properties.created.date(), properties.modified.date()) == (dt.date(2026, 6, 12), dt.date(2026, 9, 9))
    letter = Document(io.BytesIO(document("letter-1", "docx").content)).core_properties  # type: ignore[attr-defined]
    assert letter.created.date() == letter.modified.date() == dt.date(2026, 2, 26)


def test_word_files_carry_the_marking_where_word_shows_it_and_name_docgen_as_their_application(
    document: Callable[..., object],
) -> None:
    """The protective marking is the core keywords, in the core properties' own namespace (where Word reads it);
    the extended properties name docgen, not the Word that saved the shell, and give none of the shell's counts."""
    core_ns = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
    with zipfile.ZipFile(io.BytesIO(document("imr", "docx", "police").content)) as package:  # type: ignore[attr-defined]
        core, app = (etree.fromstring(package.read(f"docProps/{name}.xml")) for name in ("core", "app"))
    assert [k.text for k in core.iter(f"{{{core_ns}}}keywords")] == ["STRICTLY CONFIDENTIAL"]
    assert [k.text for k in core.iter(f"{{{core_ns}}}lastModifiedBy")] == ["docgen"]
    assert {etree.QName(e).namespace for e in core} <= {
        core_ns,
        "http://purl.org/dc/elements/1.1/",
        "http://purl.org/dc/terms/",
    }
    names = {etree.QName(e).localname: e.text for e in app}
    assert names["Application"] == "docgen" and not {"Pages", "Words", "AppVersion"} & set(names)


def test_word_keeps_headings_and_the_signatures_with_their_text(document: Callable[..., object]) -> None:
    word = Document(io.BytesIO(document("imr", "docx", "csc").content))  # type: ignore[attr-defined]
    assert all(word.styles[f"Heading {n}"].paragraph_format.keep_with_next for n in (1, 2, 3))
    paragraphs = word.paragraphs
    heading = max(i for i, p in enumerate(paragraphs) if p.text == "Signatures required on completed report")
    assert paragraphs[heading].paragraph_format.keep_with_next
    assert paragraphs[heading - 1].paragraph_format.keep_with_next, "the signatures keep with what precedes them"
    table = next(t for t in word.tables if t.rows[0].cells[0].text == "Author of IMR")
    assert all(row._tr.trPr is not None and row._tr.trPr.find(f"{W}cantSplit") is not None for row in table.rows)


def test_pdf_keeps_the_signatures_with_what_precedes_them(document: Callable[..., object]) -> None:
    for kind, agency in (("imr", "csc"), ("overview-report", None)):
        pages = [squash(p) for p in pdf_pages_text(document(kind, "pdf", agency).content)]  # type: ignore[attr-defined]
        (signing,) = [p for p in pages if "Author of IMR" in p or "Author of Report" in p]
        before = signing[: signing.index("Signature")]
        assert re.search(r"(Attachment \d+|Appendix [AB]): \w", before), f"{kind}: the signatures start a page alone"
