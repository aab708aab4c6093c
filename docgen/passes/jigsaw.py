"""Generalising what could identify a family in combination, for public documents: the time of an incident, the
court, a parent's medication, drugs and screening scores, the length of a sentence, an adult's exact age. The rules
are the framework profile's (`jigsaw`) and the case's own (`anonymisation.jigsaw`); each replaces what its pattern
finds."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..model.publication import JigsawRule
from ..text.dates import decade
from ..text.patterns import SENTENCE_START

_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class Generalised:
    """One detail generalised: what it is, what was found and what replaced it."""

    what: str
    found: str
    became: str


def generalise_details(
    text: str, rules: Sequence[JigsawRule], genders: Mapping[str, str] | None = None
) -> tuple[str, list[Generalised]]:
    """The text with every rule applied in turn, and what each changed. An age that follows a person's label
    ('Edith, aged 81') is theirs: 'in their 80s' becomes 'in her 80s' when `genders` (label: 'Male' or 'Female')
    knows the label's.

    >>> rule = JigsawRule(what="a time of day", pattern=r"\\s*\\bat\\s+\\d{1,2}:\\d{2}\\b")
    >>> generalise_details("She was found at 21:30 in the park.", [rule])[0]
    'She was found in the park.'
    >>> adult = r"\\baged\\s+(?:1[89]|[2-9]\\d)\\b"
    >>> age = JigsawRule(what="an adult's exact age", pattern=adult, becomes="in their {decade}")
    >>> generalise_details("her partner, aged 34, and her son, aged 9", [age])[0]
    'her partner, in their 30s, and her son, aged 9'
    >>> generalise_details("In 2026 Edith, aged 81, died.", [age], {"Edith": "Female"})[0]
    'In 2026 Edith, in her 80s, died.'
    """
    done: list[Generalised] = []
    for rule in rules:

        def replaced(match: re.Match[str], rule: JigsawRule = rule) -> str:
            became = rule.becomes
            if "{decade}" in became and (number := _NUMBER.search(match[0])):
                became = became.replace("{decade}", decade(int(number[0])))
                became = _whose(became, match.string[: match.start()], genders or {})
            if match[0][:1].isspace() and became:
                became = " " + became
            elif became and SENTENCE_START.search(match.string, 0, match.start()):
                became = became[:1].upper() + became[1:]
            done.append(Generalised(rule.what, match[0].strip(), became.strip()))
            return became

        text = re.sub(rule.pattern, replaced, text, flags=re.IGNORECASE)
    return text, done


def _whose(became: str, before: str, genders: Mapping[str, str]) -> str:
    """'in their 80s' as the age of the person whose label comes just before it ('Edith, aged 81'), where their
    gender is known; as it is otherwise."""
    for label, gender in genders.items():
        if gender in ("Male", "Female") and re.search(rf"\b{re.escape(label)}\s*[,(]?\s*$", before, re.IGNORECASE):
            return re.sub(r"\btheir\b", "his" if gender == "Male" else "her", became)
    return became
