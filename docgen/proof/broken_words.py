"""`broken-word`: an e-mail address, a web address or a telephone number broken over two lines of a table's cell,
read from a PDF's layout (a reader copying it down meets half of it at the end of a line). A cell's
lines are joined without a space: an address that a line break then parts, of which the part after the break is
not a whole address itself nor the part before one (unless it ends with '@', '.', '-', '/', ':' or '_'), was
broken; so was a telephone number (10 or 11 digits from 0, or 12 from +44) whose digits a line break parts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from .findings import ProofFinding, Reading
from .rulebook import proof_rule

RULE = "broken-word"
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_WEB = re.compile(r"(?:https?://|www\.)[\w-]+(?:\.[\w-]+)+(?:/\S*)?")
_ENDS_INSIDE = "@.-/:_"
"""An address's characters that a whole one does not end with."""
_TRAILING_DIGITS = re.compile(r"\+?\d[\d ]*$")
_LEADING_DIGITS = re.compile(r"^\d[\d ]*")
_MESSAGE = "broken over two lines of a table's cell: a reader may copy half of it"


@proof_rule(RULE, "an e-mail or web address or a telephone number broken over two lines of a table's cell in a PDF")
def broken_words(reading: Reading) -> Iterator[ProofFinding]:
    """Each address or telephone number a line break parts in a table's cell."""
    for page in reading.layout:
        for block in page.blocks:
            for cell in block.cells:
                for broken in broken_in([line.text for line in cell]):
                    yield ProofFinding(RULE, reading.file, page.number, broken, _MESSAGE)


def broken_in(lines: list[str]) -> Iterator[str]:
    """The addresses and telephone numbers that the breaks between `lines` (a cell's, in order) part.

    >>> list(broken_in(["Email: k.lee@north", "brook.gov.uk"]))
    ['k.lee@northbrook.gov.uk']
    >>> list(broken_in(["www.northbr", "ook-", "scb.org.uk", "Email:", "k.lee@nb.gov.uk"]))
    ['www.northbrook-scb.org.uk']
    >>> list(broken_in(["Telephone 01632", "960 784"]))
    ['01632 960 784']
    """
    text, breaks, at = "".join(lines), set(), 0
    for line in lines[:-1]:
        at += len(line)
        breaks.add(at)
    for address in (_EMAIL, _WEB):
        yield from _parted(address, text, breaks)
    for above, below in pairwise(lines):
        if (number := _broken_number(above, below)) is not None:
            yield number


def _parted(address: re.Pattern[str], text: str, breaks: set[int]) -> Iterator[str]:
    """Each match of `address` in `text` that a line break (an offset in `breaks`) parts. A whole address just
    after a break is that address (a word before it on the line above is glued to it, with no space read between);
    a whole address just before one, not ending with '@', '.', '-', '/', ':' or '_', ends there (a word after it is
    glued)."""
    position = 0
    while found := address.search(text, position):
        start, end = found.span()
        inside = sorted(b for b in breaks if start < b < end)
        glued = next((b for b in inside if address.fullmatch(text, b, end)), None)
        if glued is not None:
            position = glued
            continue
        ends = next((b for b in inside if address.fullmatch(text, start, b) and text[b - 1] not in _ENDS_INSIDE), end)
        if any(b < ends for b in inside):
            yield text[start:ends]
        position = end


def _broken_number(above: str, below: str) -> str | None:
    """A telephone number whose digits the line break parts, or None."""
    end, start = _TRAILING_DIGITS.search(above.rstrip()), _LEADING_DIGITS.match(below.lstrip())
    if end is None or start is None:
        return None
    number = f"{end.group().strip()} {start.group().strip()}"
    digits = re.sub(r"\D", "", number)
    plausible = (digits.startswith("0") and len(digits) in (10, 11)) or (number.startswith("+44") and len(digits) == 12)
    whole_above = len(re.sub(r"\D", "", end.group())) >= 10
    return number if plausible and not whole_above else None
