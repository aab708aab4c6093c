"""Recommendation numbers, the action plan's rows, and the checks of sections 2.4.10–2.4.12."""

from __future__ import annotations

import re
from dataclasses import dataclass
from string import ascii_lowercase

from ..model import Agency, Recommendation
from ..model.options import TrafficLight
from ..model.recommendations import Smart
from ..text.dates import long_date
from .letters.addressing import plain_list

RAG_SHADES = {TrafficLight.RED: "f4c7c3", TrafficLight.AMBER: "fce8b2", TrafficLight.GREEN: "b7e1cd"}
"""The traffic light's cell shading (hex RGB), the same in PDF and Word; pale enough for black text."""

KEPT_WHOLE = 600
"""Characters up to which each cell of an action-plan row may run for the row to be kept on one page."""

_SHARED = ("addressee", "agreed_at_level")
_COLUMN_WORDS = {"agreed_at_level": "level it was agreed at", "by_whom": "one responsible (by whom)"}
"""How a missing column is named where its field's name would not say it."""
"""Columns a part takes from its recommendation when it leaves them empty."""
_SEVERAL_PEOPLE = re.compile(r";|&|,\s+and\s|\s/\s|\n")
"""How an addressee field names a second person: 'A, Director, and B, Head of Service'; 'A; B'; 'A & B'."""
_MODAL = r"\b(?:must|should|shall|will)\b"
_SEVERAL_TASKS = re.compile(rf"{_MODAL}[^;]*?(?:;|,\s+and\b|\band\b)[^;]*?{_MODAL}", re.IGNORECASE)
"""Two clauses that each ask for something: '… must be invited …, and must be a core group member'."""


@dataclass(frozen=True)
class ActionRow:
    """One row of the action plan: a recommendation, or one part of it, with its 2.4.14 columns."""

    number: str
    text: str
    smart: Smart

    @property
    def kept_whole(self) -> bool:
        """Whether the row is short enough to move whole to the next page rather than split: no cell holds more
        than KEPT_WHOLE characters (a cell that long, in the plan's narrow columns, could fill half a page)."""
        smart = self.smart
        cells = (self.text, smart.action, smart.by_whom, smart.outcome, smart.monitoring, self.achieved)
        return max(len(cell or "") for cell in cells) <= KEPT_WHOLE

    @property
    def achieved(self) -> str:
        """What had been achieved, as the latest progress reported says; empty before any."""
        progress = self.smart.latest_progress
        return progress.achieved or "" if progress else ""

    @property
    def assessment(self) -> str:
        """The latest traffic light in capitals, 'AMBER', or 'Not assessed'."""
        light = self._light
        return light.value.upper() if light else "Not assessed"

    @property
    def assessment_note(self) -> str:
        """The words beside the latest traffic light."""
        progress = self.smart.latest_progress
        return progress.assessment_note or "" if progress else ""

    @property
    def shade(self) -> str:
        """The assessment cell's shading (hex RGB); empty when not assessed."""
        light = self._light
        return RAG_SHADES[light] if light else ""

    @property
    def _light(self) -> TrafficLight | None:
        progress = self.smart.latest_progress
        return progress.assessment if progress else None

    @property
    def signed_off(self) -> str:
        """'Yes, 14 September 2026, by the QACR Subgroup', or 'Not yet'."""
        sign_off = self.smart.sign_off
        if not sign_off.completed:
            return "Not yet"
        when = f", {long_date(sign_off.date)}" if sign_off.date else ""
        return f"Yes{when}" + (f", by {sign_off.by}" if sign_off.by else "")


@dataclass(frozen=True)
class Numbered:
    """A recommendation with its number, and its parts numbered 1a, 1b …"""

    number: str
    recommendation: Recommendation
    parts: list[ActionRow]

    @property
    def rows(self) -> list[ActionRow]:
        """Its action-plan rows: one per part, or one for the whole recommendation."""
        return self.parts or [ActionRow(self.number, self.recommendation.text, self.recommendation)]

    @property
    def scope(self) -> str:
        """What a public summary says of whom the recommendation is for: national ones are marked as such."""
        return NATIONAL if self.recommendation.national else ""


NATIONAL = "A lesson for national as well as local policy and practice."
"""How the Executive Summary marks a recommendation with a national lesson."""


def number_recommendations(recommendations: list[Recommendation], prefix: str = "") -> list[Numbered]:
    """Number recommendations: a fixed number is kept, the others take the next free number in order.

    A prefix names whose they are ('CSC 1a'), so that an agency's numbers never clash with the report's.
    Parts take the addressee and the level of agreement of their recommendation when they give none.
    """
    taken = {r.number for r in recommendations if r.number is not None}
    numbers: list[int] = []
    candidate = 1
    for rec in recommendations:
        if rec.number is not None:
            numbers.append(rec.number)
            continue
        while candidate in taken:
            candidate += 1
        numbers.append(candidate)
        taken.add(candidate)
    numbered = []
    for number, rec in sorted(zip(numbers, recommendations, strict=True), key=lambda pair: pair[0]):
        label = f"{prefix} {number}" if prefix else str(number)
        shared = {name: getattr(rec, name) for name in _SHARED if getattr(rec, name)}
        parts = [
            ActionRow(
                f"{label}{_letter(i)}",
                part.text,
                part.model_copy(update={k: v for k, v in shared.items() if not getattr(part, k)}),
            )
            for i, part in enumerate(rec.parts)
        ]
        numbered.append(Numbered(label, rec, parts))
    return numbered


def agency_prefix(agency: Agency) -> str:
    """The agency's recommendations' prefix: the initials of a short name of several words, else the name.

    >>> from docgen.model import Contact
    >>> boss = Contact(name="A Chief")
    >>> agency_prefix(Agency(id="csc", name="Council", short_name="Children's Social Care", chief_officer=boss))
    'CSC'
    >>> agency_prefix(Agency(id="police", name="Constabulary", short_name="Police", chief_officer=boss))
    'Police'
    """
    words = agency.short_name.split()
    return "".join(word[0].upper() for word in words) if len(words) > 1 else agency.short_name


def national_lessons(numbered: list[Numbered]) -> str:
    """Which recommendations carry a lesson for national policy and practice, as a sentence; empty for none.

    >>> from docgen.model.recommendations import Recommendation
    >>> rec = Recommendation(text="Share.", national=True)
    >>> national_lessons([Numbered("2", rec, []), Numbered("6", rec, [])])
    'Recommendations 2 and 6 carry lessons for national policy and practice.'
    """
    found = [item.number for item in numbered if item.recommendation.national]
    if len(found) == 1:
        return f"Recommendation {found[0]} carries a lesson for national policy and practice."
    return f"Recommendations {plain_list(found)} carry lessons for national policy and practice." if found else ""


def prefixes_explained(agencies: list[Agency]) -> str:
    """The sentence that says which prefix numbers which agency's recommendations; a prefix that is the agency's
    name is not glossed ('Police: Police').

    >>> from docgen.model import Contact
    >>> boss = Contact(name="A Chief")
    >>> csc = Agency(id="csc", name="Council", short_name="Children's Social Care", chief_officer=boss)
    >>> police = Agency(id="police", name="Constabulary", short_name="Police", chief_officer=boss)
    >>> prefixes_explained([csc, police]).split(", so")[0]
    "Each agency's recommendations are numbered with the agency's prefix (CSC: Children's Social Care)"
    """
    glosses = [f"{prefix}: {a.short_name}" for a in agencies if (prefix := agency_prefix(a)) != a.short_name]
    listed = f" ({'; '.join(glosses)})" if glosses else ""
    return (
        f"Each agency's recommendations are numbered with the agency's prefix{listed}, so that they are not"
        " confused with the recommendations of this report."
    )


def _letter(index: int) -> str:
    """a … z, then aa, ab …"""
    return ascii_lowercase[index] if index < 26 else _letter(index // 26 - 1) + ascii_lowercase[index % 26]


def not_smart(numbered: list[Numbered]) -> list[str]:
    """'recommendation 2b: no addressee, no timescale' for every row missing a SMART column."""
    return [
        f"recommendation {row.number}: " + ", ".join(f"no {_COLUMN_WORDS.get(name, name)}" for name in missing)
        for item in numbered
        for row in item.rows
        if (missing := row.smart.missing())
    ]


def not_single(numbered: list[Numbered]) -> list[str]:
    """Rows addressed to more than one person (2.4.12) or setting more than one task (2.4.11).

    >>> from docgen.model import Recommendation
    >>> rec = Recommendation(text="Probation must attend conferences, and must join core groups.", addressee="A; B")
    >>> not_single(number_recommendations([rec]))  # doctest: +NORMALIZE_WHITESPACE
    ['recommendation 1: addressed to more than one person; address it to the one person with the authority
      to see the work done (2.4.12)',
     'recommendation 1: sets more than one task; number each task as a part (1a, 1b …) with its own
      monitoring (2.4.11)']
    """
    problems = []
    for item in numbered:
        for row in item.rows:
            if row.smart.addressee and _SEVERAL_PEOPLE.search(row.smart.addressee.strip()):
                problems.append(
                    f"recommendation {row.number}: addressed to more than one person; address it to the one "
                    "person with the authority to see the work done (2.4.12)"
                )
            if _SEVERAL_TASKS.search(row.text):
                split = (
                    "make each task a part of its own"
                    if item.parts
                    else f"number each task as a part ({row.number}a, {row.number}b …)"
                )
                problems.append(
                    f"recommendation {row.number}: sets more than one task; {split} with its own monitoring (2.4.11)"
                )
    return problems
