"""Recommendation numbers and the action plan's rows."""

from __future__ import annotations

from dataclasses import dataclass
from string import ascii_lowercase

from ..model import Recommendation
from ..model.recommendations import Smart


@dataclass(frozen=True)
class ActionRow:
    """One row of the action plan: a recommendation, or one part of it, with its SMART columns."""

    number: str
    text: str
    smart: Smart


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


def number_recommendations(recommendations: list[Recommendation]) -> list[Numbered]:
    """Number recommendations: a fixed number is kept, the others take the next free number in order."""
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
        parts = [ActionRow(f"{number}{_letter(i)}", part.text, part) for i, part in enumerate(rec.parts)]
        numbered.append(Numbered(str(number), rec, parts))
    return numbered


def _letter(index: int) -> str:
    """a … z, then aa, ab …"""
    return ascii_lowercase[index] if index < 26 else _letter(index // 26 - 1) + ascii_lowercase[index % 26]


def not_smart(numbered: list[Numbered]) -> list[str]:
    """'recommendation 2b: no addressee, no timescale' for every row missing a SMART column."""
    return [
        f"recommendation {row.number}: " + ", ".join(f"no {name.replace('_', ' ')}" for name in missing)
        for item in numbered
        for row in item.rows
        if (missing := row.smart.missing())
    ]
