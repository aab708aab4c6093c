"""The basis of a review, as its report states what national analyses find reports leave out too often (a Safeguarding
Adults Review's, a Domestic Homicide Review's): the legal basis (the decision, and the criteria met), who asked for
the review, how long it took and the period it considered; with the recommendations numbered and the agreed name."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..model import Case
from ..model.kinds import Audience
from ..model.practice_review import LocalReview
from ..model.publication import DatePrecision
from ..passes.generalise import generalise_dates
from ..text.dates import long_date
from .action_plan import Numbered, number_recommendations
from .deadlines import deadline_recorded_by
from .letters.addressing import plain_list
from .local_review import COMPLETED, as_own_list, pseudonym_sentence, report_names
from .rapid_review import criteria_tables
from .registry import Request, register


@dataclass(frozen=True)
class ReviewBasis:
    """Everything a review's report prints of its basis beyond the case's own fields."""

    record: LocalReview
    recommendations: list[Numbered]
    """The recommendations, numbered (1, 2, 2a …) with their action-plan rows."""
    mandate: str
    """The legal basis of the review, as a sentence: what the board decided, and when."""
    criteria_met: list[tuple[str, list[str]]]
    """For each list of criteria the case met, the sentence that introduces it and the criteria met."""
    referred: str
    """Who asked for the review (a referral, a notification), and when, as a sentence."""
    time_taken: str
    """How long the review took from the decision to its completion, or when it is due, as a sentence."""
    period: str
    """The period the review considered, as a sentence."""
    care: str
    """The adult's needs for care and support, whether the local authority was meeting them and who met them, as
    sentences; empty when the case does not give them."""
    pseudonym: str
    """Why the adult is called by another name, as the report says it; empty when no name was agreed."""


def review_basis(case: Case, public: bool = False) -> ReviewBasis:
    """The review of the case (anonymised or not) as its report prints it; in a public document its dates as exact
    as the board profile allows (`public_dates`)."""
    review, request, consideration = case.local_review, case.request, case.consideration
    assert review is not None and request is not None, "the report needs the case's review and its referral"
    assert consideration is not None and consideration.decision is not None, "the report needs the decision"
    decision = consideration.decision
    precision = case.board.public_dates if public else DatePrecision.EXACT
    decided = case.framework.decision_options[decision.outcome].decided
    by = case.agency(request.agency).name if request.agency else request.source or "a person outside the agencies"
    period = f"The review considered the period from {long_date(case.review.period_start)} to"
    period += f" {long_date(case.review.period_end)}."
    return ReviewBasis(
        record=review,
        recommendations=number_recommendations(review.recommendations),
        mandate=generalise_dates(f"On {long_date(decision.date)} the {case.board.name} decided {decided}.", precision),
        criteria_met=[
            (
                f"Of the {_in_sentence(table.criteria.title)} ({table.criteria.source}),"
                f" the {case.board.name} found that the case met these:",
                as_own_list([f"({row.letter}) {row.text}" for row in table.rows if row.letter in table.met]),
            )
            for table in criteria_tables(case)
            if table.met
        ],
        referred=generalise_dates(
            f"The {case.framework.wording.request} came to the {case.board.name} on {long_date(request.date)},"
            f" from {by}.",
            precision,
        ),
        time_taken=generalise_dates(
            time_taken(decision.date, review.completed_on, deadline_recorded_by(case, COMPLETED)), precision
        ),
        period=generalise_dates(period, precision),
        care=care_sentences(case),
        pseudonym=pseudonym_sentence(report_names(case), case.subject.gender, review.pseudonym_agreed_with),
    )


def _in_sentence(title: str) -> str:
    """A heading inside a sentence after 'the': lower case, without a 'The' of its own.

    >>> _in_sentence("The definition of a review"), _in_sentence("Criteria for a review")
    ('definition of a review', 'criteria for a review')
    """
    title = title.removeprefix("The ")
    return title[:1].lower() + title[1:]


def care_sentences(case: Case) -> str:
    """The subject's needs for care and support as the report tells them: the needs as the case words them, whether
    the local authority was meeting some of them, and who met them; empty when the case does not give them."""
    care, name = case.subject.care_and_support, case.subject.first_name
    if care is None:
        return ""
    meeting = "meeting some of them" if care.met_by_local_authority else "not meeting any of them"
    sentences = [
        f"{name} had needs for care and support: {care.needs.rstrip('. ')}.",
        f"The local authority was {meeting}.",
    ]
    if care.met_by:
        sentences.append(f"Support came from {_listed(care.met_by)}.")
    return " ".join(sentences)


def _listed(items: list[str]) -> str:
    """Items as a sentence lists them; with semicolons when an item has commas of its own.

    >>> _listed(["a home care agency, two visits a day", "her son"])
    'a home care agency, two visits a day; and her son'
    >>> _listed(["a home care agency", "her son"])
    'a home care agency and her son'
    """
    if len(items) > 1 and any("," in item for item in items):
        return "; ".join(items[:-1]) + "; and " + items[-1]
    return plain_list(items)


def time_taken(decided: dt.date, completed: dt.date | None, due: dt.date | None) -> str:
    """How long a review took from its decision, in whole weeks (whole months would hide most of a month), as its
    report says it.

    >>> time_taken(dt.date(2026, 3, 13), dt.date(2026, 9, 4), None)
    'The review was completed 25 weeks after the decision to hold it.'
    >>> time_taken(dt.date(2026, 5, 12), None, dt.date(2026, 11, 12))
    'The review is to be completed by 12 November 2026, 26 weeks after the decision to hold it.'
    """
    if completed is not None:
        return f"The review was completed {_weeks(decided, completed)} after the decision to hold it."
    if due is not None:
        after = f"{_weeks(decided, due)} after the decision to hold it"
        return f"The review is to be completed by {long_date(due)}, {after}."
    return "The review is not yet completed."


def _weeks(start: dt.date, end: dt.date) -> str:
    weeks = (end - start).days // 7
    return f"{weeks} week{'' if weeks == 1 else 's'}"


@register("review-basis")
def review_basis_context(request: Request) -> dict[str, Any]:
    """`basis`: the review's legal basis, request, time taken and period, its numbered recommendations and the
    subject's agreed name; generalised for a public document."""
    return {"basis": review_basis(request.case, public=request.kind.audience is Audience.PUBLIC)}
