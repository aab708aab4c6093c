"""`mixed-quotes`: straight and curly quotation marks (or apostrophes) in one document, as when text typed in
one place meets text typed in another."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .findings import ProofFinding, Reading, excerpt
from .rulebook import proof_rule

_STRAIGHT = re.compile(r"[\"']")
_CURLY = re.compile(r"[‘’“”]")


@proof_rule("mixed-quotes", "straight and curly quotation marks or apostrophes mixed in one document")
def mixed_quotes(reading: Reading) -> Iterator[ProofFinding]:
    """One finding for a document that mixes them: the first of the fewer kind, where it is."""
    found = {
        style: [(page, text, hit) for page, text in reading.pages for hit in pattern.finditer(text)]
        for style, pattern in (("straight", _STRAIGHT), ("curly", _CURLY))
    }
    if not (found["straight"] and found["curly"]):
        return
    fewer = min(found, key=lambda style: len(found[style]))
    page, text, hit = found[fewer][0]
    counts = f"{len(found['straight'])} straight, {len(found['curly'])} curly"
    message = f"straight and curly quotes mixed ({counts}); the first {fewer} one is here"
    yield ProofFinding("mixed-quotes", reading.file, page, excerpt(text, hit.start(), hit.end(), 20), message)
