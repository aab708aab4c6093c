"""The authors' narratives of the IMRs, the Overview Report and the Executive Summary."""

from __future__ import annotations

import datetime as dt

from .common import Approval, Markdown, Model, Text
from .recommendations import Recommendation


class Methodology(Model):
    """IMR section 1.4, items a–g."""

    how_reviewed: Markdown | None = None
    """a) How the agency carried out the review."""
    documents_seen: Markdown | None = None
    """b) Details of documents seen."""
    interviews: Markdown | None = None
    """c) List of interviews and dates."""
    information_not_available: Markdown | None = None
    """d) Information not available or not considered, with reasons."""
    staff_informed: Markdown | None = None
    """e) How agency staff were kept informed of the purpose and process of the review."""
    staff_involved: Markdown | None = None
    """f) Staff involved by name and job title, for the panel only."""
    sufficient_time: Markdown | None = None
    """g) Were you given sufficient time to complete the task?"""


class Background(Model):
    """IMR section 2.2, items a–d."""

    history: Markdown | None = None
    """a) Relevant chronological history, in narrative form, of the child, family and significant others."""
    contextual_facts: Markdown | None = None
    """b) Further amplification of relevant facts in terms of contextual information."""
    appended: Markdown | None = None
    """c) Other relevant information appended (conference minutes, antecedents, growth charts …)."""
    procedures: Markdown | None = None
    """d) Details of the agency's internal child protection procedures."""


class Imr(Model):
    """One agency's Individual Management Review (Appendix IV)."""

    date: dt.date | None = None
    """Date of the report."""
    reason_for_review: Markdown | None = None
    """1.1 Reason for the review."""
    contextual_information: Markdown | None = None
    """1.3 Contextual information."""
    methodology: Methodology = Methodology()
    """1.4 Methodology."""
    family_composition: Markdown | None = None
    """2.1 Notes on family composition and genogram, beside the table built from the case."""
    background: Background = Background()
    """2.2 Summary of family background and circumstances."""
    analysis: Markdown | None = None
    """3 Analysis of involvement."""
    recommendations_commentary: Markdown | None = None
    """4 Narrative introducing the recommendations (procedures, inter-agency working, good practice)."""
    recommendations: list[Recommendation] = []
    """4 Recommendations, with their action plan columns."""
    head_of_agency: Text | None = None
    """Head of agency who signs the report off (defaults to the agency's chief officer)."""
    author_signed: dt.date | None = None
    """Date the author signed the report."""
    head_signed: dt.date | None = None
    """Date the head of agency signed the report."""
    attachments: list[Text] = []
    """Documents attached to the report (conference minutes, procedures …), each by its title and date."""
    approval: Approval = Approval()
    """Approval of this report; a draft until approved."""


class Overview(Model):
    """The Overview Report (Appendix VII)."""

    date: dt.date | None = None
    """Date of the report."""
    circumstances: Markdown | None = None
    """1 The circumstances that led to the review."""
    family_and_household: Markdown | None = None
    """2 Notes on the family, extended family and household, beside the table built from the case."""
    summary_of_knowledge: Markdown | None = None
    """2 What was known to the agencies about the parents, carers, any perpetrator and the home."""
    analysis: Markdown | None = None
    """3 How and why events occurred, decisions were made, actions taken or not."""
    good_practice: Markdown | None = None
    """3 Examples of good practice."""
    conclusions: Markdown | None = None
    """4 Lessons to be drawn from the case."""
    national_lessons: Markdown | None = None
    """4 Lessons for national as well as local policy and practice."""
    recommendations: list[Recommendation] = []
    """4 Recommendations of the overview report, with the board's action plan columns."""
    author_signed: dt.date | None = None
    """Date the author signed the report."""
    attachments: list[Text] = []
    """Documents attached to the report, each by its title and date."""
    approval: Approval = Approval()
    """Approval of this report; a draft until approved."""


class ExecutiveSummary(Model):
    """The public Executive Summary (Appendix VIII); always anonymised."""

    date: dt.date | None = None
    """Date of the summary."""
    family_background: Markdown | None = None
    """Family background, anonymised, beyond the household table built from the case."""
    review_process: Markdown | None = None
    """Purpose and scope of the review and how it was conducted."""
    reasons: Markdown | None = None
    """Reasons for conducting the review and which criteria were met."""
    incident: Markdown | None = None
    """Details of the incident."""
    maltreatment: Text | None = None
    """Kind of maltreatment."""
    believed_responsible: Text | None = None
    """Who was believed to be responsible for the abuse or incident (by relationship)."""
    context_and_resourcing: Markdown | None = None
    """Context of ages involved and resourcing (staff absence, vacancies …)."""
    themes_and_lessons: Markdown | None = None
    """Key themes and lessons learnt."""
    conclusions: Markdown | None = None
    """Conclusions."""
    approval: Approval = Approval()
    """Approval of this summary; a draft until approved."""
