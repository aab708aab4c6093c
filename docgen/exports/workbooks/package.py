"""A workbook's package (the zip an .xlsx file is), checked before any spreadsheet parser sees it.

openpyxl reads a workbook's styles and shared strings whole, trusts the size a sheet says it has (its
`<dimension>`) and passes over a row numbered out of order. So the package is read here first, within the limits
of `docgen.limits`: the file's size, what its parts unpack to and by how much, and how many sheets, rows, cells,
styles and texts its XML holds (the tags counted, and what the parts say they hold, whichever is more); then, for
the sheet to be imported, which rows hold a value and which cells are merged, so that the rows openpyxl gives can
be checked against them.

The tags are counted in the unpacked XML piece by piece, by `bytes.count`, stopping at the first limit passed: a
hostile workbook is refused long before a parser would have built it.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from openpyxl.utils.cell import coordinate_to_tuple

from ...errors import CaseError
from ...files.reading import read_file
from ...limits import (
    MAX_COMPRESSION_RATIO,
    MAX_SHARED_STRINGS,
    MAX_SHARED_STRINGS_BYTES,
    MAX_SHEETS,
    MAX_STYLES,
    MAX_WORKBOOK_BYTES,
    MAX_WORKBOOK_CELLS,
    MAX_WORKBOOK_PARTS,
    MAX_WORKBOOK_ROWS,
    MAX_WORKBOOK_TAGS,
    MAX_WORKBOOK_UNPACKED,
    RATIO_CHECKED_FROM,
)
from .cell_problems import WorkbookError, whole

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_CHUNK = 1 << 20
_OVERLAP = 4096
"""Bytes kept from one piece of a part to the next, so that no tag counted straddles two pieces."""
_SPACES = bytes.maketrans(b"\t\n\r/>", b"     ")
"""Everything that may end a tag's name, as a space: `<row>`, `<row/>` and `<row\tr="1">` all hold `<row `."""
_STYLES_PART = "xl/styles.xml"
"""Where openpyxl reads a workbook's styles from (and from nowhere else)."""
_NAMES = (b"sheet", b"row", b"c", b"si")
"""The tags counted in every part: sheets, rows, cells and shared strings."""
_STYLES = (b"xf", b"font", b"fill", b"border", b"numFmt", b"dxf")
"""The tags counted in the styles part: styles of each kind."""
_OPENING = re.compile(rb"<(?:[\w.-]{1,64}:)?([A-Za-z]+)\s")
"""The start of a tag and its name (after any namespace prefix)."""
_LISTS: dict[bytes, bytes] = {
    b"sst": b"si",
    b"cellXfs": b"xf",
    b"cellStyleXfs": b"xf",
    b"fonts": b"font",
    b"fills": b"fill",
    b"borders": b"border",
    b"numFmts": b"numFmt",
    b"dxfs": b"dxf",
}
"""Each list that says how many it holds (`<cellXfs count="12">`), and the tag of what it holds."""
_Limits = dict[bytes, tuple[int, str]]
"""Each tag counted: its limit, and what a workbook with more has too many of (a format with `{:,}`)."""
_COUNT = re.compile(rb"""\b(?:count|uniqueCount)\s*=\s*["']\s*(\d{1,30})""")
_RANGE = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?")


def workbook_bytes(path: Path) -> bytes:
    """The bytes of the workbook at `path`, once they are known to be an .xlsx package within the limits (read once:
    the bytes checked are the bytes parsed); WorkbookError otherwise (a damaged zip raises zipfile's own errors)."""
    source = str(path)
    try:
        data = read_file(path, source, MAX_WORKBOOK_BYTES, "a chronology workbook")
    except CaseError as error:
        raise whole(source, error.problems[0].message) from None
    _check_kind(source, data)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        _check_parts(source, package.infolist())
        counts: Counter[bytes] = Counter()
        for part in package.infolist():
            _count_tags(source, package, part, counts)
    return data


def _check_kind(source: str, data: bytes) -> None:
    """The bytes are a zip package (an .xlsx workbook), not an empty file, an old or encrypted workbook, or text."""
    if not data:
        raise whole(source, "the file is empty")
    if data.startswith(_OLE):
        raise whole(
            source,
            "it is password-protected (encrypted) or an old-style .xls workbook: save it as an Excel workbook "
            "(.xlsx) without a password",
        )
    if not data.startswith(_ZIP):
        looks = "it looks like text (a CSV file renamed?)" if _is_text(data[:512]) else "it is not an Excel workbook"
        raise whole(source, f"{looks}: open it in Excel and save it as an Excel workbook (.xlsx)")


def _is_text(start: bytes) -> bool:
    try:
        start.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _check_parts(source: str, parts: list[zipfile.ZipInfo]) -> None:
    """How many parts, what they unpack to (as the zip says: it is never unpacked further) and by how much."""
    if len(parts) > MAX_WORKBOOK_PARTS:
        raise _too_many(source, f"it has more than {MAX_WORKBOOK_PARTS:,} parts (files inside it)")
    if sum(part.file_size for part in parts) > MAX_WORKBOOK_UNPACKED:
        raise whole(source, f"it unpacks to more than {_size(MAX_WORKBOOK_UNPACKED)}, too large for a chronology")
    for part in parts:
        if part.file_size > max(RATIO_CHECKED_FROM, MAX_COMPRESSION_RATIO * part.compress_size):
            raise whole(
                source,
                f"one of its parts unpacks to more than {MAX_COMPRESSION_RATIO} times its packed size, as a zip bomb "
                "does: it is not a chronology workbook",
            )
    if "xl/workbook.xml" not in {part.filename for part in parts}:
        raise whole(source, "it is not an Excel workbook (another kind of document renamed .xlsx?)")


def _count_tags(source: str, package: zipfile.ZipFile, part: zipfile.ZipInfo, counts: Counter[bytes]) -> None:
    """Add the tags of one part to `counts`, refusing the workbook at the first limit passed.

    Tags are counted as the bytes `<name ` and `:name ` (a name with a namespace prefix; its end tag is counted
    too, which errs on the safe side) once every character that may end a name is a space: `bytes.count` reads
    a gigabyte a second, where a regular expression or a parser reads tens of megabytes. Styles are counted in
    the one part openpyxl reads them from.
    """
    limits = _limits()
    names = _NAMES + (_STYLES if part.filename == _STYLES_PART else ())
    with package.open(part) as stream:
        buffer = b""
        while True:
            chunk = stream.read(_CHUNK)
            buffer += chunk
            end = max(len(buffer) - _OVERLAP, 0) if chunk else len(buffer)
            spaced = buffer.translate(_SPACES)
            counts[b"<"] += buffer.count(b"<", 0, end)
            for tag in names:
                counts[tag] += spaced.count(b"<" + tag + b" ", 0, end) + spaced.count(b":" + tag + b" ", 0, end)
            _check_lists(source, part, buffer, end, limits)
            for tag in (b"<", *names):
                _check_count(source, tag, counts[tag], limits)
            if not chunk:
                return
            buffer = buffer[end:]


def _check_lists(source: str, part: zipfile.ZipInfo, buffer: bytes, end: int, limits: _Limits) -> None:
    """What the lists starting in buffer[:end] say they hold (`<cellXfs count="12">`); a shared string table's
    size. Each list is found by its `count=` or `uniqueCount=`, which few tags have."""
    at = buffer.find(b"ount=", 0, end)
    while at >= 0:
        start = buffer.rfind(b"<", max(at - _OVERLAP, 0), at)
        opening = _OPENING.match(buffer, start, at) if start >= 0 else None
        if opening and opening[1] in _LISTS:
            tag_end = buffer.find(b">", at, at + _OVERLAP)
            said = _COUNT.findall(buffer, opening.start(), tag_end if tag_end >= 0 else at + _OVERLAP)
            _check_count(source, _LISTS[opening[1]], max(map(int, said), default=0), limits)
            if opening[1] == b"sst" and part.file_size > MAX_SHARED_STRINGS_BYTES:
                raise _too_many(source, f"its texts take more than {_size(MAX_SHARED_STRINGS_BYTES)}")
        at = buffer.find(b"ount=", at + 1, end)


def _limits() -> _Limits:
    """The limits as they are now (a test may lower one)."""
    return {
        b"<": (MAX_WORKBOOK_TAGS, "it has more than {:,} XML tags"),
        b"sheet": (MAX_SHEETS, "it has more than {:,} sheets"),
        b"row": (MAX_WORKBOOK_ROWS, "its sheets have more than {:,} rows"),
        b"c": (MAX_WORKBOOK_CELLS, "its sheets have more than {:,} cells"),
        b"si": (MAX_SHARED_STRINGS, "it has more than {:,} texts"),
        b"xf": (MAX_STYLES, "it has more than {:,} cell formats"),
        b"font": (MAX_STYLES, "it has more than {:,} fonts"),
        b"fill": (MAX_STYLES, "it has more than {:,} fills"),
        b"border": (MAX_STYLES, "it has more than {:,} borders"),
        b"numFmt": (MAX_STYLES, "it has more than {:,} number formats"),
        b"dxf": (MAX_STYLES, "it has more than {:,} conditional formats"),
    }


def _check_count(source: str, tag: bytes, count: int, limits: _Limits) -> None:
    limit, what = limits[tag]
    if count > limit:
        raise _too_many(source, what.format(limit))


def _too_many(source: str, what: str) -> WorkbookError:
    message = f"{what}, far more than a chronology needs: copy its entries into a new workbook and import that"
    return whole(source, message)


def _size(limit: int) -> str:
    return f"{limit // 1_000_000:,} MB" if limit >= 1_000_000 else f"{limit:,} bytes"


@dataclass(frozen=True)
class SheetLayout:
    """What a sheet's XML holds, read without openpyxl."""

    rows_with_values: int
    """The rows with a value (text, number, date, formula or error) in one of the columns read."""
    merged: tuple[tuple[str, int], ...]
    """Each range of merged cells ('C2:C3') and its last row."""


def sheet_layout(data: bytes, part: str, columns: int) -> SheetLayout:
    """The rows of the sheet in `part` of the workbook `data` that hold a value in its first `columns` columns (a
    cell is placed as openpyxl places it), and its merged cells."""
    rows, merged = 0, []
    with zipfile.ZipFile(io.BytesIO(data)) as package, package.open(part) as xml:
        found = etree.iterparse(
            xml, events=("end",), tag=("{*}row", "{*}mergeCell"), resolve_entities=False, no_network=True
        )
        for _, element in found:
            if etree.QName(element).localname == "row":
                rows += _holds_value(element, columns)
            elif match := _RANGE.fullmatch(element.get("ref", "")):
                merged.append((match[0], int(match[4] or match[2])))
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
    return SheetLayout(rows, tuple(merged))


def _holds_value(row: etree._Element, columns: int) -> bool:
    """Whether a cell of the row in the first `columns` columns has a value, as openpyxl reads one."""
    column = 0
    for cell in row.iterchildren("{*}c"):
        reference = cell.get("r")
        column = coordinate_to_tuple(reference)[1] if reference else column + 1
        if column > columns:
            continue
        if cell.find("{*}f") is not None:
            return True
        if cell.find("{*}is") is not None if cell.get("t") == "inlineStr" else cell.findtext("{*}v"):
            return True
    return False
