"""Building blocks shared by every part of the case model."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from ..limits import EARLIEST_DATE, LATEST_DATE, MAX_TEXT_CHARS

_XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BIDI_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
"""Embeddings, overrides and isolates: one field's could reverse the rest of the line it is printed in."""


def visible_controls(text: str) -> str:
    """Replace characters XML 1.0 forbids: C0 controls by their visible control pictures (␇),
    lone surrogates and U+FFFE/U+FFFF by U+FFFD; remove the bidirectional embedding, override and isolate
    controls (right-to-left text needs none: its letters are laid out right to left by themselves).

    >>> visible_controls("a\x07b\u202ecba")
    'a␇bcba'
    """
    return _BIDI_CONTROLS.sub(
        "", _XML_FORBIDDEN.sub(lambda m: chr(0x2400 + ord(m[0])) if m[0] < " " else "\ufffd", text)
    )


Text = Annotated[str, AfterValidator(visible_controls), Field(max_length=MAX_TEXT_CHARS)]
"""A string from the case file; control characters become visible pictures (␇)."""

Markdown = Annotated[
    str, AfterValidator(visible_controls), Field(max_length=MAX_TEXT_CHARS, json_schema_extra={"format": "markdown"})
]
"""A narrative written in Markdown by an author."""

CHILD = "child"
"""The identifier by which records refer to the subject child."""

Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", min_length=1, max_length=60)]
"""A short key (lower case letters, digits, - and _) by which other parts of the case refer to a record."""


_PLAUSIBLE = f"from {EARLIEST_DATE:%Y} to {LATEST_DATE:%Y} (YYYY-MM-DD)"


class Model(BaseModel):
    """Base of every case record: unknown fields are errors, values are immutable, dates are plausible."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        use_attribute_docstrings=True,
        populate_by_name=True,
    )

    @field_validator("*", mode="after")
    @classmethod
    def _plausible_dates(cls, value: Any) -> Any:
        """Every date of a field (a date, or a date in its mapping) from EARLIEST_DATE to LATEST_DATE."""
        if isinstance(value, dt.date):
            if not EARLIEST_DATE <= value <= LATEST_DATE:
                raise ValueError(f"not a date docgen accepts: give a date {_PLAUSIBLE}")
        elif isinstance(value, dict):
            for key, day in value.items():
                if isinstance(day, dt.date) and not EARLIEST_DATE <= day <= LATEST_DATE:
                    raise ValueError(f"the date of {key!r} is not one docgen accepts: give a date {_PLAUSIBLE}")
        return value


class Address(Model):
    """A postal address."""

    lines: list[Text] = Field(min_length=1)
    """Street lines, house name or number first."""
    town: Text | None = None
    """Post town."""
    postcode: Text | None = None
    """UK postcode."""

    def one_line(self) -> str:
        """The address on a single line, comma separated."""
        return ", ".join([*self.lines, *(p for p in (self.town, self.postcode) if p)])


class Contact(Model):
    """A named person who can be written to or telephoned."""

    name: Text
    """Full name as it should appear in a letter."""
    post: Text | None = None
    """Job title or role, e.g. 'Chief Executive'."""
    organisation: Text | None = None
    """Organisation the person works for."""
    address: Address | None = None
    """Postal address."""
    phone: Text | None = None
    """Telephone number."""
    email: Text | None = None
    """E-mail address."""


class Meeting(Model):
    """A meeting with a date, and where known a time and a venue."""

    date: dt.date
    """Date of the meeting."""
    time: Text | None = None
    """Time of the meeting as it should be printed, e.g. '1.30pm – 4.00pm'."""
    venue: Text | None = None
    """Where the meeting takes place."""


class Version(Model):
    """An earlier version of a report, as its version history lists it."""

    version: Text
    """Version number, e.g. '1'."""
    dated: dt.date
    """Date of that version."""
    note: Text | None = None
    """What the version was, e.g. 'First draft, presented to the Serious Case Review Panel'."""


class Approval(Model):
    """The board's approval of a report; a report without one is a draft."""

    version: Text = "1"
    """Version of the report, printed in the footer ('Draft v2 – …')."""
    dated: dt.date | None = None
    """Date of this version."""
    approved_on: dt.date | None = None
    """Date the board approved the report; empty while it is a draft."""
    approved_by: Text | None = None
    """Who approved it, e.g. 'Board meeting of 12 March 2026'."""
    note: Text | None = None
    """What this version is, e.g. 'Revised after the panel's comments'; printed in the version history."""
    history: list[Version] = []
    """Earlier versions, oldest first, for the version history."""
    fingerprint: dict[Text, Text] = {}
    """A digest of each field the report read when it was approved, by field path (`docgen approve` writes it): a
    later change to one of them refuses a reprint of this version."""

    @property
    def is_approved(self) -> bool:
        """True once the board has approved the report."""
        return self.approved_on is not None

    @property
    def first_dated(self) -> dt.date | None:
        """The date of the report's first version (its first draft, which the review timetable records): the oldest
        in its history, else this version's."""
        return min([v.dated for v in self.history] + ([self.dated] if self.dated else []), default=None)


def unknown(path: str, value: str, known: set[str], what: str) -> Iterable[str]:
    """The problem of a reference to something the case does not hold, naming what it does hold.

    >>> list(unknown("imrs.pol", "pol", {"police"}, "agency"))
    ["imrs.pol: unknown agency 'pol' (known: police)"]
    """
    if value not in known:
        yield f"{path}: unknown {what} '{value}' (known: {', '.join(sorted(known)) or 'none'})"
