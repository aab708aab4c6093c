"""A framework profile's documents as data: a kind of the built-in library (frameworks/library/documents.yaml) by
id, the same with some fields changed, or a kind of its own (its master template in the board's or the profile's
templates folder)."""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import Field, model_validator

from .common import Identifier, Model, Text
from .correspondence import BoardOfficer
from .kinds import Anonymised, Audience, Distribution, DocumentKind, LetterParts, Per, Shell
from .timetable import FieldPath

TemplatePath = typing.Annotated[
    str, Field(pattern=r"^([A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*\.html\.j2$")
]
"""A master template's path inside a templates folder, e.g. 'reports/rapid-review-report.html.j2'."""


class Section(Model):
    """A narrative section of a report that its final needs."""

    field: FieldPath
    """The field within the report's record, e.g. 'good_practice' or 'criteria.local.a'."""
    title: Text
    """Its heading, as the final's refusal names it."""


class Appendix(Model):
    """An appendix of a report: the key its template uses and its title."""

    key: Identifier
    """What the template calls it, e.g. 'action_plan'."""
    title: Text
    """Its title, e.g. 'Action plan'."""


class DistributionPart(Model):
    """One part of a letter's distribution."""

    heading: Text
    """Its heading, e.g. 'Copies'."""
    groups: list[Identifier]
    """The groups of recipients it names, e.g. ['agency-chiefs'] (docgen.derive.letters.distribution)."""


class LetterSpec(Model):
    """What makes a document one of the board's letters."""

    signed_by: BoardOfficer
    """The board officer who signs it unless its record names another, e.g. 'panel_chair'."""
    after_decision: bool = False
    """Written only once the decision to hold a review has been recorded."""
    distribution: list[DistributionPart] = []
    """Who receives it, part by part; the case's further recipients go among the copies."""


class DocumentSpec(Model):
    """A document a framework offers: a built-in kind by id with the fields given here changed, or a new kind."""

    id: Identifier
    """The kind's id: a built-in kind's ('letter-5'), or a new one ('rapid-review-report')."""
    title: Text | None = None
    """Human title, e.g. 'Rapid review report'; required for a new kind."""
    template: TemplatePath | None = None
    """Master template inside a templates folder (the board's, the profile's, the built-ins); required for a new
    kind."""
    shell: Shell | None = None
    """Page frame: 'letter', 'report' or 'form'; required for a new kind."""
    marking: Text | None = None
    """Protective marking printed on every page, e.g. 'OFFICIAL-SENSITIVE'; none when empty."""
    needs: list[FieldPath] = []
    """Dotted paths into the case that must be present for the document to be produced."""
    audience: Audience = Audience.CONFIDENTIAL
    """'confidential', or 'public': always anonymised, dates as the board profile says."""
    anonymised: Anonymised = Anonymised.ON_REQUEST
    """When it is anonymised: 'on request', 'in its final' or 'always'."""
    report: bool = False
    """A report: a draft (watermarked) until its record's `approval` is given."""
    record: FieldPath | None = None
    """The case record it is written from; a report's holds its `approval` (per agency: a mapping by agency)."""
    per: Per | None = None
    """'agency' or 'addressee': one document each."""
    each: FieldPath | None = None
    """With `per`: the case attribute listing the ids, e.g. 'summary_agencies'."""
    enclosures: list[Identifier] = []
    """Kinds rendered beside it, or keys of the profile's `paper_titles`."""
    optional_enclosures: list[Identifier] = []
    """Kinds rendered beside it and enclosed when the case can produce them, left out when it cannot (the kind's
    builder checks when it must)."""
    lay_reader: bool = False
    """Written to a parent or a child rather than a professional: larger type."""
    blank: bool = False
    """Also printed blank, to be filled in by hand or in Word."""
    enclosed_dated: FieldPath | None = None
    """The date a copy enclosed with a letter is as at, when earlier than the letter's (e.g. 'referral.date': the
    referral form as the referrer sent it); by default the letter's date."""
    whole_case: bool = False
    """Reads the whole case, records dated after the day it is given at included (a timetable of steps done and
    booked); otherwise the document reads the case as at its date."""
    reads: list[FieldPath] = []
    """For a report: the other records of the case it prints (the Overview Report: 'imrs'), which its approval
    freezes with its own record and the case's people (docgen.rules.frozen)."""
    letter: LetterSpec | None = None
    """For one of the board's letters: who signs it, when it can be written, who receives it."""
    dated: Identifier | None = None
    """The field of its record that dates it (default 'date')."""
    builders: list[Identifier] = []
    """The context builders whose results the template receives, by name (docgen.derive.registry)."""
    sections: list[Section] = []
    """A report's sections its final needs, each by field and heading."""
    optional_sections: list[Section] = []
    """A report's sections a final may leave empty, each by field and heading."""
    appendices: list[Appendix] = []
    """A report's appendices, in order (Appendix A, B …)."""
    contents: Literal["always", "when long"] = "when long"
    """Whether a report opens with a table of contents always, or only when it is long."""

    @model_validator(mode="after")
    def _per_and_each(self) -> DocumentSpec:
        if (self.per is None) != (self.each is None):
            raise ValueError(f"'{self.id}': per and each go together")
        return self

    def incomplete(self, library: Mapping[str, DocumentKind]) -> list[str]:
        """The fields a new kind (one not in `library`) must give and does not."""
        if self.id in library:
            return []
        return [name for name in ("title", "template", "shell") if getattr(self, name) is None]

    def kind(self, library: Mapping[str, DocumentKind]) -> DocumentKind:
        """The document kind: the library's with the fields given here changed, or a new one."""
        given = {name: getattr(self, name) for name in self.model_fields_set if name != "id"}
        changes: dict[str, Any] = dict(_kind_field(name, value) for name, value in given.items())
        if self.id in library:
            return dataclasses.replace(library[self.id], **changes)
        return DocumentKind(**{"id": self.id, "needs": (), "marking": None, **changes})


def _kind_field(name: str, value: Any) -> tuple[str, Any]:
    """A spec's field as the document kind's (some are named or shaped differently)."""
    if name == "report":
        return "is_report", value
    if name == "contents":
        return "contents_always", value == "always"
    if name == "letter" and value is not None:
        parts = tuple(Distribution(part.heading, tuple(part.groups)) for part in value.distribution)
        return name, LetterParts(value.signed_by.value, value.after_decision, parts)
    return name, _frozen(value)


def _frozen(value: object) -> object:
    """Lists as tuples (a kind is immutable); a section or an appendix as its pair."""
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, Section):
        return (value.field, value.title)
    if isinstance(value, Appendix):
        return (value.key, value.title)
    return value
