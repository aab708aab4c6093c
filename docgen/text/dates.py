"""Dates and ages the British way, as the seed's documents print them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator


def long_date(value: dt.date | None) -> str:
    """26 November 2026."""
    return f"{value.day} {value:%B %Y}" if value else ""


def form_date(value: dt.date | None) -> str:
    """26/11/2026, as the seed's forms ask (dd/mm/yyyy)."""
    return f"{value:%d/%m/%Y}" if value else ""


def chronology_date(value: dt.date | None) -> str:
    """26/11/26, as Appendix VI asks for chronologies (dd/mm/yy)."""
    return f"{value:%d/%m/%y}" if value else ""


def age_on(born: dt.date | None, on: dt.date | None) -> str:
    """Age on a date, one way everywhere: years and months under five, years from five.

    '10 years', '2 years 9 months', '1 year', '9 months'; weeks or days under a month.
    """
    if not born or not on:
        return ""
    if born > on:
        return "not yet born"
    months = (on.year - born.year) * 12 + on.month - born.month - (on.day < born.day)
    if months >= 60:
        return _count(months // 12, "year")
    if months >= 12:
        years = _count(months // 12, "year")
        return f"{years} {_count(months % 12, 'month')}" if months % 12 else years
    if months:
        return _count(months, "month")
    days = (on - born).days
    return _count(days // 7, "week") if days >= 7 else _count(days, "day")


def whole_years(born: dt.date, on: dt.date) -> int:
    """Someone's age in whole years on a day.

    >>> whole_years(dt.date(2014, 5, 9), dt.date(2026, 5, 8)), whole_years(dt.date(2014, 5, 9), dt.date(2026, 5, 9))
    (11, 12)
    """
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _count(count: int, unit: str) -> str:
    return f"{count} {unit}{'' if count == 1 else 's'}"


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


def dates_in(text: str) -> Iterator[tuple[dt.date, re.Match[str], bool]]:
    """Each date a text names, where, and whether it names a day: '12 March 2026', '12/03/2026', '2026-03-12', or
    'March 2026' (its first day, not a day named). '31 February' is no date."""
    for match in _DATE.finditer(text):
        if match["month"]:
            parts, named = (
                (int(match["year"]), _MONTHS[match["month"].lower()], int(match["day"] or 1)),
                bool(match["day"]),
            )
        elif match["d"]:
            parts, named = (int(match["y"]), int(match["m"]), int(match["d"])), True
        else:
            parts, named = (int(match["iy"]), int(match["im"]), int(match["id"])), True
        try:
            yield dt.date(*parts), match, named
        except ValueError:
            continue


def dates_mentioned(text: str) -> list[dt.date]:
    """The dates a narrative names: '12 March 2026', 'March 2026' (its first day), '12/03/2026', '2026-03-12'.

    >>> [d.isoformat() for d in dates_mentioned("Seen on 3rd May 2026 and in June 2026; review 01/07/2026.")]
    ['2026-05-03', '2026-06-01', '2026-07-01']
    """
    return [day for day, _, _ in dates_in(text)]


ADULT = 18
"""The age from which a person is no longer a child: letters write to them by title and surname, and a public
document gives their age by decade only."""


def under_age(born: dt.date, on: dt.date) -> bool:
    """Whether someone born that day is still a child on a day.

    >>> under_age(dt.date(2008, 5, 9), dt.date(2026, 5, 8)), under_age(dt.date(2008, 5, 9), dt.date(2026, 5, 9))
    (True, False)
    """
    return whole_years(born, on) < ADULT


def decade(years: int) -> str:
    """An adult's age as the decade it falls in, which alone does not point to one person.

    >>> decade(36), decade(19)
    ('30s', 'late teens')
    """
    return "late teens" if years < 20 else f"{years // 10 * 10}s"
