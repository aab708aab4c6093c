"""The serious incident notification record: each child notified with their details, the deadline the
framework's timetable sets, and whether the incident is notified for its own sake (no review follows)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..model import CHILD, Case
from ..model.options import SafeguardingStatus
from ..model.practice_review import IncidentNotification, NotifiedChild, notified_only
from ..text.dates import age_on
from .deadlines import deadline_recorded_by
from .registry import Request, register

NOTIFIED = "notification.notified_on"
"""The field recording the day the notification was made; the framework's timetable step it records sets when."""
PARTNERS_TOLD = "notification.partners_notified_on"
"""The field recording the day the safeguarding partners were told."""


@dataclass(frozen=True)
class ChildRow:
    """One child of the notification, with the details the notification asks for."""

    notified: NotifiedChild
    name: str
    born: dt.date | None
    age: str
    gender: str
    ethnicity: str
    address: str
    local_authority: str


@dataclass(frozen=True)
class NotificationRecord:
    """Everything the notification record and the notice to the partners print."""

    record: IncidentNotification
    children: list[ChildRow]
    due: dt.date | None
    """The day the notification is due (the framework's timetable), None without a timetable."""
    partners_due: dt.date | None
    on_time: bool | None
    """Whether it was made by the day it was due; None while it has not been made."""
    notify_only: list[str]
    """Why no review follows, for each child notified for their own sake; empty when a review follows."""


def notification_record(case: Case) -> NotificationRecord:
    """The notification of the case, its children's details as at the incident."""
    record = case.notification
    assert record is not None, "the notification record needs the case's notification"
    due = deadline_recorded_by(case, NOTIFIED)
    made = record.notified_on
    return NotificationRecord(
        record=record,
        children=[_child_row(case, child, record.local_authority) for child in record.children],
        due=due,
        partners_due=deadline_recorded_by(case, PARTNERS_TOLD),
        on_time=None if made is None or due is None else made <= due,
        notify_only=notified_only(case),
    )


def statuses_text(statuses: list[SafeguardingStatus]) -> str:
    """The statuses as a sentence lists them.

    >>> statuses_text([SafeguardingStatus.CHILD_IN_NEED, SafeguardingStatus.CARE_LEAVER])
    'Child in need; care leaver'
    """
    text = "; ".join(status.value.lower() for status in statuses)
    return text[:1].upper() + text[1:]


def _child_row(case: Case, notified: NotifiedChild, local_authority: str) -> ChildRow:
    on = case.ages_at
    if notified.person == CHILD:
        child = case.subject
        address = child.address.one_line()
        return ChildRow(
            notified,
            child.full_name,
            child.date_of_birth,
            age_on(child.date_of_birth, on) if child.date_of_birth else child.age_if_no_dob or "Not known",
            child.gender.value,
            child.ethnicity_other or child.ethnicity.value,
            address,
            notified.local_authority or local_authority,
        )
    member = case.person(notified.person)
    assert member is not None
    return ChildRow(
        notified,
        member.full_name,
        member.date_of_birth,
        age_on(member.date_of_birth, on) if member.date_of_birth else member.age_if_no_dob or "Not known",
        member.gender.value if member.gender else "Not recorded",
        member.ethnicity.value if member.ethnicity else "Not recorded",
        member.address.one_line() if member.address else member.situation or "Not known",
        notified.local_authority or local_authority,
    )


@register("notification")
def notification_context(request: Request) -> dict[str, Any]:
    """`notification`: the serious incident notification record (its children, deadline, notify-only reasons)."""
    return {"notification": notification_record(request.case)}
