"""The review itself: referral, screening, decision, scope and panel."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import Field, model_validator

from .common import Approval, Contact, Identifier, Markdown, Meeting, Model, Text
from .options import (
    AlternativeAction,
    PanelRecommendation,
    ReferralCircumstance,
    ReviewDecision,
)


class KeyEvent(Model):
    """One row of the referral form's chronology of key events (form 1.8)."""

    date: dt.date
    """Date of the event."""
    time: dt.time | None = None
    """Time of the event (HH:MM), where appropriate."""
    event: Text
    """What happened."""


class Referral(Model):
    """Section 1 of the referral form SCR/Ref/M08."""

    date: dt.date
    """Date the referral was received."""
    reference: Text | None = Field(default=None, pattern=r"^[A-Za-z0-9][A-Za-z0-9/_.-]*$", max_length=60)
    """The board's reference for the referral, e.g. 'REF-2026-011': the papers dated before the decision to hold a
    review carry it (the review's reference exists from the decision); empty: they carry the review's."""
    referrer: Contact
    """The referring officer."""
    referrer_designation: Text
    """Designation of the referring professional as Letter 4 names it, e.g. 'Head of Safeguarding, Police'."""
    line_manager: Text | None = None
    """The referrer's line manager (form 1.1)."""
    line_manager_aware: bool | None = None
    """Is the referrer's line manager aware of the referral? (form 1.1; empty leaves both boxes blank)"""
    circumstances: list[ReferralCircumstance] = Field(min_length=1)
    """Circumstances triggering the referral (form 1.5)."""
    where_was_child: Text | None = None
    """Where was the child at the time? (form 1.6)"""
    carer_at_time: Text | None = None
    """Who was the carer for the child at the time? (form 1.6)"""
    legal_status_at_time: Text | None = None
    """What was the legal status of the child at the time? (form 1.6)"""
    incident_summary: Markdown
    """Details of the incident or concern that led to the referral (form 1.7)."""
    key_events: list[KeyEvent] = []
    """Chronology of key events, as the referrer knew them (form 1.8)."""
    signed_on: dt.date | None = None
    """Date the referrer signed section 1; empty leaves the signature and date to be written by hand."""
    other_matters: Markdown | None = None
    """Other matters of relevance (form 1.9)."""


class Screening(Model):
    """Section 2 of the referral form: the screening panel's recommendation."""

    meeting_date: dt.date
    """Date of the screening panel meeting."""
    recommendation: PanelRecommendation
    """Whether a Serious Case Review is recommended."""
    reasons: Markdown
    """Reasons of the panel for the recommendation."""
    other_options: list[ReviewDecision] = []
    """Other review options, where a Serious Case Review is not recommended (form 2.3)."""
    members_consulted: list[Text] = []
    """Members of the panel who were consulted."""
    legal_advice_sought: bool = False
    """Has legal advice been sought?"""
    signed_on: dt.date | None = None
    """Date the panel chair signed section 2; empty leaves the signature and date to be written by hand."""


class Decision(Model):
    """Section 3 of the referral form: the board chair's decision."""

    date: dt.date
    """Date of the chair's decision (and written endorsement)."""
    outcome: list[ReviewDecision] = Field(min_length=1)
    """What the case should be subject to (form 3.1)."""
    alternative_actions: list[AlternativeAction] = []
    """Alternative actions proposed when no Serious Case Review is held (Letter 2)."""
    issues: Markdown | None = None
    """Issues of particular significance (form 3.2)."""
    criteria_met: Markdown | None = None
    """Which review criteria were met, or why the review is held although they were not."""
    overview_author: Text | None = None
    """Who the chair recommends be approached to write the overview report (form 3.3); defaults to the
    review's overview author."""

    @property
    def proceeds(self) -> bool:
        """True when the decision is to hold a Serious Case or Lessons Learned Review."""
        return bool(self.review_types)

    def holds_review(self, framework: Any) -> bool:
        """Whether the decision holds a review (the framework's decision records share this)."""
        return self.proceeds

    @property
    def review_types(self) -> list[str]:
        """The types of review decided on, e.g. ['Lessons Learned Review']."""
        return [_REVIEWS[choice] for choice in self.outcome if choice in _REVIEWS]


_REVIEWS = {
    ReviewDecision.SERIOUS_CASE_REVIEW: "Serious Case Review",
    ReviewDecision.LESSONS_LEARNED_REVIEW: "Lessons Learned Review",
}
"""The decisions to hold a review, and the type of review each holds."""


class PanelMember(Model):
    """A member of the Serious Case Review Panel for this review."""

    name: Text
    """Full name."""
    post: Text
    """Job title."""
    agency: Text
    """Organisation represented."""
    phone: Text | None = None
    """Telephone number (Letter 1 gives each member's contact details)."""
    email: Text | None = None
    """E-mail address."""


class JointArrangement(StrEnum):
    """How a review with another board is conducted (Appendix X, 3)."""

    LIMITED_INPUT = "single-board-with-limited-input"
    JOINT_PANEL = "joint-panel"


class JointLead(StrEnum):
    """Which board leads a review where more than one board is involved (seed 1.3.3: the board of the area where
    the child normally lives)."""

    THIS_BOARD = "this-board"
    PARTNER_BOARD = "partner-board"


class ScopingQuestion(StrEnum):
    """The matters the chairs of both boards consider when scoping a joint review (Appendix X, i–xiv)."""

    ISSUES = "issues"
    INDEPENDENCE = "independence"
    PERIOD = "period"
    CONTRIBUTORS = "contributors"
    STAFF_INTERVIEWS = "staff_interviews"
    FAMILY = "family"
    PARALLEL_INVESTIGATIONS = "parallel_investigations"
    DISCIPLINARY = "disciplinary"
    CORONER_AND_CRIMINAL = "coroner_and_criminal"
    OUTSIDE_INTERESTS = "outside_interests"
    TIMETABLE = "timetable"
    MEDIA = "media"
    PUBLIC_AND_FAMILY_INTEREST = "public_and_family_interest"
    LEGAL_ADVICE = "legal_advice"


class PartnerBoard(Model):
    """The other board of a review where more than one board is involved."""

    name: Text
    """Full name, e.g. 'Caerwen Regional Safeguarding Children Board'."""
    area: Text | None = None
    """The area the board serves."""
    chair: Contact
    """The board's chair, who agrees the arrangement and the scope with this board's chair."""


class JointReview(Model):
    """A review where more than one board is responsible or involved (Appendix X)."""

    partner_board: PartnerBoard
    """The other board."""
    arrangement: JointArrangement
    """'single-board-with-limited-input' (the leading board reviews, the other contributes) or 'joint-panel'
    (members of both panels work together as an expanded panel)."""
    led_by: JointLead = JointLead.THIS_BOARD
    """Which board leads the review: 'this-board' (the board of this case file) or 'partner-board'."""
    agreed_on: dt.date | None = None
    """Date the chairs agreed the arrangement and the scope."""
    scoping_questions: dict[ScopingQuestion, Markdown] = {}
    """What the chairs agreed on each scoping matter of Appendix X, by key: issues, independence, period,
    contributors, staff_interviews, family, parallel_investigations, disciplinary, coroner_and_criminal,
    outside_interests, timetable, media, public_and_family_interest, legal_advice."""


class Review(Model):
    """The review: type, scope, timetable and panel."""

    reference: Text = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9/_.-]*$", max_length=60)
    """The board's reference for the review, e.g. 'SCR-2026-03'; names the output folder."""
    type: Text
    """The type of review, one of the framework's `review_types`: 'Serious Case Review' or 'Lessons Learned
    Review' (england-2009), 'Rapid Review' or 'Local Child Safeguarding Practice Review' (england-2023)."""
    period_start: dt.date
    """First day of the period under review."""
    period_end: dt.date
    """Last day of the period under review."""
    terms_of_reference: list[Markdown] = []
    """Numbered terms of reference, each one issue the agencies' reviews must address (england-2009 requires
    them)."""
    terms_of_reference_version: Approval | None = None
    """Version and date of the terms of reference, printed in the scoping document's footer (2.3.4);
    approved_on once they are finalised at the authors' briefing (2.3.5)."""
    scope: Markdown | None = None
    """Scope of the review, as set out by the panel (form 4.1)."""
    scope_meeting: dt.date | None = None
    """Date the panel met to set the terms of reference and scope (form 4.1)."""
    scope_signed_on: dt.date | None = None
    """Date the panel chair signed section 4 of the referral form; empty leaves it to be written by hand."""
    joint: JointReview | None = None
    """The other board and the arrangement, when more than one board is involved (Appendix X)."""
    panel: list[PanelMember] = []
    """Members of the Serious Case Review Panel for this review."""
    chair: Contact | None = None
    """The independent chair of this review's own panel, where each review has one (a Domestic Homicide Review's);
    empty: the board's panel chair oversees it. The same person may also write the report (`overview_author`)."""
    overview_author: Contact | None = None
    """Author of the review's report: the Overview Report and Executive Summary, or the reviewer of a local
    child safeguarding practice review."""
    imr_deadline: dt.date | None = None
    """Date by which the agencies' reviews (IMRs) must reach the board administrator."""
    imr_presentation: dt.date | None = None
    """Date IMR authors present their reports to the panel."""
    authors_briefing: Meeting | None = None
    """Briefing for IMR and overview authors (Letter 4)."""
    practitioners_debriefing: Meeting | None = None
    """Debriefing for practitioners (Letter 7)."""
    learning_event: Meeting | None = None
    """The practitioners' learning event, where the reviewer meets those who worked with the subject."""
    family_involvement: Markdown | None = None
    """How family members were involved, or why they were not (section 2.3.14)."""
    step_dates: dict[Identifier, dt.date] = {}
    """Dates of the framework timetable's steps that no other field records, by step id: the day a step was
    done, or the day it is booked for (`docgen timetable` lists the ids)."""

    @property
    def file_reference(self) -> str:
        """The reference as it names files and folders ('/' becomes '-')."""
        return self.reference.replace("/", "-")

    @model_validator(mode="after")
    def _period_in_order(self) -> Review:
        if self.period_end < self.period_start:
            raise ValueError("period_end is before period_start")
        return self
