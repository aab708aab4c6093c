"""What a page needs beyond its templates to be read by assistive technology, in HTML and tagged PDF."""

from __future__ import annotations

import re

_HEADER_CELLS = re.compile(r"<thead\b|</thead>|<th(?=[\s>])(?![^>]*\bscope=)")


def scoped_header_cells(page: str) -> str:
    """Header cells say what they head: a <th> in a table's head heads its column, any other its row
    (a form's label: 'Kind of maltreatment | Physical abuse').

    >>> scoped_header_cells('<thead><tr><th>No.</th></tr></thead><tr><th class="form-label">Age</th><td>3</td></tr>')
    '<thead><tr><th scope="col">No.</th></tr></thead><tr><th scope="row" class="form-label">Age</th><td>3</td></tr>'
    """
    in_head = False

    def scoped(match: re.Match[str]) -> str:
        nonlocal in_head
        if match.group() != "<th":
            in_head = match.group() == "<thead"
            return match.group()
        return f'<th scope="{"col" if in_head else "row"}"'

    return _HEADER_CELLS.sub(scoped, page)
