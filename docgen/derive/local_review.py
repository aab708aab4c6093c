"""The local review as its report, the partnership's response, the statement of improvements and the letter before
publication print it: the improvements numbered, the criteria the case met, the child's agreed name, the clocks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..model import Case
from ..model.kinds import Audience
from ..model.practice_review import LocalReview, Publication
from ..model.publication import DatePrecision
from ..passes.generalise import generalise_dates
from ..text.dates import long_date
from .action_plan import Numbered, number_recommendations
from .deadlines import deadline_recorded_by, step_recorded_by
from .rapid_review import criteria_tables
from .registry import Request, register

PRE_PUBLICATION = "correspondence.pre_publication.date"
"""The field recording the day the final report went to the national bodies; the framework times it."""
COMPLETED = "local_review.completed_on"
"""The field recording the day the review was completed; the framework times it."""


@dataclass(frozen=True)
class LocalReviewView:
    """Everything the local review's documents print beyond the case's own fields."""

    record: LocalReview
    improvements: list[Numbered]
    """The improvements recommended, numbered (1, 2, 2a …) with their action-plan rows."""
    criteria_met: list[tuple[str, list[str]]]
    """For each list of criteria, its title and the criteria the rapid review found the case meets."""
    decided: str
    """When the safeguarding partners decided to hold the review, as a sentence; empty while they have not."""
    period: str
    """The period the review considered, as a sentence."""
    pseudonym: str
    """Why the child is called by another name, as the report says it; empty when no name was agreed."""
    due: dt.date | None
    """The day the review should be completed (the framework's timetable)."""


def local_review_view(case: Case, public: bool = False) -> LocalReviewView:
    """The local review of the case (anonymised or not), as its documents print it; in a public document its
    dates as exact as the board profile allows (`public_dates`)."""
    local = case.local_review
    assert local is not None, "the local review's documents need the case's local review"
    decision = case.rapid_review.decision if case.rapid_review else None
    precision = case.board.public_dates if public else DatePrecision.EXACT
    decided = f"The safeguarding partners decided to hold the review on {long_date(decision.date)}." if decision else ""
    period = f"The review considered the period from {long_date(case.review.period_start)} to"
    period += f" {long_date(case.review.period_end)}."
    return LocalReviewView(
        record=local,
        improvements=number_recommendations(local.recommendations),
        criteria_met=[
            (table.criteria.title, [f"({row.letter}) {row.text}" for row in table.rows if row.letter in table.met])
            for table in criteria_tables(case)
            if table.met
        ],
        decided=generalise_dates(decided, precision),
        period=generalise_dates(period, precision),
        pseudonym=pseudonym_sentence(case.child.first_name, local.pseudonym_agreed_with),
        due=deadline_recorded_by(case, COMPLETED),
    )


def pseudonym_sentence(name: str, agreed_with: str | None) -> str:
    """What the report says of the name it gives the child.

    >>> pseudonym_sentence("Teddy", "his mother and grandmother")
    'Teddy is not his real name: it is the name agreed with his mother and grandmother for this report.'
    >>> pseudonym_sentence("Teddy", None)
    ''
    """
    if not agreed_with:
        return ""
    possessive = agreed_with.split()[0] if agreed_with.split()[0].lower() in ("his", "her", "their") else "the child's"
    return f"{name} is not {possessive} real name: it is the name agreed with {agreed_with} for this report."


@dataclass(frozen=True)
class PublicationPlan:
    """When the review is published, what is sent to national bodies before, and by when."""

    record: Publication
    send_by: dt.date | None
    """The last day the final report may go to the national bodies (the framework's timetable)."""
    timescale: str
    """When it goes, as the framework's timetable words it, e.g. 'at least 7 working days before publication'."""
    sentence: str
    """What is published, when and where, as the letter says it."""


def publication_plan(case: Case) -> PublicationPlan:
    """The case's publication as the letter before it states it."""
    publication = case.publication
    assert publication is not None and publication.date is not None, "the letter needs the publication date"
    where = f" on {publication.where}" if publication.where else ""
    if publication.published:
        sentence = f"will publish the report of the review on {long_date(publication.date)}{where}"
    else:
        sentence = (
            "have decided not to publish the report of the review; they will publish a statement of the improvements"
            f" to be made on {long_date(publication.date)}{where}"
        )
    step = step_recorded_by(case, PRE_PUBLICATION)
    timescale = step.timescale[:1].lower() + step.timescale[1:] if step else "before publication"
    return PublicationPlan(publication, step.deadline if step else None, timescale, sentence)


@register("local-review")
def local_review_context(request: Request) -> dict[str, Any]:
    """`local`: the local review's findings, improvements (numbered) and the action plan; generalised for a public
    document."""
    return {"local": local_review_view(request.case, public=request.kind.audience is Audience.PUBLIC)}
