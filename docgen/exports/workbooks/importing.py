"""Reading a filled chronology workbook into one agency's entries, every problem found by sheet, row and column.

A workbook an agency reorganised a little still reads: columns are found by their headings (common variations
too) wherever they are, and columns of its own are ignored. Nothing a problem quotes comes from the workbook's
cells: a chronology is confidential. The workbook's package is checked first (`package`), then read in
openpyxl's read-only mode, every row of it (not only those its `<dimension>` claims), within limits of rows and
columns, so a hostile file costs bounded time and memory and a damaged one loses no row unnoticed.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ...derive.columns import CHRONOLOGY_SPREADSHEET
from ...errors import UsageError
from ...limits import MAX_CELL_CHARS, MAX_CHRONOLOGY_ENTRIES, MAX_CHRONOLOGY_ROWS
from ...model import CHILD, Case, ChronologyEntry
from .cell_problems import DAMAGED, SheetProblem, WorkbookError, whole
from .package import SheetLayout, sheet_layout, workbook_bytes
from .sheet_names import SHEET, agency_lookup, key, person_lookup, professional_lookup

MAX_COLUMNS = 60
"""Columns read from the left: headings beyond are not looked for."""
HEADER_ROWS = 10
"""The rows the header is looked for in (a title may stand above it)."""

ALIASES: dict[str, tuple[str, ...]] = {
    "date": ("date", "datetime", "eventdate", "dateofevent"),
    "time": ("time",),
    "subjects": ("childfamilymember", "childorfamilymember", "familymember", "subject", "person", "who"),
    "professional": ("professional", "practitioner", "worker", "staffmember"),
    "event": ("significantevent", "event", "incident", "whathappened"),
    "seen": ("whowasseen", "seen", "childseen", "wasthechildseen"),
    "child_views": ("childsviews", "childviews", "viewsofthechild", "voiceofthechild"),
    "views_of": ("whoseviews", "viewsof"),
    "response": ("response", "agencyresponse", "actiontaken", "actions"),
    "agency": ("agency", "organisation", "organization"),
    "comments": ("managementreviewofficer", "comment", "mrocomment", "authorscomment", "imrauthorscomment"),
}
"""Folded headings (and their beginnings) that name each column: the template's own, and common variations."""


def read_chronology(case: Case, path: Path, agency: str) -> list[dict[str, Any]]:
    """The agency's entries in a filled workbook, as case-file data in row order (none for a workbook without
    entries); WorkbookError otherwise."""
    if agency not in {a.id for a in case.agencies}:
        known = ", ".join(a.id for a in case.agencies)
        raise UsageError(f"the case has no agency '{agency}' (it has: {known})")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", module=r"openpyxl\.")  # of parts it cannot use: said here, if at all
        try:
            return _read(case, str(path), workbook_bytes(path), agency)
        except WorkbookError:
            raise
        except Exception:  # a damaged part of the file, met while reading it
            raise whole(str(path), DAMAGED) from None


def _read(case: Case, source: str, data: bytes, agency: str) -> list[dict[str, Any]]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    try:
        sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
        layout = sheet_layout(data, sheet._worksheet_path, MAX_COLUMNS)
        if not layout.rows_with_values:
            return []
        sheet.reset_dimensions()  # read every row, whatever the sheet says its size is
        rows = _Tally(sheet.iter_rows(max_col=MAX_COLUMNS))
        header_row, columns = _header(source, sheet.title, rows)
        problems = _merged(sheet.title, layout, header_row)
        reader = _RowReader(case, agency, sheet.title, columns)
        entries: list[dict[str, Any]] = []
        for number, cells in enumerate(rows, start=header_row + 1):
            if number - header_row > MAX_CHRONOLOGY_ROWS:
                raise _too_many(source, sheet.title, f"more than {MAX_CHRONOLOGY_ROWS:,} rows below its header")
            if all(_blank(cell.value) for cell in cells):
                continue
            if len(entries) == MAX_CHRONOLOGY_ENTRIES:
                raise _too_many(source, sheet.title, f"more than {MAX_CHRONOLOGY_ENTRIES:,} entries")
            entries.append(reader.entry(number, cells))
        problems += reader.problems
    finally:
        book.close()
    _check_all_read(source, layout, rows.with_values)
    if problems:
        raise WorkbookError(source, problems)
    return entries


class _Tally:
    """A sheet's rows, counting those that hold a value as they pass."""

    def __init__(self, rows: Iterator[tuple[Any, ...]]):
        self.rows = rows
        self.with_values = 0

    def __iter__(self) -> _Tally:
        return self

    def __next__(self) -> tuple[Any, ...]:
        cells = next(self.rows)
        if any(cell.value is not None for cell in cells):
            self.with_values += 1
        return cells


def _check_all_read(source: str, layout: SheetLayout, read: int) -> None:
    """Every row with a value was read: openpyxl passes over a row numbered out of order, or repeated."""
    held = layout.rows_with_values
    if read != held:
        raise whole(
            source,
            f"it holds {held:,} rows with values but {'only ' if read < held else ''}{read:,} could be read (rows "
            "numbered out of order or repeated?): open it in Excel and save it again",
        )


def _too_many(source: str, sheet: str, what: str) -> WorkbookError:
    message = (
        f"it has {what}; a chronology summarises the significant events (Appendix VI): remove empty or "
        "formatted rows below the entries, or split it"
    )
    return WorkbookError(source, [SheetProblem(message, sheet)])


@dataclass(frozen=True)
class _Column:
    key: str
    index: int
    label: str
    """'E (Significant Events/Incidents and if child seen)'."""


def _header(source: str, sheet: str, rows: Iterator[tuple[Any, ...]]) -> tuple[int, list[_Column]]:
    """The header row (the first with a date and an event column) and the columns it names."""
    from openpyxl.utils import get_column_letter

    for number, cells in enumerate(rows, start=1):
        found: dict[str, list[_Column]] = {}
        for index, cell in enumerate(cells):
            heading = str(cell.value).strip() if isinstance(cell.value, str) else ""
            if (column_key := _column_key(heading)) is not None:
                short = heading if len(heading) <= 60 else heading[:57] + "…"
                found.setdefault(column_key, []).append(
                    _Column(column_key, index, f"{get_column_letter(index + 1)} ({short})")
                )
        if "date" in found and "event" in found:
            twice = [columns for columns in found.values() if len(columns) > 1]
            if twice:
                names = " and ".join(c.label for c in twice[0])
                message = f"columns {names} have the same meaning; keep one of them"
                raise WorkbookError(source, [SheetProblem(message, sheet, number)])
            return number, [columns[0] for columns in found.values()]
        if number == HEADER_ROWS:
            break
    date, event = CHRONOLOGY_SPREADSHEET[0].prompted, _heading("event")
    message = f"no row among its first {HEADER_ROWS} has the headings '{date}' and '{event}'"
    raise WorkbookError(source, [SheetProblem(message, sheet)])


def _heading(column_key: str) -> str:
    return next(column.prompted for column in CHRONOLOGY_SPREADSHEET if column.key == column_key)


def _column_key(heading: str) -> str | None:
    """The column a heading names: the one with the longest alias it begins with ('Whose views' is not 'Who')."""
    folded = key(heading)
    begun = [(len(alias), name) for name, aliases in ALIASES.items() for alias in aliases if folded.startswith(alias)]
    return max(begun)[1] if folded and begun else None


def _merged(sheet: str, layout: SheetLayout, header_row: int) -> list[SheetProblem]:
    """Merged cells below the header (one entry must be one row); a merged title above it is fine."""
    ranges = sorted({cells for cells, last in layout.merged if last > header_row})
    if not ranges:
        return []
    shown = ", ".join(ranges[:5]) + (" …" if len(ranges) > 5 else "")
    return [SheetProblem(f"it has merged cells ({shown}): unmerge them so that each entry is one row", sheet)]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _Invalid(ValueError):
    """A cell's value that cannot be read; the message says what is expected."""


class _RowReader:
    """Turns rows into entries, gathering every problem."""

    def __init__(self, case: Case, agency: str, sheet: str, columns: list[_Column]):
        self.agency = agency
        self.agency_name = case.agency(agency).short_name
        self.sheet = sheet
        self.columns = columns
        self.people = person_lookup(case)
        self.professionals = professional_lookup(case)
        self.agencies = agency_lookup(case)
        self.problems: list[SheetProblem] = []
        self.readers: dict[str, Callable[[Any], Any]] = {
            "date": _date,
            "time": _time,
            "subjects": self._subjects,
            "professional": self._professional,
            "event": _text,
            "seen": self._seen,
            "child_views": _text,
            "views_of": self._views_of,
            "response": _text,
            "agency": self._agency,
            "comments": _text,
        }

    def entry(self, row: int, cells: tuple[Any, ...]) -> dict[str, Any]:
        found = len(self.problems)
        values: dict[str, Any] = {}
        for column in self.columns:
            cell = cells[column.index] if column.index < len(cells) else None
            try:
                values[column.key] = self.readers[column.key](_value(cell))
            except _Invalid as error:
                self.problems.append(SheetProblem(str(error), self.sheet, row, column.label))
        for required, what in (("date", "the date"), ("event", "the significant event")):
            if required in values and values[required] is None:
                label = next(c.label for c in self.columns if c.key == required)
                self.problems.append(SheetProblem(f"{what} is missing", self.sheet, row, label))
        order = {column.label: column.index for column in self.columns}
        self.problems[found:] = sorted(self.problems[found:], key=lambda p: order.get(p.column or "", 0))
        entry = _entry(values, self.agency)
        if len(self.problems) > found:
            return entry
        try:
            ChronologyEntry.model_validate(entry)
        except ValidationError as error:
            for item in error.errors(include_url=False):
                self.problems.append(SheetProblem(f"not a valid entry ({item['msg']})", self.sheet, row))
        return entry

    def _subjects(self, value: Any) -> list[str] | None:
        names = [name for name in re.split(r"[;\n]", _text(value) or "") if name.strip()]
        found = [self.people.get(key(name)) for name in names]
        unknown = [str(i) for i, ident in enumerate(found, start=1) if ident is None]
        if unknown:
            which = "the person" if len(names) == 1 else f"person {', '.join(unknown)} of {len(names)}"
            raise _Invalid(f"{which} is not one of the case's people: choose from the list")
        return [ident for ident in found if ident is not None] or None

    def _seen(self, value: Any) -> list[str] | None:
        """Who was seen: people as in the Child/Family Member column; Yes or No (older templates) for the child."""
        try:
            return [CHILD] if _yes_no(value) else None
        except _Invalid:
            return self._subjects(value)

    def _views_of(self, value: Any) -> str | None:
        """Whose views the Child's views column gives: one person (the child when empty)."""
        people = self._subjects(value)
        if people and len(people) > 1:
            raise _Invalid("one person only: the child, or the brother or sister whose views these are")
        return people[0] if people else None

    def _professional(self, value: Any) -> str | None:
        text = _text(value)
        if text is None:
            return None
        if (ident := self.professionals.get(key(text))) is None:
            raise _Invalid("not one of the case's professionals: choose from the list")
        return ident

    def _agency(self, value: Any) -> str:
        text = _text(value)
        if text is None:
            return self.agency
        ident = self.agencies.get(key(text))
        if ident is None:
            raise _Invalid("not one of the case's agencies: choose from the list")
        if ident != self.agency:
            raise _Invalid(
                f"another agency's entry, but the workbook is being imported for {self.agency_name}: "
                "import each agency's entries with its own --agency"
            )
        return ident


def _value(cell: Any) -> Any:
    """A cell's value, or _Invalid for a formula or an error value."""
    if cell is None:
        return None
    kind = getattr(cell, "data_type", None)
    if kind == "f":
        raise _Invalid("holds a formula: type the value itself")
    if kind == "e":
        raise _Invalid("holds an error value (such as #REF!): type the value itself")
    value = cell.value
    if isinstance(value, dt.datetime | dt.date) and not _shows_day(getattr(cell, "number_format", "")):
        return _Month(value.year, value.month, 1)
    return _lines(value) if isinstance(value, str) else value


_ESCAPED_CONTROL = re.compile(r"_x(00[01][0-9A-Fa-f])_")
"""A control character as a workbook's XML writes it (`_x000B_`), where XML itself cannot hold one."""
_LINE_BREAK = re.compile("\r\n?|[\x0b\x0c\x85\u2028]")
"""Carriage returns, vertical tabs (Word's line break), form feeds (its page break), next line, line separator."""
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")


def _lines(text: str) -> str:
    """A cell's text with its line breaks as newlines (a paragraph separator as an empty line); _Invalid when it
    holds another control character (never quoted: it is the cell's content)."""
    text = _ESCAPED_CONTROL.sub(lambda match: chr(int(match[1], 16)), text)
    text = _LINE_BREAK.sub("\n", text).replace("\u2029", "\n\n")
    if _CONTROL.search(text):
        raise _Invalid("holds a control character, which a chronology cannot hold: delete it")
    return text


class _Month(dt.date):
    """A date known only to its month: the cell's format shows no day."""


def _shows_day(number_format: str) -> bool:
    """Whether a number format shows the day of the month (quoted text and [sections] aside)."""
    codes = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", number_format or "").lower()
    return "d" in codes or not ("m" in codes and "y" in codes)


_DATE_FORMATS = ("%d/%m/%y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y", "%d-%m-%Y", "%d %B %Y", "%d %b %Y")
_MONTH_FORMATS = ("%m/%Y", "%m/%y", "%Y-%m", "%B %Y", "%b %Y")


def _date(value: Any) -> dt.date | None:
    """A date: a date cell, or text dd/mm/yy (and close variations); a month and year alone is approximate."""
    if _blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        for formats, month_only in ((_DATE_FORMATS, False), (_MONTH_FORMATS, True)):
            for pattern in formats:
                try:
                    parsed = dt.datetime.strptime(text, pattern).date()
                except ValueError:
                    continue
                return _Month(parsed.year, parsed.month, 1) if month_only else parsed
    raise _Invalid("not a date: write it as dd/mm/yy (a month and year alone as mm/yyyy)")


def _time(value: Any) -> dt.time | None:
    """A time: a time cell, or text hh:mm."""
    if _blank(value):
        return None
    if isinstance(value, dt.datetime):
        value = value.time()
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, float | int) and 0 <= value < 1:  # a day's fraction, in a cell without a time format
        minutes = round(value * 24 * 60)
        return dt.time(minutes // 60 % 24, minutes % 60)
    if isinstance(value, str) and (match := re.fullmatch(r"\s*(\d{1,2})[:.](\d{2})\s*", value)):
        hours, minutes = int(match[1]), int(match[2])
        if hours < 24 and minutes < 60:
            return dt.time(hours, minutes)
    raise _Invalid("not a time: write it as hh:mm on the 24-hour clock")


def _text(value: Any) -> str | None:
    if _blank(value):
        return None
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime | dt.date):
        return f"{value:%d/%m/%y}"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if len(text) > MAX_CELL_CHARS:
        raise _Invalid(f"longer than {MAX_CELL_CHARS:,} characters")
    return text


def _yes_no(value: Any) -> bool:
    if _blank(value):
        return False
    if isinstance(value, bool):
        return value
    folded = key(str(value))
    if folded in {"yes", "y", "true", "1"}:
        return True
    if folded in {"no", "n", "false", "0"}:
        return False
    raise _Invalid("should be Yes or No")


def _entry(values: dict[str, Any], agency: str) -> dict[str, Any]:
    """An entry as the case file writes it: fields in the model's order, defaults left out."""
    day = values.get("date")
    time = values.get("time")
    entry: dict[str, Any] = {
        "date": f"{day:%Y-%m}" if isinstance(day, _Month) else day,
        "time": f"{time:%H:%M}" if time else None,
        "agency": values.get("agency") or agency,
        "subjects": values.get("subjects") or [CHILD],
        "professional": values.get("professional"),
        "event": values.get("event"),
        "seen": values.get("seen") or None,
        "child_views": values.get("child_views"),
        "views_of": values.get("views_of") if values.get("views_of") != CHILD else None,
        "response": values.get("response"),
        "comments": values.get("comments"),
    }
    return {name: value for name, value in entry.items() if value is not None}
