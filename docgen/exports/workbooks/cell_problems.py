"""What is wrong with a workbook, said by sheet, row and column, never quoting a cell (a chronology is confidential)."""

from __future__ import annotations

from dataclasses import dataclass

from ...errors import UsageError


@dataclass(frozen=True)
class SheetProblem:
    """One thing wrong in a workbook: where, and what, in plain words."""

    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    """The column's letter and heading, e.g. "A (Date)"."""

    def describe(self) -> str:
        where = [f"sheet {self.sheet}" if self.sheet else "", f"row {self.row}" if self.row else ""]
        where.append(f"column {self.column}" if self.column else "")
        place = ", ".join(part for part in where if part)
        return f"{place}: {self.message}" if place else self.message


class WorkbookError(UsageError):
    """A workbook that cannot be imported; the case file was not changed."""

    def __init__(self, file: str, problems: list[SheetProblem]):
        super().__init__(file)
        self.file = file
        self.problems = problems

    def describe(self) -> str:
        if len(self.problems) == 1 and self.problems[0].sheet is None:
            return f"{self.file} cannot be imported: {self.problems[0].message}; the case file is unchanged"
        count = len(self.problems)
        head = (
            f"{self.file} cannot be imported ({count} problem{'s' if count > 1 else ''}); the case file is unchanged:"
        )
        return "\n".join([head, *(f"  - {p.describe()}" for p in self.problems)])


def whole(file: str, message: str) -> WorkbookError:
    """A problem with the workbook as a whole (not one sheet's)."""
    return WorkbookError(file, [SheetProblem(message)])


DAMAGED = "it is damaged: open it in Excel and save it again as an Excel workbook (.xlsx)"
"""What is said of a workbook that a part of cannot be read."""
