"""A framework's review timetable as data: its steps, each with a clock, a person responsible and the case
field that records it (Appendix XIII for the seed's procedure)."""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field, model_validator

from ..limits import MAX_CLOCK, MAX_TIMETABLE_STEPS
from .common import Identifier, Markdown, Model, Text

FieldPath = typing.Annotated[str, Field(pattern=r"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$")]
"""A dotted path to a date field of the case, e.g. 'review.authors_briefing.date'."""


class Officer(StrEnum):
    """Whose name follows a responsible role: a board officer (board profile) or the overview author."""

    CHAIR = "chair"
    PANEL_CHAIR = "panel_chair"
    MANAGER = "manager"
    ADMINISTRATOR = "administrator"
    LEGAL_ADVISER = "legal_adviser"
    DIRECTOR_OF_CHILDRENS_SERVICES = "director_of_childrens_services"
    OVERVIEW_AUTHOR = "overview_author"


class Responsible(Model):
    """A person responsible for a step, as the guidance words it."""

    role: Text
    """The role, e.g. '{board} Chair'; {board} and {panel} stand for the board's and its panel's short names."""
    officer: Officer | None = None
    """The officer whose name the board profile (or the case, for the overview author) gives for the role."""


class Clock(Model):
    """When a step is due: an amount of time after (or before) an event or another step.

    An event counts from its date in the case; a step from the date the case records for it, else from its
    own deadline. No amount: the day of the event itself ('Immediate').
    """

    after: Identifier | None = None
    """The event or step the clock counts from."""
    before: Identifier | None = None
    """The event or step the clock counts back from ('10 days before the board meets')."""
    working_days: int = Field(0, ge=0, le=MAX_CLOCK["working_days"])
    """Working days: Monday to Friday less the board's bank holidays; the event's own day is not counted."""
    days: int = Field(0, ge=0, le=MAX_CLOCK["days"])
    """Calendar days."""
    weeks: int = Field(0, ge=0, le=MAX_CLOCK["weeks"])
    """Calendar weeks."""
    months: int = Field(0, ge=0, le=MAX_CLOCK["months"])
    """Calendar months (the same day of the month; the month's last day when it is shorter)."""

    @model_validator(mode="after")
    def _one_anchor_one_unit(self) -> Clock:
        if (self.after is None) == (self.before is None):
            raise ValueError("a clock counts either after or before one event or step")
        if sum(1 for amount in (self.working_days, self.days, self.weeks, self.months) if amount) > 1:
            raise ValueError("a clock counts in one unit: working_days, days, weeks or months")
        return self

    @property
    def anchor(self) -> str:
        """The event or step the clock counts from."""
        return self.after or self.before or ""


class TimetableEvent(Model):
    """A date the timetable counts from, recorded in the case."""

    field: FieldPath
    """The case field holding the date, e.g. 'decision.date'."""
    name: Text
    """What it is, as sentences name it, e.g. 'the decision to hold the review'."""
    else_from: Identifier | None = None
    """The event counted from instead when the case does not record this one (a case opened at the decision has
    no referral); empty: the case must record it."""


class Reworded(Model):
    """A step as worded once a decision is recorded (to publish the report or not); what it leaves out keeps the
    step's own wording."""

    title: Text | None = None
    """The step's short name, e.g. 'Statement of improvements published'."""
    timescale: Text | None = None
    """Its timescale."""
    action: Markdown | None = None
    """What is done."""


class TimetableStep(Model):
    """One step of the timetable: what is done, by when, by whom."""

    id: Identifier
    """Stable identifier (calendar entries and `review.step_dates` use it)."""
    title: Text
    """A short name for lists and calendars, e.g. 'Second panel meeting'."""
    timescale: Text
    """The timescale as the guidance words it, e.g. 'Within 5 working days of decision (before day 9)'."""
    action: Markdown
    """What is done; {board} and {panel} stand for the board's and its panel's short names, {panel_name} for the
    panel's full name."""
    responsible: list[Responsible] = Field(min_length=1)
    """Who is responsible."""
    clock: Clock
    """When it is due."""
    done: FieldPath | None = None
    """The case field recording the day the step was done (or is booked for); else `review.step_dates`."""
    planned: FieldPath | None = None
    """A date the case sets for the step by hand (an IMR deadline, a meeting); warned of when later than the
    step's deadline."""
    review_types: list[Text] = []
    """The review types the step applies to (empty: every type), e.g. only reviews reported to the regulator."""
    unreported_action: Markdown | None = None
    """The action as worded for a review not reported to the framework's regulator (a Lessons Learned Review,
    seed 1.4.1), where `action` names what only the regulator is sent or agrees."""
    published: Reworded | None = None
    """The step as worded when the case records the decision to publish the report."""
    unpublished: Reworded | None = None
    """The step as worded when the case records the decision not to publish it (a statement is published)."""


class StepStart(Model):
    """Where a board starts one step's clock, or how long it runs, when its framework leaves the choice to the
    board: another event or step to count from, another length, or both."""

    after: Identifier | None = None
    """The event or step the step's clock counts from instead of the framework's; empty: the framework's."""
    working_days: int | None = Field(None, ge=0, le=MAX_CLOCK["working_days"])
    """The clock's length in working days, instead of the framework's."""
    weeks: int | None = Field(None, ge=0, le=MAX_CLOCK["weeks"])
    """The clock's length in weeks, instead of the framework's."""
    months: int | None = Field(None, ge=0, le=MAX_CLOCK["months"])
    """The clock's length in months, instead of the framework's (a review to be completed within nine months)."""
    timescale: Text
    """The timescale as the board words it, e.g. 'Within 15 working days of the partners being told'."""

    @model_validator(mode="after")
    def _one_change(self) -> StepStart:
        lengths = [n for n in (self.working_days, self.weeks, self.months) if n is not None]
        if len(lengths) > 1:
            raise ValueError("a clock runs in one unit: give working_days, weeks or months")
        if self.after is None and not lengths:
            raise ValueError("say where the clock starts (after) or how long it runs (working_days, weeks or months)")
        return self

    def applied_to(self, clock: Clock) -> Clock:
        """The framework's clock, started where the board starts it and run for as long as it says."""
        update: dict[str, object] = {"after": self.after, "before": None} if self.after else {}
        lengths = {"working_days": self.working_days, "weeks": self.weeks, "months": self.months}
        if any(n is not None for n in lengths.values()):
            update |= {"days": 0} | {unit: n or 0 for unit, n in lengths.items()}
        return clock.model_copy(update=update)


class Timetable(Model):
    """A framework's review timetable."""

    note: Markdown | None = None
    """What the timetable applies to, as the guidance introduces it."""
    events: dict[Identifier, TimetableEvent] = Field(min_length=1)
    """The dates clocks count from, by id, e.g. 'decision'."""
    steps: list[TimetableStep] = Field(min_length=1, max_length=MAX_TIMETABLE_STEPS)
    """The steps, in the guidance's order."""

    @model_validator(mode="after")
    def _anchors_resolve(self) -> Timetable:
        ids = [step.id for step in self.steps]
        taken = set(self.events)
        for step_id in ids:
            if step_id in taken:
                raise ValueError(f"timetable: '{step_id}' is used more than once as an event or step id")
            taken.add(step_id)
        for event_id, event in self.events.items():
            if event.else_from is not None and event.else_from not in self.events:
                raise ValueError(f"timetable event '{event_id}': else_from names unknown event '{event.else_from}'")
        anchors = {step.id: step.clock.anchor for step in self.steps}
        for step in self.steps:
            if step.clock.anchor not in taken:
                raise ValueError(f"timetable step '{step.id}': its clock counts from unknown '{step.clock.anchor}'")
            seen = {step.id}
            anchor = step.clock.anchor
            while anchor in anchors:
                if anchor in seen:
                    raise ValueError(f"timetable step '{step.id}': its clock counts from itself, through '{anchor}'")
                seen.add(anchor)
                anchor = anchors[anchor]
        return self

    def started(self, starts: dict[str, StepStart]) -> Timetable:
        """The timetable with the clocks of some steps counted from where a board starts them (and worded as it
        words them); ValueError for a step it does not have, an unknown start or a clock that would count from
        itself."""
        ids = {step.id for step in self.steps}
        if unknown := sorted(set(starts) - ids):
            raise ValueError(f"the timetable has no step '{unknown[0]}' (it has: {', '.join(sorted(ids))})")
        steps = [
            step.model_copy(update={"clock": start.applied_to(step.clock), "timescale": start.timescale})
            if (start := starts.get(step.id))
            else step
            for step in self.steps
        ]
        return Timetable.model_validate({**dict(self), "steps": steps}) if starts else self

    def field_paths(self) -> Iterable[tuple[str, str]]:
        """('events.decision.field', 'decision.date') for every case field the timetable reads."""
        for event_id, event in self.events.items():
            yield f"events.{event_id}.field", event.field
        for i, step in enumerate(self.steps):
            for name in ("done", "planned"):
                if (path := getattr(step, name)) is not None:
                    yield f"steps[{i}].{name}", path


def date_at(root: Any, path: str) -> dt.date | None:
    """The date a dotted path names in the case (None where a part of the path is empty)."""
    value = root
    for name in path.split("."):
        value = getattr(value, name, None)
        if value is None:
            return None
    return value if isinstance(value, dt.date) else None


def is_date_field(model: type[BaseModel], path: str) -> bool:
    """Whether a dotted path names a date field of a model (through nested models and optional ones), or ends in a
    property giving a date ('overview.approval.first_dated')."""
    current: Any = model
    names = path.split(".")
    for place, name in enumerate(names):
        field = current.model_fields.get(name) if isinstance(current, type) and issubclass(current, BaseModel) else None
        if field is None:
            return place == len(names) - 1 and _gives_date(current, name)
        current = _unoptional(field.annotation)
    return current is dt.date


def _gives_date(model: Any, name: str) -> bool:
    """Whether a model's property of that name gives a date (or None)."""
    prop = getattr(model, name, None) if isinstance(model, type) else None
    return isinstance(prop, property) and _unoptional(typing.get_type_hints(prop.fget).get("return")) is dt.date


def _unoptional(annotation: Any) -> Any:
    """`X | None` → X; anything else unchanged."""
    args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    return args[0] if typing.get_origin(annotation) in (typing.Union, _UnionType) and len(args) == 1 else annotation


_UnionType = type(int | None)
