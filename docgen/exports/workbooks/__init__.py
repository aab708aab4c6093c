"""Chronology spreadsheets: the template an agency fills in, its import into the case file, and the composite
chronology of every agency for the panel (Appendix II: chronologies "preferably … as an excel document").

`names` says how the case's people, professionals and agencies are written in a workbook, `writing` makes the
workbooks and `reading` reads a filled one back, reporting every problem by sheet, row and column (`problems`),
once `package` has checked the file within the limits of `docgen.limits`.
"""

from .cell_problems import WorkbookError
from .exporting import chronology_export, chronology_template
from .importing import read_chronology

__all__ = ["WorkbookError", "chronology_export", "chronology_template", "read_chronology"]
