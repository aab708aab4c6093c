"""A practice review's letters: the notice of an incident to the safeguarding partners, the request to each agency's
safeguarding lead, the letter to the national panel, the letter commissioning the agencies' part in a local review
and the letter before publication. Who signs, who receives
them and every sentence that depends on the case are decided here; the templates print them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ...model import Body, Case, Contact
from ...model.correspondence import BoardOfficer
from ...model.kinds import DocumentKind, lookup
from ...text.dates import long_date
from ..deadlines import deadline_recorded_by
from ..facts import decision_of
from ..harm import harm_sentence
from ..local_review import publication_plan
from ..notification import notification_record
from ..rapid_review import rapid_review_view
from ..registry import Request, register
from .addressing import officer_signature
from .distribution import distribution_of, person_entry, text_entry
from .enclosures import enclosed_kinds, enclosures
from .letterheads import signer_letterhead
from .parts import MEMO
from .sentences import indefinite_article

Sections = list[tuple[str, list[tuple[str, str]]]]


@dataclass(frozen=True)
class Notified:
    """What the notice to the partners says of the notification and what follows it."""

    sentence: str
    """When the local authority became aware and notified the national panel (or is to)."""
    rapid_review_due: dt.date | None
    """The day the rapid review is due; None when the incident is notified for its own sake."""
    notify_only: list[str]
    """Why no review follows, when none does."""
    harm: str
    """What happened to the children, as a sentence."""


def letter_parts(
    case: Case, kind: DocumentKind, officer: BoardOfficer, to: str, sections: Sections, to_people: list[str]
) -> dict[str, Any]:
    """The parts every practice review letter has: its record (date, signatory, further recipients), who signs
    it (the record's signatory, else `officer`) and on whose letterhead, the To line, the distribution and the
    enclosures."""
    letter = lookup(case, kind.record)
    signer = letter.signatory or officer
    signature = officer_signature(case, signer, kind.id)
    left_out = [signature.name, *to_people]
    return {
        "letter": letter,
        "signature": signature,
        "letterhead": signer_letterhead(case.board, getattr(case.board, signer.value)),
        "to": to,
        "distribution": distribution_of(case, sections, letter, left_out),
        "enclosures": enclosures(case, kind),
        "memo_columns": MEMO,
    }


@register("partner-notice")
def partner_notice(request: Request) -> dict[str, Any]:
    """The local authority's notice of a serious incident to the safeguarding partners."""
    case, kind = request.case, request.kind
    partners = [person_entry(p.signatory, p.name) for p in case.board.partners]
    notification = notification_record(case)
    others = [text_entry(area) for area in notification.record.other_areas]
    sections: Sections = [("To", partners), ("Copies", [person_entry(case.board.manager, case.board.name), *others])]
    parts = letter_parts(
        case,
        kind,
        BoardOfficer.DIRECTOR_OF_CHILDRENS_SERVICES,
        f"The safeguarding partners of the {case.board.name}",
        sections,
        [],
    )
    return {**parts, "notice": notified(case), "notification": notification}


def notified(case: Case) -> Notified:
    """What the notice says of the notification: made (on time or not) or still to be made, and what follows."""
    record = notification_record(case)
    notification, panel = record.record, case.framework.regulator_body.name
    aware = f"became aware of a serious incident concerning the above child on {long_date(notification.aware_on)}"
    if notification.notified_on is None:
        due = f" by {long_date(record.due)}" if record.due else ""
        sentence = f"{notification.local_authority} {aware} and will notify the {panel}{due}."
    else:
        late = f" (it was due by {long_date(record.due)})" if record.on_time is False and record.due else ""
        sentence = (
            f"{notification.local_authority} {aware}, and notified the {panel} on"
            f" {long_date(notification.notified_on)}{late}."
        )
    rapid_due = None if record.notify_only else deadline_recorded_by(case, f"{case.framework.decision}.date")
    return Notified(sentence, rapid_due, record.notify_only, harm_sentence(case))


@register("rapid-review-request")
def rapid_review_request(request: Request) -> dict[str, Any]:
    """The request to an agency's safeguarding lead for its summary and chronology."""
    case, kind, agency = request.case, request.kind, request.agency or ""
    lead = _lead(case, agency)
    organisation = case.agency(agency).name
    sections: Sections = [("To", [person_entry(lead, organisation)])]
    to = ", ".join(filter(None, (lead.name, lead.post, organisation)))
    parts = letter_parts(case, kind, BoardOfficer.MANAGER, to, sections, [lead.name])
    return {**parts, "notice": notified(case), "agency": case.agency(agency)}


def bodies_letter(case: Case, kind: DocumentKind, bodies: list[Body]) -> dict[str, Any]:
    """A letter to national bodies, signed by the board's chair: each body once, on the To line with its postal
    address (one a line); copies to the partners."""
    partners = [person_entry(p.signatory, p.name) for p in case.board.partners]
    to = Markup("<br>").join(body_line(body) for body in bodies)
    return letter_parts(case, kind, BoardOfficer.CHAIR, to, [("Copies", partners)], [])


def body_line(body: Body) -> str:
    """A national body as a letter is addressed to it: its full name and its postal address.

    >>> from docgen.model import Address
    >>> body_line(Body(name="Ofsted", full_name="Office for Standards in Education",
    ...                address=Address(lines=["Clive House", "70 Petty France"], town="London", postcode="SW1H 9EX")))
    'Office for Standards in Education (Ofsted), Clive House, 70 Petty France, London, SW1H 9EX'
    """
    name = f"{body.full_name} ({body.name})" if body.full_name else body.name
    return ", ".join(filter(None, (name, body.address.one_line() if body.address else "")))


@register("panel-letter")
def panel_letter(request: Request) -> dict[str, Any]:
    """The letter to the bodies told of every decision (the national panel) with the rapid review's outcome."""
    case, kind = request.case, request.kind
    bodies = [case.framework.bodies[key] for key in case.framework.decisions_reported_to]
    parts = bodies_letter(case, kind, bodies)
    return {
        **parts,
        "rapid": rapid_review_view(case, parts["letter"].date),
        "notification": notification_record(case),
    }


def pre_publication_problems(request: Request) -> list[str]:
    """What the case must give before the final report goes to the national bodies: the statement of improvements
    of a report that is not published, and every report it encloses approved by the letter's date (they are sent
    what will be published, never a draft)."""
    case, kind = request.case, request.kind
    problems = []
    publication = case.publication
    if publication is not None and not publication.published and publication.statement is None:
        problems.append(
            "publication.statement: the report is not published, so the statement of improvements published instead"
            " goes to the national bodies with it; add the statement"
        )
    sent_on = lookup(case, f"{kind.record}.date")
    for enclosed in enclosed_kinds(case, kind):
        approval = lookup(case, f"{enclosed.record}.approval") if enclosed.is_report else None
        approved_on = approval.approved_on if approval is not None else None
        if approval is not None and (approved_on is None or (sent_on is not None and approved_on > sent_on)):
            problems.append(
                f"{enclosed.record}.approval: the {enclosed.shown_title[:1].lower()}{enclosed.shown_title[1:]} is"
                " still a draft on the letter's date; the national bodies are sent the final, so record its"
                " approval (approved_on) on or before the letter's date"
            )
    return problems


@register("pre-publication", check=pre_publication_problems)
def pre_publication(request: Request) -> dict[str, Any]:
    """The letter sending the final report to the bodies the review is reported to, before it is published."""
    case, kind = request.case, request.kind
    bodies = case.framework.reported_to(case.review.type)
    return {
        **bodies_letter(case, kind, bodies),
        "publication": publication_plan(case),
        "notification": notification_record(case),
    }


def _lead(case: Case, agency: str) -> Contact:
    lead = case.agency(agency).safeguarding_lead
    assert lead is not None, "the request goes to the agencies with a safeguarding lead"
    return lead


@dataclass(frozen=True)
class Commission:
    """What the letter commissioning the agencies' part in a local review says of the review."""

    decided: str
    """Why and when the partners decided to hold the review, as a sentence."""
    reviewer: str
    """Who leads the review and who oversees it, as a sentence; empty when no reviewer is named yet."""
    asked: str
    """What each agency is asked for, as a sentence."""
    agency_reviews: str
    """What the agencies' reviews are called, in the plural with a capital, e.g. 'Agency reviews'."""


def commission(case: Case, circumstances: str) -> Commission:
    """The local review as the commissioning letter describes it: the partners' decision after the rapid review,
    its reviewer and the board's panel, and what the agencies are asked for."""
    decision = decision_of(case)
    assert decision is not None, "the letter follows the decision"
    decided = case.framework.decision_options[decision.outcome].decided  # the case model checks the outcome
    author, wording = case.review.overview_author, case.framework.wording
    reviewer = (
        f"The review is led by {author.name}{f', {author.post}' if author.post else ''}, and overseen by the"
        f" partnership's {case.board.panel_name}."
        if author
        else ""
    )
    period = f"from {long_date(case.review.period_start)} to {long_date(case.review.period_end)}"
    return Commission(
        f"Following the {circumstances}, the safeguarding partners of the {case.board.name} decided on"
        f" {long_date(decision.date)}, after a rapid review, {decided} concerning the above child.",
        reviewer,
        f"I am writing to ask your organisation to take part in the review by providing"
        f" {indefinite_article(wording.agency_review)} {wording.agency_review} of its involvement with the child"
        f" and the family {period}, with the agency's chronology for that period.",
        f"{wording.agency_review[:1].upper()}{wording.agency_review[1:]}s",
    )


@register("local-review-commissioning")
def local_review_commissioning(request: Request) -> dict[str, Any]:
    """`commission`: the local review as the letter commissioning the agencies' part in it describes it."""
    letter = lookup(request.case, request.kind.record)
    return {"commission": commission(request.case, letter.circumstances)}
