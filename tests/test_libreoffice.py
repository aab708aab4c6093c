"""Every DOCX docgen writes opens in LibreOffice, which lays it out with all its text."""

from __future__ import annotations

import pytest

from docgen import render, supported_documents
from docgen.api import Planned
from docgen.dates import long_date
from docgen.gate.extract import pdf_pages_text

from .conftest import sample_case, squash
from .libreoffice import convert_to_pdf


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[list[str], Planned]]:
    """For every document of the example case: (the pages LibreOffice laid out, what was rendered)."""
    folder = tmp_path_factory.mktemp("libreoffice")
    files = {}
    for planned in supported_documents(sample_case()):
        document = render(sample_case(), planned.kind, "docx", agency=planned.agency, to=planned.to)
        path = folder / document.filename
        path.write_bytes(document.content)
        files[path] = planned
    pdfs = convert_to_pdf(list(files), folder)
    return {docx.name: (pdf_pages_text(pdfs[docx].read_bytes()), p) for docx, p in files.items()}


@pytest.fixture(scope="module")
def converted(laid_out: dict[str, tuple[list[str], Planned]]) -> dict[str, tuple[str, str]]:
    """For every document of the example case: (text LibreOffice laid out, kind)."""
    return {name: (squash(" ".join(pages)), planned.kind) for name, (pages, planned) in laid_out.items()}


def test_every_document_kind_is_opened(converted: dict[str, tuple[str, str]]) -> None:
    kinds = {kind for _, kind in converted.values()}
    assert kinds == {f"letter-{n}" for n in range(1, 8)} | {
        "imr",
        "overview-report",
        "executive-summary",
        "ofsted-notification",
        "timetable",
    }


def test_libreoffice_lays_out_the_whole_document(converted: dict[str, tuple[str, str]]) -> None:
    case = sample_case()
    for name, (text, kind) in converted.items():
        assert case.review.reference in text, name  # the running footer
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
        ("timetable", "Agency Leads appoint Management Review Officers."),
    ],
)
def test_body_text_survives(converted: dict[str, tuple[str, str]], kind: str, phrase: str) -> None:
    texts = [text for text, k in converted.values() if k == kind]
    assert texts and all(phrase in text for text in texts)


def test_every_letter_has_as_many_pages_in_word_as_in_the_pdf(
    laid_out: dict[str, tuple[list[str], Planned]],
) -> None:
    """Same typeface, sizes, spacing and breaks: LibreOffice lays each DOCX letter out on as many pages as
    WeasyPrint lays out its PDF."""
    counts = {}
    for name, (pages, planned) in laid_out.items():
        if planned.kind.startswith("letter-") or planned.kind == "ofsted-notification":
            pdf = render(sample_case(), planned.kind, "pdf", agency=planned.agency, to=planned.to)
            counts[name] = (len(pages), len(pdf_pages_text(pdf.content)))
    assert len(counts) == 9
    assert {name: pair for name, pair in counts.items() if pair[0] != pair[1]} == {}


def test_libreoffice_shows_the_check_boxes_as_ticked(converted: dict[str, tuple[str, str]]) -> None:
    [form] = [text for text, kind in converted.values() if kind == "ofsted-notification"]
    assert "☒ Emergency Protection Order" in form and "☐ Police Protection Order" in form
