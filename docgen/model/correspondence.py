"""What the letters need beyond the rest of the case: the seven of Appendix XI, and a practice review's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from enum import StrEnum
from typing import Any

from .common import Contact, Identifier, Markdown, Meeting, Model, Text


class BoardOfficer(StrEnum):
    """An officer of the board profile, by the field that holds them."""

    CHAIR = "chair"
    PANEL_CHAIR = "panel_chair"
    MANAGER = "manager"
    ADMINISTRATOR = "administrator"
    LEGAL_ADVISER = "legal_adviser"
    DIRECTOR_OF_CHILDRENS_SERVICES = "director_of_childrens_services"


class AgencyRole(StrEnum):
    """A person an agency names, by the field that holds them."""

    CHIEF_OFFICER = "chief_officer"
    BOARD_MEMBER = "board_member"
    PANEL_REPRESENTATIVE = "panel_representative"
    IMR_AUTHOR = "imr_author"


class ReviewRole(StrEnum):
    """A person the review names: its overview author, or the professional who referred the case."""

    OVERVIEW_AUTHOR = "overview_author"
    REFERRER = "referrer"


class BoardOfficerRef(Model):
    """One of the board's officers, e.g. `{board: manager}`."""

    board: BoardOfficer
    """The officer."""


class AgencyContactRef(Model):
    """A person an agency names, e.g. `{agency: csc, role: board_member}`."""

    agency: Identifier
    """The agency (its id)."""
    role: AgencyRole
    """Which of its people."""


class ReviewContactRef(Model):
    """The review's overview author or referrer, e.g. `{person: overview_author}`."""

    person: ReviewRole
    """Which person."""


Recipient = BoardOfficerRef | AgencyContactRef | ReviewContactRef | Text
"""A recipient of a letter: a person the case knows (listed once, however often named), or text as written."""


class Letter(Model):
    """What every letter has: its date, who signs it and who else receives it."""

    date: dt.date
    """Date printed on the letter."""
    signatory: BoardOfficer | None = None
    """The board officer who signs the letter (and is named as its sender); empty: as the seed's letter says."""
    distribution: list[Recipient] = []
    """Further recipients of copies, beyond those the case implies: people the case knows
    (`{board: manager}`, `{agency: csc, role: board_member}`, `{person: overview_author}`) or any text."""


class RequestForInformation(Letter):
    """Letter 1: request for additional information and to secure files."""

    reply_by: dt.date
    """Date by which agencies should forward their information."""
    panel_meeting: dt.date
    """Date of the panel meeting the information is needed for."""


class NoFurtherAction(Letter):
    """Letter 2: notification to organisations of no further action."""


class CommissioningImrs(Letter):
    """Letter 3: commissioning Individual Management Reviews."""

    circumstances: Text
    """The circumstances of the child, completing 'Following the …', e.g. 'death of Jade on 3 May 2026'."""


class AuthorsBriefing(Letter):
    """Letter 4: invitation to the authors' briefing."""


class ParentsNotification(Letter):
    """Letter 5: notification to parents."""

    support: Text | None = None
    """Who the family may contact for support (an advocacy service and its number)."""


class VictimsNotification(Letter):
    """Letter 6: notification to victims."""

    circumstances: Markdown
    """Why the board reviewed the case, e.g. 'after X was convicted last year, the board decided …'."""


class PractitionersDebriefing(Letter):
    """Letter 7: invitation to the practitioners' debriefing, with a reply slip."""

    reply_by: dt.date | None = None
    """Date by which the reply slip should be returned."""


class PartnerNotice(Letter):
    """The local authority's notice of a serious incident to the safeguarding partners."""


class RapidReviewRequest(Letter):
    """The request to each agency's safeguarding lead for its summary and chronology (day 1 of a rapid review)."""

    reply_by: dt.date
    """The day by which the summaries and chronologies must reach the partnership."""
    meeting: Meeting | None = None
    """The rapid review meeting the agencies' safeguarding leads are invited to."""


class AgencyRequest(Letter):
    """The request to each agency involved for its report of its involvement and its chronology (a Safeguarding
    Adults Review's)."""

    reply_by: dt.date
    """The day by which the reports and chronologies must reach the board."""


class LearningEventInvitation(Letter):
    """The invitation to the practitioners' learning event of a review, with a reply slip."""

    reply_by: dt.date | None = None
    """Date by which the reply slip should be returned."""


class DecisionNotice(Letter):
    """The letter telling the bodies told of every decision (`framework.decisions_reported_to`: the Home Office, for
    a Domestic Homicide Review) what the board decided, and why."""


class AssuranceSubmission(Letter):
    """The letter sending the review's report, executive summary and action plan to the body that quality assures
    it before publication (`framework.assurance`), copied to the bodies the review is reported to."""


class PanelLetter(Letter):
    """The letter to the national panel with the rapid review and the partners' decision."""


class PrePublicationLetter(Letter):
    """The letter sending a review's final report to the national bodies before it is published."""


class Correspondence(Model):
    """The letters of the review; a letter is produced once its entry exists."""

    letter_1: RequestForInformation | None = None
    """Letter 1: request for additional information."""
    letter_2: NoFurtherAction | None = None
    """Letter 2: notification of no further action."""
    letter_3: CommissioningImrs | None = None
    """Letter 3: commissioning Individual Management Reviews."""
    letter_4: AuthorsBriefing | None = None
    """Letter 4: invitation to the authors' briefing."""
    letter_5: ParentsNotification | None = None
    """Letter 5: notification to parents."""
    letter_6: VictimsNotification | None = None
    """Letter 6: notification to victims."""
    letter_7: PractitionersDebriefing | None = None
    """Letter 7: invitation to the practitioners' debriefing."""
    partner_notice: PartnerNotice | None = None
    """The notice of a serious incident to the safeguarding partners."""
    rapid_review_request: RapidReviewRequest | None = None
    """The request to the agencies' safeguarding leads for their summaries."""
    panel_letter: PanelLetter | None = None
    """The letter to the national panel with the rapid review."""
    agency_request: AgencyRequest | None = None
    """The request to the agencies for their reports and chronologies."""
    learning_event: LearningEventInvitation | None = None
    """The invitation to the practitioners' learning event."""
    pre_publication: PrePublicationLetter | None = None
    """The letter sending the final report to the national bodies before publication."""
    decision_notice: DecisionNotice | None = None
    """The letter telling the national bodies of the decision on a request."""
    assurance_submission: AssuranceSubmission | None = None
    """The letter sending the report to the body that quality assures it."""


def reference_problems(case: Any) -> Iterator[str]:
    """The distribution entries that name someone the case does not hold, each with its field path."""
    for name in Correspondence.model_fields:
        letter = getattr(case.correspondence, name)
        for i, recipient in enumerate(letter.distribution if letter else []):
            if not isinstance(recipient, str) and resolve(case, recipient) is None:
                yield f"correspondence.{name}.distribution[{i}]: {_unresolved(recipient)}"


def resolve(case: Any, recipient: BoardOfficerRef | AgencyContactRef | ReviewContactRef) -> Contact | None:
    """The person a reference names, or None when the case does not hold them."""
    if isinstance(recipient, BoardOfficerRef):
        return getattr(case.board, recipient.board.value)
    if isinstance(recipient, AgencyContactRef):
        agency = next((a for a in case.agencies if a.id == recipient.agency), None)
        return getattr(agency, recipient.role.value) if agency else None
    if recipient.person is ReviewRole.REFERRER:
        return case.referral.referrer if case.referral else None
    return case.review.overview_author


def _unresolved(recipient: BoardOfficerRef | AgencyContactRef | ReviewContactRef) -> str:
    if isinstance(recipient, BoardOfficerRef):
        return f"the board profile has no {recipient.board.value}"
    if isinstance(recipient, AgencyContactRef):
        return f"agency '{recipient.agency}' is unknown or names no {recipient.role.value}"
    return f"the review names no {recipient.person.value}"
