"""The chronology workbooks: the template an agency fills in, and the composite chronology for the panel.

Both have the same columns (`columns.CHRONOLOGY_SPREADSHEET`: headings and widths as in the reports), a frozen
header, wrapped text and drop-down lists of the case's people, professionals and agencies, so that a workbook
docgen wrote can be imported again unchanged.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ...derive import sorted_chronology
from ...derive.columns import CHRONOLOGY_SPREADSHEET
from ...model import Case, ChronologyEntry
from .sheet_names import SHEET, agency_labels, person_labels, professional_labels

DATE_FORMAT = "dd/mm/yy"
"""Appendix VI: dates as dd/mm/yy."""
APPROXIMATE_FORMAT = '"01/"mm/yy" (approx.)"'
"""A date known only to the month: day '01' as Appendix VI asks, marked approximate; the format shows no day of
its own, which is how an import knows the date is approximate."""
TIME_FORMAT = "hh:mm"
TEMPLATE_ROWS = 1000
"""Rows of a blank template that carry the drop-down lists and date checks."""
SPARE_ROWS = 200
"""Rows after an export's entries that carry them, for entries added by hand."""
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet program reads as the start of a formula when text begins with it."""
WIDTH = 294
"""Characters across all the columns: a column's share of it is its width in the column specification."""

HOW_TO = (
    "Write one significant event per row, from row 2 down, with no empty rows between entries.",
    "Date: dd/mm/yy. A date known only to the month: type the month and year (03/2025); it is entered as day 01 "
    "and marked approximate.",
    "Time: hh:mm on the 24-hour clock, where known.",
    "Child/Family Member: choose from the list; for several people, separate them with a semicolon (;). Empty "
    "means the child.",
    "Professional: choose from the list of the case's professionals.",
    "Seen: the child and family members seen, chosen from the list and separated by a semicolon (;); "
    "empty when no one was seen. Child's views: what the child said or showed, where sought or expressed; Whose "
    "views: empty for the child's own, or the brother or sister whose views they are, chosen from the list.",
    "Agency: choose from the list; a row without one is the agency the workbook is for.",
    "Type values in: no formulas and no merged cells. Columns may be moved, and columns of your own added; "
    "docgen reads the columns by their headings.",
)
"""How to fill in a template, as its guidance sheet says."""

_NAVY = "1D3F6E"
_HEADER_FILL = PatternFill("solid", fgColor="E8EDF4")
_THIN = Side(style="thin", color="555555")


def chronology_template(case: Case, agency: str) -> bytes:
    """A blank chronology workbook for one agency, with the guidance on a second sheet."""
    title = f"{case.review.reference} chronology – {case.agency(agency).short_name}"
    return _workbook(case, title, [], TEMPLATE_ROWS, guidance=True)


def chronology_export(case: Case, agency: str | None = None) -> bytes:
    """The composite chronology of every agency (or one agency's), merged in the Overview Report's order."""
    who = case.agency(agency).short_name if agency else "composite"
    entries = sorted_chronology(case.chronology, agency)
    return _workbook(case, f"{case.review.reference} chronology – {who}", entries, len(entries) + SPARE_ROWS)


def _workbook(case: Case, title: str, entries: Sequence[ChronologyEntry], rows: int, guidance: bool = False) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    _header(sheet)
    people, professionals, agencies = person_labels(case), professional_labels(case), agency_labels(case)
    for entry in entries:
        sheet.append(_row(entry, people, professionals, agencies))
    last = 1 + max(rows, len(entries))
    _format(sheet, last, entries)
    _lists(book, sheet, last, people.values(), professionals.values(), agencies.values())
    if entries:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(CHRONOLOGY_SPREADSHEET))}{1 + len(entries)}"
    if guidance:
        _guidance(book, case)
    book.properties.title = title
    book.properties.creator = case.board.name
    book.properties.lastModifiedBy = "docgen"
    as_text(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def as_text(book: Workbook) -> None:
    """Every text written as text, never as a formula: openpyxl takes one starting '=' for a formula, and a
    spreadsheet program would make one of text starting = + - @, a tab or a carriage return once edited, unless the
    cell keeps the quote prefix (Excel's leading apostrophe, which is not part of the text)."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
                    if cell.value.startswith(FORMULA_STARTS):
                        cell.quotePrefix = True


def _header(sheet: Worksheet) -> None:
    sheet.append([column.prompted for column in CHRONOLOGY_SPREADSHEET])
    for index, column in enumerate(CHRONOLOGY_SPREADSHEET, start=1):
        cell = sheet.cell(1, index)
        cell.font = Font(bold=True, color=_NAVY)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.border = Border(bottom=_THIN)
        sheet.column_dimensions[get_column_letter(index)].width = round(column.width * WIDTH, 1)
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    _landscape(sheet)
    _fit_height(sheet, 1)


def _row(
    entry: ChronologyEntry, people: dict[str, str], professionals: dict[str, str], agencies: dict[str, str]
) -> list[object]:
    values = {
        "date": entry.date,
        "time": entry.time,
        "subjects": "; ".join(people[s] for s in entry.subjects),
        "professional": professionals[entry.professional] if entry.professional else None,
        "event": entry.event,
        "seen": "; ".join(people[s] for s in entry.seen),
        "child_views": entry.child_views,
        "views_of": people[entry.views_of] if entry.child_views else None,
        "response": entry.response,
        "agency": agencies[entry.agency],
        "comments": entry.comments,
    }
    return [values[column.key] for column in CHRONOLOGY_SPREADSHEET]


def _format(sheet: Worksheet, last: int, entries: Sequence[ChronologyEntry]) -> None:
    """Wrapping, date and time formats for every row that carries the checks; approximate dates marked."""
    for index, column in enumerate(CHRONOLOGY_SPREADSHEET, start=1):
        for (cell,) in sheet.iter_rows(min_row=2, max_row=last, min_col=index, max_col=index):
            cell.alignment = Alignment(wrap_text=column.wrap, vertical="top")
            if column.key == "date":
                cell.number_format = DATE_FORMAT
            elif column.key == "time":
                cell.number_format = TIME_FORMAT
    for row, entry in enumerate(entries, start=2):
        if entry.approximate:
            sheet.cell(row, _index("date") + 1).number_format = APPROXIMATE_FORMAT
        _fit_height(sheet, row)


def _fit_height(sheet: Worksheet, row: int) -> None:
    """A row tall enough for its wrapped text (spreadsheet programs do not all fit rows when they open a file)."""
    lines = 1
    for cell in sheet[row]:
        width = sheet.column_dimensions[cell.column_letter].width or 10
        if isinstance(cell.value, str) and cell.alignment.wrap_text:
            per_line = max(int(width * 1.1) - 2, 1)
            lines = max(lines, sum(-(-max(len(part), 1) // per_line) for part in cell.value.split("\n")))
    if lines > 1:
        sheet.row_dimensions[row].height = min(15 * lines, 409)


def _landscape(sheet: Worksheet) -> None:
    """Printed on A4 landscape pages, the columns fitted across, as many pages down as it takes."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _lists(book: Workbook, sheet: Worksheet, last: int, *lists: Iterable[str]) -> None:
    """Drop-down lists of people, professionals and agencies (from a hidden sheet, so that long lists fit), and
    date and time checks."""
    hidden = book.create_sheet("Lists")
    hidden.sheet_state = "hidden"
    ranges = []
    for index, values in enumerate(lists, start=1):
        items = list(values)
        for row, value in enumerate(items, start=1):
            hidden.cell(row, index, value)
        letter = get_column_letter(index)
        ranges.append(f"{quote_sheetname(hidden.title)}!${letter}$1:${letter}${max(len(items), 1)}" if items else "")
    people, professionals, agencies = ranges
    checks = {
        "date": _between(
            "date",
            ("DATE(1900,1,1)", "DATE(2199,12,31)"),
            "Enter a date as dd/mm/yy, or a month and year (mm/yyyy) when the day is not known.",
        ),
        "time": _between("time", ("0", "0.999988"), "Enter a time as hh:mm (24-hour clock), or leave it empty."),
        "subjects": _choice(people, "Choose the child or a family member; separate several with a semicolon (;).")
        if people
        else None,
        "professional": _choice(professionals, "Choose one of the case's professionals.") if professionals else None,
        "seen": _choice(people, "Choose who was seen: the child or family members, separated by a semicolon (;).")
        if people
        else None,
        "views_of": _choice(people, "Choose whose views these are: the child, or a brother or sister.")
        if people
        else None,
        "agency": _choice(agencies, "Choose one of the case's agencies, written the same way throughout."),
    }
    for key, check in checks.items():
        if check is None:
            continue
        if key in ("subjects", "seen"):
            check.errorStyle = "warning"  # several people, separated by semicolons, are allowed
        check.allow_blank = True
        check.showErrorMessage = True
        letter = get_column_letter(_index(key) + 1)
        check.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(check)


def _between(kind: str, limits: tuple[str, str], error: str) -> DataValidation:
    return DataValidation(type=kind, operator="between", formula1=limits[0], formula2=limits[1], error=error)


def _choice(source: str, error: str) -> DataValidation:
    return DataValidation(type="list", formula1=source, error=error, showDropDown=False)


def _guidance(book: Workbook, case: Case) -> None:
    """The framework's guidance for chronologies (Appendix VI), and how to fill in the workbook."""
    sheet = book.create_sheet("Guidance", 1)
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 100
    _landscape(sheet)
    notes = [(note.heading, _plain(note.text)) for note in case.framework.chronology_guidance]
    notes.append(("How to fill in this workbook", "\n".join(f"• {line}" for line in HOW_TO)))
    for heading, text in notes:
        sheet.append([heading, text])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True, color=_NAVY)
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        _fit_height(sheet, sheet.max_row)


def _plain(markdown: str) -> str:
    """Guidance Markdown as a cell's text: emphasis dropped, list items as bullets."""
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", markdown.strip())
    return re.sub(r"^- ", "• ", text, flags=re.M)


def _index(key: str) -> int:
    return next(i for i, column in enumerate(CHRONOLOGY_SPREADSHEET) if column.key == key)
