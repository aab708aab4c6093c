"""Letters 1–7 (Appendix XI): every paragraph, list and blank of the seed's letter, filled from the case.

Each test extracts the text of the rendered letter – DOCX from every part, headers and footers
included, PDF from every page – and asserts the seed's wording and the case's values are there.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from docgen.dates import form_date, long_date
from docgen.model import Case

FORMATS = ["docx", "pdf"]


def check(text: str, expected: list[str]) -> None:
    missing = [phrase for phrase in expected if phrase not in text]
    assert missing == []


def common(case: Case, marking: str | None) -> list[str]:
    """What every letter carries: the board's letterhead, the reference in the footer, page numbers."""
    board = case.board
    return [
        board.name,
        board.phone,
        board.email,
        f"{board.short_name} · {case.review.reference}",
        "Page 1 of",
        *([marking] if marking else []),
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_1_request_for_information(case: Case, text: Callable[..., str], fmt: str) -> None:
    letter, board, child = case.correspondence.letter_1, case.board, case.child
    assert letter is not None
    reps = [a.panel_representative for a in case.agencies if a.panel_representative]
    check(
        text("letter-1", fmt),
        [
            *common(case, "CONFIDENTIAL"),
            "Letter 1",
            long_date(letter.date),
            "Dear Colleague",
            f"Members of the {board.monitoring_subgroup}",
            "REFERRAL TO THE SERIOUS CASE REVIEW PANEL (SCRP): REQUEST FOR ADDITIONAL INFORMATION",
            f"You will see from the attached form ({board.referral_form} Part 1) that a referral has been made",
            child.full_name,
            form_date(child.date_of_birth),
            child.address.one_line(),
            "Would you please check your own agency records for past or current involvement with this family",
            "Working Together To Safeguard Children 2006, Chapter 8",
            "You do have a representative of your agency on the Serious Case Review Panel",
            *(rep.name for rep in reps),
            f"Alternatively, you can contact me on {board.panel_chair.phone}",
            "It is the intention of the SCRP to proceed in a measured way",
            "stored securely for audit",
            f"Please forward any information you have to {board.administrator.name}",
            f"by {long_date(letter.reply_by)} in preparation for the SCRP meeting on {long_date(letter.panel_meeting)}",
            "Yours sincerely",
            board.panel_chair.name,
            "Chair, SCRP",
            "Suggested Distribution:",
            *(a.chief_officer.name for a in case.agencies),
            *letter.distribution,
        ],
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_2_no_further_action(case: Case, text: Callable[..., str], fmt: str) -> None:
    letter, board = case.correspondence.letter_2, case.board
    assert letter is not None and case.decision is not None and case.correspondence.letter_1 is not None
    assert case.decision.alternative_actions, "the example exercises the alternative actions"
    check(
        text("letter-2", fmt),
        [
            *common(case, "CONFIDENTIAL"),
            "Letter 2",
            long_date(letter.date),
            "REFERRAL TO THE SERIOUS CASE REVIEW PANEL (SCRP): INFORMATION",
            f"Further to our letter dated {long_date(case.correspondence.letter_1.date)} regarding a referral",
            case.child.full_name,
            f"following recommendations made to the {board.short_name} Chair, a decision has been made not to proceed",
            "All files relating to this family may now be released.",
            "has proposed the following alternative action in relation to this case",
            *(action.value for action in case.decision.alternative_actions),
            "Thank you for your assistance with this matter.",
            board.panel_chair.name,
            "Suggested Distribution:",
            *letter.distribution,
        ],
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_3_commissioning_imrs(case: Case, text: Callable[..., str], fmt: str) -> None:
    letter, board, child, review = case.correspondence.letter_3, case.board, case.child, case.review
    assert letter is not None and review.imr_deadline and review.imr_presentation
    commissioned = [a for a in case.agencies if a.imr_required]
    body = text("letter-3", fmt)
    check(
        body,
        [
            *common(case, None),
            "Letter 3",
            "To: see distribution",
            "From: Chair, SCRP",
            long_date(letter.date),
            f"{review.type.value.upper()}: {child.full_name}, {child.address.one_line()}, "
            f"DOB {form_date(child.date_of_birth)}",
            f"Following the {letter.circumstances}, the {board.short_name} has requested that a {review.type.value}",
            "The aim of the review is to ascertain the facts, analyse them and identify any lessons",
            "formally request that your organisation conduct an Individual Management Review",
            board.website,
            board.procedures,
            f"This report is required by {long_date(review.imr_deadline)}",
            f"sent to the {board.short_name} Administrator {board.administrator.name}",
            f"on {long_date(review.imr_presentation)} where an overview report will be produced",
            "If your organisation has not had any involvement with the family",
            "Individual Management Reviews are required in respect of the involvement of:",
            *(a.name for a in commissioned),
            "I enclose the scope of the review.",
            "As you can appreciate this matter is highly confidential and of a sensitive nature.",
            board.chair.name,
            f"Chair, {board.name}",
            "CC:",
            *(a.board_member.name for a in commissioned if a.board_member),
            "To Chief Executives of involved organisations with copy to Board member",
            *(a.chief_officer.name for a in commissioned),
            "For Information:",
            *(m.name for m in review.panel),
        ],
    )
    not_commissioned = [a for a in case.agencies if not a.imr_required]
    assert not_commissioned and all(f"{a.name} – " not in body for a in not_commissioned)


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_4_authors_briefing(case: Case, text: Callable[..., str], fmt: str) -> None:
    letter, board, review = case.correspondence.letter_4, case.board, case.review
    briefing = review.authors_briefing
    assert letter is not None and briefing is not None and case.screening and case.decision
    assert briefing.time and briefing.venue and review.overview_author
    check(
        text("letter-4", fmt),
        [
            *common(case, "STRICTLY CONFIDENTIAL"),
            "Letter 4",
            board.name.upper(),
            "BRIEFING FOR AUTHORS (IMR AND OVERVIEW AUTHORS)",
            f"SUBJECT: {case.child.full_name}, born {long_date(case.child.date_of_birth)}",
            "The purpose of this letter is to invite you as a nominated author (IMR or Overview) to a briefing on",
            f"{long_date(briefing.date)}, {briefing.time}, at {briefing.venue}",
            "Part 1 of the Referral Form",
            f"The {case.referral.referrer_designation} referred this case to the Serious Case Review Panel on "
            f"{long_date(case.referral.date)}",
            f"The group met on {long_date(case.screening.meeting_date)}",
            "paragraph 8.2 of Working Together 2006",
            "A LSCB should always consider whether to undertake a serious case review",
            "The group recommended to the Chair of LSCB that a Case Review should be undertaken.",
            f"written endorsement from the Chair of {board.short_name} on {long_date(case.decision.date)}",
            *(a.imr_author.name for a in case.agencies if a.imr_author),
            review.overview_author.name,
        ],
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_5_one_letter_per_parent(case: Case, text: Callable[..., str], fmt: str) -> None:
    letter, board, author = case.correspondence.letter_5, case.board, case.review.overview_author
    parents = [p for p in case.family if p.notify]
    assert letter is not None and author is not None and letter.support and len(parents) >= 2
    bodies = {p.id: text("letter-5", fmt, to=p.id) for p in parents}
    for parent in parents:
        others = [p for p in parents if p is not parent]
        assert f"Dear {parent.title} {parent.last_name}" in bodies[parent.id]
        assert parent.address is not None and parent.address.lines[0] in bodies[parent.id]
        assert not any(f"Dear {p.title} {p.last_name}" in bodies[parent.id] for p in others)
    body = bodies[parents[0].id]
    check(
        body,
        [
            *common(case, "STRICTLY CONFIDENTIAL"),
            f"RE: {board.name.upper()}: {case.review.type.value.upper()}",
            f"because of the serious injury to {case.child.full_name}, and the circumstances surrounding it",
            "The Government requires us to do this.",
            "To establish whether there are lessons to be learned",
            "To identify clearly what those lessons are",
            "To improve inter agency working and better safeguard children.",
            "Working Together to Safeguard Children - A Guide to Inter Agency Working",
            "will not influence any ongoing police investigations",
            f"speaking to {author.name} in the capacity of Independent Author for the Overview Report",
            f"If you feel you need some support with this process, you may wish to contact {letter.support}",
            f"Legal Adviser to the Serious Case Review Panel, {board.legal_adviser.name}",
            board.chair.name,
            f"Independent Chair, {board.name}",
            "Copy To:",
            "Overview Author",
            "OFSTED and DCSF",
            "Individual Management Review Authors",
        ],
    )
    assert body.count("The purpose of the review is:") == 1
    assert "condolences" not in body, "the child did not die"


def test_letter_5_offers_condolences_when_the_child_died(case: Case) -> None:
    from docgen import render

    from .conftest import text_of

    died = case.model_copy(update={"child": case.child.model_copy(update={"date_of_death": case.review.period_end})})
    body = text_of(render(died, "letter-5", "docx", to=died.parents_notified[0]))
    check(
        body,
        [
            f"First of all I would like to offer my sincere condolences on the death of {case.child.full_name}.",
            f"because of {case.child.full_name}'s death, and the circumstances surrounding it",
        ],
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_6_victims(case: Case, text: Callable[..., str], fmt: str) -> None:
    letter = case.correspondence.letter_6
    assert letter is not None and case.victims
    body = text("letter-6", fmt)
    check(
        body,
        [
            *common(case, None),
            *(f"Dear {v.name}" for v in case.victims),
            " ".join(letter.circumstances.split()[:12]),
            "Whenever children have been seriously harmed, Local Safeguarding Children Boards (LSCB) have a duty",
            '"Is there any way in which this might have been prevented?"',
            f"This process, which is called a {case.review.type.value}, is managed by a group of very experienced",
            "The LSCB will produce an anonymous Executive Summary of its findings.",
            "If you would like a copy of the summary please let me know.",
            case.board.panel_chair.name,
            "SCRP Chair",
        ],
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_7_debriefing_with_reply_slip(case: Case, text: Callable[..., str], fmt: str) -> None:
    letter, board, debrief = case.correspondence.letter_7, case.board, case.review.practitioners_debriefing
    assert letter is not None and debrief is not None and letter.reply_by
    invited = [p for p in case.professionals if p.debriefing]
    when = f"{long_date(debrief.date)}, {debrief.time}, at {debrief.venue}"
    body = text("letter-7", fmt)
    check(
        body,
        [
            *common(case, None),
            "Letter 7",
            "To: distribution list",
            f"From: {board.manager.name}, {board.short_name} Manager",
            long_date(letter.date),
            f"{case.review.type.value.upper()}: {case.child.full_name}: PRACTITIONERS DE-BRIEFING",
            "This review has now been concluded and the executive summary of that is available for dissemination.",
            f"invite you to a de-briefing on {when}",
            f"Please complete the attached reply slip to indicate whether/not you are able to attend and return it by "
            f"{long_date(letter.reply_by)}",
            f"please contact the {board.short_name} Administrator ({board.administrator.name}",
            "For Attendance: Practitioners",
            *(p.full_name for p in invited),
            "For Information",
            "Members of the SCRP",
            "Single Agency Management Review Authors",
            "OFSTED",
            "Overview Author",
            "Key people in relevant agencies",
            "✂",
            f"Please return to: {board.short_name} Administrator",
            "NAME:",
            "WORKPLACE:",
            f"I am *able/unable to attend the meeting on {when}.",
        ],
    )


@pytest.mark.parametrize("kind", [f"letter-{n}" for n in range(1, 8)])
def test_docx_and_pdf_say_the_same(case: Case, kind: str, text: Callable[..., str]) -> None:
    """One master per kind: every block of the HTML body appears in both the DOCX and the PDF."""
    from docgen.gate.extract import pdf_pages_text

    from .conftest import html_blocks, rendered, squash

    blocks = html_blocks(rendered(kind, "html").content.decode("utf-8"))
    lines = []
    for page in pdf_pages_text(rendered(kind, "pdf").content):
        page_lines = page.splitlines()
        if page_lines and page_lines[0].strip() in {"CONFIDENTIAL", "STRICTLY CONFIDENTIAL"}:
            page_lines = page_lines[1:]  # the running marking at the top of each page
        lines += [line for line in page_lines if not line.startswith((f"{case.board.short_name} · ", "Page "))]
    pdf = squash(" ".join(lines)).replace("- ", "-").replace("/ ", "/")
    docx = text(kind, "docx")
    assert len(blocks) >= 8
    assert [b for b in blocks if b not in docx] == []
    assert [b for b in blocks if b.replace("- ", "-").replace("/ ", "/") not in pdf] == []
