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
