"""`alone-at-page-edge`: a block left alone at the edge of a page, read from a PDF's layout. A heading (or a
table's header row) last on a page, what it introduces beginning on the next; a sign-off section (a letter's
closing and signature, its distribution list, a report's signatures) first on a page, the text it closes on the
page before – or the part of one that a page break left there. A distribution list may begin the page after the
signature's."""

from __future__ import annotations

from collections.abc import Iterator

from .findings import ProofFinding, Reading, excerpt
from .pdf_layout import HEADINGS, SIGN_OFF, Block, consecutive
from .rulebook import proof_rule

RULE = "alone-at-page-edge"


@proof_rule(RULE, "a heading alone at the foot of a PDF's page, or a signature or distribution list alone at the top")
def alone_at_page_edge(reading: Reading) -> Iterator[ProofFinding]:
    """Each page break that leaves a heading at the foot or a sign-off at the top of a page."""
    for before, after in consecutive(reading.layout):
        last, first = before.blocks[-1], after.blocks[0]
        if last.role in HEADINGS or last.header:
            what = "a heading" if last.role in HEADINGS else "a table's header row"
            message = f"{what} alone at the foot of the page: what it introduces begins on the next page"
            yield ProofFinding(RULE, reading.file, before.number, _words(last), message)
        if first.role == SIGN_OFF and not (first.holds_list and _signed(before.blocks)):
            what = "a distribution list" if first.holds_list else "a signature block"
            message = f"{what} alone at the top of the page: the text it closes is on the page before"
            yield ProofFinding(RULE, reading.file, after.number, _words(first), message)


def _signed(blocks: tuple[Block, ...]) -> bool:
    """Whether a page holds a letter's signature: a distribution list may then begin the next page, as the copy
    list of a business letter does."""
    return any(block.role == SIGN_OFF and not block.holds_list for block in blocks)


def _words(block: Block) -> str:
    return excerpt(block.text, 0, len(block.text))
