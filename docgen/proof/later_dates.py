"""`date-after-document`: a date written in a document later than the date it bears, as when a letter tells of
what happened after it was sent. A date the words before it look forward to ('by 19 June 2026', 'the briefing
on 14 April 2026') is a deadline or an appointment, and is left alone; so is every date of a document without
a date of its own (a timetable, whose rows are deadlines to come), and a date that ends its line or a table cell
(a PDF's layout says where a cell ends: PDFium runs the cells of a row together), the value of a table's cell (an
action plan's target date) or a form's field, not a sentence's."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..text.dates import dates_in, long_date
from .findings import ProofFinding, Reading, excerpt
from .rulebook import proof_rule

_AHEAD = re.compile(
    r"\b(?:by|before|until|till|due|deadline|will|shall|booked|planned|arranged|scheduled|expected|next|meeting|"
    r"briefing|debriefing|attend|invit\w*|return|reply|respond|to be)\b",
    re.I,
)
"""Words that look forward to the date after them."""
_AROUND = 80
"""Characters either side of a date, within its sentence, searched for words that look forward to it."""
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n\n")


def looks_ahead(text: str, start: int, end: int) -> bool:
    """Whether the words around a date in its sentence look forward to it ('required by', 'meeting on', 'the
    panel on 8 July, where a report will be presented')."""
    before, after = text[max(0, start - _AROUND) : start], text[end : end + _AROUND]
    ends = list(_SENTENCE_END.finditer(before))
    before = before[ends[-1].end() :] if ends else before
    after = after[: stop.start()] if (stop := _SENTENCE_END.search(after)) else after
    return bool(_AHEAD.search(before) or _AHEAD.search(after))


def ends_its_line(text: str, end: int) -> bool:
    """Whether a date is the last thing on its line: a cell's or a field's value."""
    return not text[end:].split("\n", 1)[0].strip()


@proof_rule("date-after-document", "a date later than the document's own date (not a deadline or appointment)")
def dates_after_document(reading: Reading) -> Iterator[ProofFinding]:
    """Each date later than the document's, unless the words before it look forward to it."""
    if reading.date is None:
        return
    own = long_date(reading.date)
    cells = _cell_endings(reading)
    for page, text in reading.pages:
        for day, found, named in dates_in(text):
            if not named or day <= reading.date or ends_its_line(text, found.end()):
                continue
            if " ".join(found.group().split()) in cells:  # a table cell's value: an action plan's target date
                continue
            if not looks_ahead(text, found.start(), found.end()):
                words = excerpt(text, found.start(), found.end(), 25)
                yield ProofFinding(
                    "date-after-document", reading.file, page, words, f"later than the document's date, {own}"
                )


def _cell_endings(reading: Reading) -> frozenset[str]:
    """The dates that end a table cell of a PDF's layout (where PDFium's text runs the cells of a row together)."""
    ends: set[str] = set()
    for page in reading.layout:
        for block in page.blocks:
            for cell in block.cells:
                words = " ".join(" ".join(line.text for line in cell).split())
                ends.update(found.group() for _, found, _ in dates_in(words) if words.endswith(found.group()))
    return frozenset(" ".join(end.split()) for end in ends)
