"""The interview record (Appendix VI): the contributor's details, the matters to cover, the summary."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Agency, Case, Contact, Interview
from ..model.interviews import InterviewMatter, PreviousPost
from ..text.dates import form_date, long_date
from .registry import Request, register

MATTERS: dict[InterviewMatter, str] = {
    InterviewMatter.HISTORY: "their knowledge of the history of the case, the child(ren) and family prior to the "
    "individual's involvement",
    InterviewMatter.INVOLVEMENT: "their specific involvement in the case",
    InterviewMatter.POLICY: "their knowledge of the agency's policy and procedures in relation to child care and "
    "child protection",
    InterviewMatter.KNOWLEDGE: "their knowledge of child development, identifying injuries in relation to abuse, "
    "understanding of the psychological effects of abuse upon a child, direct work techniques, and their role in "
    "relation to CP conferences",
    InterviewMatter.COMMUNICATION: "the methods used to relate to and communicate with other professionals in the case",
    InterviewMatter.RECORD_KEEPING: "the individual's record keeping",
    InterviewMatter.SUPERVISION: "the supervision the individual received",
    InterviewMatter.FEELINGS: "the individual's feelings about the case, the carer or child and how those feelings "
    "were dealt with in supervision",
    InterviewMatter.TRAINING: "the range of training both within and outside the agency in the last two years",
    InterviewMatter.AGENCY_LESSONS: "whether the agency can learn lessons from the experience",
    InterviewMatter.DIFFERENTLY: "looking back, what the individual would now do differently",
    InterviewMatter.OWN_LESSONS: "what lessons the individual can learn from the experience",
}
"""Appendix VI's matters to be covered in interviews, in the seed's order and wording."""


@dataclass(frozen=True)
class Matter:
    """A matter to cover: the seed's prompt, and the author's notes on it (Markdown; empty if none)."""

    prompt: str
    notes: str


@dataclass(frozen=True)
class Contributor:
    """The details of the contributor, completed as a preamble to the discussion."""

    full_name: str
    qualifications: str
    designation: str
    time_in_post: str
    employer: str
    employer_address: str
    home_address: str
    previous_employment: tuple[PreviousPost, ...]


@dataclass(frozen=True)
class InterviewRecord:
    """Everything an interview record prints."""

    interview: Interview
    agency: Agency
    author: Contact | None
    date: str
    contributor: Contributor
    matters: tuple[Matter, ...]
    signed_on: str

    @property
    def disagreement(self) -> str:
        """The disagreement noted; 'None noted.' once both copies are signed without one; empty until then."""
        if self.interview.disagreement:
            return self.interview.disagreement
        return "None noted." if self.interview.signed_on else ""

    @property
    def has_notes(self) -> bool:
        """True once the author has written notes on any matter (else the matters are printed as prompts)."""
        return any(matter.notes for matter in self.matters)


def interview_record(case: Case, interview_id: str) -> InterviewRecord:
    """The record of one interview of the (possibly anonymised) case; the interviewer is the agency's IMR
    author, designation and employer default to the professional's role and agency."""
    interview = case.interview(interview_id)
    professional = case.professional(interview.professional)
    agency = case.agency(professional.agency)
    contributor = Contributor(
        full_name=professional.full_name,
        qualifications=interview.qualifications or "",
        designation=interview.designation or professional.role,
        time_in_post=interview.time_in_post or "",
        employer=interview.employer or agency.name,
        employer_address=interview.employer_address.one_line() if interview.employer_address else "",
        home_address=professional.address.one_line() if professional.address else "",
        previous_employment=tuple(interview.previous_employment),
    )
    return InterviewRecord(
        interview=interview,
        agency=agency,
        author=agency.imr_author,
        date=long_date(interview.date),
        contributor=contributor,
        matters=tuple(Matter(prompt, interview.notes.get(key, "")) for key, prompt in MATTERS.items()),
        signed_on=form_date(interview.signed_on),
    )


@register("interview-record")
def interview_record_context(request: Request) -> dict[str, Any]:
    """`record`: one interview's record."""
    return {"record": interview_record(request.case, request.to or "")}
