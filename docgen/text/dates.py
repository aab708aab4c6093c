"""Dates and ages the British way, as the seed's documents print them."""

from __future__ import annotations

import datetime as dt


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


def _count(count: int, unit: str) -> str:
    return f"{count} {unit}{'' if count == 1 else 's'}"
