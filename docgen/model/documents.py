"""A framework profile's documents as data: a kind of the built-in library by id, the same with some fields
changed, or a kind of its own (its master template in the board's or the profile's templates folder)."""

from __future__ import annotations

import dataclasses
import typing
from enum import StrEnum
from typing import Any

from pydantic import Field, model_validator

from ..kinds import KINDS, Anonymised, Audience, DocumentKind, Per, Shell
from .common import Identifier, Model, Text
from .timetable import FieldPath

TemplatePath = typing.Annotated[
    str, Field(pattern=r"^([A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*\.html\.j2$")
]
"""A master template's path inside a templates folder, e.g. 'reports/rapid-review-report.html.j2'."""


class Derivation(StrEnum):
    """A derivation a document's template may use: what it adds to the context is computed and tested in Python."""

    NOTIFICATION = "notification"
    """`notification`: the serious incident notification record (its children, deadline, notify-only reasons)."""
    PARTNER_NOTICE = "partner-notice"
    """`letter` parts and `notice`: the local authority's notice of an incident to the safeguarding partners."""
    RAPID_REVIEW_REQUEST = "rapid-review-request"
    """`letter` parts and `request`: the request to an agency's safeguarding lead for its agency summary."""
    AGENCY_SUMMARY = "agency-summary"
    """`summary`: one agency's summary for the rapid review, with its chronology."""
    RAPID_REVIEW = "rapid-review"
    """`rapid`: the rapid review's household, chronology extract, criteria one by one, decision and sign-off."""
    PANEL_LETTER = "panel-letter"
    """`letter` parts and `rapid`: the letter to the national panel with the rapid review's outcome."""
    LOCAL_REVIEW = "local-review"
    """`local`: the local review's findings, improvements (numbered) and the action plan."""
    PRE_PUBLICATION = "pre-publication"
    """`letter` parts and `publication`: the copy of the final report to national bodies before publication."""


class Section(Model):
    """A narrative section of a report that its final needs."""

    field: FieldPath
    """The field within the report's record, e.g. 'good_practice' or 'criteria.local.a'."""
    title: Text
    """Its heading, as the final's refusal names it."""


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
    lay_reader: bool = False
    """Written to a parent or a child rather than a professional: larger type."""
    derive: list[Derivation] = []
    """Derivations whose results the template receives."""
    sections: list[Section] = []
    """A report's sections its final needs, each by field and heading."""

    @model_validator(mode="after")
    def _complete(self) -> DocumentSpec:
        if self.id not in KINDS:
            absent = [name for name in ("title", "template", "shell") if getattr(self, name) is None]
            if absent:
                raise ValueError(f"'{self.id}' is not a built-in kind: give its {', '.join(absent)}")
        if (self.per is None) != (self.each is None):
            raise ValueError(f"'{self.id}': per and each go together")
        return self

    def kind(self) -> DocumentKind:
        """The document kind: the built-in one with the fields given here changed, or the new one."""
        given = {name: getattr(self, name) for name in self.model_fields_set if name != "id"}
        changes: dict[str, Any] = {_FIELDS.get(name, name): _frozen(value) for name, value in given.items()}
        if self.id in KINDS:
            return dataclasses.replace(KINDS[self.id], **changes)
        return DocumentKind(**{"id": self.id, "needs": (), "marking": None, **changes})


_FIELDS = {"report": "is_report"}
"""Fields named differently in a document kind."""


def _frozen(value: object) -> object:
    """Lists as tuples (a kind is immutable); a section as its (field, title) pair; derivations as their names."""
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, Section):
        return (value.field, value.title)
    return value.value if isinstance(value, Derivation) else value
