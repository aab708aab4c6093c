"""The board's register of all its reviews: every review at a glance (stage, next deadline and its owner, overdue
steps, publication), every recommendation tracked across reviews, and the figures of the financial year for the
annual report; read from the case files of a folder, whatever their framework."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ...errors import CaseError
from ...passes.anonymise import anonymise_case
from ...text.folding import key
from .case_folder import Unreadable, read_cases
from .entries import (
    DESCRIBED,
    AnnualFigures,
    RecommendationEntry,
    ReviewEntry,
    annual_figures,
    recommendation_entries,
    review_entry,
)

__all__ = ["Register", "register"]


@dataclass(frozen=True)
class Register:
    """The register on a day: the reviews, the recommendations (overdue first), the year's figures, and the files
    that did not validate."""

    __pydantic_config__ = DESCRIBED

    on: dt.date
    """The day the register is given at."""
    named: bool
    """Whether people are named (the board's own use); else every text is anonymised as documents are."""
    reviews: list[ReviewEntry]
    """Each review: those with overdue steps first, then by their next deadline."""
    recommendations: list[RecommendationEntry]
    """Each recommendation and its action: overdue ones first."""
    figures: AnnualFigures
    """The figures of the financial year the day falls in, for the board's annual report."""
    unreadable: list[Unreadable]
    """The case files that did not validate or cannot yet be anonymised, with their problems."""


def register(
    paths: str | Path | Sequence[str | Path],
    on: dt.date | None = None,
    named: bool = False,
    agency: str | None = None,
    theme: str | None = None,
) -> Register:
    """The register of the case files given (`paths`: files, or folders whose case files below them are read), as
    on `on` (today by default); every text of each case anonymised unless `named` (a case that cannot yet be
    anonymised is listed as not read, with the reason).
    The tracker keeps only the recommendations for `agency` (its name, or the lead's, in part) and under `theme`,
    when given."""
    day = on or dt.date.today()
    read, unreadable = read_cases(_as_paths(paths))
    cases = []
    for name, case in read:
        try:
            cases.append((name, case if named else anonymise_case(case)))
        except CaseError as error:
            unreadable.append(Unreadable(name, error.describe()))
    recommendations = [
        entry
        for _, case in cases
        for entry in recommendation_entries(case, day)
        if _matches(agency, entry.agency, entry.lead) and _matches(theme, entry.theme)
    ]
    return Register(
        on=day,
        named=named,
        reviews=sorted((review_entry(case, name, day) for name, case in cases), key=_soonest),
        recommendations=sorted(recommendations, key=lambda entry: (not entry.overdue, entry.reference)),
        figures=annual_figures([case for _, case in cases], day),
        unreadable=unreadable,
    )


def _soonest(entry: ReviewEntry) -> tuple[bool, dt.date, str]:
    """Reviews with overdue steps first, then by their next deadline."""
    return (not entry.overdue, entry.next_deadline or dt.date.max, entry.reference)


def _matches(wanted: str | None, *values: str) -> bool:
    """Whether a filter keeps a record: no filter, or the words in one of its values, case and accents aside.

    >>> _matches("police", "Elmvale Police", ""), _matches("health", "", "Head of Service"), _matches(None, "")
    (True, False, True)
    """
    return wanted is None or any(key(wanted) in key(value) for value in values)


def _as_paths(paths: str | Path | Sequence[str | Path]) -> list[Path]:
    """One path or several, as paths."""
    return [Path(paths)] if isinstance(paths, str | Path) else [Path(path) for path in paths]
