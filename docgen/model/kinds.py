"""What a document kind is: what each document is, who may read it, what it needs. The kinds themselves are data:
the built-in library (frameworks/library/documents.yaml) and each framework profile's own."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Audience(StrEnum):
    """Who a document is for: confidential papers, or the public (always anonymised)."""

    CONFIDENTIAL = "confidential"
    PUBLIC = "public"


class Anonymised(StrEnum):
    """When a kind is anonymised: on request, in its final version (the seed's Overview Report), or always."""

    ON_REQUEST = "on request"
    IN_FINAL = "in its final"
    ALWAYS = "always"


class Per(StrEnum):
    """What a kind is written once for: each agency, or each person it is addressed to."""

    AGENCY = "agency"
    ADDRESSEE = "addressee"


class Shell(StrEnum):
    """The page frame a document sits in: a letterhead, or a report with a cover."""

    LETTER = "letter"
    REPORT = "report"
    FORM = "form"


FORMATS = ("docx", "pdf", "html")
"""Every output format."""


@dataclass(frozen=True)
class Distribution:
    """One part of a letter's distribution: its heading ('To', 'Copies' …) and the groups of recipients it
    names, each a group of docgen.derive.letters.distribution ('agency-chiefs', 'panel' …)."""

    heading: str
    groups: tuple[str, ...]


@dataclass(frozen=True)
class LetterParts:
    """What makes a kind one of the board's letters: who signs it, when it can be written, who receives it."""

    signed_by: str
    """The board officer who signs it unless its record names another (a field of the board profile, e.g.
    'panel_chair')."""
    after_decision: bool = False
    """Written only once the decision to hold a review has been recorded."""
    distribution: tuple[Distribution, ...] = ()
    """Who receives it, section by section; the case's further recipients go among the copies."""


_NUMBERED = re.compile(r"(?P<label>\w+ \d+) – (?P<rest>.+)")
"""A letter's title that starts with its number in the guidance's appendix: 'Letter 3 – Notification of …'."""


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document docgen produces."""

    id: str
    """Stable identifier used on the command line and in the API, e.g. 'letter-1'."""
    title: str
    """Human title."""
    template: str
    """Master template, relative to the templates folder."""
    shell: Shell
    """Page frame."""
    marking: str | None
    """Protective marking printed on every page, as the seed's appendix carries it."""
    needs: tuple[str, ...]
    """Dotted paths into the case that must be present for the document to be produced."""
    audience: Audience = Audience.CONFIDENTIAL
    """Public documents are always anonymised, and their dates are given as the board's profile says."""
    anonymised: Anonymised = Anonymised.ON_REQUEST
    """When the document is anonymised (docgen.rules.publication_rules decides from this, the draft and the request)."""
    is_report: bool = False
    """Reports are drafts until the board approves them; letters are not drafts unless asked."""
    letter: LetterParts | None = None
    """For one of the board's letters (Appendix XI): who signs it, when it can be written, who receives it."""
    per: Per | None = None
    """One document per agency or per addressee; None for one document per case."""
    each: str = ""
    """For kinds written `per` something: the case's attribute listing the ids, one document each."""
    enclosures: tuple[str, ...] = ()
    """What goes with the document: other kinds' ids (rendered beside it, for the same case) and keys of the
    framework profile's `papers` (or 'guidance-chapter'), papers docgen does not produce."""
    optional_enclosures: tuple[str, ...] = ()
    """Other kinds' ids enclosed when the case can produce them and left out when it cannot (e.g. the statement
    of improvements, which only a report that is not published has)."""
    lay_reader: bool = False
    """Written to a parent, a victim or a child rather than a professional: larger type, no acronyms."""
    blank: bool = False
    """Whether the kind is also printed blank, to be filled in by hand or in Word (`render_blank`)."""
    enclosed_dated: str = ""
    """Dotted path of the date a copy enclosed with a letter is as at, when earlier than the letter's (the referral
    form: 'referral.date', Part 1 as the referrer sent it); empty: the letter's date."""
    whole_case: bool = False
    """Whether it reads the whole case, records dated after the day it is given at included (the timetable: a step
    the case records for a later day is booked); every other document reads the case as at its date."""
    reads: tuple[str, ...] = ()
    """For a report: the other records of the case it prints, frozen with its own by its approval."""
    record: str = ""
    """Dotted path of the case record the document is written from (for a report, the record whose `approval`
    makes it final; for a report written per agency, a mapping by agency id)."""
    dated: str = "date"
    """The field of its record that dates the document (a letter's `date`, a notification's `date_notified`)."""
    builders: tuple[str, ...] = ()
    """The context builders (docgen.derive.registry) whose results its template receives, in order."""
    sections: tuple[tuple[str, str], ...] = ()
    """A report's narrative sections a final needs: (field path within its record, heading)."""
    optional_sections: tuple[tuple[str, str], ...] = ()
    """A report's sections a final may leave empty, (field path, heading), for naming where a text is."""
    appendices: tuple[tuple[str, str], ...] = ()
    """A report's appendices in order (Appendix A, B …): (key its template uses, title)."""
    contents_always: bool = False
    """A report that opens with a table of contents however short it is (others have one when long)."""

    def missing(self, case: Any) -> list[str]:
        """The needed parts the case does not have."""
        return [path for path in self.needs if lookup(case, path) in (None, [], {})]

    @property
    def appendix_label(self) -> str | None:
        """A letter's number in its guidance's appendix ('Letter 3'): the board's name for it, not a recipient's;
        None for a kind not numbered so."""
        numbered = _NUMBERED.fullmatch(self.title) if self.letter is not None else None
        return numbered["label"] if numbered else None

    @property
    def every_enclosure(self) -> tuple[str, ...]:
        """What the kind may enclose: its enclosures, then its optional enclosures."""
        return (*self.enclosures, *self.optional_enclosures)

    @property
    def shown_title(self) -> str:
        """The title a recipient may see (a document's title property, its page's title): without the appendix
        number ('Notification of no further action')."""
        numbered = _NUMBERED.fullmatch(self.title) if self.appendix_label else None
        return numbered["rest"] if numbered else self.title

    def record_of(self, case: Any, agency: str | None = None) -> Any:
        """The case's record for this kind (`record`): the agency's, for a report written per agency (the IMR);
        None when the kind has no record or the case has none."""
        record = lookup(case, self.record) if self.record else None
        if self.per is Per.AGENCY and isinstance(record, dict):
            return record.get(agency) if agency else None
        return record

    def instances(self, case: Any) -> list[str]:
        """The ids this kind is written for in the case, one document each (empty when not `per` anything)."""
        return list(lookup(case, self.each) or []) if self.per else []


def lookup(obj: Any, path: str) -> Any:
    """The value a dotted path names (through attributes and mapping keys), None where a part is empty."""
    for name in path.split("."):
        obj = obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
        if obj is None:
            return None
    return obj
