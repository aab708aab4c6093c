"""The chronology in the order the reports print it, each entry with the people it names."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import Case, ChronologyEntry
from .household import Label, short_label


@dataclass(frozen=True)
class ChronologyRow:
    """One row of an Appendix V table: the entry, the people it concerns and who was seen."""

    entry: ChronologyEntry
    people: list[Label]
    seen: str
    """'Seen: Isabella (subject child), Jac (half-brother)', or 'Child not seen'."""

    @property
    def kept_whole(self) -> bool:
        """Whether the row is short enough to be kept on one page: a row split at the foot of a page would leave a
        fragment there (its date and agency, its narrative overleaf); a row longer than a page still breaks, under
        the repeated header.

        >>> import datetime as dt
        >>> from docgen.model.chronology import ChronologyEntry
        >>> short = ChronologyEntry(date=dt.date(2025, 10, 7), agency="police", event="Arrest.")
        >>> ChronologyRow(short, [], "Child not seen").kept_whole, ChronologyRow(
        ...     short.model_copy(update={"comments": "x" * KEPT_WHOLE}), [], "Child not seen").kept_whole
        (True, False)
        """
        entry = self.entry
        narrative = (entry.event, entry.child_views, entry.response, entry.comments)
        return sum(len(text or "") for text in narrative) <= KEPT_WHOLE


KEPT_WHOLE = 2000
"""Characters of narrative (event, child's views, response, comments) up to which a row is moved whole to the
next page rather than split: about as much as a landscape page of the table holds, so a row that could fit on one
page is never split (the proof's `split-row` rule)."""


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
