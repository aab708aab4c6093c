"""What was true on a given day: legal statuses, criminal proceedings, the dates a narrative mentions.

Forms report what held on the day they are sent; letters choose their wording by what holds on their date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Case
from ..model.kinds import lookup
from ..model.ofsted import ENDS, STARTS, ProceedingsStep, Step
from ..model.options import LegalStatus, YesNo, YesNoPossible
from ..model.people import DatedLegalStatus

_MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
}
_MONTH = "|".join(_MONTHS)
_DATE = re.compile(
    rf"\b(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<month>{_MONTH})\s+(?P<year>(?:19|20)\d\d)\b"
    r"|\b(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>(?:19|20)\d\d)\b"
    r"|\b(?P<iy>(?:19|20)\d\d)-(?P<im>\d\d)-(?P<id>\d\d)\b",
    re.IGNORECASE,
)


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


def dates_mentioned(text: str) -> list[dt.date]:
    """The dates a narrative names: '12 March 2026', 'March 2026' (its first day), '12/03/2026', '2026-03-12'.

    >>> [d.isoformat() for d in dates_mentioned("Seen on 3rd May 2026 and in June 2026; review 01/07/2026.")]
    ['2026-05-03', '2026-06-01', '2026-07-01']
    """
    found = []
    for match in _DATE.finditer(text):
        try:
            if match["month"]:
                found.append(dt.date(int(match["year"]), _MONTHS[match["month"].lower()], int(match["day"] or 1)))
            elif match["d"]:
                found.append(dt.date(int(match["y"]), int(match["m"]), int(match["d"])))
            else:
                found.append(dt.date(int(match["iy"]), int(match["im"]), int(match["id"])))
        except ValueError:  # 31 February: not a date
            continue
    return found


def decision_of(case: Case) -> Any:
    """The case's record of the decision to hold the review, where the framework says it is (the chair's decision
    for the seed's procedure, a rapid review's outcome for a practice review); None while there is none."""
    return lookup(case, case.framework.decision)
