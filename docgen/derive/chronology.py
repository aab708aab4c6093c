"""The chronology in the order the reports print it, each entry with the people it names."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import Case, ChronologyEntry
from .people import Label, short_label


@dataclass(frozen=True)
class ChronologyRow:
    """One row of an Appendix V table: the entry, the people it concerns and who was seen."""

    entry: ChronologyEntry
    people: list[Label]
    seen: str
    """'Seen: Isabella (subject child), Jac (half-brother)', or 'Child not seen'."""


def sorted_chronology(entries: list[ChronologyEntry], agency: str | None = None) -> list[ChronologyEntry]:
    """Entries in date and time order (an entry without a time first on its day); ties keep file order."""
    chosen = [e for e in entries if agency is None or e.agency == agency]
    return sorted(chosen, key=lambda e: (e.date, e.time or dt.time.min))


def chronology_rows(case: Case, entries: list[ChronologyEntry], anonymised: bool) -> list[ChronologyRow]:
    """The rows of a chronology table, people by their short labels."""
    return [
        ChronologyRow(
            entry,
            [short_label(case, person, anonymised) for person in entry.subjects],
            seen_text([short_label(case, person, anonymised).text for person in entry.seen], entry.child_seen),
        )
        for entry in entries
    ]


def seen_text(seen: list[str], child_seen: bool) -> str:
    """Who was seen, saying so when the child was not.

    >>> seen_text([], False)
    'Child not seen'
    >>> seen_text(["Siân (mother)"], False)
    'Seen: Siân (mother); child not seen'
    >>> seen_text(["Isabella (subject child)", "Jac (half-brother)"], True)
    'Seen: Isabella (subject child), Jac (half-brother)'
    """
    if not seen:
        return "Child not seen"
    return f"Seen: {', '.join(seen)}" + ("" if child_seen else "; child not seen")
