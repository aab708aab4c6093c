"""What a page needs beyond its templates to be read by assistive technology, in HTML and tagged PDF."""

from __future__ import annotations

import re

_SECTIONS = re.compile(r"(<thead\b.*?</thead>)|(<tr\b.*?</tr>)", re.DOTALL)
_HEADER_CELL = re.compile(r"<th(?=[\s>])(?![^>]*\bscope=)")


def scoped_header_cells(page: str) -> str:
    """Header cells say what they head: a <th> in a table's head, or in a row of header cells only, heads its
    column; any other heads its row (a form's label: 'Kind of maltreatment | Physical abuse').

    >>> scoped_header_cells('<thead><tr><th>No.</th></tr></thead><tr><th class="f">Age</th><td>3</td></tr>')
    '<thead><tr><th scope="col">No.</th></tr></thead><tr><th scope="row" class="f">Age</th><td>3</td></tr>'
    >>> scoped_header_cells("<tr><th>Author of Report</th><th>Date</th></tr>")
    '<tr><th scope="col">Author of Report</th><th scope="col">Date</th></tr>'
    """

    def scoped(match: re.Match[str]) -> str:
        part = match.group()
        scope = "col" if match.group(1) or "<td" not in part else "row"
        return _HEADER_CELL.sub(f'<th scope="{scope}"', part)

    return _SECTIONS.sub(scoped, page)


_HEADING_OR_TABLE = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>|<table\b[^>]*>(?!\s*<caption\b)", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def captioned_tables(page: str) -> str:
    """Each table of an HTML page captioned by the heading it comes under, for those who move from table to table
    with a screen reader; the caption is for them only (the heading is already on the screen). A table that comes
    under no heading is left as it is.

    >>> captioned_tables('<h2>3 <i>Chronology</i></h2><p>…</p><table><tr><td>1</td></tr></table>')[36:]
    '<table><caption class="for-screen-readers">3 Chronology</caption><tr><td>1</td></tr></table>'
    """
    heading = ""

    def caption(match: re.Match[str]) -> str:
        nonlocal heading
        if match.group(1):
            heading = " ".join(_TAG.sub(" ", match.group(2)).split())
            return match.group()
        return f'{match.group()}<caption class="for-screen-readers">{heading}</caption>' if heading else match.group()

    return _HEADING_OR_TABLE.sub(caption, page)
