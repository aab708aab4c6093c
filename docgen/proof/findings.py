"""What the proof reads (a document's text, page by page, and what it knows of the document) and what it finds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .pdf_layout import PageLayout

EXCERPT = 60
"""The most characters of a document a finding quotes."""


@dataclass(frozen=True)
class ProofFinding:
    """One thing a proofreader would stop at: the rule, where it is, the words at fault and why."""

    rule: str
    """The rule's name, e.g. 'leftover'."""
    file: str
    """The document's file name."""
    page: int | None
    """The page of a PDF (from 1); None in a Word or HTML file, or a document's properties."""
    words: str
    """The words at fault, shortened to an excerpt."""
    message: str
    """What is wrong, in plain words."""

    def describe(self) -> str:
        """'LLR_letter-5.pdf, page 1: jargon: "GP" …'"""
        where = f"{self.file}, page {self.page}" if self.page is not None else self.file
        return f"{where}: {self.rule}: “{self.words}”: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        """As the manifest and `--json` give it."""
        return {"rule": self.rule, "page": self.page, "words": self.words, "message": self.message}


@dataclass(frozen=True)
class Reading:
    """A document as the proof reads it: its text by page, and what the case and its kind say of it."""

    file: str
    pages: tuple[tuple[int | None, str], ...]
    """Each page's text with its number (None: a Word or HTML file's text, or the document's properties)."""
    date: dt.date | None = None
    """The date the document bears; None when it has none of its own."""
    lay_reader: bool = False
    """Written to a parent, a victim or a child: no acronyms or service jargon."""
    public: bool = False
    """A public document (its kind's audience): nothing in it may point to the family's community."""
    plain_words: Mapping[str, str] = field(default_factory=dict)
    """Jargon and abbreviations with the plain words for them (the reports' glossary; agencies' short names)."""
    internal_names: tuple[str, ...] = ()
    """docgen's own names for documents, which no recipient should see ('Letter 5')."""
    labels: frozenset[str] | None = None
    """The labels an anonymised document gives the case's people ('Mother', 'Paediatrician 1'); None when the case
    is not known."""
    layout: tuple[PageLayout, ...] = ()
    """A PDF's pages as blocks of lines where they stand (docgen/proof/pdf_layout.py); none for other formats."""


def excerpt(text: str, start: int, end: int, around: int = 0) -> str:
    """The words of `text` from `start` to `end` (with `around` characters either side), on one line, shortened."""
    words = " ".join(text[max(0, start - around) : end + around].split())
    return words if len(words) <= EXCERPT else f"{words[: EXCERPT - 1]}…"
