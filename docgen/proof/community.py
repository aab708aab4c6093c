"""`points-to-family`: a public document's phrases that point to one family through its community – a place of
worship or a school of the area, a community named with its place, 'the only' one of something, someone
'well known' there. Anonymisation replaces names; these a reader must rephrase."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .findings import ProofFinding, Reading, excerpt
from .rulebook import proof_rule

RULE = "points-to-family"
_POINTERS = (
    (
        re.compile(
            r"\b(?:the|a|their|her|his)\s+local\s+(?:mosque|church|chapel|temple|synagogue|gurdwara|mandir|school"
            r"|primary school|academy|nursery|community centre|youth club|football club)\b",
            re.IGNORECASE,
        ),
        "a place in the family's community",
    ),
    (re.compile(r"\b[A-Z][a-z]+\s+community\s+(?:in|of)\s+[A-Z][a-z]+"), "a community named with its place"),
    (
        re.compile(r"\bthe only\s+(?!one\b|time\b|way\b|person\b|agency\b)\w+", re.IGNORECASE),
        "'the only' one of something",
    ),
    (re.compile(r"\bwell[- ]known\s+(?:in|locally|local)\b", re.IGNORECASE), "someone well known locally"),
)
"""What points to a family through its community, and why."""


@proof_rule(RULE, "in a public document, a phrase that points to the family through its community ('the local mosque')")
def points_to_family(reading: Reading) -> Iterator[ProofFinding]:
    """Each phrase of a public document that could point to the family through its community."""
    if not reading.public:
        return
    for page, text in reading.pages:
        running = " ".join(text.split())
        for pattern, why in _POINTERS:
            for found in pattern.finditer(running):
                words = excerpt(running, found.start(), found.end())
                yield ProofFinding(RULE, reading.file, page, words, f"{why}: it may point to the family; rephrase it")
