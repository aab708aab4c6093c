"""A review's letters to the agencies and practitioners (a Safeguarding Adults Review's): the request to each agency
for its report and chronology, and the invitation to the practitioners' learning event. Who signs and who receives
them are decided here; the templates print them."""

from __future__ import annotations

from typing import Any

from ...model import Case
from ...model.correspondence import BoardOfficer
from ...text.dates import long_date
from ..local_review import as_own_list
from ..registry import Request, register
from ..review_forms import decision_view
from .addressing import contact_salutation
from .distribution import GROUPS, person_entry
from .partnership import Sections, letter_parts
from .sentences import LABELLED


@register("agency-request")
def agency_request(request: Request) -> dict[str, Any]:
    """The request to an agency's chief officer for its report and chronology, copied to its author."""
    case, agency = request.case, request.case.agency(request.agency or "")
    chief = agency.chief_officer
    sections: Sections = [("To", [person_entry(chief, agency.name)])]
    if agency.imr_author:
        sections.append(("Copies", [person_entry(agency.imr_author, agency.name)]))
    to = ", ".join(filter(None, (chief.name, chief.post, agency.name)))
    parts = letter_parts(case, request.kind, BoardOfficer.MANAGER, to, sections, [chief.name])
    return {
        **parts,
        "agency": agency,
        "decided": decision_view(case).decided,
        "salutation": contact_salutation(chief.name, chief.post),
        "also_about": also_about(case),
        "asks": agency_asks(case),
    }


def also_about(case: Case) -> str:
    """Who else the agency's report covers, so that it can search its records: the perpetrator of a death through
    domestic abuse by full name, date of birth and relationship; else those close to the subject."""
    abuse, person, perpetrator = case.subject.domestic_abuse, case.subject, case.perpetrator
    if abuse is None or perpetrator is None:
        return f"and those close to {person.gender.object}"
    born = f", born {long_date(perpetrator.date_of_birth)}" if perpetrator.date_of_birth else ""
    return f"and with {perpetrator.full_name}{born}, {person.gender.possessive} {abuse.relationship.lower()}"


def agency_asks(case: Case) -> list[str]:
    """What the request asks the agency's report to set out, in the framework's words ({name}: the subject's first
    name; {their}: their possessive), punctuated as one list."""
    person = case.subject
    asks = [
        ask.replace("{name}", person.first_name).replace("{their}", person.gender.possessive)
        for ask in case.framework.papers.agency_report_asks
    ]
    return as_own_list(asks)


@register("learning-event")
def learning_event(request: Request) -> dict[str, Any]:
    """The invitation to the practitioners invited to the learning event (`professionals[].debriefing`)."""
    case = request.case
    sections: Sections = [("For attendance", GROUPS["debriefing-practitioners"](case, request.kind))]
    parts = letter_parts(case, request.kind, BoardOfficer.MANAGER, "the practitioners listed below", sections, [])
    return {**parts, "slip_columns": LABELLED}
