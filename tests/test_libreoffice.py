"""Every DOCX docgen writes opens in LibreOffice, which lays it out with all its text."""

from __future__ import annotations

import pytest

from docgen import render, supported_documents
from docgen.dates import long_date
from docgen.gate.extract import pdf_pages_text

from .conftest import sample_case, squash
from .libreoffice import convert_to_pdf


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, str]]:
    """For every document of the example case: (text LibreOffice laid out, kind)."""
    folder = tmp_path_factory.mktemp("libreoffice")
    files = {}
    for kind, agency, to in supported_documents(sample_case()):
        document = render(sample_case(), kind, "docx", agency=agency, to=to)
        path = folder / document.filename
        path.write_bytes(document.content)
        files[path] = kind
    pdfs = convert_to_pdf(list(files), folder)
    return {
        docx.name: (squash(" ".join(pdf_pages_text(pdfs[docx].read_bytes()))), kind) for docx, kind in files.items()
    }


def test_every_document_kind_is_opened(converted: dict[str, tuple[str, str]]) -> None:
    kinds = {kind for _, kind in converted.values()}
    assert kinds == {f"letter-{n}" for n in range(1, 8)} | {
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


def test_libreoffice_lays_out_the_whole_document(converted: dict[str, tuple[str, str]]) -> None:
    case = sample_case()
    for name, (text, kind) in converted.items():
        assert case.board.short_name in text, name  # the running footer of the shell
        assert "Page 1 of" in text, name  # live page-number fields
        if kind.startswith("letter-"):
            letter = getattr(case.correspondence, f"letter_{kind[-1]}")
            assert long_date(letter.date) in text, name
            assert case.board.name in text, name


@pytest.mark.parametrize(
    ("kind", "phrase"),
    [
        ("letter-1", "REQUEST FOR ADDITIONAL INFORMATION"),
        ("letter-7", "I am *able/unable to attend the meeting"),
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
