"""What a published document may not say: agencies and places that would locate the family, how exact its
dates are, and the author's answers where anonymisation cannot decide alone."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum

from pydantic import Field, field_validator

from .common import Identifier, Model, Text


class AgencyKind(StrEnum):
    """What an agency is; a kind whose name would locate the family is called by its kind when anonymised."""

    CHILDRENS_SOCIAL_CARE = "children's social care"
    POLICE = "police"
    PROBATION = "probation"
    YOUTH_JUSTICE = "youth justice service"
    HEALTH_VISITING = "health visiting"
    SCHOOL_NURSING = "school nursing"
    HOSPITAL = "hospital"
    AMBULANCE = "ambulance service"
    MENTAL_HEALTH = "mental health service"
    SUBSTANCE_MISUSE = "substance misuse service"
    EDUCATION = "education service"
    GP_PRACTICE = "GP practice"
    DENTAL_PRACTICE = "dental practice"
    PHARMACY = "pharmacy"
    NURSERY = "nursery"
    CHILDMINDER = "childminder"
    SCHOOL = "school"
    COLLEGE = "college"
    HOUSING_PROVIDER = "housing provider"
    VOLUNTARY_ORGANISATION = "voluntary organisation"
    FAITH_GROUP = "faith group"
    OTHER = "other"

    @property
    def locates_family(self) -> bool:
        """A nursery, school, GP practice, small housing provider …: its name tells where the family lives."""
        return self in _LOCATING


_LOCATING = frozenset(
    {
        AgencyKind.GP_PRACTICE,
        AgencyKind.DENTAL_PRACTICE,
        AgencyKind.PHARMACY,
        AgencyKind.NURSERY,
        AgencyKind.CHILDMINDER,
        AgencyKind.SCHOOL,
        AgencyKind.COLLEGE,
        AgencyKind.HOUSING_PROVIDER,
        AgencyKind.VOLUNTARY_ORGANISATION,
        AgencyKind.FAITH_GROUP,
    }
)


class DatePrecision(StrEnum):
    """How exactly dates are written in public documents."""

    EXACT = "exact"
    MONTH = "month"
    YEAR = "year"


class Place(Model):
    """A place other than the board's own area (the town the family came from), and how it is generalised."""

    name: Text
    """The place as the case's texts write it, e.g. 'Caerwen'."""
    other_names: list[Text] = []
    """Other ways the texts write it, e.g. 'Caerwen County Borough'."""
    generalised: Text
    """What anonymised documents say instead, e.g. 'a local authority in Wales'."""
    adjective: Text | None = None
    """What they say where the place describes a noun ('a Caerwen tenancy' → 'a Welsh tenancy'), e.g. 'Welsh'."""


THE_WORD = "word"
"""What `anonymisation.names[].means` says for a name that is the ordinary word there, not a person."""


class NameMeaning(Model):
    """The author's answer for a name several of the case's people share, or for a name that is also an English
    word where a sentence begins with it: who it means, or that it is the word."""

    name: Text
    """The name as the texts write it, e.g. 'Zofia', 'Mr Carter' or 'May'."""
    means: Identifier
    """Who it means: 'child', or the id of a family member, professional or victim who has this name; or 'word': the
    ordinary English word, not a person ('May I add …'), kept as written where a sentence begins with it."""
    fields: list[Text] = []
    """Only in these field paths and below (e.g. 'overview.analysis'); everywhere when empty."""


class JigsawRule(Model):
    """A class of detail that public documents generalise, because in combination it could identify a family."""

    what: Text
    """What it is, for the author's report, e.g. 'a time of day'."""
    pattern: Text = Field(max_length=600)
    """A regular expression (case-insensitive) that finds it."""
    becomes: Text = ""
    """What replaces it (empty: it goes); '{decade}' stands for the decade of the number found ('in their 30s')."""

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as error:
            raise ValueError(f"not a regular expression: {error}") from None
        return value


class Anonymisation(Model):
    """What the author tells anonymisation: who an ambiguous name means, which texts are not about the family."""

    names: list[NameMeaning] = []
    """Who each name shared by several people means (`docgen anonymise CASE --report` lists those to answer)."""
    keep: list[Text] = []
    """Texts that are not about the case's people, kept as written (a support service's address and number)."""
    jigsaw: list[JigsawRule] = []
    """Details this case's public documents generalise beyond those its framework profile does."""
    jigsaw_confirmed: dt.date | None = None
    """The day the author confirmed what `docgen anonymise --report` lists as generalised for public documents: a
    public document's final is not written before."""
