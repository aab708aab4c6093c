"""Every DOCX docgen writes opens in LibreOffice, which lays it out with all its text."""

from __future__ import annotations

import pytest

from docgen import render, supported_documents
from docgen.api import Planned
from docgen.gate.extract import pdf_pages_text
from docgen.model import Case
from docgen.text.dates import long_date

from .conftest import england_case, quotes_folded, sample_case, squash
from .libreoffice import convert_to_pdf

pytestmark = pytest.mark.slow  # LibreOffice or a real browser

LETTERS_2023 = {"partner-notice", "rapid-review-request", "panel-letter", "pre-publication-letter"}
"""The England 2023 letters of their own (its Letters 3, 5 and 7 are the seed's)."""


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[list[str], Planned, Case]]:
    """For every document of the example cases: (the pages LibreOffice laid out, what was rendered, the case)."""
    folder = tmp_path_factory.mktemp("libreoffice")
    files = {}
    for case in (sample_case(), england_case()):
        for planned in supported_documents(case):
            document = render(case, planned.kind, "docx", agency=planned.agency, to=planned.to)
            path = folder / document.filename
            path.write_bytes(document.content)
            files[path] = (planned, case)
    pdfs = convert_to_pdf(list(files), folder)
    return {docx.name: (pdf_pages_text(pdfs[docx].read_bytes()), *made) for docx, made in files.items()}


@pytest.fixture(scope="module")
def converted(laid_out: dict[str, tuple[list[str], Planned, Case]]) -> dict[str, tuple[str, str]]:
    """For every document of the example cases: (text LibreOffice laid out, kind)."""
    return {name: (squash(" ".join(pages)), planned.kind) for name, (pages, planned, _) in laid_out.items()}


def test_every_document_kind_is_opened(converted: dict[str, tuple[str, str]]) -> None:
    kinds = {kind for _, kind in converted.values()}
    assert kinds == set(england_case().framework.kinds) | {f"letter-{n}" for n in range(1, 8)} | {
        "imr",
        "overview-report",
        "executive-summary",
        "ofsted-notification",
        "referral-form",
        "scoping-document",
        "imr-author-brief",
        "interview-record",
        "timetable",
    }


def test_libreoffice_lays_out_the_whole_document(laid_out: dict[str, tuple[list[str], Planned, Case]]) -> None:
    for name, (pages, planned, case) in laid_out.items():
        text, kind = squash(" ".join(pages)), planned.kind
        references = {case.review.reference, case.referral.reference if case.referral else None} - {None}
        # the footer: the referral's reference before the decision
        assert any(reference in text for reference in references), name
        assert "Page 1 of" in text, name  # live page-number fields
        if kind.startswith("letter-"):
            letter = getattr(case.correspondence, f"letter_{kind[-1]}")
            assert long_date(letter.date) in text, name
            assert case.board.name in text, name


@pytest.mark.parametrize(
    ("kind", "phrase"),
    [
        ("letter-1", "REQUEST FOR ADDITIONAL INFORMATION"),
        ("letter-7", "I am *able / unable to attend the debriefing"),
        ("ofsted-notification", "Is this case linked to a complex abuse investigation?"),
        ("overview-report", "Integrated chronology"),
        ("executive-summary", "Key themes and lessons learnt"),
        ("imr", "ANALYSIS OF INVOLVEMENT"),
        ("timetable", "How deadlines are counted"),
        ("serious-incident-notification", "☒ Seriously harmed"),
        ("rapid-review-report", "8.1 Criteria for a local child safeguarding practice review"),
        ("review-report", "Why: the systemic reasons"),
        ("agency-summary", "6 The agency's view on a local review"),
    ],
)
def test_body_text_survives(converted: dict[str, tuple[str, str]], kind: str, phrase: str) -> None:
    texts = [text for text, k in converted.values() if k == kind]
    assert texts and all(quotes_folded(phrase) in quotes_folded(text) for text in texts)


def test_every_letter_has_as_many_pages_in_word_as_in_the_pdf(
    laid_out: dict[str, tuple[list[str], Planned, Case]],
) -> None:
    """Same typeface, sizes, spacing and breaks: LibreOffice lays each DOCX letter out on as many pages as
    WeasyPrint lays out its PDF."""
    counts = {}
    for name, (pages, planned, case) in laid_out.items():
        if planned.kind.startswith("letter-") or planned.kind in ("ofsted-notification", *LETTERS_2023):
            pdf = render(case, planned.kind, "pdf", agency=planned.agency, to=planned.to)
            counts[name] = (len(pages), len(pdf_pages_text(pdf.content)))
    assert len(counts) == 9 + 5 + 9  # the seed's; England 2023's Letters 3, 5 (three) and 7; its own letters
    assert {name: pair for name, pair in counts.items() if pair[0] != pair[1]} == {}


def test_libreoffice_shows_the_check_boxes_as_ticked(converted: dict[str, tuple[str, str]]) -> None:
    [form] = [text for text, kind in converted.values() if kind == "ofsted-notification"]
    assert "☒ Emergency Protection Order" in form and "☐ Police Protection Order" in form
