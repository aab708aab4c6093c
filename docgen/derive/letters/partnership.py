"""A practice review's letters: the notice of an incident to the safeguarding partners, the request to each agency's
safeguarding lead, the letter to the national panel and the letter before publication. Who signs, who receives
them and every sentence that depends on the case are decided here; the templates print them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ...model import Case, Contact
from ...model.correspondence import BoardOfficer
from ...model.kinds import DocumentKind, lookup
from ...text.dates import long_date
from ..deadlines import deadline_recorded_by
from ..local_review import publication_plan
from ..notification import notification_record
from ..rapid_review import rapid_review_view
from ..registry import Request, register
from .addressing import officer_signature
from .distribution import distribution_of, person_entry, text_entry
from .enclosures import enclosures
from .parts import MEMO

_Sections = list[tuple[str, list[tuple[str, str]]]]


@dataclass(frozen=True)
class Notified:
    """What the notice to the partners says of the notification and what follows it."""

    sentence: str
    """When the local authority became aware and notified the national panel (or is to)."""
    rapid_review_due: dt.date | None
    """The day the rapid review is due; None when the incident is notified for its own sake."""
    notify_only: list[str]
    """Why no review follows, when none does."""


def letter_parts(
    case: Case, kind: DocumentKind, officer: BoardOfficer, to: str, sections: _Sections, to_people: list[str]
) -> dict[str, Any]:
    """The parts every practice review letter has: its record (date, signatory, further recipients), who signs
    it (the record's signatory, else `officer`), the To line, the distribution and the enclosures."""
    letter = lookup(case, kind.record)
    signature = officer_signature(case, letter.signatory or officer, kind.id)
    left_out = [signature.name, *to_people]
    return {
        "letter": letter,
        "signature": signature,
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
    others = [text_entry(f"The safeguarding partners for {area}") for area in notification.record.other_areas]
    sections: _Sections = [("To", partners), ("Copies", [person_entry(case.board.manager, case.board.name), *others])]
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
    return Notified(sentence, rapid_due, record.notify_only)


@register("rapid-review-request")
def rapid_review_request(request: Request) -> dict[str, Any]:
    """The request to an agency's safeguarding lead for its summary and chronology."""
    case, kind, agency = request.case, request.kind, request.agency or ""
    lead = _lead(case, agency)
    organisation = case.agency(agency).name
    sections: _Sections = [("To", [person_entry(lead, organisation)])]
    to = ", ".join(filter(None, (lead.name, lead.post, organisation)))
    parts = letter_parts(case, kind, BoardOfficer.MANAGER, to, sections, [lead.name])
    return {**parts, "notice": notified(case), "agency": case.agency(agency)}


def bodies_letter(case: Case, kind: DocumentKind, bodies: list[Any]) -> dict[str, Any]:
    """A letter to national bodies, signed by the board's chair: To each body, copies to the partners."""
    partners = [person_entry(p.signatory, p.name) for p in case.board.partners]
    sections: _Sections = [("To", [text_entry(body.full_name or body.name) for body in bodies]), ("Copies", partners)]
    to = "; ".join(body.full_name or body.name for body in bodies)
    return letter_parts(case, kind, BoardOfficer.CHAIR, to, sections, [])


@register("panel-letter")
def panel_letter(request: Request) -> dict[str, Any]:
    """The letter to the bodies told of every decision (the national panel) with the rapid review's outcome."""
    case, kind = request.case, request.kind
    bodies = [case.framework.bodies[key] for key in case.framework.decisions_reported_to]
    return {
        **bodies_letter(case, kind, bodies),
        "rapid": rapid_review_view(case),
        "notification": notification_record(case),
    }


@register("pre-publication")
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
