"""The chronology in the order the reports print it, each entry with the people it names."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import Case, ChronologyEntry
from ..model.common import CHILD
from ..passes.aliases import Target
from ..passes.prose import described
from .household import Label, short_label
from .letters.addressing import plain_list


@dataclass(frozen=True)
class ChronologyRow:
    """One row of an Appendix V table: the entry, the people it concerns and who was seen."""

    entry: ChronologyEntry
    people: list[Label]
    seen: str
    """'Seen: Isabella (subject child), Jac (half-brother)', or 'Isabella not seen'."""

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
            seen_text(
                [short_label(case, person, anonymised).text for person in entry.seen],
                entry.child_seen,
                case.subject.first_name,
            ),
        )
        for entry in entries
    ]


def seen_text(seen: list[str], child_seen: bool, child: str) -> str:
    """Who was seen, saying so, by the child's name, when the child was not (a brother or sister seen is not the
    child).

    >>> seen_text([], False, "Isabella")
    'Isabella not seen'
    >>> seen_text(["Siân (mother)"], False, "Isabella")
    'Seen: Siân (mother); Isabella not seen'
    >>> seen_text(["Isabella (subject child)", "Jac (half-brother)"], True, "Isabella")
    'Seen: Isabella (subject child), Jac (half-brother)'
    """
    if not seen:
        return f"{child} not seen"
    return f"Seen: {', '.join(seen)}" + ("" if child_seen else f"; {child} not seen")


def seen_and_heard(case: Case, entries: list[ChronologyEntry], anonymised: bool) -> str:
    """How often the chronology saw the child and recorded the child's views, the views of a brother or sister
    counted as theirs (`views_of`), not the child's.

    >>> import datetime as dt
    >>> from docgen.model.chronology import ChronologyEntry
    >>> seen = ChronologyEntry(date=dt.date(2025, 1, 6), agency="gp", event="Visit.", seen=["child"],
    ...                        child_views="Said hello.")
    >>> seen_and_heard(None, [seen, seen.model_copy(update={"seen": []})], anonymised=True)
    "The child was seen on 1 of the 2 occasions recorded; the child's views were recorded on 2."
    """
    counts: dict[str, int] = {}
    for entry in entries:
        if entry.child_views:
            counts[entry.views_of] = counts.get(entry.views_of, 0) + 1
    seen = sum(entry.child_seen for entry in entries)
    sentence = f"The child was seen on {seen} of the {len(entries)} occasions recorded; the child's views were"
    sentence += f" recorded on {counts.pop(CHILD, 0)}"
    others = [f"{_whose(case, person, anonymised)} on {count}" for person, count in counts.items()]
    if others:
        sentence += f", and those of {plain_list(others)}"
    return sentence + "."


def _whose(case: Case, person: str, anonymised: bool) -> str:
    """A brother or sister as a sentence names them: 'Evie (half-sister)'; anonymised 'the half-sister'."""
    label = short_label(case, person, anonymised).text
    owner = f"family[{[member.id for member in case.family].index(person)}]"
    return described("of ", label, "", " on", Target(label, (owner,), "name")) if anonymised else label
