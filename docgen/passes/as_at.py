"""The case as at a day: what had been recorded by then, and nothing recorded later.

A document prints the case as it stood on its own date (a letter's, a form's, a report's last version's), so that no
paper tells of what happened after it was written. Each record the case dates is left out when it is dated after the
day: the screening panel's recommendation (its meeting), the decision to hold a review (where the framework records
it: the chair's, a rapid review's), the scope and terms of reference (the panel's meeting), the letters, the steps
of criminal proceedings, legal orders made and deaths, the chronology's events, every report of progress on an
action and its sign-off, and a report's approval. A person's facts that changed (`before`: an address, a legal
status, needs) are those that held on the day. Appointments (a deadline, a meeting booked) are not records of what
happened, and stay. Facts the case gives without a date are as the case gives them.

Without a day, the case is as it stands (the facts that held before are left out too: nothing prints them).

>>> from docgen.model import Recommendation
>>> plan = Recommendation(text="Audit", progress=[{"date": "2026-08-14", "assessment": "Amber"},
...                                               {"date": "2026-09-14", "assessment": "Green"}])
>>> as_at_day(plan, dt.date(2026, 9, 1)).latest_progress.assessment.value
'Amber'
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from pydantic import BaseModel

from ..model import Case
from ..model.common import Approval
from ..model.correspondence import Correspondence, Letter
from ..model.kinds import lookup
from ..model.ofsted import Incident
from ..model.people import DatedLegalStatus, FamilyMember, Subject
from ..model.recommendations import SignOff, Smart
from ..model.review import Review, Screening

_M = TypeVar("_M")


def case_as_at(case: Case, day: dt.date | None) -> Case:
    """The case as it stood on `day` (as it stands when None): every record dated after it left out, each person's
    facts as they were then (see the module's docstring)."""
    people = {"subject": _then(case.subject, day), "family": [_then(member, day) for member in case.family]}
    if day is None:
        return case.model_copy(update=people)
    case = case.model_copy(update=people)
    update: dict[str, Any] = {
        "screening": _screening(case.screening, day),
        "review": _review(case.review, day),
        "correspondence": _correspondence(case.correspondence, day),
        "subject": _child(case.subject, day),
        "family": [_died(member, day) for member in case.family],
        "chronology": [entry for entry in case.chronology if entry.date <= day],
    }
    if case.incident is not None:
        update["incident"] = _incident(case.incident, day)
    dated = case.model_copy(update=update)
    dated = dated.model_copy(update={name: as_at_day(getattr(dated, name), day) for name in _WITH_PLANS})
    decided = lookup(dated, case.framework.decision)
    return dated if decided is None or decided.date <= day else _without(dated, case.framework.decision.split("."))


def _without(record: _M, path: list[str]) -> _M:
    """The record with the field a dotted path names emptied (the decision, where the framework records it)."""
    assert isinstance(record, BaseModel)
    name, *rest = path
    value = None if not rest else _without(getattr(record, name), rest)
    return record.model_copy(update={name: value})  # type: ignore[return-value]


_WITH_PLANS = ("imrs", "overview", "executive_summary", "local_review")
"""The parts of a case that hold action plans (progress, sign-off) or approvals."""


def as_at_day(value: _M, day: dt.date) -> _M:
    """A record (and the records inside it) as at `day`: progress reported later left out, a sign-off or an
    approval given later not yet given; the record itself when nothing in it was later."""
    return _as_at_value(value, day)  # type: ignore[no-any-return]


def _as_at_value(value: Any, day: dt.date) -> Any:
    if isinstance(value, list):
        items = [_as_at_value(item, day) for item in value]
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if isinstance(value, dict):
        entries = {key: _as_at_value(item, day) for key, item in value.items()}
        return value if all(entries[key] is item for key, item in value.items()) else entries
    if not isinstance(value, BaseModel):
        return value
    update = {
        name: trimmed
        for name in type(value).model_fields
        if (trimmed := _as_at_value(item := getattr(value, name), day)) is not item
    }
    if isinstance(value, Smart):
        if (reported := [p for p in value.progress if p.date <= day]) != value.progress:
            update["progress"] = reported
        if not _on_or_before(value.sign_off.date, day):
            update["sign_off"] = SignOff()
    if isinstance(value, Approval) and value.approved_on is not None and value.approved_on > day:
        update.update(approved_on=None, approved_by=None)
    return value.model_copy(update=update) if update else value


def _screening(screening: Screening | None, day: dt.date) -> Screening | None:
    """The panel's recommendation once it has met; its chair's signature once given."""
    if screening is None or screening.meeting_date > day:
        return None
    return screening if _on_or_before(screening.signed_on, day) else screening.model_copy(update={"signed_on": None})


def _review(review: Review, day: dt.date) -> Review:
    """The scope and terms of reference once the panel has met to set them; its chair's signature once given."""
    if review.scope_meeting is not None and review.scope_meeting > day:
        update: dict[str, Any] = {
            "scope": None,
            "scope_meeting": None,
            "scope_signed_on": None,
            "terms_of_reference": [],
            "terms_of_reference_version": None,
        }
    elif not _on_or_before(review.scope_signed_on, day):
        update = {"scope_signed_on": None}
    else:
        update = {}
    return review.model_copy(update=update) if update else review


def _correspondence(correspondence: Correspondence, day: dt.date) -> Correspondence:
    """The letters written by then."""
    later = {
        name: None
        for name in type(correspondence).model_fields
        if isinstance(letter := getattr(correspondence, name), Letter) and letter.date > day
    }
    return correspondence.model_copy(update=later) if later else correspondence


def _child(child: Subject, day: dt.date) -> Subject:
    """The child's legal orders made by then (those that ended stay: a form asks what held), and death."""
    statuses = [s for s in child.legal_status if not isinstance(s, DatedLegalStatus) or _on_or_before(s.since, day)]
    return _died(child, day).model_copy(update={"legal_status": statuses})


_Person = TypeVar("_Person", Subject, FamilyMember)


def _died(person: _Person, day: dt.date) -> _Person:
    """A person's death, once it has happened."""
    return person if _on_or_before(person.date_of_death, day) else person.model_copy(update={"date_of_death": None})


def _incident(incident: Incident, day: dt.date) -> Incident:
    """The steps of criminal proceedings taken by then."""
    steps = [step for step in incident.proceedings if step.date <= day]
    return incident if len(steps) == len(incident.proceedings) else incident.model_copy(update={"proceedings": steps})


_Before = TypeVar("_Before", Subject, FamilyMember)


def _then(person: _Before, day: dt.date | None) -> _Before:
    """A person's facts as they held on `day` (as they stand when None): for each fact that changed, what the
    earliest change after `day` says held until then (a fact given as null: not given then)."""
    update: dict[str, Any] = {"before": []}
    if day is not None:
        for before in sorted(person.before, key=lambda b: b.until, reverse=True):
            if day < before.until:
                update.update(
                    {
                        name: value
                        if (value := getattr(before, name)) is not None
                        else type(person).model_fields[name].default
                        for name in before.model_fields_set - {"until"}
                    }
                )
    return person.model_copy(update=update) if person.before else person


def _on_or_before(date: dt.date | None, day: dt.date) -> bool:
    """Whether a record dated `date` (None: undated, always held) had been made by `day`."""
    return date is None or date <= day
