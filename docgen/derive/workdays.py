"""Working days: Monday to Friday, less the bank holidays of a board's nation (the `holidays` package).

England and Wales share their bank holidays; Scotland and Northern Ireland have their own (2 January and
St Andrew's Day; St Patrick's Day and the Battle of the Boyne). One-off bank holidays (a state funeral, a
coronation) and substitute days for a Christmas at a weekend are included.
"""

from __future__ import annotations

import calendar
import datetime as dt
from functools import cache

from ..errors import NotSupportedError
from ..model.board import Nation

_SUBDIVISIONS = {Nation.ENGLAND_AND_WALES: "ENG", Nation.SCOTLAND: "SCT", Nation.NORTHERN_IRELAND: "NIR"}


@cache
def _bank_holidays(nation: Nation, year: int) -> frozenset[dt.date]:
    """The nation's bank holidays in a year; NotSupportedError for a year whose bank holidays are not known."""
    import holidays

    found = holidays.country_holidays("GB", subdiv=_SUBDIVISIONS[nation], years=year)
    first, last = getattr(found, "start_year", year), getattr(found, "end_year", year)
    if not first <= year <= last:
        raise NotSupportedError(
            f"working days cannot be counted in a year whose bank holidays are not known (those of {first} to "
            f"{last} are)"
        )
    return frozenset(found)


def is_working_day(day: dt.date, nation: Nation = Nation.ENGLAND_AND_WALES) -> bool:
    """Monday to Friday and not a bank holiday.

    >>> is_working_day(dt.date(2026, 4, 6))  # Easter Monday
    False
    >>> is_working_day(dt.date(2026, 4, 6), Nation.SCOTLAND)  # not a bank holiday in Scotland
    True
    """
    return day.weekday() < 5 and day not in _bank_holidays(nation, day.year)


def add_working_days(start: dt.date, count: int, nation: Nation = Nation.ENGLAND_AND_WALES) -> dt.date:
    """The `count`th working day after `start` (before it when negative); `start` itself is not counted.

    `count` 0 is `start` itself, whatever day it is.

    >>> add_working_days(dt.date(2026, 3, 27), 5)  # a Friday; Good Friday and Easter Monday skipped
    datetime.date(2026, 4, 7)
    >>> add_working_days(dt.date(2026, 4, 7), -5)
    datetime.date(2026, 3, 27)
    """
    step = 1 if count >= 0 else -1
    day, left = start, abs(count)
    while left:
        day += dt.timedelta(days=step)
        left -= is_working_day(day, nation)
    return day


def add_months(start: dt.date, count: int) -> dt.date:
    """The same day `count` calendar months later (earlier when negative); the month's last day when it is
    shorter.

    >>> add_months(dt.date(2026, 8, 31), 6)
    datetime.date(2027, 2, 28)
    """
    month_index = start.year * 12 + start.month - 1 + count
    year, month = divmod(month_index, 12)
    return dt.date(year, month + 1, min(start.day, calendar.monthrange(year, month + 1)[1]))
