"""The Ofsted notification as at the day it is sent: what held then, and narratives that say more."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..errors import NotSupportedError
from ..model import Case, FamilyMember
from ..model.options import LegalStatus, YesNo, YesNoPossible
from ..text.dates import age_on, dates_mentioned, long_date
from .columns import FIELDS, Column
from .facts import legal_status_on, proceedings_on
from .household import is_sibling
from .registry import Request, register

PAIRS: tuple[Column, ...] = (
    Column("label", "", 0.21),
    Column("value", "", 0.29),
    Column("label", "", 0.21),
    Column("value", "", 0.29),
)
"""The form's two-pair rows (section 1, 3 and 4): label, value, label, value."""
REASONS: tuple[Column, ...] = (
    Column("reason", "Reason", 0.27),
    Column("reference", "Legislation and guidance", 0.63),
    Column("box", "", 0.10, wrap=False),
)
"""Section 2: the reason, the law or guidance behind it, its tick-box."""
TICKS: tuple[Column, ...] = tuple(Column(f"box{i}", "", 1 / 3) for i in range(3))
"""A block of tick-boxes, three to a row."""
TICKS_4: tuple[Column, ...] = tuple(Column(f"box{i}", "", 1 / 4) for i in range(4))
"""A block of tick-boxes, four to a row."""
QUESTION: tuple[Column, ...] = (Column("question", "", 0.55), Column("answer", "", 0.45))
"""A question and its answer (boxes or names)."""
ETHNICITY: tuple[Column, ...] = (Column("group", "", 0.35), Column("boxes", "", 0.65))
"""The ethnicity groups and their boxes."""
COLUMNS = {
    "pairs": PAIRS,
    "reasons": REASONS,
    "ticks": TICKS,
    "ticks4": TICKS_4,
    "question": QUESTION,
    "ethnicity": ETHNICITY,
    "labelled": FIELDS,
}
"""Every table of the form by its shape: fixed widths, so that no value breaks inside a word or a number."""


@dataclass(frozen=True)
class AsAt:
    """What the form reports, as it stood on the notification date."""

    day: dt.date
    legal_status: list[LegalStatus]
    died: dt.date | None
    """The date of death, when the child had died by then."""
    instigated: YesNoPossible
    convicted: YesNo
    charged: list[FamilyMember]
    """Family members charged by then."""
    siblings: list[tuple[FamilyMember, str]]
    """Siblings and their ages on the day."""


def as_at(case: Case) -> AsAt:
    """The facts of the form on its notification date; refuses narratives that mention a later day."""
    assert case.ofsted is not None and case.incident is not None
    day = case.ofsted.date_notified
    _refuse_later_narratives(case, day)
    proceedings = proceedings_on(case.incident.proceedings, day)
    died = case.subject.date_of_death if case.subject.date_of_death and case.subject.date_of_death <= day else None
    return AsAt(
        day=day,
        legal_status=legal_status_on(case.subject.legal_status, day),
        died=died,
        instigated=proceedings.instigated,
        convicted=proceedings.convicted,
        charged=[m for m in case.family if m.id in proceedings.charged],
        siblings=[
            (m, m.age_if_no_dob or age_on(m.date_of_birth, day)) for m in case.family if is_sibling(m.relationship)
        ],
    )


def _refuse_later_narratives(case: Case, day: dt.date) -> None:
    """A narrative that mentions a day after the notification reports what the form could not have known."""
    assert case.ofsted is not None and case.incident is not None
    narratives = {
        "incident.outline": case.incident.outline,
        "ofsted.family_note": case.ofsted.family_note,
        "ofsted.staff_conduct_details": case.ofsted.staff_conduct_details,
        "ofsted.linked_cases": case.ofsted.linked_cases,
        "child.legal_status_other": case.subject.legal_status_other
        if LegalStatus.OTHER in legal_status_on(case.subject.legal_status, day)
        else None,
    }
    for path, text in narratives.items():
        later = [d for d in dates_mentioned(text or "") if d > day]
        if later:
            raise NotSupportedError(
                f"ofsted-notification: {path} mentions {long_date(later[0])}, after the notification date"
                f" ({long_date(day)}, ofsted.date_notified); the form reports what was known on that day:"
                " say it as it stood then"
            )


@register("ofsted-form")
def ofsted_form_context(request: Request) -> dict[str, Any]:
    """`as_at` (what the form reports, as at the day it was sent) and the form's own table shapes."""
    return {"as_at": as_at(request.case), "form_columns": COLUMNS}
