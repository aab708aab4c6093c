"""What a board gives others about a review once it is done: the publication decision, the coversheet a national
library of reviews codes it by, and the entry its annual report gives the review (Care Act 2014, Schedule 2
paragraph 4: the findings of reviews concluded in the year, those ongoing, what has been done to implement the
findings, and the reasons for deciding not to implement one)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..model import Case
from ..model.recommendations import Recommendation
from ..passes.generalise import generalise_dates
from ..text.dates import long_date
from .death_review import assurance_status
from .household import age_of, public_age
from .person_details import ethnic_origin
from .registry import Request, register
from .review_basis import time_taken


def financial_year(day: dt.date) -> tuple[dt.date, dt.date]:
    """The financial year (1 April to 31 March) a day falls in.

    >>> [long_date(d) for d in financial_year(dt.date(2026, 9, 24))]
    ['1 April 2026', '31 March 2027']
    >>> [long_date(d) for d in financial_year(dt.date(2027, 2, 1))]
    ['1 April 2026', '31 March 2027']
    """
    start = dt.date(day.year if day.month >= 4 else day.year - 1, 4, 1)
    return start, dt.date(start.year + 1, 3, 31)


@dataclass(frozen=True)
class Implemented:
    """One recommendation as the annual report accounts for it."""

    number: str
    text: str
    done: str
    """What has been done to implement it: its latest progress, or that none is recorded yet."""
    declined: str | None
    """Why the board decided not to implement it, when it did."""


@dataclass(frozen=True)
class AnnualEntry:
    """The review as the board's annual report for a financial year gives it."""

    year: str
    """The financial year, e.g. '1 April 2026 to 31 March 2027'."""
    status: str
    """Whether the review concluded in the year or is ongoing at its end, as a sentence."""
    findings: list[str]
    """The findings' titles (a review concluded in the year)."""
    recommendations: list[Implemented]


def annual_entry(case: Case, on: dt.date) -> AnnualEntry:
    """The annual report's entry for the review, for the financial year `on` falls in."""
    review = case.local_review
    start, end = financial_year(on)
    completed = review.completed_on if review else None
    concluded = completed is not None and start <= completed <= end
    if concluded:
        status = f"The review concluded in the year, on {long_date(completed)}."
    else:
        status = f"The review was ongoing at the end of the year, on {long_date(end)}."
    recommendations = review.recommendations if review else []
    return AnnualEntry(
        year=f"{long_date(start)} to {long_date(end)}",
        status=status,
        findings=[finding.title for finding in review.findings] if review and concluded else [],
        recommendations=[_implemented(i, rec, end) for i, rec in enumerate(recommendations, 1)],
    )


def _implemented(index: int, recommendation: Recommendation, end: dt.date) -> Implemented:
    progress = [p for p in recommendation.progress if p.date <= end and p.achieved]
    done = f"{progress[-1].achieved} ({long_date(progress[-1].date)})" if progress else "No progress recorded yet."
    return Implemented(str(recommendation.number or index), recommendation.text, done, recommendation.declined)


@dataclass(frozen=True)
class Coversheet:
    """The review as a national library of reviews codes it (administrative data, the process, the person, the
    learning): each row a label and a value."""

    administrative: list[tuple[str, str]]
    process: list[tuple[str, str]]
    person: list[tuple[str, str]]
    learning: list[str]
    """The findings' titles."""


def coversheet(case: Case) -> Coversheet:
    """The case's coversheet: what it gives of each, public as the report is (the person by age band, not age)."""
    request, consideration, review = case.request, case.consideration, case.local_review
    assert request and consideration and consideration.decision and review, "the coversheet needs a concluded review"
    decision, person, publication = consideration.decision, case.subject, case.publication
    published = (
        long_date(publication.date) if publication and publication.date and publication.published else "Not published"
    )
    care = person.care_and_support

    def public(text: str) -> str:  # as exact as the board allows public documents (a period's end may be a death)
        return generalise_dates(text, case.board.public_dates)

    return Coversheet(
        administrative=[
            ("Board", case.board.name),
            ("Review reference", case.review.reference),
            ("Date of publication", published),
            ("Reviewer", "Independent" if case.review.overview_author else "Not recorded"),
        ],
        process=[
            ("Basis of the review", decision.outcome),
            ("Referred", public(long_date(request.date))),
            ("Decided", public(long_date(decision.date))),
            ("Time taken", time_taken(decision.date, review.completed_on, None)),
            (
                "Period reviewed",
                public(f"{long_date(case.review.period_start)} to {long_date(case.review.period_end)}"),
            ),
            ("Method", " ".join((decision.approach or "Not recorded").split())),
            ("Family involved", "Yes" if case.review.family_involvement else "Not recorded"),
        ],
        person=[
            ("Age band", public_age(age_of(case, person), person.gender)),
            ("Gender", person.gender.value),
            ("Ethnicity", ethnic_origin(person.ethnicity, person.ethnicity_other, broad=True)),
            ("Died", "Yes" if request.died else "No"),
            ("Abuse or neglect", "; ".join(request.abuse_or_neglect) or "Not recorded"),
            ("Local authority meeting care and support needs", "Yes" if care and care.met_by_local_authority else "No"),
        ],
        learning=[finding.title for finding in review.findings],
    )


def publication_decided(case: Case) -> str:
    """The board's decision on publishing the review's report, as a sentence."""
    publication = case.publication
    assert publication is not None and publication.decided_on is not None, "the decision needs its day"
    board, decided = case.board.name, long_date(publication.decided_on)
    if not publication.published:
        return f"On {decided} the {board} decided not to publish the report of the review."
    sentence = f"On {decided} the {board} decided to publish the report of the review."
    if publication.date:
        where = f" at {publication.where}" if publication.where else ""
        sentence += f" It will be published on {long_date(publication.date)}{where}."
    return sentence


@register("annual-report-entry")
def annual_report_entry(request: Request) -> dict[str, Any]:
    """`entry`: the review as the annual report gives it, for the financial year the review concluded in (while it
    is ongoing, the year of the document's day)."""
    review = request.case.local_review
    day = (review.completed_on if review else None) or request.on or dt.date.today()
    return {"entry": annual_entry(request.case, day)}


@register("publication-decision")
def publication_decision(request: Request) -> dict[str, Any]:
    """`decided`: the board's decision on publishing the report, in a sentence; `assured`: whether the body that
    quality assures the report agreed it may be published, where the framework names one; `note`: what the
    framework adds."""
    case = request.case
    key = case.framework.assurance
    assured = assurance_status(case.assurance, case.framework.bodies[key].name) if key and case.assurance else ""
    return {
        "decided": publication_decided(case),
        "assured": assured,
        "note": case.framework.wording.publication_note or "",
    }


@register("library-coversheet")
def library_coversheet(request: Request) -> dict[str, Any]:
    """`sheet`: the review as a national library of reviews codes it."""
    return {"sheet": coversheet(request.case)}
