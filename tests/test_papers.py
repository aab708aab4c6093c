"""The review's working papers: the scoping document (Appendix II, with Appendix X for a joint review), the IMR
author brief (Appendix III) and the interview record (Appendix VI); and every paper everywhere the other kinds
go: list, validate, render, anonymisation, DRAFT marking, the batch."""

from __future__ import annotations

import io
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn

from docgen import KINDS, Case, NotSupportedError, load_case, render, render_pack, supported_documents
from docgen.cli.commands import main
from docgen.gate.extract import pdf_pages_text
from docgen.service.batch import run_batch

from .conftest import CASES, SAMPLE, SEED_CORPUS, corpus_case, quotes_folded, sample_case, squash, text_of
from .jobs_helpers import copy_boards
from .papers_helpers import footer_text

PAPERS = ["referral-form", "scoping-document", "imr-author-brief", "interview-record"]


@cache
def joint_case() -> Case:
    return load_case(CASES / "joint-review.yaml")


# --- the scoping document ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_scoping_document_has_every_part_of_appendix_ii(fmt: str) -> None:
    case = sample_case()
    text = text_of(render(case, "scoping-document", fmt))
    expected = [
        "Scoping document",
        "Lessons Learned Review",
        "Name of Child Isabella Zofia Carter-Nowak",
        "Date of Birth 18/05/2023",
        "Date of death Not applicable",
        "Date of critical incident 21/02/2026",
        "Home address 14 Larkspur Close, Hawthorn Park, Northbrook, NB3 7QT",
        "Educational Establishment Little Acorns Day Nursery",
        "Ethnic origin White – Any other White background",
        "Family Composition/Significant Others",
        "Name Relationship to child DoB Address Ethnic Origin",
        "Kieran Declan O’Brien Mother's partner 30/01/1994",
        "Background information",
        "(From the referral form NSCB/SCR/Ref/N01.)",
        "bilateral retinal haemorrhages",  # the referral's 1.7
        "There is local media interest.",  # and its 1.9
        "The review covers the period from 1 September 2024 to 21 February 2026.",
        "Terms of Reference",
        "Individual Management Reports should address the following issues:",
        *(term.split("**")[0][:60] for term in case.review.terms_of_reference),
        "Formats of Reports and Chronology",
        "emailed as an Excel document to the NSCB Administrator Sandra Okafor to collate. All report authors must "
        "complete a genogram of the family.",
        "Ruth Penhaligon Chair, NSCB Serious Case Review Panel Signed Ruth Penhaligon Date (dd/mm/yyyy) 25/03/2026",
    ]
    assert [value for value in expected if quotes_folded(value) not in quotes_folded(text)] == []
    assert "A review with" not in text  # a single board's review


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("name", ["sample-case", *SEED_CORPUS])
def test_scoping_document_says_each_sentence_once_and_is_signed_and_dated(name: str, fmt: str) -> None:
    """The period the review covers is said once (the scope's text may say it itself); the chair's signature and
    its date close the document."""
    case = sample_case() if name == "sample-case" else corpus_case(name)
    text = text_of(render(case, "scoping-document", fmt))
    sentences = [s for s in re.split(r"(?<=[.:;])\s+", text) if len(s) > 40 and "Our reference" not in s]
    assert [s for s, n in Counter(sentences).items() if n > 1] == []
    assert text.count("The review covers the period from") == 1
    signed_on = case.review.scope_signed_on
    assert signed_on is not None
    assert f"Signed {case.board.panel_chair.name} Date (dd/mm/yyyy) {signed_on:%d/%m/%Y}" in text


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_an_unsigned_scoping_document_leaves_lines_to_sign_and_date(fmt: str) -> None:
    case = sample_case()
    unsigned = case.model_copy(update={"review": case.review.model_copy(update={"scope_signed_on": None})})
    text = text_of(render(unsigned, "scoping-document", fmt))
    assert "Chair, NSCB Serious Case Review Panel Signed Date (dd/mm/yyyy)" in text


def test_the_terms_of_reference_version_is_in_every_footer() -> None:
    docx = render(sample_case(), "scoping-document", "docx")
    assert "Terms of reference draft v3 – 24 March 2026" in footer_text(docx.content)
    pages = pdf_pages_text(render(sample_case(), "scoping-document", "pdf").content)
    assert len(pages) > 1 and all("Terms of reference draft v3 – 24 March 2026" in squash(page) for page in pages)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_joint_review_carries_the_partner_board_and_the_agreed_scope(fmt: str) -> None:
    text = text_of(render(joint_case(), "scoping-document", fmt))
    assert "A review with Westmoor Safeguarding Children Partnership" in text
    assert "Chair of the partner board Robin Ashby" in text
    assert (
        "A joint review: members of the panels of Eastfield Safeguarding Children Board and Westmoor Safeguarding "
        "Children Partnership work together as an expanded panel." in text
    )
    assert "Agreed by the chairs on 18 March 2026" in text
    assert "The chairs and panels of both boards considered and agreed the following matters." in text
    for numeral, question in (
        ("i.", "What appear to be the most important issues to address"),
        ("v.", "Should any members of staff be interviewed?"),
        ("xiv.", "Does the LSCB need to obtain independent legal advice"),
    ):
        assert f"{numeral} {question}" in text
    assert "The transfer of child protection information between the two areas" in text
    assert "One joint media strategy, agreed by both chairs and press offices on 25 March 2026." in text
    assert text.count("To be agreed.") == 10  # fourteen matters, four agreed
    assert "Some of these issues may need to be revisited as the review progresses" in text


def test_agreed_terms_of_reference_say_so_in_the_footer() -> None:
    docx = render(joint_case(), "scoping-document", "docx")
    assert "Terms of reference v4 – agreed 9 April 2026" in footer_text(docx.content)


def test_no_scoping_document_before_the_scoping_meeting() -> None:
    case = load_case(CASES / "minimal.yaml")
    with pytest.raises(NotSupportedError, match=r"scoping-document needs review.scope_meeting in the case file"):
        render(case, "scoping-document", "html")


# --- the IMR author brief ---------------------------------------------------------------------------


def test_one_author_brief_per_agency_asked_for_an_imr() -> None:
    case = sample_case()
    planned = list(supported_documents(case, ["imr-author-brief"]))
    assert [p.agency for p in planned] == [a.id for a in case.agencies if a.imr_required]
    assert "housing" not in [p.agency for p in planned]  # an information report, not an IMR
    with pytest.raises(NotSupportedError, match="'housing' is not one of its agencies; name one of csc, police"):
        render(case, "imr-author-brief", "pdf", agency="housing")
    with pytest.raises(NotSupportedError, match="imr-author-brief is written per agency: name one of csc"):
        render(case, "imr-author-brief", "pdf")


def test_author_briefs_are_written_one_file_each(tmp_path: Path) -> None:
    paths = render_pack(sample_case(), tmp_path, ["imr-author-brief"], ["html"])
    assert [p.name for p in paths] == [
        f"LLR-2026-04_imr-author-brief_{a}.html" for a in sample_case().imr_author_briefs
    ]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_author_brief_carries_the_child_and_the_deadline(fmt: str) -> None:
    text = text_of(render(sample_case(), "imr-author-brief", fmt, agency="police"))
    expected = [
        "Criteria for appointing an Individual Management Review (IMR) author",
        "Review Lessons Learned Review concerning Isabella Zofia Carter-Nowak",
        "Agency Northbrook Constabulary – Response Policing and Public Protection Unit",
        "For Deborah Wakeman, Chief Constable",
        "Report due by 19 June 2026",
        "“Who should conduct Reviews?”",
        "Each relevant service should undertake a separate management review of its involvement with the child "
        "and family.",
        "Taken from Working Together to Safeguard Children 2006 – Section 8.18.",
        "a) You must appoint as your Author a person of sufficient seniority",
        "representative on the SCRP.",
        "the process leading to the Lessons Learned Review.",
        "all files relating to Isabella Zofia Carter-Nowak are secured, preferably under lock and key",
        "available to the Chair of the Serious Case Review Panel on request.",
        "within the strict timescale.",
        "Your report on Isabella Zofia Carter-Nowak must be submitted by 19 June 2026.",
        "the work of the panel cannot proceed.",
    ]
    assert [value for value in expected if quotes_folded(value) not in quotes_folded(text)] == []
    assert "why the report has been delayed further" not in text  # a Lessons Learned Review goes to no regulator


def test_a_serious_case_review_brief_names_the_regulator_and_the_agencys_own_deadline() -> None:
    police = text_of(render(joint_case(), "imr-author-brief", "pdf", agency="police"))
    westmoor = text_of(render(joint_case(), "imr-author-brief", "pdf", agency="westmoor-csc"))
    assert "Your report on Ffion Kowalczyk must be submitted by 29 May 2026." in police
    assert "Your report on Ffion Kowalczyk must be submitted by 12 June 2026." in westmoor
    assert (
        "This will result in the ESCB having to specify to the Office for Standards in Education, Children's "
        "Services and Skills (Ofsted) why the report has been delayed further." in quotes_folded(police)
    )


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("name", ["sample-case", *SEED_CORPUS])
def test_the_author_brief_is_not_called_a_letter(name: str, fmt: str) -> None:
    """An enclosure without letterhead, date or signature: it calls itself a document, never a letter."""
    case = sample_case() if name == "sample-case" else corpus_case(name)
    agency = next(iter(case.imr_author_briefs))
    text = text_of(render(case, "imr-author-brief", fmt, agency=agency))
    assert "This document can be copied and circulated as part of this task." in text
    assert "letter" not in text.lower()


def test_an_author_brief_without_a_deadline_names_the_missing_field() -> None:
    case = load_case(CASES / "minimal.yaml")
    with pytest.raises(NotSupportedError, match=r"imr-author-brief needs review.imr_deadline in the case file"):
        list(supported_documents(case, ["imr-author-brief"]))


# --- the interview record ---------------------------------------------------------------------------


def test_one_interview_record_per_interview() -> None:
    planned = list(supported_documents(sample_case(), ["interview-record"]))
    assert [p.to for p in planned] == ["csc-1", "csc-2", "police-1"]
    with pytest.raises(NotSupportedError, match=r"'csc-9' is not one of its addressees \(csc-1, csc-2, police-1\)"):
        render(sample_case(), "interview-record", "pdf", to="csc-9")


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_an_interview_record_with_the_authors_notes(fmt: str) -> None:
    document = render(sample_case(), "interview-record", fmt, to="csc-1")
    assert document.filename == f"LLR-2026-04_interview-record_csc-1.{fmt}"
    text = text_of(document)
    expected = [
        "Interview record",
        "Lessons Learned Review – Individual Management Review of Northbrook Borough Council Children's Services",
        "Interviewed by Philippa Reeve, Service Manager, Quality Assurance and Practice Improvement",
        "Date of interview 12 May 2026",
        "Details of contributor",
        "(to be completed as a preamble to the discussion on the case)",
        "Full name Daniel Okonjo",
        "Qualifications BA (Hons) Social Work, University of Northbrook (2023)",
        "Designation Social Worker, Child Protection and Court Team",
        "Time in post 2 years 8 months",
        "Employing Body Northbrook Borough Council Children's Services",
        "Employing Address Civic Centre, Market Street, Northbrook, NB1 1AA",
        "Home Address (where appropriate)",
        "Previous Employment",
        "Employer Dates Posts held",
        "Hollinsford Youth Trust 2018 – 2020 Youth support worker",
        "Description of role in relation to particular case",
        "Allocated social worker and key worker for Isabella and Jac",
        "Matters to be covered in interviews",
        "Explore with the contributor:",
        "the supervision the individual received Two supervision sessions in three months",
        "the individual's record keeping",
        "Interview summary",
        "Mr Okonjo described a caseload of 27 children",
        "A copy of this summary is handed to the interviewee who, if in agreement, signs both copies.",
        "Disagreement noted",
        'Mr Okonjo does not agree that the nursery\'s e-mail of 19 December 2025 was "explained away"',
        "Signed Date (dd/mm/yyyy)",
        "Interviewee: Daniel Okonjo 19/05/2026",
        "Author: Philippa Reeve 19/05/2026",
        "Both copies are signed: one is kept by the interviewee, one by the author.",
        "may be shredded at the end of the process if desired.",
    ]
    assert [value for value in expected if quotes_folded(value) not in quotes_folded(text)] == []
    assert "Not covered" not in text  # a matter without notes is left blank, to be written in


def test_an_interview_not_yet_held_prints_the_matters_as_prompts() -> None:
    text = text_of(render(sample_case(), "interview-record", "pdf", to="csc-2"))
    assert (
        "their knowledge of the history of the case, the child(ren) and family prior to the individual's "
        "involvement;" in quotes_folded(text)
    )
    assert "what lessons the individual can learn from the experience." in text
    assert "None given." in text  # no previous employment
    assert "None noted." not in text and "Not covered." not in text  # nothing to sign yet


def test_designation_and_employer_default_to_the_professionals_role_and_agency() -> None:
    text = text_of(render(sample_case(), "interview-record", "pdf", to="police-1"))
    assert "Designation Police Officer" in text and "Employing Body Northbrook Constabulary" in text
    assert "None noted." in text  # signed, without a disagreement


# --- everywhere -------------------------------------------------------------------------------------


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args], prog_name="docgen")
    return result.exit_code, result.stdout, result.stderr


def test_list_validate_and_render_know_the_papers(tmp_path: Path) -> None:
    code, out, _ = run("list")
    lines = {line.split()[0]: line for line in out.splitlines()}
    assert code == 0 and set(PAPERS) <= set(lines)
    assert "one per agency" in lines["imr-author-brief"] and "one per addressee" in lines["interview-record"]
    code, out, _ = run("validate", SAMPLE)
    assert code == 0
    for planned in ("referral-form", "scoping-document", "imr-author-brief:nursery", "interview-record:police-1"):
        assert planned in out
    code, out, err = run("render", SAMPLE, "--doc", "interview-record", "--to", "police-1", "--format", "docx",
                         "--out", tmp_path)  # fmt: skip
    assert code == 0, err
    assert out.splitlines() == [str(tmp_path / "LLR-2026-04_interview-record_police-1.docx")]


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize(
    ("kind", "agency", "to"),
    [
        ("referral-form", None, None),
        ("scoping-document", None, None),
        ("imr-author-brief", "csc", None),
        ("interview-record", None, "csc-1"),
    ],
)
def test_papers_anonymised_on_request_hold_no_identifier(
    kind: str, agency: str | None, to: str | None, fmt: str
) -> None:
    document = render(sample_case(), kind, fmt, agency=agency, to=to, anonymise=True)  # the leak check passed
    assert document.anonymised
    text = text_of(document)
    for real in ("Isabella", "Carter", "Okonjo", "Larkspur Close", "NB3 7QT", "18/05/2023"):
        assert real not in text, real
    assert "Poppy" in text


def test_papers_are_confidential_and_drafts_only_when_asked() -> None:
    case = sample_case()
    for kind in PAPERS:
        assert KINDS[kind].audience.value == "confidential" and KINDS[kind].marking == "CONFIDENTIAL"
    document = render(case, "scoping-document", "pdf")
    assert not document.draft and "DRAFT" not in text_of(document)
    forced = render(case, "interview-record", "pdf", to="csc-1", draft=True)
    assert forced.draft and all("DRAFT" in page for page in pdf_pages_text(forced.content))
    assert "CONFIDENTIAL" in text_of(document)


def test_a_batch_renders_the_papers(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    copy_boards(cases)
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "generate: []", "generate: [referral-form, scoping-document, imr-author-brief, interview-record]"
    )
    (cases / "case.yaml").write_text(text, encoding="utf-8")
    [result] = run_batch([cases / "case.yaml"], tmp_path / "out", workers=1, formats=("html",))
    assert result.outcome == "rendered", result.error
    names = sorted(p.name for p in (tmp_path / "out" / "LLR-2026-04").iterdir())
    assert names == sorted(
        [
            "LLR-2026-04_referral-form.html",
            "LLR-2026-04_scoping-document.html",
            *(f"LLR-2026-04_imr-author-brief_{a}.html" for a in sample_case().imr_author_briefs),
            *(f"LLR-2026-04_interview-record_{i}.html" for i in ("csc-1", "csc-2", "police-1")),
            "manifest.json",
        ]
    )


def test_the_interview_records_signatures_stay_with_the_disagreement_they_are_signed_against() -> None:
    """The disagreement noted and both signatures are on one page of the PDF, and kept together in Word (every
    paragraph kept with the next, the rows unsplit)."""
    pages = pdf_pages_text(render(sample_case(), "interview-record", "pdf", to="csc-1").content)
    [page] = [squash(p) for p in pages if "Disagreement noted" in p]
    assert "Interviewee: Daniel Okonjo" in page and "Author: Philippa Reeve" in page
    document = Document(io.BytesIO(render(sample_case(), "interview-record", "docx", to="csc-1").content))
    body = [p for p in document.paragraphs if p.text]
    start = next(i for i, p in enumerate(body) if p.text == "Disagreement noted")
    assert all(p.paragraph_format.keep_with_next for p in body[start:-1])
    signatures = document.tables[-1]
    assert all(row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None for row in signatures.rows)
