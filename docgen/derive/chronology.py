"""The chronology in the order the reports print it."""

from __future__ import annotations

import datetime as dt

from ..model import ChronologyEntry


def sorted_chronology(entries: list[ChronologyEntry], agency: str | None = None) -> list[ChronologyEntry]:
    """Entries in date and time order (an entry without a time first on its day); ties keep file order."""
    chosen = [e for e in entries if agency is None or e.agency == agency]
    return sorted(chosen, key=lambda e: (e.date, e.time or dt.time.min))
