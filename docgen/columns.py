"""Table columns, defined once for every format: headings, proportional widths, whether a cell may wrap.

The PDF's fixed table layout, the DOCX table builder and the spreadsheets all read the same specification,
so a chronology looks the same in Word, in a PDF and in Excel.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Column:
    """One column of a table."""

    key: str
    """What the column shows (a field of the row, e.g. 'date')."""
    heading: str
    """The heading as the seed's appendix prints it."""
    width: float
    """Share of the table's width; a table's columns add up to 1."""
    wrap: bool = True
    """False for values that must never break inside (dates, times, telephone numbers)."""


CHRONOLOGY: tuple[Column, ...] = (
    Column("date", "Date", 0.07, wrap=False),
    Column("time", "Time", 0.05, wrap=False),
    Column("subjects", "Child/Family Member", 0.11),
    Column("professional", "Professional e.g. Health Visitor/Social Worker", 0.12),
    Column("event", "Significant Events/Incidents and if child seen", 0.30),
    Column("agency", "Agency", 0.08),
    Column("comments", "Management Review Officer's Comments Including good practice", 0.27),
)
"""Appendix V: the chronology's columns, in the seed's order."""


def _shares(*columns: Column) -> tuple[Column, ...]:
    """Columns whose widths, relative to one another, become shares of the whole."""
    total = sum(column.width for column in columns)
    return tuple(replace(column, width=column.width / total) for column in columns)


CHRONOLOGY_SPREADSHEET: tuple[Column, ...] = _shares(
    replace(CHRONOLOGY[0], width=0.10),  # room for "01/08/24 (approx.)": a number format cannot wrap
    *CHRONOLOGY[1:5],
    Column("child_seen", "Child seen", 0.05, wrap=False),
    Column("child_views", "Child's views", 0.12),
    Column("response", "Response", 0.20),
    *CHRONOLOGY[5:],
)
"""The chronology spreadsheet: Appendix V's columns with Appendix VI's Response and the child seen and heard,
each in a column of its own so that a workbook holds every field of an entry."""

TIMETABLE: tuple[Column, ...] = (
    Column("number", "No.", 0.04, wrap=False),
    Column("timescale", "Timescale", 0.17),
    Column("action", "Action", 0.35),
    Column("responsible", "Person responsible", 0.18),
    Column("deadline", "Deadline", 0.08, wrap=False),
    Column("recorded", "Date recorded", 0.09, wrap=False),
    Column("status", "Status", 0.09),
)
"""Appendix XIII: the timetable's columns (Timescale, Action, Person responsible) with each step's deadline,
the date the case records for it and its status."""
