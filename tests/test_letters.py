"""Letters 1–7 (Appendix XI) as a board sends them: every sentence true for the case, nothing internal, one
letter per addressee, each with its enclosures and distribution.

Each test extracts the text of the rendered letter – DOCX from every part, headers and footers included,
PDF from every page – and asserts what the recipient reads. The example case is a Lessons Learned Review
after a serious injury with criminal proceedings under way; tests/cases/scr-death.yaml is a Serious Case
Review after a death; the no-further-action branch is made from tests/cases/minimal.yaml.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document as DocxDocument

from docgen import Case, NotSupportedError, RenderedDocument, load_case, render, render_pack
from docgen.gate.extract import docx_parts_text, pdf_pages_text
from docgen.model import Framework
from docgen.model.correspondence import BoardOfficer
from docgen.text.dates import long_date

from .conftest import CASES, SEED_CORPUS, corpus_case, pdf_text, quotes_folded, sample_case, squash, text_of

FORMATS = ["docx", "pdf"]
INTERNAL = [
    "Letter 1",
    "Letter 2",
    "Letter 3",
    "Letter 4",
    "Letter 5",
    "Letter 6",
    "Letter 7",
    "Suggested Distribution",
    "(requesting additional information",
    "(Members of the",
    "SCRCP",
    "whether/not",
    "*****",
    "Name, DOB",
]
"""What only the board's own procedure says: never printed in a letter."""
ACRONYMS = ["NSCB", "ESCB", "SCRP", "LSCB", "IMR", "DCSF", "SHA", "OFSTED", "DOB", "QACR"]
"""Acronyms a parent, a victim or a child would have to guess at."""


def check(text: str, expected: list[str]) -> None:
    missing = [phrase for phrase in expected if quotes_folded(phrase) not in quotes_folded(text)]
    assert missing == []


def absent(text: str, unexpected: list[str]) -> None:
    present = [phrase for phrase in unexpected if quotes_folded(phrase) in quotes_folded(text)]
    assert present == []


def frame(case: Case, marking: str, reference: str | None = None) -> list[str]:
    """What every letter carries: the letterhead, the marking, the reference in the footer (the review's unless
    given: a letter dated before the decision carries the referral's), page numbers."""
    board = case.board
    return [board.name, board.email, marking, f"Our reference: {reference or case.review.reference}", "Page 1 of"]


@cache
def scr_death() -> Case:
    """A Serious Case Review after a child's death, proceedings under way, a young victim."""
    return load_case(CASES / "scr-death.yaml")


_READ: dict[tuple[int, str, str, str | None], str] = {}


def letter(case: Case, kind: str, fmt: str, to: str | None = None) -> str:
    """What the recipient reads (once per test session): DOCX body, headers and footers; PDF pages."""
    key = (id(case), kind, fmt, to)
    if key not in _READ:
        _READ[key] = read(render(case, kind, fmt, to=to))
    return _READ[key]


def read(document: RenderedDocument) -> str:
    """The text a recipient reads: not the document properties, which carry the kind for filing."""
    if document.format != "docx":
        return text_of(document)
    parts = docx_parts_text(document.content)
    return squash("\n".join(text for name, text in parts.items() if name.startswith("word/")))


def _footer_xml(content: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        return b"".join(package.read(n) for n in package.namelist() if n.startswith("word/footer"))


def no_further_action(tmp_path: Path, **decision: Any) -> Case:
    """The minimal case, referred, screened and not reviewed: Letter 2 goes to the agencies."""
    data = yaml.safe_load((CASES / "minimal.yaml").read_text(encoding="utf-8"))
    data["decision"] = {"date": "2026-03-09", "outcome": ["No Action"], **decision}
    data["correspondence"]["letter_2"] = {"date": "2026-03-10"}
    path = tmp_path / "nfa.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_case(path)


# --- the example: a Lessons Learned Review after a serious injury ----------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_1_request_for_information(case: Case, fmt: str) -> None:
    letter_1, board, child = case.correspondence.letter_1, case.board, case.subject
    assert letter_1 is not None
    body = letter(case, "letter-1", fmt)
    check(
        body,
        [
            *frame(case, "CONFIDENTIAL", case.referral.reference),  # before the decision
            long_date(letter_1.date),
            "Dear Colleague",
            "REFERRAL TO THE SERIOUS CASE REVIEW PANEL (SCRP): REQUEST FOR ADDITIONAL INFORMATION",
            f"You will see from the enclosed form ({board.referral_form}, Part 1)",
            child.full_name,
            long_date(child.date_of_birth),
            child.address.one_line(),
            "whether or not the criteria for holding a case review are met",
            "the criteria are laid down in Working Together to Safeguard Children 2006, Chapter 8",
            "The members of the Serious Case Review Panel and their contact details are below, if you would like to"
            " discuss the matter with one of them.",
            "If it is decided to proceed to a review, detailed Terms of Reference will be drafted",
            "stored securely for audit",
            f"by {long_date(letter_1.reply_by)}, in preparation for the SCRP meeting on"
            f" {long_date(letter_1.panel_meeting)}",
            "Yours sincerely",
            board.panel_chair.name,
            "Chair, Serious Case Review Panel",
            "Enc. Referral form – consideration for a Serious Case Review",
            "To:",
            *(a.chief_officer.name for a in case.agencies),
            "Copies:",
            f"Chief officers of the {board.name} partner organisations",
            case.referral.referrer.name,
            "Members of the Quality Assurance and Case Review Subgroup",
        ],
    )
    absent(body, INTERNAL)


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_1_table_holds_the_panel_with_telephone_and_email(case: Case, fmt: str) -> None:
    """Each member's name, post and organisation, then the telephone and the e-mail address, which stays whole
    on its line (a wide column)."""
    body = letter(case, "letter-1", fmt)
    check(body, ["Member Telephone and e-mail"])
    for member in case.review.panel:
        assert member.phone is not None and member.email is not None
        assert f"{member.name} {member.post}" in body
        assert f"{member.phone} {member.email}" in body.replace("\u200b", ""), member.name


NO_MEMBER = {
    "sample-case": "Northbrook Community Health NHS Trust, Northbrook General Hospital NHS Foundation Trust and"
    " Northbrook Homes Housing Association have no member on the panel: please contact me on 01632 960 103"
    " instead.",
    "child-died": "Wyvern Vale Community Health NHS Trust, Wyvernbury Royal Infirmary NHS Foundation Trust,"
    " Puddleducks Pre-school and St Aldhelm's Church of England Primary School have no member on the panel:"
    " please contact me on 0117 496 0102 instead.",
    "welsh-border-interpreter": "Marchwood Community Health NHS Trust, Shrewford and Marches Hospitals NHS Trust,"
    " Church Street Primary School and Gwaun County Council Social Services have no member on the panel: please"
    " contact me on 01632 961 202 instead.",
    "joint-review": "Wyvern Vale Community Health NHS Trust has no member on the panel: please contact me on"
    " 0117 496 0102 instead.",
}
"""Letter 1 to agencies some of which have no member on the panel (a health visiting service whose representative
is not a member, a pre-school): those are told whom to contact instead."""


def seed_case(name: str) -> Case:
    """The example case, or a case of the seed's framework from the corpus."""
    return sample_case() if name == "sample-case" else corpus_case(name)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", ["sample-case", *SEED_CORPUS])
def test_letter_1_tells_an_agency_without_a_panel_member_whom_to_contact(name: str, fmt: str) -> None:
    """No agency is told it has a representative on the panel unless one of the members listed is its own."""
    body = letter(seed_case(name), "letter-1", fmt).replace("\u00a0", " ")
    check(body, [NO_MEMBER[name], "The members of the", "if you would like to discuss the matter with one of them."])
    absent(body, ["You have a representative of your agency", "Alternatively, you can contact me"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_1_says_every_agency_has_its_representative_when_each_has(case: Case, fmt: str) -> None:
    """Without a panel of its own the table lists the agencies' representatives: every agency has one there."""
    each = case.model_copy(update={"review": case.review.model_copy(update={"panel": []})})
    body = read(render(each, "letter-1", fmt)).replace("\u00a0", " ")
    check(
        body,
        [
            "You have a representative of your agency on the Serious Case Review Panel. Their contact details are"
            " below, with those of the other members, if you would like to discuss the matter with them."
            f" Alternatively, you can contact me on {case.board.panel_chair.phone}.",
            *(a.panel_representative.name for a in case.agencies if a.panel_representative),
        ],
    )
    absent(body, ["no member on the panel"])


@pytest.mark.parametrize("name", ["sample-case", *SEED_CORPUS])
def test_letter_1_breaks_no_email_address_across_lines(name: str) -> None:
    """Every address Letter 1 prints (the panel's, the administrator's) is whole on one line of the PDF and in one
    run of Word text."""
    case = seed_case(name)
    addresses = [e for e in (*(m.email for m in case.review.panel), case.board.administrator.email) if e]
    assert case.board.administrator.email in addresses
    pdf = render(case, "letter-1", "pdf")
    lines = [line.replace("\u200b", "") for line in pdf_text(pdf.content).splitlines()]
    word = read(render(case, "letter-1", "docx")).replace("\u200b", "")
    for address in addresses:
        assert address and any(address in line for line in lines), address
        assert address in word, address


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_1_leaves_out_a_column_no_member_fills(fmt: str) -> None:
    body = letter(scr_death(), "letter-1", fmt)
    check(body, ["Member Sam Patel", "Dana Hughes"])
    absent(body, ["Telephone and e-mail"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_2_keeps_the_files_when_a_review_follows(case: Case, fmt: str) -> None:
    letter_1, decision = case.correspondence.letter_1, case.decision
    assert letter_1 is not None and decision is not None
    body = letter(case, "letter-2", fmt)
    check(
        body,
        [
            *frame(case, "CONFIDENTIAL"),
            "REFERRAL TO THE SERIOUS CASE REVIEW PANEL (SCRP): INFORMATION",
            f"Further to our letter dated {long_date(letter_1.date)} regarding a referral",
            case.subject.full_name,
            "a decision has been made not to proceed with a Serious Case Review.",
            "Please continue to keep all files relating to this family stored securely: they will be needed for the"
            " Lessons Learned Review",
            "has proposed the following alternative action in relation to this case:",
            *(action.value for action in decision.alternative_actions),
            "Thank you for your assistance with this matter.",
            "Yours sincerely",
            case.board.panel_chair.name,
            # seed 2.2.10: Ofsted and the SHA are told of the decision not to hold a Serious Case Review; the SHA's
            # successor, as the board profile names it, with a person there
            "Copies:",
            "Ofsted, National Business Unit, Royal Exchange Buildings, St Ann's Square, Manchester, M2 7LA",
            "Jennifer Oduya, Designated Nurse for Safeguarding Children, NHS Northbrook and District Integrated Care"
            " Board",
            "Sarah Whitcombe",
        ],
    )
    absent(body, ["may now be released", "Strategic Health Authority", *INTERNAL])


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_2_copies_no_body_abolished_before_its_date(tmp_path: Path, fmt: str) -> None:
    """A board profile naming no successor: the Strategic Health Authority, abolished in 2013, gets no copy."""
    body = letter(no_further_action(tmp_path), "letter-2", fmt)
    check(body, ["Copies:", "Ofsted, National Business Unit, Royal Exchange Buildings"])
    absent(body, ["Strategic Health Authority"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_2_of_the_welsh_border_case_copies_the_integrated_care_board(fmt: str) -> None:
    body = letter(corpus_case("welsh-border-interpreter"), "letter-2", fmt)
    check(body, ["Anita Sandhu, Designated Nurse for Safeguarding Children, NHS Marchwood Integrated Care Board"])
    absent(body, ["Strategic Health Authority"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_2_releases_the_files_when_nothing_follows(tmp_path: Path, fmt: str) -> None:
    nfa = no_further_action(tmp_path)
    body = read(render(nfa, "letter-2", fmt))
    check(
        body,
        [
            "All files relating to this family may now be released.",
            "The Serious Case Review Panel has not proposed any alternative action in relation to this case.",
            "Yours sincerely",
            "Morgan Blake, Chief Constable, Eastfield Police",
        ],
    )
    absent(body, ["keep all files", "Please continue"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_2_keeps_the_files_for_a_single_agency_review(tmp_path: Path, fmt: str) -> None:
    nfa = no_further_action(tmp_path, alternative_actions=["Single Agency Management Review"])
    body = read(render(nfa, "letter-2", fmt))
    check(body, ["they will be needed for the Single Agency Management Review", "Single Agency Management Review"])
    absent(body, ["may now be released"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_3_commissioning_imrs(case: Case, fmt: str) -> None:
    letter_3, board, review = case.correspondence.letter_3, case.board, case.review
    assert letter_3 is not None and review.imr_deadline and review.imr_presentation
    commissioned = [a for a in case.agencies if a.imr_required]
    body = letter(case, "letter-3", fmt)
    check(
        body,
        [
            *frame(case, "CONFIDENTIAL"),
            "To: see distribution",
            f"From: {board.chair.name}, {board.chair.post}",
            f"Date: {long_date(letter_3.date)}",
            f"LESSONS LEARNED REVIEW: {case.subject.full_name}",
            f"Following the {letter_3.circumstances}, the {board.name} has requested that a Lessons Learned Review"
            " take place concerning the above child, following the format, timescales and principles of a Serious"
            " Case Review under Working Together to Safeguard Children 2006.",
            f"This report is required by {long_date(review.imr_deadline)}",
            f"There will then be a meeting of the Investigating Officers from all agencies with the {board.panel_name}"
            f" on {long_date(review.imr_presentation)}",
            *(a.name for a in commissioned),
            "I enclose the scope of the review.",
            "As you can appreciate, this matter is highly confidential and of a sensitive nature.",
            "Yours sincerely",
            board.chair.name,
            "Enc. Scoping document; Criteria for appointing an IMR author (one for each agency)",
            "To:",
            *(a.chief_officer.name for a in commissioned),
            "Copies:",
            *(a.board_member.name for a in commissioned if a.board_member),
            "For information:",
            *(m.name for m in review.panel),
        ],
    )
    absent(body, [*INTERNAL, "There will be then", "DOB", "DOD"])


def test_letter_3_lists_each_person_once(case: Case) -> None:
    """Probation's chief officer is also its board member; the nursery's board member sits on the panel and is
    named again among the case's own copies: each appears once, in the first section that names them."""
    body = letter(case, "letter-3", "docx")
    probation = case.agency("probation")
    nursery = case.agency("nursery")
    housing = case.agency("housing")
    assert probation.board_member and probation.board_member.name == probation.chief_officer.name
    assert nursery.board_member and nursery.panel_representative
    assert body.count(probation.chief_officer.name) == 1
    assert body.count(nursery.board_member.name) == 1
    assert f"{housing.chief_officer.name}, {housing.chief_officer.post}, {housing.name}" in body


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_3_of_a_serious_case_review_is_held_under_the_guidance(fmt: str) -> None:
    body = letter(scr_death(), "letter-3", fmt)
    check(
        body,
        [
            "SERIOUS CASE REVIEW: Ffion Kowalczyk, born 5 April 2023, died 28 February 2026",
            "has requested that a Serious Case Review under Working Together to Safeguard Children 2006 take place",
        ],
    )
    absent(body, ["following the format, timescales and principles"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_4_says_the_criteria_were_not_met(case: Case, fmt: str) -> None:
    letter_4, review, screening, decision = case.correspondence.letter_4, case.review, case.screening, case.decision
    briefing = review.authors_briefing
    assert letter_4 and briefing and screening and decision and review.overview_author
    body = letter(case, "letter-4", fmt)
    check(
        body,
        [
            *frame(case, "STRICTLY CONFIDENTIAL"),
            "LESSONS LEARNED REVIEW: BRIEFING FOR AUTHORS",
            f"Subject: {case.subject.full_name}, born {long_date(case.subject.date_of_birth)}",
            f"{long_date(briefing.date)}, {briefing.time}, at {briefing.venue}",
            "I enclose Part 1 of the referral form, which now contains information from all the agencies involved",
            f"The panel met on {long_date(screening.meeting_date)}.",
            "It was their view that the conditions outlined in paragraph 8.2 of Working Together to Safeguard Children"
            " 2006 had not been met and that a Serious Case Review should not take place:",
            "A LSCB should always consider whether to undertake a serious case review",
            "recommended to the Chair of the Northbrook Safeguarding Children Board that a Lessons Learned Review"
            " should be undertaken instead.",
            f"This recommendation received written endorsement from the Chair of the {case.board.name} on"
            f" {long_date(decision.date)}.",
            "Yours sincerely",
            "Enc. Referral form – consideration for a Serious Case Review",
            *(a.imr_author.name for a in case.agencies if a.imr_required and a.imr_author),
        ],
    )
    absent(body, ["had been met", *INTERNAL])
    assert body.count(review.overview_author.name) == 1, "the overview author is listed once"


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_4_names_each_review_the_panel_recommended_with_its_article(fmt: str) -> None:
    """The Welsh border case: the panel recommended two reviews, and the chair decided on them."""
    body = letter(corpus_case("welsh-border-interpreter"), "letter-4", fmt)
    check(
        body,
        [
            "had not been met and that a Serious Case Review should not take place:",
            "that a Lessons Learned Review and a Single Agency Management Review should be undertaken instead.",
            "This recommendation received written endorsement from the Chair of the Marchwood Safeguarding Children"
            " Board on 27 March 2026.",
        ],
    )


def test_letter_4_keeps_its_last_paragraph_on_the_page_of_the_quotation(case: Case) -> None:
    """The distribution may start a page of its own; the last paragraph, the closing and the signature stay with
    the quotation (kept with the distribution, they left the first page 40 % blank)."""
    pages = pdf_pages_text(render(case, "letter-4", "pdf").content)
    first = squash(pages[0])
    check(first, ["A LSCB should always consider", "The panel nevertheless considered", "Yours sincerely"])
    check(first, [case.board.panel_chair.name])


def test_letter_4_in_word_keeps_only_the_closing_with_the_last_paragraph(case: Case) -> None:
    """Word: the last paragraph keeps with the closing and the signature, the signature not with what follows."""
    document = DocxDocument(io.BytesIO(render(case, "letter-4", "docx").content))
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    signature = next(i for i, p in enumerate(paragraphs) if p.text.startswith(case.board.panel_chair.name))
    last = next(i for i, p in enumerate(paragraphs) if p.text.startswith("The panel nevertheless considered"))
    assert all(p.paragraph_format.keep_with_next for p in paragraphs[last:signature])
    assert not paragraphs[signature].paragraph_format.keep_with_next


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_4_says_the_criteria_were_met(fmt: str) -> None:
    body = letter(scr_death(), "letter-4", fmt)
    check(
        body,
        [
            "It was their view that the conditions outlined in paragraph 8.2 of Working Together to Safeguard Children"
            " 2006 had been met and that a Serious Case Review should take place:",
            "The Serious Case Review Panel recommended to the Chair of the Eastfield Safeguarding Children Board that a"
            " Serious Case Review should be undertaken.",
            "This recommendation received written endorsement",
        ],
    )
    absent(body, ["had not been met"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_5_to_each_parent_of_a_discretionary_review(case: Case, fmt: str) -> None:
    letter_5, board, author = case.correspondence.letter_5, case.board, case.review.overview_author
    parents = [p for p in case.family if p.notify]
    assert letter_5 is not None and author is not None and letter_5.support and len(parents) == 2
    bodies = {p.id: letter(case, "letter-5", fmt, p.id) for p in parents}
    for parent in parents:
        other = next(p for p in parents if p is not parent)
        check(
            bodies[parent.id],
            [
                f"Dear {parent.title} {parent.last_name}",
                f"{parent.title} {parent.first_name} {parent.last_name}",
                *(parent.address.lines if parent.address else []),
            ],
        )
        absent(bodies[parent.id], [f"Dear {other.title} {other.last_name}", other.first_name])
    body = bodies["mother"]
    check(
        body,
        [
            *frame(case, "STRICTLY CONFIDENTIAL"),
            f"{board.name.upper()}: LESSONS LEARNED REVIEW",
            f"because of the serious injury to {case.subject.first_name} and the circumstances surrounding it",
            "We are not required by law to do this, but we have decided to, because we believe there are lessons",
            "The review follows the process for a Serious Case Review, which can be found in a document called"
            " Working Together to Safeguard Children",
            "will not influence any ongoing police investigations or criminal proceedings",
            f"by speaking to {author.name}, the independent author of the review's report",
            f"If you feel you need some support with this process, you may wish to contact {letter_5.support}",
            f"Legal Adviser to the Serious Case Review Panel, {board.legal_adviser.name}",
            "Yours sincerely",
            board.chair.name,
            "Enc. Working Together to Safeguard Children (2006), Chapter 8, Serious Case Reviews",
            "Copy to:",
            "Members of the Serious Case Review Panel",
            author.name,
            "The authors of the Individual Management Reviews",
            board.legal_adviser.name,
        ],
    )
    # seed 1.4.1: a Lessons Learned Review is not reported to Ofsted, the SHA or the DCSF
    absent(body, ["The Government requires us to do this", "Ofsted", "Department for Children", "condolences"])
    absent(body, INTERNAL)
    assert body.count("The purpose of the review is:") == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_5_of_a_serious_case_review_after_a_death(fmt: str) -> None:
    body = letter(scr_death(), "letter-5", fmt, "mother")
    check(
        body,
        [
            "Mrs Marta Kowalczyk",
            "Dear Mrs Kowalczyk",
            "First of all, I would like to offer my sincere condolences on the death of your daughter, Ffion.",
            "because of Ffion's death and the circumstances surrounding it",
            "The Government requires us to do this.",
            "The process for the review can be found in a document called Working Together to Safeguard Children",
            "any ongoing police investigations or criminal proceedings",
            "Ofsted, National Business Unit, Royal Exchange Buildings, St Ann's Square, Manchester, M2 7LA",
        ],
    )
    assert "Department for Children, Schools and Families" not in body  # abolished in 2010, and no successor named


@pytest.mark.parametrize("fmt", FORMATS)
def test_letters_to_families_and_victims_spell_everything_out(case: Case, fmt: str) -> None:
    for kind, to in (("letter-5", "mother"), ("letter-5", "father"), ("letter-6", "rhys")):
        body = letter(case, kind, fmt, to)
        words = set(re.findall(r"\b[A-Z]{2,}\b", body))
        assert words.isdisjoint(ACRONYMS), (kind, to, words & set(ACRONYMS))


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_6_to_an_adult_victim(case: Case, fmt: str) -> None:
    letter_6 = case.correspondence.letter_6
    victim = case.victims[0]
    assert letter_6 is not None and letter_6.distribution
    body = letter(case, "letter-6", fmt, victim.id)
    check(
        body,
        [
            *frame(case, "STRICTLY CONFIDENTIAL"),
            f"{victim.title} {victim.first_name} {victim.last_name}",
            f"Dear {victim.title} {victim.last_name}",
            " ".join(letter_6.circumstances.split()[:12]),
            "When children have been seriously harmed, Local Safeguarding Children Boards may look at their situation",
            "This process, which is called a Lessons Learned Review",
            "Such a group has been working on this review since March 2026.",
            "The review is separate from the criminal proceedings and will not affect them.",
            "If you would like a copy of the summary, please let me know.",
            "Yours sincerely",
            case.board.panel_chair.name,
            "Chair, Serious Case Review Panel",
            "Copy to:",
            *(str(r) for r in letter_6.distribution),
        ],
    )
    absent(body, ["have a duty", "SCRP Chair", "Local Children Safeguarding Boards", *INTERNAL])


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_6_to_a_child_victim_in_a_childs_words_care_of_the_carer(fmt: str) -> None:
    body = letter(scr_death(), "letter-6", fmt, "kai")
    check(
        body,
        [
            "Kai Kowalczyk c/o Mrs Marta Kowalczyk 4 Orchard Close",
            "Dear Kai",
            "I am writing to you because of what happened to Ffion.",
            "You have not done anything wrong, and you do not have to do anything.",
            "I have sent Mrs Marta Kowalczyk a copy of this letter.",
            "You can also contact Eastfield Young People's Support Service",
            "Copy to:",
        ],
    )
    assert body.index("Copy to:") < body.rindex("Mrs Marta Kowalczyk")
    absent(body, ["Dear Kai Kowalczyk", "Mr Kai", "have a duty", "thoroughly reviewed"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_7_debriefing_with_reply_slip(case: Case, fmt: str) -> None:
    letter_7, board, debrief = case.correspondence.letter_7, case.board, case.review.practitioners_debriefing
    assert letter_7 is not None and debrief is not None and letter_7.reply_by
    when = f"{long_date(debrief.date)}, {debrief.time}, at {debrief.venue}"
    body = letter(case, "letter-7", fmt)
    check(
        body,
        [
            *frame(case, "CONFIDENTIAL"),
            "To: the practitioners listed below",
            f"From: {board.manager.name}, {board.manager.post}",
            f"LESSONS LEARNED REVIEW: {case.subject.full_name.upper()}: PRACTITIONERS' DEBRIEFING",
            "This review is nearing its conclusion",
            "We recognise that it is important to share the Overview Report",
            f"invite you to a debriefing on {when}",
            f"whether or not you are able to attend, and return it by {long_date(letter_7.reply_by)}",
            "Yours sincerely",
            board.manager.name,
            "For attendance:",
            *(p.full_name for p in case.professionals if p.debriefing),
            "For information:",
            "Members of the Serious Case Review Panel",
            "Reply slip",
            f"Please return by {long_date(letter_7.reply_by)} to {board.administrator.name}",
            "Name",
            "Workplace",
            f"I am *able / unable to attend the debriefing on {when}.",
        ],
    )
    absent(body, ["Ofsted", "has now been concluded", *INTERNAL])
    assert body.count("✂") == 1, "one cut line"


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_7_of_a_serious_case_review_copies_the_regulator(fmt: str) -> None:
    body = letter(scr_death(), "letter-7", fmt)
    check(body, ["For information:", "Ofsted", "Jan Vale, Police Officer, Eastfield Police"])


# --- who signs, and who else receives it ----------------------------------------------------------


@pytest.mark.parametrize("kind", [f"letter-{n}" for n in range(1, 8)])
def test_every_letter_closes_and_is_signed(case: Case, kind: str) -> None:
    from docgen.derive.letters.parts import signature

    body = letter(case, kind, "pdf", "mother" if kind == "letter-5" else "rhys" if kind == "letter-6" else None)
    sign = signature(case, case.framework.kinds[kind])
    check(body, ["Yours sincerely", f"{sign.name} {sign.post} {sign.organisation}"])


def test_the_sender_and_the_signature_agree_when_the_case_names_another(case: Case) -> None:
    letter_3 = case.correspondence.letter_3
    assert letter_3 is not None
    other = case.model_copy(
        update={
            "correspondence": case.correspondence.model_copy(
                update={"letter_3": letter_3.model_copy(update={"signatory": BoardOfficer.PANEL_CHAIR})}
            )
        }
    )
    body = read(render(other, "letter-3", "docx"))
    chair = case.board.panel_chair
    check(body, [f"From: {chair.name}, {chair.post}", f"Yours sincerely {chair.name} {chair.post}"])
    absent(body, [case.board.chair.name])


# --- one letter per addressee ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_addressee_has_a_letter_of_their_own(case: Case, fmt: str) -> None:
    """Each letter has its own letterhead and numbers its own pages."""
    for to in case.parents_notified:
        document = render(case, "letter-5", fmt, to=to)
        assert document.filename == f"{case.review.file_reference}_letter-5_{to}.{fmt}"
        body = read(document)
        assert body.count(case.board.address.one_line()) == 1
        if fmt == "pdf":
            assert re.search(r"Page 1 of 2\b", body), to
        else:  # Word counts the pages when it lays the letter out
            footer = next(t for name, t in docx_parts_text(document.content).items() if "footer" in name)
            assert "Page 1 of 1" in squash(footer) and b'w:instr="NUMPAGES"' in _footer_xml(document.content)


# --- branches of the review's state on a letter's date ------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_without_proceedings_letter_5_leaves_the_police_out(case: Case, fmt: str) -> None:
    assert case.incident is not None
    quiet = case.model_copy(update={"incident": case.incident.model_copy(update={"proceedings": []})})
    body = read(render(quiet, "letter-5", fmt, to="mother"))
    check(body, ["this review will not influence any work that is happening at the moment between your family"])
    absent(body, ["police investigations", "criminal proceedings"])
    body = read(render(quiet, "letter-6", fmt, to="rhys"))
    absent(body, ["criminal proceedings"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_once_the_overview_is_approved_the_review_has_concluded(case: Case, fmt: str) -> None:
    assert case.overview is not None
    approval = case.overview.approval.model_copy(update={"approved_on": dt.date(2026, 10, 1)})
    done = case.model_copy(update={"overview": case.overview.model_copy(update={"approval": approval})})
    check(
        read(render(done, "letter-7", fmt)),
        ["This review has now been concluded and its Executive Summary is available for dissemination."],
    )
    check(
        read(render(done, "letter-6", fmt, to="rhys")),
        ["Such a group has worked on this review and has now completed its work."],
    )


# --- enclosures ----------------------------------------------------------------------------------------


def enclosing(case: Case, *enclosures: str) -> Case:
    """The case with a framework whose Letter 1 encloses other kinds (a profile changes a built-in kind so)."""
    documents = [{"id": d, "enclosures": list(enclosures)} if d == "letter-1" else d for d in case.framework.documents]
    profile = {**case.framework.model_dump(exclude={"documents"}), "documents": documents}
    return case.model_copy(update={"framework": Framework.model_validate(profile)})


def test_an_enclosed_kind_is_rendered_beside_the_letter(case: Case, tmp_path: Path) -> None:
    case = enclosing(case, "ofsted-notification", "guidance-chapter")
    paths = render_pack(case, tmp_path, kinds=["letter-1"], formats=["pdf"])
    assert [p.name for p in paths] == ["LLR-2026-04_letter-1.pdf", "LLR-2026-04_letter-1_ofsted-notification.pdf"]
    check(
        read(render(case, "letter-1", "pdf")),
        ["Enc. Notification of serious childcare incident; Working Together to Safeguard Children (2006), Chapter 8"],
    )


def test_an_enclosure_the_case_cannot_produce_is_refused_unless_the_board_sends_it(case: Case, tmp_path: Path) -> None:
    case = enclosing(case, "ofsted-notification")
    without = case.model_copy(update={"ofsted": None})
    with pytest.raises(NotSupportedError, match="letter-1 encloses ofsted-notification, which needs ofsted"):
        render_pack(without, tmp_path, kinds=["letter-1"], formats=["pdf"])
    assert not any(tmp_path.iterdir())
    papers = {**case.framework.paper_titles, "ofsted-notification": "The notification the Director sent to Ofsted"}
    sent = without.model_copy(update={"framework": case.framework.model_copy(update={"paper_titles": papers})})
    assert [p.name for p in render_pack(sent, tmp_path, kinds=["letter-1"], formats=["pdf"])] == [
        "LLR-2026-04_letter-1.pdf"
    ]
    check(read(render(sent, "letter-1", "pdf")), ["Enc. The notification the Director sent to Ofsted"])
