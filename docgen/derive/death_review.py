"""A review of a death through domestic abuse (a Domestic Homicide Review, and the review it is renamed to): the
notification as its form prints it, what the overview report and executive summary say beyond the case's fields, and
the log of the quality assurance body's feedback, with whether the report may yet be published."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Case
from ..model.assurance import QualityAssurance
from ..model.kinds import Audience
from ..model.publication import DatePrecision
from ..passes.generalise import generalise_dates
from ..text.dates import form_date, long_date
from .household import age_of
from .letters.addressing import plain_list
from .registry import Request, register
from .report_parts import in_running_text


@dataclass(frozen=True)
class Perpetrator:
    """The person believed responsible for the death, as the notification form prints them."""

    name: str
    relationship: str
    born: str
    """Date of birth (dd/mm/yyyy) and age then, or the age given, or 'Not known'."""
    address: str


def responsible(case: Case) -> Perpetrator:
    """The perpetrator of the subject's domestic abuse, from the family member the case names."""
    abuse, person = case.subject.domestic_abuse, case.perpetrator
    assert abuse is not None and person is not None, "the form needs subject.domestic_abuse"
    age = age_of(case, person)
    born = f"{form_date(person.date_of_birth)} (aged {age})" if person.date_of_birth else age or "Not known"
    return Perpetrator(
        name=person.full_name,
        relationship=abuse.relationship,
        born=born,
        address=person.address.one_line() if person.address else _capital(person.situation or "not known"),
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def previous_reports(case: Case, precision: DatePrecision | None = None) -> list[dict[str, str]]:
    """Each report of abuse before the death (columns.PREVIOUS_REPORTS): its date (as a form gives it, dd/mm/yyyy;
    in words as exact as `precision` allows), the agency it was made to or by ('No agency' otherwise) and what was
    reported."""
    abuse = case.subject.domestic_abuse
    rows = []
    for report in abuse.previous_reports if abuse else []:
        agency = case.agency(report.agency).name if report.agency else "No agency"
        when = form_date(report.date) if precision is None else generalise_dates(long_date(report.date), precision)
        rows.append({"when": when, "agency": agency, "summary": report.summary})
    return rows


@dataclass(frozen=True)
class DeathReviewView:
    """What the overview report and executive summary print beyond the case's own fields."""

    condolences: str
    """The board's condolences to the family and friends, with which both reports open."""
    chaired: str
    """Who chaired the review panel and who wrote the report, as a sentence."""
    responsible: str
    """Who is believed responsible for the death, by relationship only, as a sentence."""
    previous: str
    """How many times abuse was reported before the death, as a sentence."""
    previous_reports: list[dict[str, str]]
    """Each earlier report (columns.PREVIOUS_REPORTS), its date as exact as the document may give it."""
    contributors: str
    """The agencies that gave the review their own reports, as a sentence."""


def death_review_view(case: Case, public: bool) -> DeathReviewView:
    """The review of the case's death as its reports print it; in a public document its dates as exact as the board
    profile allows."""
    person, abuse = case.subject, case.subject.domestic_abuse
    assert abuse is not None and case.local_review is not None, "the report needs the death and the review"
    precision = case.board.public_dates if public else DatePrecision.EXACT
    reports = previous_reports(case, precision)
    count = len(reports)
    previous = (
        f"Abuse of {person.first_name} was reported {_times(count)} before {person.gender.possessive} death."
        if count
        else f"No abuse of {person.first_name} was reported to any agency before {person.gender.possessive} death."
    )
    gave = [in_running_text(agency.name) for agency in case.agencies if agency.imr_required]
    contributors = (
        f"{plain_list(gave)} each gave the review a report of their involvement (an Individual Management Review)"
        " and a chronology."
        if gave
        else "No agency was asked for a report of its own."
    )
    return DeathReviewView(
        condolences=(
            f"The {case.board.name} offers its sincere condolences to {person.first_name}'s family and friends."
        ),
        chaired=chaired(case),
        responsible=responsible_sentence(case),
        previous=previous,
        previous_reports=reports,
        contributors=contributors,
    )


def responsible_sentence(case: Case) -> str:
    """Who caused the death, as the reports say it: the perpetrator by name and relationship once convicted, else the
    person believed responsible by relationship alone."""
    person, abuse = case.subject, case.subject.domestic_abuse
    assert abuse is not None, "the reports need the death"
    relationship = f"{person.gender.possessive} {abuse.relationship.lower()}"
    perpetrator = case.perpetrator
    if abuse.convicted and perpetrator is not None:
        who = f"{person.first_name}'s {abuse.relationship.lower()}, {perpetrator.first_name}"
        return f"{who}, was convicted {abuse.convicted}."
    return f"The person believed responsible for {person.first_name}'s death is {relationship}."


def chaired(case: Case) -> str:
    """Who chaired the review and who wrote its report: one person or two.

    The review's own chair where it has one, else the board's panel chair."""
    chair, author = case.review.chair or case.board.panel_chair, case.review.overview_author
    assert author is not None, "the report needs its author"
    chair_name = ", ".join(part for part in (chair.name, chair.post) if part)
    if chair.name == author.name:
        return f"The review panel was chaired by {chair_name}, who also wrote this report."
    author_name = ", ".join(part for part in (author.name, author.post) if part)
    return f"The review panel was chaired by {chair_name}. The report was written by {author_name}."


def _times(count: int) -> str:
    """>>> _times(1), _times(2), _times(4)
    ('once', 'twice', 'four times')
    """
    words = {1: "once", 2: "twice", 3: "three times", 4: "four times", 5: "five times"}
    return words.get(count, f"{count} times")


@dataclass(frozen=True)
class AssuranceLog:
    """The quality assurance body's feedback and the review's answers, as the log prints them."""

    record: QualityAssurance
    body: str
    """The body, by name."""
    rows: list[dict[str, str]]
    """Each point (columns.FEEDBACK): its number, what was asked, the answer (or that none is given yet), the day
    it was sent."""
    status: str
    """Whether the report may be published, and why not, as a sentence."""


def assurance_log(case: Case) -> AssuranceLog:
    """The case's quality assurance record and whether the report may be published."""
    record, key = case.assurance, case.framework.assurance
    assert record is not None and key is not None, "the log needs the assurance record and its body"
    body = case.framework.bodies[key].name
    rows = [
        {
            "number": str(i),
            "point": point.point,
            "response": point.response or "Not yet answered",
            "answered": long_date(point.answered_on) if point.answered_on else "",
        }
        for i, point in enumerate(record.points, start=1)
    ]
    return AssuranceLog(record=record, body=body, rows=rows, status=assurance_status(record, body))


def assurance_status(record: QualityAssurance, body: str) -> str:
    """Whether the report may be published: every point answered and the body's agreement recorded."""
    open_points, total = len(record.unanswered), len(record.points)
    if record.feedback_on is None:
        return f"The {body}'s feedback is awaited. The report may not be published until it is given and answered."
    if open_points:
        which = "point is" if open_points == 1 else "points are"
        return (
            f"{open_points} of the {total} {which} still to be answered. The report may not be published until every"
            f" point is answered and the {body} agrees that it may be."
        )
    answered = {0: "", 1: "The point has been answered."}.get(total, f"All {total} points have been answered.")
    if record.cleared_on is None:
        return f"{answered} The report may not be published until the {body} agrees that it may be.".strip()
    return f"{answered} On {long_date(record.cleared_on)} the {body} agreed that the report may be published.".strip()


@register("death-notification")
def death_notification_context(request: Request) -> dict[str, Any]:
    """`death`: the person believed responsible and the abuse reported before, as the notification form prints
    them."""
    case = request.case
    return {"death": {"responsible": responsible(case), "previous_reports": previous_reports(case)}}


@register("death-review")
def death_review_context(request: Request) -> dict[str, Any]:
    """`death`: the chair, the person responsible, the earlier reports and the contributors, as the review's
    reports say them; generalised for a public document."""
    public = request.kind.audience is Audience.PUBLIC
    return {"death": death_review_view(request.case, public)}


@register("assurance-log")
def assurance_log_context(request: Request) -> dict[str, Any]:
    """`log`: the body's feedback point by point with the answers, and whether the report may be published."""
    return {"log": assurance_log(request.case)}
