"""`internal-label`: docgen's own names for documents where a recipient reads them. The seed numbers the board's
letters ('Letter 1 – Request for further information' … 'Letter 7'); the number is the appendix's, not a
recipient's, and a numbered letter's title is printed on no letter, so either in a document (its Word title
among its properties) is docgen's name showing through. A kind's title that is not numbered is the heading the
document prints, and is left alone."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..model.kinds import DocumentKind
from ..text.folding import straight_quotes
from .findings import ProofFinding, Reading, excerpt
from .rulebook import proof_rule


def internal_names(kinds: Iterable[DocumentKind]) -> tuple[str, ...]:
    """The internal names of the kinds: each numbered letter's title and its number ('Letter 3'), longest first."""
    names: set[str] = set()
    for kind in kinds:
        if kind.appendix_label:
            names |= {kind.title, kind.appendix_label}
    return tuple(sorted(names, key=lambda name: (-len(name), name)))


@proof_rule(
    "internal-label", "docgen's internal names for documents ('Letter 5', a numbered letter's title) in a document"
)
def internal_labels(reading: Reading) -> Iterator[ProofFinding]:
    """Each internal name a document shows, the longest where names overlap, whichever quotes it is written with."""
    if not reading.internal_names:
        return
    names = (re.escape(straight_quotes(name)) for name in reading.internal_names)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(names) + r")(?!\w)")
    for page, text in reading.pages:
        for found in pattern.finditer(straight_quotes(text)):
            words = excerpt(text, found.start(), found.end())
            yield ProofFinding("internal-label", reading.file, page, words, "docgen's internal name for a document")
