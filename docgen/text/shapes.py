"""Identifiers found by their shape in any text: postcodes, phone numbers, e-mails, NHS and NI numbers,
dates of birth, street addresses and references; and the ways a date is written.

Known misses are listed, one input a line, in tests/anonymisation/known_residual_failures.txt.

>>> [(f.kind, "Call 0121 496 0000, postcode B1 1AA, born 3 May 2019."[f.start : f.end]) for f in scan(
...     "Call 0121 496 0000, postcode B1 1AA, born 3 May 2019.")]
[('phone number', '0121 496 0000'), ('postcode', 'B1 1AA'), ('date of birth', '3 May 2019')]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

_L, _R = r"(?<![^\W_])", r"(?![^\W_])"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_DATE = (
    rf"\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})(?!\d)|\d{{4}}-\d{{1,2}}-\d{{1,2}}(?!\d)"
    rf"|\d{{1,2}}{_ORDINAL}(?: of)?\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}}{_ORDINAL},?\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{4}}|\d{{4}}(?!\d)"
)
_SUFFIX = (
    "Road|Rd|Street|St|Avenue|Ave|Close|Lane|Ln|Drive|Dr|Way|Crescent|Cres|Court|Ct|Gardens|Gdns|Place|Pl"
    "|Terrace|Grove|Hill|Park|Square|Sq|Walk|Row|Mews|View|Rise|Green|Parade|Vale|Boulevard|Approach|Wharf"
    "|Yard|Gate|Heights|Meadow|Meadows|Fields|Chase|Circus|Hollow|End|Wynd|Brow|Croft|Bank"
)
_PATTERNS = {
    "email": r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    "date of birth": (
        rf"(?i:{_L}(?:d\.?\s?o\.?\s?b{_R}\.?|date\s+of\s+birth|born(?:\s+(?:on|in))?)\s*(?:[:=-]|was|is)?\s*)"
        rf"(?P<dob_value>(?i:{_DATE}))"
    ),
    "address": (
        rf"{_L}(?:(?:Flat|Apartment|Apt|Unit|Room)\s+\d+[A-Za-z]?,?\s+)?\d{{1,3}}[A-Za-z]?,?\s+"
        rf"(?:[A-Z][\w']*(?:-[A-Z][\w']*)?\s+){{1,3}}(?:{_SUFFIX}){_R}"
    ),
    "phone number": (
        r"(?<![\w+])(?:(?:(?:\+|00)44\s?(?:\(0\)\s?)?|\(?0)\d(?:[\s-]?\)?[\s-]?\d){8,9}"
        r"|\+(?!44)\d{1,3}(?:[\s-]?\d){6,12})(?!\d)"
    ),
    "NHS number": r"(?<![\w/.-])\d{3}[\s-]?\d{3}[\s-]?\d{4}(?![\w/-])",
    "NI number": rf"{_L}[A-Z]{{2}}\s?\d{{2}}\s?\d{{2}}\s?\d{{2}}\s?[A-Z]{_R}",
    "postcode": rf"{_L}(?:[A-Z]{{1,2}}\d[A-Z\d]?\s?\d[A-Z]{{2}}|GIR\s?0AA|(?i:BFPO)\s?\d{{1,4}}){_R}",
    "reference": (
        rf"(?i:{_L}(?:ref(?:erence)?\.?|urn|crn|upn|(?:case|crime|incident|log|file|police|court|claim)\s+"
        r"(?:no\.?|number|ref(?:erence)?\.?))(?:\s+(?:no\.?|number))?\s*[:#]?\s*)"
        r"(?P<reference_value>(?=[\w/-]*\d)[A-Za-z0-9][A-Za-z0-9/-]{4,}(?![\w/-]))"
    ),
}
_GROUPS = {kind: f"k{i}" for i, kind in enumerate(_PATTERNS)}
_KINDS = {group: kind for kind, group in _GROUPS.items()}
_SCAN = re.compile("|".join(f"(?P<{_GROUPS[kind]}>{pattern})" for kind, pattern in _PATTERNS.items()))
_VALUE_GROUPS = {"date of birth": "dob_value", "reference": "reference_value"}
"""Kinds whose lead-in ('DOB', 'ref') stays: only the value is redacted."""

_REFERENCE_SHAPE = re.compile(r"(?<![\w/-])(?=[A-Z0-9/-]*\d)(?=[A-Z0-9/-]*[A-Z/])[A-Z0-9][A-Z0-9/-]{4,}(?![\w/-])")
_LONG_NUMBER = re.compile(r"(?<![\w/.-])\d{6,}(?![\w/-])")
_DATE_SHAPE = re.compile(r"\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{1,4})?")


@dataclass(frozen=True)
class Found:
    """An identifier found by its shape."""

    start: int
    end: int
    kind: str


def scan(text: str) -> Iterator[Found]:
    """Every identifier in the text, in order (for a date of birth or reference, the value only)."""
    for match in _SCAN.finditer(text):
        kind = _KINDS[match.lastgroup or ""]
        group = _VALUE_GROUPS.get(kind, match.lastgroup or "")
        yield Found(match.start(group), match.end(group), kind)


def references(text: str) -> Iterator[str]:
    """Reference numbers in a text of a person's record: after 'ref', or shaped like one ('CR/2023/0456')."""
    for found in scan(text):
        if found.kind == "reference":
            yield text[found.start : found.end]
    for match in (*_REFERENCE_SHAPE.finditer(text), *_LONG_NUMBER.finditer(text)):
        if not _DATE_SHAPE.fullmatch(match.group()):
            yield match.group()


def date_forms(date: dt.date) -> list[str]:
    """The ways a date is written: 03/05/2023, 3/5/23, 2023-05-03, 3 May 2023, 3rd of May 2023, May 3, 2023 …"""
    d, m, y = date.day, date.month, date.year
    numeric = [f"{d:02}/{m:02}/{y}", f"{d}/{m}/{y}", f"{d:02}/{m:02}/{y % 100:02}", f"{d}/{m}/{y % 100:02}"]
    numeric += [f"{d:02}.{m:02}.{y}", f"{d:02}-{m:02}-{y}", date.isoformat()]
    days = dict.fromkeys([str(d), f"{d:02}", f"{d}{_ordinal(d)}"])
    months = dict.fromkeys([date.strftime("%B"), date.strftime("%b")])
    written = [f"{day} {of}{month} {y}" for month in months for day in days for of in ("", "of ")]
    written += [f"{date:%B} {day}{comma} {y}" for day in days for comma in ("", ",")]
    return numeric + written


def _ordinal(day: int) -> str:
    return "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
