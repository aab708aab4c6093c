"""The register as a workbook: a sheet for the reviews, one for the recommendations, one for the year's figures
and, when any case file did not validate, one listing them; each with a frozen header row, filters and column
widths from one column specification."""

from __future__ import annotations

import dataclasses
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ...derive.columns import Column
from ..workbooks.exporting import as_text
from . import Register

REVIEWS: tuple[Column, ...] = (
    Column("reference", "Reference", 0.09),
    Column("framework", "Framework", 0.07),
    Column("review_type", "Review type", 0.1),
    Column("subject", "Subject", 0.07),
    Column("stage", "Stage", 0.13),
    Column("next_deadline", "Next deadline", 0.07, wrap=False),
    Column("next_step", "Next step", 0.13),
    Column("owner", "Owner", 0.11),
    Column("overdue", "Overdue steps", 0.15),
    Column("publication", "Publication", 0.08),
)
"""The register of reviews."""
RECOMMENDATIONS: tuple[Column, ...] = (
    Column("reference", "Review", 0.08),
    Column("source", "Report", 0.06),
    Column("number", "No.", 0.04, wrap=False),
    Column("recommendation", "Recommendation", 0.17),
    Column("agency", "Agency", 0.07),
    Column("theme", "Theme", 0.06),
    Column("lead", "Lead", 0.07),
    Column("action", "Action", 0.12),
    Column("timescale", "Timescale", 0.06),
    Column("status", "Status (RAG)", 0.06, wrap=False),
    Column("overdue", "Overdue", 0.04, wrap=False),
    Column("evidence", "Evidence", 0.1),
    Column("not_implemented", "Why not implemented", 0.07),
)
"""The recommendations tracker."""
UNREADABLE: tuple[Column, ...] = (Column("file", "Case file", 0.25), Column("problems", "Problems", 0.75))
WIDTH = 260
"""Characters across a sheet's columns."""
_HEADER = PatternFill("solid", fgColor="E8EDF4")
STATUS_SHADES = {"RED": "f4c7c3", "AMBER": "fce8b2", "GREEN": "b7e1cd", "Completed": "b7e1cd"}
"""A recommendation's status as the action plan shades its traffic light (hex RGB)."""


def register_workbook(register: Register) -> bytes:
    """The register as XLSX bytes."""
    book = Workbook()
    reviews = book.active
    assert reviews is not None
    reviews.title = "Reviews"
    rows = [{**dataclasses.asdict(e), "overdue": "\n".join(e.overdue)} for e in register.reviews]
    _sheet(reviews, REVIEWS, rows)
    tracker = book.create_sheet("Recommendations")
    rows = [{**dataclasses.asdict(e), "overdue": "Yes" if e.overdue else ""} for e in register.recommendations]
    _sheet(tracker, RECOMMENDATIONS, rows)
    status = next(i for i, column in enumerate(RECOMMENDATIONS, start=1) if column.key == "status")
    for row in range(2, len(rows) + 2):
        cell = tracker.cell(row, status)
        if (shade := STATUS_SHADES.get(str(cell.value))) is not None:
            cell.fill = PatternFill("solid", fgColor=shade.upper())
    _figures(book.create_sheet("Annual figures"), register)
    if register.unreadable:
        _sheet(book.create_sheet("Not read"), UNREADABLE, [dataclasses.asdict(u) for u in register.unreadable])
    book.properties.title = f"Register of reviews on {register.on:%d/%m/%Y}"
    book.properties.keywords = "NAMED – for the board's own use" if register.named else "Anonymised"
    as_text(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet(sheet: Worksheet, columns: tuple[Column, ...], rows: list[dict[str, object]]) -> None:
    sheet.append([column.heading for column in columns])
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(1, index)
        cell.font, cell.fill = Font(bold=True), _HEADER
        sheet.column_dimensions[get_column_letter(index)].width = round(column.width * WIDTH, 1)
    for row in rows:
        sheet.append([row[column.key] for column in columns])
    for line in sheet.iter_rows(min_row=2):
        for cell, column in zip(line, columns, strict=True):
            cell.alignment = Alignment(wrap_text=column.wrap, vertical="top")
            if column.key in ("next_deadline", "due"):
                cell.number_format = "dd/mm/yyyy"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, len(rows)) + 1}"


def _figures(sheet: Worksheet, register: Register) -> None:
    figures = register.figures
    sheet.append(["Figure", "Value", "Reviews"])
    sheet.append(["Financial year", figures.year, None])
    for name, count, references in figures.counts:
        sheet.append([name, count, ", ".join(references)])
    for reference, number, reason in figures.not_implemented:
        sheet.append([f"Not implemented: {reference} {number}", "", reason])
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), _HEADER
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 36, 12
    sheet.column_dimensions["C"].width = 90
    sheet.freeze_panes = "A2"
