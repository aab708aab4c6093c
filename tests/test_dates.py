"""Dates and ages the British way."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.text.dates import age_on, chronology_date, form_date, long_date


def test_formats() -> None:
    day = dt.date(2026, 3, 7)
    assert (long_date(day), form_date(day), chronology_date(day)) == ("7 March 2026", "07/03/2026", "07/03/26")
    assert long_date(None) == form_date(None) == chronology_date(None) == age_on(None, day) == ""


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [
        ("2016-02-19", "2026-02-21", "10 years"),
        ("2021-02-21", "2026-02-21", "5 years"),
        ("2021-02-22", "2026-02-21", "4 years 11 months"),
        ("2023-05-18", "2026-02-21", "2 years 9 months"),
        ("2023-05-03", "2026-05-02", "2 years 11 months"),
        ("2023-05-03", "2026-05-03", "3 years"),
        ("2025-01-31", "2026-02-28", "1 year"),
        ("2024-12-01", "2026-02-28", "1 year 2 months"),
        ("2025-02-01", "2026-01-31", "11 months"),
        ("2026-01-01", "2026-02-01", "1 month"),
        ("2026-02-01", "2026-02-20", "2 weeks"),
        ("2026-02-18", "2026-02-20", "2 days"),
        ("2026-03-01", "2026-02-20", "not yet born"),
    ],
)
def test_age_on(born: str, on: str, age: str) -> None:
    assert age_on(dt.date.fromisoformat(born), dt.date.fromisoformat(on)) == age
