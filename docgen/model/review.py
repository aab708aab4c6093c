"""The review itself: referral, screening, decision, scope and panel."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from .common import Contact, Identifier, Markdown, Meeting, Model, Text
from .options import (
    AlternativeAction,
    PanelRecommendation,
    ReferralCircumstance,
    ReviewDecision,
    ReviewType,
)


class Referral(Model):
    """Section 1 of the referral form SCR/Ref/M08."""

    date: dt.date
    """Date the referral was received."""
    referrer: Contact
    """The referring officer."""
    referrer_designation: Text
    """Designation of the referring professional as Letter 4 names it, e.g. 'Head of Safeguarding, Police'."""
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

    @property
    def proceeds(self) -> bool:
        """True when the decision is to hold a Serious Case or Lessons Learned Review."""
        return bool(self.review_types)

    @property
    def review_types(self) -> list[str]:
        """The types of review decided on, e.g. ['Lessons Learned Review']."""
        return [_REVIEWS[choice].value for choice in self.outcome if choice in _REVIEWS]


_REVIEWS = {
    ReviewDecision.SERIOUS_CASE_REVIEW: ReviewType.SERIOUS_CASE,
    ReviewDecision.LESSONS_LEARNED_REVIEW: ReviewType.LESSONS_LEARNED,
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


class Review(Model):
    """The review: type, scope, timetable and panel."""

    reference: Text = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9/_.-]*$")
    """The board's reference for the review, e.g. 'SCR-2026-03'; names the output folder."""
    type: ReviewType
    """Serious Case Review or Lessons Learned Review."""
    period_start: dt.date
    """First day of the period under review."""
    period_end: dt.date
    """Last day of the period under review."""
    terms_of_reference: list[Markdown] = Field(min_length=1)
    """Numbered terms of reference, each one issue IMRs must address."""
    scope: Markdown | None = None
    """Scope of the review, as set out by the panel (form 4.1)."""
    scope_meeting: dt.date | None = None
    """Date the panel met to set the terms of reference and scope (form 4.1)."""
    panel: list[PanelMember] = []
    """Members of the Serious Case Review Panel for this review."""
    overview_author: Contact | None = None
    """Author of the Overview Report and Executive Summary."""
    imr_deadline: dt.date | None = None
    """Date by which IMRs must reach the board administrator."""
    imr_presentation: dt.date | None = None
    """Date IMR authors present their reports to the panel."""
    authors_briefing: Meeting | None = None
    """Briefing for IMR and overview authors (Letter 4)."""
    practitioners_debriefing: Meeting | None = None
    """Debriefing for practitioners (Letter 7)."""
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
