"""The scoping document (Appendix II), with the joint review's arrangement and scope (Appendix X)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ..model import Approval, Case
from ..model.review import JointArrangement, JointReview, ScopingQuestion
from ..text.dates import form_date, long_date
from .person_details import ChildDetails, PersonDetails, child_details, family_details
from .referral import SignatureLine, signature
from .registry import Request, register

SCOPING_QUESTIONS: dict[ScopingQuestion, str] = {
    ScopingQuestion.ISSUES: "What appear to be the most important issues to address in trying to learn from this "
    "specific case? How can the relevant information best be obtained and analysed?",
    ScopingQuestion.INDEPENDENCE: "Are there features of the case, which indicate that any part of the review process "
    "should involve, or be conducted by, a party independent of the professionals/ agencies who will be required to "
    "participate in the review? Would it help the review panel to bring in an outside expert at any stage, to shed "
    "light on particular aspects of the case?",
    ScopingQuestion.PERIOD: "Over what time period should events be reviewed, i.e. how far back should enquiries "
    "cover, and what is the cut-off point? What family history/ background information will help better to "
    "understand the recent past and present which the review should try and capture?",
    ScopingQuestion.CONTRIBUTORS: "Which agencies and professionals should contribute to the review, and are there any "
    "other individuals or organisations (e.g., proprietor of independent school, housing officer, playgroup leader) "
    "who should be asked to submit reports or contribute in a different way?",
    ScopingQuestion.STAFF_INTERVIEWS: "Should any members of staff be interviewed?",
    ScopingQuestion.FAMILY: "Should family members be invited to contribute to the review, and if so how can this be "
    "facilitated?",
    ScopingQuestion.PARALLEL_INVESTIGATIONS: "Will the case give rise to other parallel investigations of practice, "
    "for example, a mental health homicide or suicide enquiry, and if so, how can a co-ordinated review process best "
    "address all the relevant questions which need to be asked, in the most economical way?",
    ScopingQuestion.DISCIPLINARY: "Are there implications in respect of disciplinary proceedings, is an HR perspective "
    "required and are there implications for staff being interviewed?",
    ScopingQuestion.CORONER_AND_CRIMINAL: "How should the review process take account of a Coroner's enquiry, and (if "
    "relevant) any criminal investigations or proceedings related to the case? Is there a need to liaise with the "
    "Coroner and/or the Crown Prosecution Service?",
    ScopingQuestion.OUTSIDE_INTERESTS: "Who will make the link with relevant interests outside the main statutory "
    "agencies, i.e. independent professionals, independent schools, voluntary organisations?",
    ScopingQuestion.TIMETABLE: "When should the review process start and by what date should it be completed?",
    ScopingQuestion.MEDIA: "How should any media interest be handled, before, during and after the review?",
    ScopingQuestion.PUBLIC_AND_FAMILY_INTEREST: "How should any public or family interest be dealt with?",
    ScopingQuestion.LEGAL_ADVICE: "Does the LSCB need to obtain independent legal advice about any aspect of the "
    "proposed review?",
}
"""Appendix X's scoping matters i–xiv, in the seed's order and wording."""

_EMPHASIS = re.compile(r"[*_]+")
"""Markdown's emphasis marks."""

_NUMERALS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv")


@dataclass(frozen=True)
class ScopingAnswer:
    """One scoping matter: its numeral, the question and what the chairs agreed (Markdown; empty if nothing)."""

    numeral: str
    question: str
    answer: str


@dataclass(frozen=True)
class JointScope:
    """The other board, the arrangement the chairs agreed, and the scope they agreed for a joint review."""

    partner: str
    partner_chair: str
    arrangement: str
    agreed_on: str
    introduction: str
    answers: tuple[ScopingAnswer, ...]


@dataclass(frozen=True)
class ScopingDocument:
    """Everything the scoping document prints."""

    child: ChildDetails
    incident_date: str
    family: tuple[PersonDetails, ...]
    background: tuple[str, ...]
    period: str | None
    """'The review covers the period from … to ….'; None when the scope's own text says so."""
    scope: str
    terms_of_reference: tuple[str, ...]
    joint: JointScope | None
    signature: SignatureLine
    """The panel chair's signature and its date, once signed (`review.scope_signed_on`); lines to sign until then."""


def scoping_document(case: Case, anonymised: bool) -> ScopingDocument:
    """The scoping document of the (possibly anonymised) case; its background is the referral's (1.7, 1.9)."""
    review, referral = case.review, case.referral
    return ScopingDocument(
        child=child_details(case, anonymised),
        incident_date=form_date(case.incident.date) if case.incident else "",
        family=tuple(family_details(case, anonymised)),
        background=tuple(text for text in (referral.incident_summary, referral.other_matters) if text)
        if referral
        else (),
        period=period_sentence(review.period_start, review.period_end, review.scope or ""),
        scope=review.scope or "",
        terms_of_reference=tuple(review.terms_of_reference),
        joint=joint_scope(review.joint, case.board.name) if review.joint else None,
        signature=signature(case.board.panel_chair.name, review.scope_signed_on),
    )


def period_sentence(start: dt.date, end: dt.date, scope: str) -> str | None:
    """The sentence giving the period the review covers, unless the scope's text already gives that period in those
    words (its emphasis aside, whatever follows it).

    >>> period_sentence(dt.date(2024, 9, 1), dt.date(2026, 2, 21), "")
    'The review covers the period from 1 September 2024 to 21 February 2026.'
    >>> period_sentence(dt.date(2024, 9, 1), dt.date(2026, 2, 21), "The review covers the period from **1 September"
    ...     " 2024** to 21 February 2026. Agencies should summarise …")
    """
    said = f"The review covers the period from {long_date(start)} to {long_date(end)}"
    words = " ".join(_EMPHASIS.sub("", scope).split())
    return None if said in words else f"{said}."


def joint_scope(joint: JointReview, board: str) -> JointScope:
    """The arrangement in words, and every scoping matter with what the chairs agreed on it."""
    partner = joint.partner_board.name
    if joint.arrangement is JointArrangement.JOINT_PANEL:
        arrangement = (
            f"A joint review: members of the panels of {board} and {partner} work together as an expanded panel."
        )
        introduction = "The chairs and panels of both boards considered and agreed the following matters."
    else:
        arrangement = f"A review led by {board}, with limited input from {partner}."
        introduction = f"The chair of {partner} contributed to the scoping of the review and its terms of reference."
    answers = tuple(
        ScopingAnswer(numeral, question, joint.scoping_questions.get(key, ""))
        for numeral, (key, question) in zip(_NUMERALS, SCOPING_QUESTIONS.items(), strict=True)
    )
    agreed = long_date(joint.agreed_on)
    return JointScope(partner, joint.partner_board.chair.name, arrangement, agreed, introduction, answers)


def version_footer(version: Approval | None) -> str:
    """The terms of reference's version and date for the footer, as 2.3.4 asks of every draft.

    >>> import datetime as dt
    >>> version_footer(Approval(version="3", dated=dt.date(2026, 3, 24)))
    'Terms of reference draft v3 – 24 March 2026'
    >>> version_footer(Approval(version="4", dated=dt.date(2026, 4, 14), approved_on=dt.date(2026, 4, 14)))
    'Terms of reference v4 – agreed 14 April 2026'
    >>> version_footer(None)
    ''
    """
    if version is None:
        return ""
    if version.approved_on:
        return f"Terms of reference v{version.version} – agreed {long_date(version.approved_on)}"
    dated = f" – {long_date(version.dated)}" if version.dated else ""
    return f"Terms of reference draft v{version.version}{dated}"


@register("scoping")
def scoping_context(request: Request) -> dict[str, Any]:
    """`scoping`: the scoping document; its footer carries the terms of reference's version and date, when the case
    has one (2.3.4: a date on each draft version is vital)."""
    case = request.case
    version = version_footer(case.review.terms_of_reference_version)
    return {
        "scoping": scoping_document(case, request.anonymised),
        "blank": False,
        **({"footer_note": version} if version else {}),
    }
