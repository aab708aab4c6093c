"""A request that the board consider a review, and its decision, as their forms print them: the person's details, the
criteria considered one by one, and the decision and the recommendation in words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Case
from ..model.consideration import BoardDecision
from ..text.dates import form_date, long_date
from .household import age_of
from .person_details import ethnic_origin
from .rapid_review import CriteriaTable, criteria_tables
from .registry import Request, register


@dataclass(frozen=True)
class RequestView:
    """The request and the person it is about, as the referral form prints them."""

    referred_by: str
    """Who made the request: the referrer, their post and agency (or the source named)."""
    born: str
    """The person's date of birth (dd/mm/yyyy) and age then, or the age given."""
    died: str
    """The day the person died (dd/mm/yyyy), or that they are alive."""
    ethnicity: str
    """The person's ethnic origin as a form prints it."""
    involved: list[tuple[str, str]]
    """Each agency involved with the person, and its involvement."""
    needs: str
    """The person's needs for care and support as a cell of the form begins them, with a capital."""


def request_view(case: Case) -> RequestView:
    """The case's request as its form prints it."""
    request, person = case.request, case.subject
    assert request is not None, "the referral form needs the case's request"
    referrer = request.referrer
    who = [referrer.name, referrer.post, case.agency(request.agency).name if request.agency else request.source]
    needs = person.care_and_support.needs if person.care_and_support else ""
    age = age_of(case, person)
    born = f"{form_date(person.date_of_birth)} (aged {age})" if person.date_of_birth else age
    return RequestView(
        referred_by=", ".join(part for part in who if part),
        born=born,
        died=form_date(person.date_of_death) if person.date_of_death else "Alive",
        ethnicity=ethnic_origin(person.ethnicity, person.ethnicity_other),
        involved=[(agency.name, agency.involvement or "") for agency in case.agencies if agency.involvement],
        needs=needs[:1].upper() + needs[1:],
    )


@dataclass(frozen=True)
class DecisionView:
    """The board's decision on a request, as its record prints it."""

    criteria: list[CriteriaTable]
    """Each list of the framework's criteria the board considered, with its answers (every list while none is)."""
    recommended: str
    """What the group that considered the request recommended, as a sentence; empty when it made no recommendation."""
    decided: str
    """The decision, who made it and when, as a sentence."""
    request: str
    """The request as the form names it, e.g. 'referral', 'notification'."""
    facts: list[tuple[str, str]]
    """The facts of the request the decision rests on, as the form's rows: the person, whether they died, the abuse
    known or suspected, and what the framework's subject has (needs for care and support; who is believed
    responsible for a death through domestic abuse)."""


def request_facts(case: Case) -> list[tuple[str, str]]:
    """The rows of the decision record that say what the request was about.

    The person is named as the framework's forms name them ('the adult'), with a capital."""
    request, person = case.request, case.subject
    assert request is not None, "the decision record needs the case's request"
    label = case.framework.wording.person
    rows = [(label[:1].upper() + label[1:], person.full_name)]
    if person.domestic_abuse is None:
        rows.append((f"Has {label} died?", "Yes" if request.died else "No"))
    elif person.date_of_death is not None:
        rows.append(("Date of death", long_date(person.date_of_death)))
    rows.append(("Abuse or neglect known or suspected", "; ".join(request.abuse_or_neglect) or "None stated"))
    if person.care_and_support is not None:
        rows.append(("Needs for care and support", "Yes"))
    abuse, perpetrator = person.domestic_abuse, case.perpetrator
    if abuse is not None and perpetrator is not None:
        rows.append(("Believed responsible", f"{perpetrator.full_name} ({abuse.relationship.lower()})"))
        reports = len(abuse.previous_reports)
        rows.append(("Abuse reported before", f"{reports} report{'' if reports == 1 else 's'}" if reports else "None"))
    return rows


def decision_view(case: Case) -> DecisionView:
    """The board's decision on the case's request, in words."""
    consideration = case.consideration
    assert consideration is not None and consideration.decision is not None, "the decision record needs a decision"
    decision: BoardDecision = consideration.decision
    options = case.framework.decision_options
    recommended = ""
    if consideration.recommendation:
        group = consideration.group or case.board.panel_name
        met = f" on {long_date(consideration.meeting.date)}" if consideration.meeting else ""
        recommended = f"The {group}, meeting{met}, recommended {_lower(consideration.recommendation)}."
    tables = criteria_tables(case)
    return DecisionView(
        criteria=[table for table in tables if any(row.answer for row in table.rows)] or tables,
        recommended=recommended,
        decided=(
            f"On {long_date(decision.date)}, {_apposed(decision.decided_by)} decided"
            f" {options[decision.outcome].decided}."
        ),
        request=case.framework.wording.request,
        facts=request_facts(case),
    )


def _apposed(who: str) -> str:
    """Who decided as the subject of a sentence: a name with its post in apposition closed by a comma.

    >>> _apposed("Dr Ruth Calloway, Independent Chair"), _apposed("the board's chair")
    ('Dr Ruth Calloway, Independent Chair,', "the board's chair")
    """
    return f"{who}," if "," in who else who


def _lower(option: str) -> str:
    """A decision option inside a sentence: 'A mandatory Safeguarding Adults Review' → 'a mandatory …'."""
    return option[:1].lower() + option[1:]


@register("review-request")
def review_request_context(request: Request) -> dict[str, Any]:
    """`referral`: the request and the person it is about, as its form prints them."""
    return {"referral": request_view(request.case)}


@register("review-decision")
def review_decision_context(request: Request) -> dict[str, Any]:
    """`decided`: the criteria considered, the recommendation and the decision, in words."""
    return {"decided": decision_view(request.case)}
