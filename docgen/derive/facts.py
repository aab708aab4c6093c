"""What was true on a given day: legal statuses, criminal proceedings, the dates a narrative mentions.

Forms report what held on the day they are sent; letters choose their wording by what holds on their date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Case
from ..model.kinds import lookup
from ..model.ofsted import ENDS, STARTS, ProceedingsStep, Step
from ..model.options import LegalStatus, YesNo, YesNoPossible
from ..model.people import DatedLegalStatus


def legal_status_on(statuses: Sequence[LegalStatus | DatedLegalStatus], day: dt.date) -> list[LegalStatus]:
    """The legal statuses that held on `day` (a status given without dates always holds); 'None' when none did.

    >>> ppo = DatedLegalStatus(status=LegalStatus.POLICE_PROTECTION_ORDER, since=dt.date(2026, 2, 21),
    ...                        until=dt.date(2026, 2, 24))
    >>> [s.value for s in legal_status_on([ppo], dt.date(2026, 2, 22))], legal_status_on([ppo], dt.date(2026, 2, 24))
    (['Police Protection Order'], [<LegalStatus.NONE: 'None'>])
    """
    held = [
        s.status if isinstance(s, DatedLegalStatus) else s
        for s in statuses
        if not isinstance(s, DatedLegalStatus) or s.holds_on(day)
    ]
    return [s for s in held if s is not LegalStatus.NONE] or [LegalStatus.NONE]


@dataclass(frozen=True)
class Proceedings:
    """Criminal proceedings as they stood on a day."""

    instigated: YesNoPossible
    """Charged: Yes; arrested or under investigation, no charge yet: Possible; otherwise No."""
    convicted: YesNo
    """Whether anyone had been convicted."""
    charged: tuple[str | None, ...]
    """Who had been charged (family member ids; None for a suspect the case does not name)."""
    under_way: bool
    """Whether any investigation or prosecution had started and not yet ended."""


def proceedings_on(steps: Iterable[ProceedingsStep], day: dt.date) -> Proceedings:
    """Where the proceedings stood on `day`: the steps dated after it did not happen yet.

    >>> steps = [ProceedingsStep(date=dt.date(2026, 2, 21), step=Step.ARRESTED, person="partner"),
    ...          ProceedingsStep(date=dt.date(2026, 2, 24), step=Step.CHARGED, person="partner")]
    >>> proceedings_on(steps, dt.date(2026, 2, 23)).instigated.value, proceedings_on(steps, dt.date(2026, 2, 25))
    ('Possible', Proceedings(instigated=<YesNoPossible.YES: 'Yes'>, convicted=<YesNo.NO: 'No'>, \
charged=('partner',), under_way=True))
    """
    taken = sorted((s for s in steps if s.date <= day), key=lambda s: s.date)
    latest: dict[str | None, Step] = {}
    for step in taken:
        latest[step.person] = step.step
    charged = tuple(dict.fromkeys(s.person for s in taken if s.step is Step.CHARGED))
    open_ = [step for step in latest.values() if step not in ENDS]
    started = any(step in STARTS or step is Step.CONVICTED for step in open_)
    if charged:
        instigated = YesNoPossible.YES
    elif started:
        instigated = YesNoPossible.POSSIBLE
    else:
        instigated = YesNoPossible.NO
    convicted = YesNo.YES if any(s.step is Step.CONVICTED for s in taken) else YesNo.NO
    return Proceedings(instigated, convicted, charged, started)


def reference_of(case: Case) -> str:
    """The reference a paper of the case as it stands carries: the referral's (when it has one) until the decision
    to hold a review is recorded, the review's from then."""
    decided = decision_of(case)
    if case.referral is not None and case.referral.reference and not (decided and decided.holds_review(case.framework)):
        return case.referral.reference
    return case.review.reference


def owned_reference(short_name: str, reference: str) -> str:
    """A reference after its board's short name ("WVSCB · REF-2026-003"), once: a reference that already begins
    with the short name ("MWSCB-REF-2026-09") is shown alone."""
    if reference.upper().startswith(short_name.upper()):
        return reference
    return f"{short_name} · {reference}"


def decision_of(case: Case) -> Any:
    """The case's record of the decision to hold the review, where the framework says it is (the chair's decision
    for the seed's procedure, a rapid review's outcome for a practice review); None while there is none."""
    return lookup(case, case.framework.decision)
