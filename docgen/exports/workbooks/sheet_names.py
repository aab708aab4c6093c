"""How a workbook writes the case's people, professionals and agencies, and how it reads them back."""

from __future__ import annotations

import re

from ...model import CHILD, Case

SHEET = "Chronology"
"""The name of the sheet holding the entries."""


def person_labels(case: Case) -> dict[str, str]:
    """The child and each family member by id: 'Siân Carter (Mother)'."""
    labels = {CHILD: f"{case.subject.full_name} (Child)"}
    labels.update({p.id: f"{p.full_name} ({p.relationship})" for p in case.family})
    return labels


def professional_labels(case: Case) -> dict[str, str]:
    """Each professional by id: 'Hannah Blyth, Social Worker (Children's Social Care)'."""
    return {p.id: f"{p.full_name}, {p.role} ({case.agency(p.agency).short_name})" for p in case.professionals}


def agency_labels(case: Case) -> dict[str, str]:
    """Each agency by id, as Appendix VI asks it written throughout: its short name ('Police')."""
    return {a.id: a.short_name for a in case.agencies}


def key(text: str) -> str:
    """Text folded for matching: case, spacing and punctuation ignored.

    >>> key("  Child/Family   Member ")
    'childfamilymember'
    """
    return re.sub(r"[\W_]+", "", text.casefold())


def lookup(labels: dict[str, str], more: dict[str, list[str]] | None = None) -> dict[str, str]:
    """Folded label, id and any other names → id; a name shared by several ids is left out (ambiguous)."""
    found: dict[str, set[str]] = {}
    for ident, label in labels.items():
        for name in (label, ident, *(more or {}).get(ident, [])):
            found.setdefault(key(name), set()).add(ident)
    return {name: next(iter(ids)) for name, ids in found.items() if len(ids) == 1}


def person_lookup(case: Case) -> dict[str, str]:
    """People by label, id, full name or first and last name."""
    people = [(CHILD, case.subject), *((p.id, p) for p in case.family)]
    names = {ident: [p.full_name, f"{p.first_name} {p.last_name}"] for ident, p in people}
    return lookup(person_labels(case), names)


def professional_lookup(case: Case) -> dict[str, str]:
    """Professionals by label, id, full name, first and last name, or 'name, role'."""
    names = {
        p.id: [p.full_name, f"{p.first_name} {p.last_name}", f"{p.full_name}, {p.role}"] for p in case.professionals
    }
    return lookup(professional_labels(case), names)


def agency_lookup(case: Case) -> dict[str, str]:
    """Agencies by short name, id or full name."""
    return lookup(agency_labels(case), {a.id: [a.name] for a in case.agencies})
