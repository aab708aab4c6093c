"""Who a case's people are and the label each gets, deterministic (from the model and its order only):

- the child: `anonymous_name`, else 'Child' and a letter that is no real initial of the case (not Q or Z);
- family members: their `anonymous_name`, else their relationship up to the first '(', ',' or ';'
  ('Half-brother (maternal)' → 'Half-brother'), numbered in model order only when several share it; a
  relationship that names a person ('Father of Jac') gives 'Family member' instead;
- professionals: their role, always numbered per role in model order ('Health Visitor 1'); a role that
  names a person gives 'Professional';
- victims: 'Victim 1', 'Victim 2' …; a victim who is a family member (`family_member`) has that person's label;
A person whose record already holds nothing but their label (an anonymised case) keeps it. A label that would
hold a real name part, or that two people would share, is a problem of the case data (`label_problems`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from ..errors import CaseError, Problem
from ..text.dates import whole_years
from ..text.folding import key
from ..text.labels import (
    by_their_label,
    label_base,
    label_shape,
    label_words,
    numbered_labels,
    role_words,
    whose_relative,
)
from ..text.spellings import name_tokens
from .case import Case
from .people import Named


@dataclass(frozen=True)
class Person:
    """One of the case's people, with their label and the parts of their name."""

    path: str
    """Field path: 'subject', 'family[0]', 'professionals[3]', 'victims[0]'."""
    label: str
    family: bool
    """The child or a family member (a name they share becomes 'the family')."""
    gender: str | None
    labelled: bool
    """The record already holds nothing but the label: there is no real name to find."""
    title: str = ""
    first: str = ""
    middles: tuple[str, ...] = ()
    last: str = ""
    known_as: tuple[str, ...] = ()
    other_names: tuple[str, ...] = ()
    same_as: str | None = None
    """The path of the family member this record also is (a victim who is one of the family)."""
    child: bool = False
    """Under 16 on the case's day (its incident, else its referral): never 'Mr', 'Mrs' or 'Ms'."""

    @property
    def identity(self) -> str:
        """Who the person is: two records of one person (a victim who is a family member) share it."""
        return self.same_as or self.path

    @property
    def owner(self) -> str:
        """'family[2] (Mother)': how messages name this person without their name."""
        return f"{self.path} ({self.label})" if self.label else self.path

    def tokens(self) -> list[tuple[str, str]]:
        """(which name, part) for every name part of two letters or more."""
        if self.labelled:
            return []
        fields = [
            ("first name", [self.first]),
            ("middle name", self.middles),
            ("last name", [self.last]),
            ("known-as name", self.known_as),
            ("other name", self.other_names),
        ]
        return name_tokens(fields)


def labels(case: Case) -> dict[str, str]:
    """The label of each person by field path, deterministic (model order only)."""
    return {person.path: person.label for person in people(case)}


def people(case: Case) -> list[Person]:
    """Every person of the case, in model order, with their label; CaseError when the labels cannot be used."""
    found, problems = _labelled(case)
    if problems:
        raise CaseError(f"the case {case.review.reference}", problems)
    return found


def label_problems(case: Case) -> list[Problem]:
    """Labels that would hold a real name part, or that two people would share: problems of the case data."""
    return _labelled(case)[1]


def _labelled(case: Case) -> tuple[list[Person], list[Problem]]:
    bare = _bare_people(case)
    owners = token_owners(bare)
    found = {"subject": _child_label(case, bare[0], owners)}
    groups = (
        ("family", [m.relationship for m in case.family], False, "Family member"),
        ("professionals", [p.role for p in case.professionals], True, "Professional"),
    )
    for group, texts, always, fallback in groups:
        bases = {f"{group}[{i}]": label_base(text, owners, fallback) for i, text in enumerate(texts)}
        found.update(numbered_labels(bases, always))
    relationships = {f"family[{i}]": m.relationship for i, m in enumerate(case.family)}
    identity = {p.path: p.identity for p in bare}
    people_named = {name: {identity[p] for p in paths} for name, paths in owners.items()}
    found.update(whose_relative(by_their_label(found, relationships, people_named), _parents(case)))
    found.update({f"family[{i}]": m.anonymous_name for i, m in enumerate(case.family) if m.anonymous_name})
    found.update({p.path: found[p.same_as] if p.same_as else p.label for p in bare if p.path.startswith("victims")})
    result = [replace(p, label=p.first if p.labelled else found[p.path]) for p in bare]
    return result, list(_label_problems(result, owners))


def _parents(case: Case) -> dict[str, list[str]]:
    """The paths of each family member's and the child's parents, by path."""
    paths = {member.id: f"family[{i}]" for i, member in enumerate(case.family)}
    of = {"subject": case.subject.parents, **{f"family[{i}]": m.parents for i, m in enumerate(case.family)}}
    return {person: [paths[p] for p in parents if p in paths] for person, parents in of.items()}


def _bare_people(case: Case) -> list[Person]:
    """The people with their names, not yet labelled; `labelled` is set from each record's own shape."""
    child = case.subject
    anonymous = re.escape(child.anonymous_name) if child.anonymous_name else r"Child(?: [A-Z])?"
    on = _case_day(case)
    young = _under_16(child.date_of_birth, on)
    found = [replace(_named("subject", child, True, child.gender, anonymous), child=young is not False)]
    for i, member in enumerate(case.family):
        shape = label_shape(member.relationship)
        if member.anonymous_name:
            shape = rf"{re.escape(member.anonymous_name)}|{shape}"
        named = _named(f"family[{i}]", member, True, member.gender, shape)
        found.append(replace(named, child=_under_16(member.date_of_birth, on) is True))
    for i, pro in enumerate(case.professionals):
        shape = rf"(?:{re.escape(role_words(pro.role))}|Professional) \d+"
        found.append(_named(f"professionals[{i}]", pro, False, None, shape))
    members = {member.id: f"family[{i}]" for i, member in enumerate(case.family)}
    numbers = iter(range(1, len(case.victims) + 1))
    for i, victim in enumerate(case.victims):
        same_as = members.get(victim.family_member or "")
        label = "" if same_as else f"Victim {next(numbers)}"
        named = _named(f"victims[{i}]", victim, False, None, r"Victim \d+")
        found.append(replace(named, label=label, same_as=same_as))
    return found


def _case_day(case: Case) -> dt.date | None:
    """The day the case's people's ages are taken at: its incident's, else its referral's."""
    if case.incident is not None and case.incident.date is not None:
        return case.incident.date
    return case.referral.date if case.referral is not None else None


def _under_16(born: dt.date | None, on: dt.date | None) -> bool | None:
    """Whether someone born that day is under 16 on `on`; None when either is unknown."""
    if born is None or on is None:
        return None
    return whole_years(born, on) < 16


def _named(path: str, named: Named, family: bool, gender: object, shape: str) -> Person:
    bare = not (named.title or named.middle_names or named.last_name or named.known_as or named.other_names)
    return Person(
        path,
        "",
        family,
        str(gender) if gender else None,
        bare and re.fullmatch(shape, named.first_name, re.IGNORECASE) is not None,
        named.title or "",
        named.first_name,
        tuple(named.middle_names),
        named.last_name,
        tuple(named.known_as),
        tuple(named.other_names),
    )


def token_owners(found: Iterable[Person]) -> dict[str, set[str]]:
    """Each real name part (its key) and the paths of the people it belongs to."""
    owners: dict[str, set[str]] = {}
    for person in found:
        for _, token in person.tokens():
            owners.setdefault(key(token), set()).add(person.path)
    return owners


def _child_label(case: Case, child: Person, owners: dict[str, set[str]]) -> str:
    """The anonymous first name, else 'Child' and a letter that is no real initial (nor Q or Z)."""
    if case.subject.anonymous_name:
        return case.subject.anonymous_name
    if child.labelled:
        return child.first
    initials = {token[0].upper() for token in owners}
    letter = next((c for c in "ABCDEFGHIJKLMNOPRSTUVWXY" if c not in initials), None)
    return f"Child {letter}" if letter else "Child"


def _label_problems(found: list[Person], owners: dict[str, set[str]]) -> Iterator[Problem]:
    """A label holding a real name part, or one label for two people, at the field the label comes from
    (never the value: it would be a name)."""
    seen: dict[str, str] = {}
    for person in found:
        where, hint = _label_source(person)
        clash = next((k for _, k in label_words(person.label) if k in owners), None)
        if clash and not person.labelled:
            names = ", ".join(sorted(owners[clash]))
            yield Problem(where, f"the label of {person.path} would contain a name of {names}: {hint}")
        other = seen.get(person.label.casefold())
        if other is not None and other != person.identity:
            yield Problem(where, f"{other} and {person.path} would share one label: {hint}")
        seen[person.label.casefold()] = person.identity


def _label_source(person: Person) -> tuple[str, str]:
    """The field a person's label comes from, and what to do about it."""
    if person.path == "subject":
        return "subject.anonymous_name", "choose another anonymous name"
    field = {"family": "relationship", "professionals": "role"}.get(person.path.split("[")[0])
    return (f"{person.path}.{field}", f"write the {field} otherwise") if field else (person.path, "rename it")
