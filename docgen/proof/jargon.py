"""`jargon`: abbreviations and service jargon in a document for a parent, a victim or a child (a kind whose data
says `lay_reader`). The plain words come from the glossary the reports print (the board's and the case's
abbreviations) and from the agencies' own names (a short name such as 'Acute Hospital' is the board's word for
the agency, not its reader's); an abbreviation the glossary does not know is found too."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from ..rendering.typography import curly_quotes
from ..text.folding import straight_quotes
from .findings import ProofFinding, Reading, excerpt
from .rulebook import proof_rule

_ACRONYM = re.compile(r"(?<![\w-])[A-Z]{2,6}s?(?![\w-])")
"""A word in capitals (GP, MASH, IMRs) that is no part of a reference or a postcode ('LLR-2026-04', 'NB3')."""
_HEADING = re.compile(r"^[^a-z]*$")
"""A line in capitals throughout: a heading or a marking, not running text."""


def plain_words(case: Any) -> dict[str, str]:
    """Jargon and abbreviations a case's documents may use, with the plain words for them: the board's and the
    case's abbreviations, and each agency's short name where its name does not contain it."""
    words = dict(case.glossary)
    for agency in case.agencies:
        if agency.short_name and agency.short_name not in agency.name:
            words.setdefault(agency.short_name, agency.name)
    return words


@proof_rule("jargon", "abbreviations and service jargon (GP, MASH, 'Acute Hospital') in a letter to a family")
def jargon(reading: Reading) -> Iterator[ProofFinding]:
    """Each term of the glossary, and each unknown abbreviation, in a document for a lay reader (a term typed
    with straight quotes found however the document writes them)."""
    if not reading.lay_reader:
        return
    spelt = {straight_quotes(term): curly_quotes(plain) for term, plain in reading.plain_words.items()}
    terms = _terms(spelt)
    for page, text in reading.pages:
        running = " ".join(" ".join(line.split()) for line in text.split("\n") if not _HEADING.match(line))
        for found in terms.finditer(straight_quotes(running)) if terms else ():
            plain = spelt[found.group()]
            words = excerpt(running, found.start(), found.end())
            yield ProofFinding("jargon", reading.file, page, words, f"service jargon: in plain words, “{plain}”")
        for found in _ACRONYM.finditer(running):
            if found.group() not in reading.plain_words and found.group().rstrip("s") not in reading.plain_words:
                words = excerpt(running, found.start(), found.end())
                yield ProofFinding("jargon", reading.file, page, words, "an abbreviation a family may not know")


def _terms(words: Mapping[str, str]) -> re.Pattern[str] | None:
    if not words:
        return None
    alternatives = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
