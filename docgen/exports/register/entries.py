"""What the board's register says of each review, each recommendation and each year, whatever the review's
framework: read from the case's own timetable and action plan, on a given day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import ConfigDict

from ...derive.action_plan import ActionRow, agency_prefix, number_recommendations
from ...derive.deadlines import Status, review_timetable
from ...derive.facts import decision_of
from ...model import Case
from ...model.recommendations import Recommendation
from ...text.dates import dates_mentioned, long_date

LATE = (Status.OVERDUE, Status.NO_DATE)
"""The statuses of a step whose deadline has passed with nothing done."""


DESCRIBED = ConfigDict(use_attribute_docstrings=True, extra="forbid")
"""The register's records describe their fields in their JSON Schema (`docgen schema --output-of register`)."""


@dataclass(frozen=True)
class ReviewEntry:
    """One review as the register lists it."""

    __pydantic_config__ = DESCRIBED

    file: str
    """The case file, relative to the register's folder."""
    reference: str
    """The review's reference."""
    framework: str
    """The framework profile the case follows, by id."""
    review_type: str
    """The type of review."""
    subject: str
    """The person the review is about: the name anonymised documents give them, or their own in a named register."""
    stage: str
    """The first step of the timetable not yet done, or 'Completed'."""
    next_deadline: dt.date | None
    """The deadline of the step due soonest among those not yet done; null when none is due."""
    next_step: str
    """That step, by its title; empty when none is due."""
    owner: str
    """Who is responsible for the next step."""
    overdue: list[str]
    """The steps whose deadline has passed with nothing recorded, each with its deadline."""
    publication: str
    """Whether the report is published, to be published (and when), not to be published, or not decided."""


@dataclass(frozen=True)
class RecommendationEntry:
    """One recommendation, or one part of it, and its action as the register tracks it."""

    __pydantic_config__ = DESCRIBED

    reference: str
    """The review's reference."""
    source: str
    """Which report made it, e.g. 'Review report', 'Overview report', 'IMR: Police'."""
    number: str
    """Its number in its report, e.g. '2', '2a', 'CSC 1b'."""
    recommendation: str
    """What it recommends."""
    agency: str
    """The agency it is for: the recommendation's own, or the agency whose IMR made it; empty for one to the board
    or to several agencies."""
    theme: str
    """The theme the board files it under; empty when none is given."""
    lead: str
    """Who is to carry it out: the action plan's 'by whom', else its addressee, else the agency it is for."""
    action: str
    """The action agreed, as the action plan gives it."""
    timescale: str
    """The timescale, as the action plan words it."""
    due: dt.date | None
    """The day the timescale names, when it names one."""
    status: str
    """On the register's day: the latest traffic light reported ('RED', 'AMBER', 'GREEN'), 'Completed' once signed
    off, 'Not implemented' when declined, or 'Not assessed'."""
    evidence: str
    """What had been achieved, as the latest progress reported by the register's day says."""
    not_implemented: str
    """Why the board decided not to implement it; empty otherwise."""
    overdue: bool
    """Its timescale has passed and it is neither completed nor declined."""


def review_entry(case: Case, file: str, on: dt.date) -> ReviewEntry:
    """The review as the register lists it on a day (the case anonymised or not, as the register is)."""
    timetable = review_timetable(case, on) if case.timetable else None
    steps = timetable.steps if timetable else []
    open_steps = [step for step in steps if step.status in (Status.DUE, *LATE)]
    upcoming = timetable.next_due if timetable else None
    return ReviewEntry(
        file=file,
        reference=case.review.reference,
        framework=case.framework.id,
        review_type=case.review.type,
        subject=case.subject.full_name,
        stage=min(open_steps, key=lambda step: step.number).title if open_steps else "Completed",
        next_deadline=upcoming.deadline if upcoming else None,
        next_step=upcoming.title if upcoming else "",
        owner="; ".join(upcoming.responsible) if upcoming else "",
        overdue=[
            f"{step.title} (due {long_date(step.deadline)})"
            for step in sorted(steps, key=lambda step: step.deadline)
            if step.status in LATE
        ],
        publication=publication_state(case, on),
    )


def publication_state(case: Case, on: dt.date) -> str:
    """Whether the review's report is published, to be published or not, as the register says it on a day."""
    publication = case.publication
    if publication is None or (publication.decided_on is not None and publication.decided_on > on):
        return "Not decided"
    if not publication.published:
        return "Not to be published"
    if publication.date is None:
        return "To be published, date not set"
    verb = "Published" if publication.date <= on else "To be published"
    return f"{verb} on {long_date(publication.date)}"


def recommendation_entries(case: Case, on: dt.date) -> list[RecommendationEntry]:
    """Every recommendation of the review's reports and its action, as tracked on a day."""
    return [_entry(case, *row, on) for row in _report_rows(case)]


def _report_rows(case: Case) -> Iterator[tuple[str, ActionRow, Recommendation, str]]:
    """Each action-plan row of the review's reports: the report, the row, its recommendation, and the agency whose
    IMR made it (empty for another report)."""
    sources = []
    if case.overview is not None:
        sources.append(("Overview report", number_recommendations(case.overview.recommendations), ""))
    if case.local_review is not None:
        sources.append(("Review report", number_recommendations(case.local_review.recommendations), ""))
    for agency_id, imr in case.imrs.items():
        agency = case.agency(agency_id)
        prefixed = number_recommendations(imr.recommendations, agency_prefix(agency))
        sources.append((f"IMR: {agency.short_name}", prefixed, agency.name))
    for source, recommendations, imr_agency in sources:
        for numbered in recommendations:
            for row in numbered.rows:
                yield source, row, numbered.recommendation, imr_agency


def _entry(
    case: Case, source: str, row: ActionRow, recommendation: Recommendation, imr_agency: str, on: dt.date
) -> RecommendationEntry:
    smart = row.smart
    declined = recommendation.declined or ""
    agency = case.agency(recommendation.agency).name if recommendation.agency else imr_agency
    due = max(dates_mentioned(smart.timescale or ""), default=None)
    reported = max((p for p in smart.progress if p.date <= on), key=lambda p: p.date, default=None)
    signed = smart.sign_off.completed and (smart.sign_off.date is None or smart.sign_off.date <= on)
    if declined:
        status = "Not implemented"
    elif signed:
        status = "Completed"
    else:
        status = reported.assessment.value.upper() if reported and reported.assessment else "Not assessed"
    return RecommendationEntry(
        reference=case.review.reference,
        source=source,
        number=row.number,
        recommendation=row.text,
        agency=agency,
        theme=recommendation.theme or "",
        lead=smart.by_whom or smart.addressee or agency,
        action=smart.action or "",
        timescale=smart.timescale or "",
        due=due,
        status=status,
        evidence=reported.achieved or "" if reported else "",
        not_implemented=declined,
        overdue=due is not None and due < on and status not in ("Completed", "Not implemented"),
    )


@dataclass(frozen=True)
class AnnualFigures:
    """What a board's annual report gives of its reviews for one financial year (April to March)."""

    __pydantic_config__ = DESCRIBED

    year: str
    """The financial year, e.g. '2026-27'."""
    started: list[str]
    """The reviews decided on in the year (their references)."""
    completed: list[str]
    """The reviews completed in the year."""
    published: list[str]
    """The reviews whose report was published in the year."""
    implemented: int
    """Recommendations signed off as completed in the year."""
    not_implemented: list[tuple[str, str, str]]
    """Each recommendation the board decided not to implement: the review, its number, the reason."""
    ongoing: list[str]
    """The reviews started and not completed by the end of the year (or by the day, in the current year)."""

    @property
    def counts(self) -> list[tuple[str, int, list[str]]]:
        """Each figure as the register gives it: its name, the count, and the reviews counted (none for a count of
        recommendations)."""
        return [
            ("Reviews started", len(self.started), self.started),
            ("Reviews completed", len(self.completed), self.completed),
            ("Reports published", len(self.published), self.published),
            ("Reviews ongoing", len(self.ongoing), self.ongoing),
            ("Recommendations completed", self.implemented, []),
            ("Recommendations the board decided not to implement", len(self.not_implemented), []),
        ]


def financial_year(day: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last days of the financial year a day falls in.

    >>> financial_year(dt.date(2026, 3, 31)), financial_year(dt.date(2026, 4, 1))[0]
    ((datetime.date(2025, 4, 1), datetime.date(2026, 3, 31)), datetime.date(2026, 4, 1))
    """
    start = dt.date(day.year if day.month >= 4 else day.year - 1, 4, 1)
    return start, dt.date(start.year + 1, 3, 31)


def annual_figures(cases: list[Case], on: dt.date) -> AnnualFigures:
    """The figures for the financial year `on` falls in, counted up to `on`."""
    start, end = financial_year(on)
    last = min(end, on)

    def within(day: dt.date | None) -> bool:
        return day is not None and start <= day <= last

    started, completed, published, ongoing, declined, implemented = [], [], [], [], [], 0
    for case in cases:
        reference, decision = case.review.reference, decision_of(case)
        done = case.local_review.completed_on if case.local_review else None
        if decision is not None and within(decision.date):
            started.append(reference)
        if within(done):
            completed.append(reference)
        if case.publication and case.publication.published and within(case.publication.date):
            published.append(reference)
        if decision is not None and decision.date <= last and (done is None or done > last):
            ongoing.append(reference)
        for _, row, recommendation, _ in _report_rows(case):
            if recommendation.declined:
                declined.append((reference, row.number, recommendation.declined))
            if row.smart.sign_off.completed and within(row.smart.sign_off.date):
                implemented += 1
    return AnnualFigures(
        year=f"{start.year}-{str(end.year)[2:]}",
        started=started,
        completed=completed,
        published=published,
        implemented=implemented,
        not_implemented=declined,
        ongoing=ongoing,
    )
