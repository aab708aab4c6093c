"""Working days, hand-counted across Christmas and New Year, Easter and a one-off bank holiday."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.derive.workdays import add_months, add_working_days, is_working_day
from docgen.model.board import Nation

D = dt.date
EW, SCOTLAND, NI = Nation.ENGLAND_AND_WALES, Nation.SCOTLAND, Nation.NORTHERN_IRELAND


@pytest.mark.parametrize(
    ("start", "count", "nation", "expected"),
    [
        # Wed 23 Dec 2026: Thu 24 (1); Christmas Fri 25, weekend, Boxing Day observed Mon 28; Tue 29 (2) …
        (D(2026, 12, 23), 1, EW, D(2026, 12, 24)),
        (D(2026, 12, 23), 2, EW, D(2026, 12, 29)),
        # … Wed 30 (3), Thu 31 (4); New Year's Day Fri 1 Jan, weekend; Mon 4 Jan (5)
        (D(2026, 12, 23), 5, EW, D(2027, 1, 4)),
        # Scotland: 2 January (a Saturday in 2027) is also a holiday, observed Monday 4 January
        (D(2026, 12, 23), 5, SCOTLAND, D(2027, 1, 5)),
        # Easter 2026: Good Friday 3 April and Easter Monday 6 April in England and Wales
        (D(2026, 4, 2), 1, EW, D(2026, 4, 7)),
        (D(2026, 4, 2), 1, NI, D(2026, 4, 7)),
        # Easter Monday is not a bank holiday in Scotland
        (D(2026, 4, 2), 1, SCOTLAND, D(2026, 4, 6)),
        # counting back over Easter
        (D(2026, 4, 7), -1, EW, D(2026, 4, 2)),
        (D(2026, 4, 7), -5, EW, D(2026, 3, 27)),
        (D(2026, 3, 27), 5, EW, D(2026, 4, 7)),
        # the state funeral of 19 September 2022 was a bank holiday
        (D(2022, 9, 16), 1, EW, D(2022, 9, 20)),
        # nought: the day itself, even a Saturday
        (D(2026, 3, 14), 0, EW, D(2026, 3, 14)),
        # from a Saturday, the first working day is Monday
        (D(2026, 3, 14), 1, EW, D(2026, 3, 16)),
    ],
)
def test_add_working_days(start: dt.date, count: int, nation: Nation, expected: dt.date) -> None:
    assert add_working_days(start, count, nation) == expected


def test_working_days_by_nation() -> None:
    assert not is_working_day(D(2026, 3, 17), NI)  # St Patrick's Day
    assert is_working_day(D(2026, 3, 17), EW)
    assert not is_working_day(D(2026, 11, 30), SCOTLAND)  # St Andrew's Day, a Monday in 2026
    assert is_working_day(D(2026, 11, 30), EW)
    assert not is_working_day(D(2026, 8, 3), SCOTLAND) and is_working_day(D(2026, 8, 3), EW)
    assert not is_working_day(D(2026, 8, 31), EW) and is_working_day(D(2026, 8, 31), SCOTLAND)


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (D(2026, 8, 31), 6, D(2027, 2, 28)),
        (D(2027, 8, 31), 6, D(2028, 2, 29)),
        (D(2026, 3, 13), 6, D(2026, 9, 13)),
        (D(2026, 1, 31), -2, D(2025, 11, 30)),
        (D(2026, 11, 15), 2, D(2027, 1, 15)),
    ],
)
def test_add_months(start: dt.date, count: int, expected: dt.date) -> None:
    assert add_months(start, count) == expected
