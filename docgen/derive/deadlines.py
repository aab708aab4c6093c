"""The review timetable: each step's deadline in working days, who is responsible, and where it stands.

Deadlines count from the framework's events (the decision, for the seed's procedure) as its clocks say; a
step counted from another step counts from the date the case records for that step, else from its deadline.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ..errors import NotSupportedError
from ..limits import EARLIEST_DATE, LATEST_DATE
from ..model import Board, Case
from ..model.options import TrafficLight
from ..model.timetable import Clock, Officer, Responsible, Reworded, Timetable, TimetableStep, date_at
from ..text.dates import long_date
from .action_plan import RAG_SHADES
from .registry import Request, register
from .workdays import Nation, add_months, add_working_days


class Status(StrEnum):
    """Where a step stands on a given day."""

    MET = "met"
    """Done on or before its deadline."""
    MET_LATE = "met late"
    """Done after its deadline."""
    DUE = "due"
    """Not done yet, and its deadline is today or later (it may be booked for a date to come)."""
    OVERDUE = "overdue"
    """Its deadline has passed and it is booked for a date still to come."""
    NO_DATE = "no date recorded"
    """Its deadline has passed and the case records no date for it: record the date, or chase it."""


STATUS_LIGHTS = {
    Status.MET: TrafficLight.GREEN,
    Status.MET_LATE: TrafficLight.AMBER,
    Status.NO_DATE: TrafficLight.AMBER,
    Status.OVERDUE: TrafficLight.RED,
}
"""The traffic light a status is shaded with (a step still due has none)."""


@dataclass(frozen=True)
class TimedStep:
    """One step of the timetable, with its deadline and status."""

    number: int
    step: TimetableStep
    title: str
    timescale: str
    action: str
    responsible: list[str]
    deadline: dt.date
    recorded: dt.date | None
    """The date the case records for the step: the day it was done, or, when later than `on`, booked for."""
    recorded_in: str
    """The case field that records it, e.g. 'review.scope_meeting' or 'review.step_dates.media'."""
    status: Status

    @property
    def shade(self) -> str:
        """The status cell's shading (hex RGB), as the action plan shades its traffic lights; empty when due."""
        light = STATUS_LIGHTS.get(self.status)
        return RAG_SHADES[light] if light else ""

    @property
    def booked(self) -> bool:
        """Recorded for a day after the timetable's date: not done yet."""
        return self.status in (Status.DUE, Status.OVERDUE) and self.recorded is not None


@dataclass(frozen=True)
class LateDate:
    """A date set ahead for a step (planned, or booked) that is later than the step's deadline; in words for a
    reader, and with the case field that holds it for whoever edits the case file."""

    number: int
    title: str
    planned: bool
    day: dt.date
    deadline: dt.date
    field: str

    def __str__(self) -> str:
        what = "planned" if self.planned else "booked"
        return (
            f"step {self.number}, {self.title}: the date {what} ({long_date(self.day)}) is later than its deadline "
            f"({long_date(self.deadline)})"
        )

    @property
    def with_field(self) -> str:
        """The warning and the case field to change: for the command line and its JSON."""
        return f"{self} [{self.field}]"


@dataclass(frozen=True)
class ReviewTimetable:
    """A case's timetable on a given day."""

    on: dt.date
    nation: Nation
    events: list[tuple[str, dt.date]]
    """What the clocks count from, e.g. ('the decision to hold the review', 13 March 2026)."""
    steps: list[TimedStep]
    warnings: list[LateDate]

    @property
    def counts(self) -> list[tuple[Status, int]]:
        """How many steps have each status, in the order of `Status`, leaving out those none has."""
        return [(status, n) for status in Status if (n := sum(s.status is status for s in self.steps))]

    @property
    def next_due(self) -> TimedStep | None:
        """The step due soonest among those not yet done (None when none is due)."""
        due = [s for s in self.steps if s.status is Status.DUE]
        return min(due, key=lambda s: s.deadline, default=None)


def review_timetable(case: Case, on: dt.date) -> ReviewTimetable:
    """The case's timetable as it stands on `on`; NotSupportedError naming the field a clock needs."""
    timetable = case.timetable
    if timetable is None:
        raise NotSupportedError(f"the framework '{case.framework.id}' has no review timetable")
    nation = case.board.holidays
    dates = {event_id: event_date(timetable, case, event_id) for event_id in timetable.events}
    deadlines = _deadlines(timetable, case, dates, nation)
    steps: list[TimedStep] = []
    warnings: list[LateDate] = []
    for number, step in enumerate(_applicable(timetable, case), start=1):
        recorded, recorded_in = _recorded(case, step)
        deadline = deadlines[step.id]
        worded = _worded(case, step)
        steps.append(
            TimedStep(
                number,
                step,
                _words(worded.title or step.title, case.board),
                _words(worded.timescale or step.timescale, case.board),
                _words(worded.action or action_for(case, step), case.board),
                [_responsible(person, case) for person in step.responsible],
                deadline,
                recorded,
                recorded_in,
                step_status(deadline, recorded, on),
            )
        )
        warnings.extend(_warnings(case, steps[-1]))
    events = [
        (event.name, day)
        for event_id, event in timetable.events.items()
        if (day := date_at(case, event.field)) is not None
    ]
    return ReviewTimetable(on, nation, events, steps, warnings)


def event_date(timetable: Timetable, case: Case, event_id: str) -> dt.date:
    """The date of an event the clocks count from: the case's, else that of the event counted from instead;
    NotSupportedError naming the field when the case records neither."""
    event, tried = timetable.events[event_id], set()
    while (day := date_at(case, event.field)) is None:
        tried.add(event_id)
        if event.else_from is None or event.else_from in tried:
            raise NotSupportedError(
                f"the timetable cannot be computed: it counts from {event.name} ({event.field}), "
                "which the case file does not have"
            )
        event_id = event.else_from
        event = timetable.events[event_id]
    return day


def action_for(case: Case, step: TimetableStep) -> str:
    """A step's action as worded for the review: without what only the regulator is sent or agrees when the review
    is not reported to it (seed 1.4.1)."""
    framework = case.framework
    reported = framework.regulator in framework.bodies and framework.regulator_body in framework.reported_to(
        case.review.type
    )
    return step.action if reported or step.unreported_action is None else step.unreported_action


def _worded(case: Case, step: TimetableStep) -> Reworded:
    """The words a step has in place of its own for this case: its `published` or `unpublished` wording once the
    case records the decision to publish the report or not; none while it is undecided."""
    if case.publication is None:
        return Reworded()
    return (step.published if case.publication.published else step.unpublished) or Reworded()


def step_status(deadline: dt.date, recorded: dt.date | None, on: dt.date) -> Status:
    """A step's status on `on`, from its deadline and the date the case records for it.

    >>> step_status(dt.date(2026, 3, 20), dt.date(2026, 3, 24), dt.date(2026, 7, 1))
    <Status.MET_LATE: 'met late'>
    >>> step_status(dt.date(2026, 5, 13), dt.date(2026, 7, 8), dt.date(2026, 7, 1))
    <Status.OVERDUE: 'overdue'>
    """
    if recorded is not None and recorded <= on:
        return Status.MET if recorded <= deadline else Status.MET_LATE
    if on <= deadline:
        return Status.DUE
    return Status.OVERDUE if recorded is not None else Status.NO_DATE


def deadline_of(clock: Clock, anchor: dt.date, nation: Nation) -> dt.date:
    """The deadline a clock sets, counted from its anchor's date.

    >>> deadline_of(Clock(after="decision", working_days=10), dt.date(2026, 3, 27), Nation.ENGLAND_AND_WALES)
    datetime.date(2026, 4, 14)
    """
    sign = -1 if clock.before else 1
    if clock.working_days:
        return add_working_days(anchor, sign * clock.working_days, nation)
    if clock.months:
        return add_months(anchor, sign * clock.months)
    return anchor + sign * dt.timedelta(days=clock.days, weeks=clock.weeks)


def _deadlines(timetable: Timetable, case: Case, events: dict[str, dt.date], nation: Nation) -> dict[str, dt.date]:
    """Every step's deadline (a step's anchor first: the framework guarantees there is no cycle)."""
    steps = {step.id: step for step in timetable.steps}
    deadlines: dict[str, dt.date] = {}

    def anchor_date(anchor: str) -> dt.date:
        if anchor in events:
            return events[anchor]
        return _recorded(case, steps[anchor])[0] or deadline(steps[anchor])

    def deadline(step: TimetableStep) -> dt.date:
        if step.id not in deadlines:
            day = deadline_of(step.clock, anchor_date(step.clock.anchor), nation)
            if not EARLIEST_DATE <= day <= LATEST_DATE:  # only a chain of long clocks gets there
                raise NotSupportedError(
                    f"the timetable cannot be computed: the deadline of step '{step.id}' would fall outside the "
                    f"years {EARLIEST_DATE:%Y} to {LATEST_DATE:%Y}, whose dates docgen accepts"
                )
            deadlines[step.id] = day
        return deadlines[step.id]

    for step in timetable.steps:
        deadline(step)
    return deadlines


def _applicable(timetable: Timetable, case: Case) -> list[TimetableStep]:
    return [s for s in timetable.steps if not s.review_types or case.review.type in s.review_types]


def _recorded(case: Case, step: TimetableStep) -> tuple[dt.date | None, str]:
    """The date the case records for a step, and the field it is in."""
    if step.done is not None and (day := date_at(case, step.done)) is not None:
        return day, step.done
    where = f"review.step_dates.{step.id}"
    if (day := case.review.step_dates.get(step.id)) is not None:
        return day, where
    return None, step.done or where


def _warnings(case: Case, timed: TimedStep) -> list[LateDate]:
    """Each date set ahead for a step not yet done (a planned date, a booking) that is later than its deadline; a
    step done late says so in its status."""
    if timed.status in (Status.MET, Status.MET_LATE):
        return []
    late = {}
    if timed.step.planned and (planned := date_at(case, timed.step.planned)):
        late[timed.step.planned] = (planned, True)
    if timed.booked and timed.recorded is not None:
        late[timed.recorded_in] = (timed.recorded, False)
    return [
        LateDate(timed.number, timed.title, is_planned, day, timed.deadline, field)
        for field, (day, is_planned) in late.items()
        if day > timed.deadline
    ]


def _responsible(person: Responsible, case: Case) -> str:
    """'NSCB Chair (Dr Helen Marchbank)'; the role alone when no one is named for it."""
    role = _words(person.role, case.board)
    if person.officer is Officer.OVERVIEW_AUTHOR:
        named = case.review.overview_author
    elif person.officer is not None:
        named = getattr(case.board, person.officer.value)
    else:
        named = None
    return f"{role} ({named.name})" if named else role


_PLACEHOLDER = re.compile(r"\{(board|panel|panel_name)\}")


def _words(text: str, board: Board) -> str:
    """The framework's wording with {board} and {panel} as this board calls itself and its panel (their short
    names), {panel_name} as the panel's full name."""
    names = {"board": board.short_name, "panel": board.panel_short_name, "panel_name": board.panel_name}
    return _PLACEHOLDER.sub(lambda match: names[match[1]], text)


def deadline_recorded_by(case: Case, field: str) -> dt.date | None:
    """The deadline of the framework timetable's step that a case field records (the notification's, say); None
    when the framework times no such step or the case lacks a date it counts from."""
    timed = step_recorded_by(case, field)
    return timed.deadline if timed else None


def step_recorded_by(case: Case, field: str) -> TimedStep | None:
    """The framework timetable's step that a case field records, with its deadline; None when the framework times
    no such step for the case or the case lacks a date it counts from.

    Deadlines do not depend on the day the timetable is looked at, so it is counted as at the case's start.
    """
    if case.timetable is None:
        return None
    try:
        timetable = review_timetable(case, case.opened_on)
    except NotSupportedError:
        return None
    return next((timed for timed in timetable.steps if timed.step.done == field), None)


@register("timetable")
def timetable_context(request: Request) -> dict[str, Any]:
    """`timetable`: every step's deadline and status on the day asked for (today by default)."""
    return {"timetable": review_timetable(request.case, request.on or dt.date.today())}
