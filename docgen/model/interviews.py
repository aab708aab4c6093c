"""The IMR authors' interviews with staff (Appendix VI): one record per interview."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from .common import Address, Identifier, Markdown, Model, Text


class InterviewMatter(StrEnum):
    """The matters to be covered in an interview (Appendix VI), by key."""

    HISTORY = "history"
    INVOLVEMENT = "involvement"
    POLICY = "policy"
    KNOWLEDGE = "knowledge"
    COMMUNICATION = "communication"
    RECORD_KEEPING = "record_keeping"
    SUPERVISION = "supervision"
    FEELINGS = "feelings"
    TRAINING = "training"
    AGENCY_LESSONS = "agency_lessons"
    DIFFERENTLY = "differently"
    OWN_LESSONS = "own_lessons"


class PreviousPost(Model):
    """One row of the contributor's previous employment."""

    employer: Text
    """Employer."""
    dates: Text
    """Dates, as the contributor gives them, e.g. '2019 – 2023'."""
    posts: Text
    """Posts held."""


class Interview(Model):
    """An IMR author's interview with a member of staff (Appendix VI)."""

    id: Identifier
    """Key of the record; names the file of its interview record."""
    professional: Identifier
    """The professional (their id) interviewed; their agency's IMR author conducts the interview."""
    date: dt.date | None = None
    """Date of the interview."""
    qualifications: Text | None = None
    """The contributor's qualifications."""
    designation: Text | None = None
    """The contributor's designation; defaults to their role."""
    time_in_post: Text | None = None
    """Time in post, e.g. '2 years 4 months'."""
    employer: Text | None = None
    """Employing body; defaults to the agency's name."""
    employer_address: Address | None = None
    """Employing address."""
    previous_employment: list[PreviousPost] = []
    """Previous employment: employer, dates and posts held."""
    role_in_case: Markdown | None = None
    """Description of the contributor's role in relation to the case."""
    notes: dict[InterviewMatter, Markdown] = {}
    """The author's notes on the matters covered, by key: history, involvement, policy, knowledge,
    communication, record_keeping, supervision, feelings, training, agency_lessons, differently, own_lessons;
    a matter without notes is printed as a prompt."""
    summary: Markdown | None = None
    """The author's interview summary, handed to the interviewee to sign both copies if they agree."""
    disagreement: Markdown | None = None
    """Where the interviewee disagrees with the summary: what they disagree with, noted."""
    signed_on: dt.date | None = None
    """Date both copies were signed; empty leaves the signatures and dates to be written by hand."""
