"""The referral form SCR/Ref/M08 (Appendix I): every field and tick-box, filled from the case or left blank."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..model import Case
from ..model.options import PanelRecommendation, ReferralCircumstance, ReviewDecision
from ..text.dates import form_date
from .person_details import ChildDetails, PersonDetails, YesNoAnswer, child_details, family_details, family_yes_no
from .registry import Request, register

OTHER_REVIEW_OPTIONS = tuple(d for d in ReviewDecision if d is not ReviewDecision.SERIOUS_CASE_REVIEW)
"""Form 2.3, where a Serious Case Review is not recommended: every option of 3.1 but the first."""

BLANK_FAMILY_COLUMNS = 8
"""Columns of the blank form's family grid (1.3), as the seed's."""
BLANK_AGENCY_COLUMNS = 4
"""Columns of the blank form's agency grids (1.4): two grids of the seed's two."""
BLANK_KEY_EVENTS = 6
"""Rows of the blank form's chronology of key events (1.8)."""


@dataclass(frozen=True)
class SignatureLine:
    """A signature line: the signatory's name once signed (empty: to be signed by hand), and the date."""

    name: str = ""
    date: str = ""


@dataclass(frozen=True)
class Referrer:
    """Form 1.1."""

    name: str = ""
    position: str = ""
    agency: str = ""
    contact: tuple[str, ...] = ()
    line_manager: str = ""
    line_manager_aware: YesNoAnswer = field(default_factory=YesNoAnswer)


@dataclass(frozen=True)
class AgencyDetails:
    """A column of form 1.4: an agency involved, its officer, and whether it is still involved."""

    agency: str = ""
    officer: str = ""
    position: str = ""
    contact: tuple[str, ...] = ()
    still_involved: YesNoAnswer = field(default_factory=YesNoAnswer)


@dataclass(frozen=True)
class KeyEventRow:
    """A row of form 1.8: date (and time), and the event."""

    when: str = ""
    event: str = ""


@dataclass(frozen=True)
class AtTheTime:
    """Form 1.6: events and circumstances relevant to the referral category."""

    where_was_child: str = ""
    carer: str = ""
    legal_status: str = ""


@dataclass(frozen=True)
class ScreeningSection:
    """Section 2, completed by the screening panel's chair."""

    meeting_date: str = ""
    recommendation: PanelRecommendation | None = None
    reasons: str = ""
    other_options: tuple[ReviewDecision, ...] = ()
    members_consulted: tuple[str, ...] = ()
    legal_advice: YesNoAnswer = field(default_factory=YesNoAnswer)
    signature: SignatureLine = SignatureLine()


@dataclass(frozen=True)
class DecisionSection:
    """Section 3, completed by the board's chair."""

    outcome: tuple[ReviewDecision, ...] = ()
    issues: str = ""
    overview_author: str = ""
    signature: SignatureLine = SignatureLine()


@dataclass(frozen=True)
class ScopeSection:
    """Section 4, completed by the chair of the review panel."""

    meeting_date: str = ""
    scope: str = ""
    terms_of_reference: tuple[str, ...] = ()
    signature: SignatureLine = SignatureLine()


@dataclass(frozen=True)
class ReferralForm:
    """Every field of the referral form; a markdown field holds the author's Markdown."""

    referrer: Referrer = Referrer()
    child: ChildDetails = field(default_factory=ChildDetails)
    family: tuple[PersonDetails, ...] = ()
    family_special_needs: YesNoAnswer = field(default_factory=YesNoAnswer)
    family_protection_plans: YesNoAnswer = field(default_factory=YesNoAnswer)
    agencies: tuple[AgencyDetails, ...] = ()
    circumstances: tuple[ReferralCircumstance, ...] = ()
    at_the_time: AtTheTime = AtTheTime()
    incident: str = ""
    key_events: tuple[KeyEventRow, ...] = ()
    referrer_signature: SignatureLine = SignatureLine()
    other_matters: str = ""
    screening: ScreeningSection = ScreeningSection()
    decision: DecisionSection = DecisionSection()
    scope: ScopeSection = ScopeSection()
    part_one_only: bool = False
    """Section 1 alone, as the referrer sent it: enclosed with a letter, or as at a day before the screening panel
    met."""

    @property
    def other_review_options(self) -> tuple[ReviewDecision, ...]:
        """The tick-boxes of form 2.3."""
        return OTHER_REVIEW_OPTIONS


def blank_referral_form() -> ReferralForm:
    """The form with nothing filled in, its grids as wide and its chronology as long as a referrer needs."""
    return ReferralForm(
        family=(PersonDetails(),) * BLANK_FAMILY_COLUMNS,
        agencies=(AgencyDetails(),) * BLANK_AGENCY_COLUMNS,
        key_events=(KeyEventRow(),) * BLANK_KEY_EVENTS,
    )


def referral_form(case: Case, anonymised: bool, part_one_only: bool = False) -> ReferralForm:
    """The form filled from the (possibly anonymised) case: sections 2–4 as far as the review has gone, or none
    of them for `part_one_only` (Section 1 as the referrer sent it)."""
    referral = case.referral
    assert referral is not None, "the referral form needs the referral"
    referrer = referral.referrer
    return ReferralForm(
        referrer=Referrer(
            name=referrer.name,
            position=referrer.post or "",
            agency=referrer.organisation or "",
            contact=contact_lines(
                referrer.phone, referrer.email, referrer.address.one_line() if referrer.address else None
            ),
            line_manager=referral.line_manager or "",
            line_manager_aware=YesNoAnswer(referral.line_manager_aware),
        ),
        child=child_details(case, anonymised),
        family=tuple(family_details(case, anonymised)),
        family_special_needs=family_yes_no(case, "special_needs"),
        family_protection_plans=family_yes_no(case, "child_protection_plan"),
        agencies=tuple(agency_details(case)),
        circumstances=tuple(referral.circumstances),
        at_the_time=AtTheTime(
            referral.where_was_child or "", referral.carer_at_time or "", referral.legal_status_at_time or ""
        ),
        incident=referral.incident_summary,
        key_events=tuple(
            KeyEventRow(f"{form_date(e.date)} {e.time:%H:%M}" if e.time else form_date(e.date), e.event)
            for e in referral.key_events
        ),
        referrer_signature=signature(referrer.name, referral.signed_on),
        other_matters=referral.other_matters or "",
        screening=screening_section(case),
        decision=decision_section(case),
        scope=scope_section(case),
        part_one_only=part_one_only,
    )


def contact_lines(*details: str | None) -> tuple[str, ...]:
    """Contact details, one per line, leaving out those not given.

    >>> contact_lines("01632 960 450", None, "Gatehouse Court, Northbrook")
    ('01632 960 450', 'Gatehouse Court, Northbrook')
    """
    return tuple(d for d in details if d)


def signature(name: str, signed_on: dt.date | None) -> SignatureLine:
    """The signatory's name and the date once signed; both empty, for a pen, until then.

    >>> signature("Ruth Penhaligon", dt.date(2026, 3, 11))
    SignatureLine(name='Ruth Penhaligon', date='11/03/2026')
    >>> signature("Ruth Penhaligon", None)
    SignatureLine(name='', date='')
    """
    return SignatureLine(name, form_date(signed_on)) if signed_on else SignatureLine()


def agency_details(case: Case) -> list[AgencyDetails]:
    """Every agency of the case, with the officer the case names for it (form 1.4)."""
    details = []
    for agency in case.agencies:
        officer = case.professional(agency.officer) if agency.officer else None
        position = ", ".join(filter(None, (officer.role, officer.workplace))) if officer else ""
        details.append(
            AgencyDetails(
                agency=agency.name,
                officer=officer.full_name if officer else "",
                position=position,
                contact=contact_lines(officer.phone, officer.email) if officer else (),
                still_involved=YesNoAnswer(agency.still_involved),
            )
        )
    return details


def screening_section(case: Case) -> ScreeningSection:
    """Section 2, empty until the screening panel has met."""
    screening = case.screening
    if screening is None:
        return ScreeningSection()
    return ScreeningSection(
        meeting_date=form_date(screening.meeting_date),
        recommendation=screening.recommendation,
        reasons=screening.reasons,
        other_options=tuple(screening.other_options),
        members_consulted=tuple(screening.members_consulted),
        legal_advice=YesNoAnswer(screening.legal_advice_sought),
        signature=signature(case.board.panel_chair.name, screening.signed_on),
    )


def decision_section(case: Case) -> DecisionSection:
    """Section 3, empty until the chair has decided; the overview author recommended defaults to the one
    appointed."""
    decision = case.decision
    if decision is None:
        return DecisionSection()
    author = decision.overview_author or (case.review.overview_author.name if case.review.overview_author else "")
    return DecisionSection(
        outcome=tuple(decision.outcome),
        issues=decision.issues or "",
        overview_author=author,
        signature=signature(case.board.chair.name, decision.date),
    )


def scope_section(case: Case) -> ScopeSection:
    """Section 4: the panel's meeting, the scope and the terms of reference."""
    review = case.review
    return ScopeSection(
        meeting_date=form_date(review.scope_meeting),
        scope=review.scope or "",
        terms_of_reference=tuple(review.terms_of_reference),
        signature=signature(case.board.panel_chair.name, review.scope_signed_on),
    )


@register("referral-form")
def referral_form_context(request: Request) -> dict[str, Any]:
    """`form`: the referral form as the case, as at the document's date, fills it in (not blank): Section 1 alone
    when it is enclosed with a letter (Letter 1 asks the agencies to add to it, Letter 4 sends it to the authors)
    or asked for as at a day before the screening panel met; as the case stands, a form the panel has not yet
    completed leaves sections 2–4 for it to fill in."""
    case = request.case
    part_one_only = request.enclosed_in is not None or (request.on is not None and case.screening is None)
    form = referral_form(case, request.anonymised, part_one_only)
    return {"form": form, "framework": case.framework, "blank": False}
