"""`siblings`: an adult or a parent listed among a child's siblings, in a form's field headed "Siblings’ names and
ages" (the regulator's notification). Each entry of the field is a person – a name with the relationship in
brackets, or (anonymised) the relationship's label – a comma and an age ('Jac Carter (Half-brother, maternal),
10 years'). An entry is at fault when its relationship's first clause names a parent, a partner or another adult
relation (Father, Stepmother, Mother's partner, Grandmother, Uncle, Carer, Brother-in-law, a sibling's father …),
or when the person is 18 or older and the relationship names no brother, sister or sibling. An entry whose age is
not a count of years, months, weeks or days ends the reading of the field."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .findings import ProofFinding, Reading, excerpt
from .rulebook import proof_rule

RULE = "siblings"
_FIELD = re.compile(r"Siblings[’']?\s+names\s+and\s+ages\s*")
_AGE = r"\d+ (?:years?|months?|weeks?|days?)(?: \d+ months?)?|not yet born"
_ENTRY = re.compile(rf"\s*(?P<who>[^,()\n]+?)\s*(?:\((?P<relationship>[^)]*)\))?,\s+(?P<age>{_AGE})\b")
_ADULT = re.compile(
    r"\b(?:(?:step|grand|great[- ]grand)[- ]?)?(?:father|mother|parent|dad|mum)s?\b|\bpartner\b|\bin[- ]law\b"
    r"|\b(?:uncle|aunt|carer|guardian|husband|wife|boyfriend|girlfriend|cousin)\b",
    re.IGNORECASE,
)
_SIBLING = re.compile(r"brother|sister|sibling", re.IGNORECASE)
_YEARS = re.compile(r"^(\d+) years?")


@proof_rule(RULE, "an adult or a parent listed among a child's siblings (a form's siblings' names and ages)")
def siblings(reading: Reading) -> Iterator[ProofFinding]:
    """Each entry of a siblings field whose relationship or age says it is no brother or sister."""
    for page, text in reading.pages:
        for field in _FIELD.finditer(text):
            position = field.end()
            while entry := _ENTRY.match(text, position):
                position = entry.end()
                if (why := _not_a_sibling(entry)) is not None:
                    yield ProofFinding(RULE, reading.file, page, excerpt(text, entry.start(), entry.end()), why)


def _not_a_sibling(entry: re.Match[str]) -> str | None:
    """Why an entry of the field is no brother or sister, or None when nothing says so."""
    relationship = (entry["relationship"] or entry["who"]).split(",")[0].split(";")[0]
    if _ADULT.search(relationship):
        return f"listed among the child's siblings, but “{relationship.strip()}” is no brother or sister"
    years = _YEARS.match(entry["age"])
    if years and int(years[1]) >= 18 and not _SIBLING.search(relationship):
        return "an adult listed among the child's siblings, with no brother or sister named"
    return None
